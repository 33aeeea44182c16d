// File: policy/world/paths.h
//
// paths: every way a Lambda function (each of its qualifiers) can be
// invoked in a world, each with its decision and why.
//
//   caller                direct lambda:InvokeFunction by a principal (who-can, services aside)
//   function-url          a function URL: its auth type, public or not, its IAM callers
//   api-gateway           an API Gateway method or route integrating with the function:
//                         without integration credentials the function policy must admit
//                         apigateway.amazonaws.com for the route's source ARN; with a
//                         credentials role, that role needs lambda:InvokeFunction
//   service               an AWS service the function policy admits, with its
//                         aws:SourceArn / aws:SourceAccount pins (unpinned: a warning)
//   event-source-mapping  a poller reading a queue or stream with the execution role,
//                         which needs the source's read actions
//   destination           asynchronous destinations and the dead-letter target, written
//                         to with the execution role
//
// Thread-safety: reads the World only.
#ifndef IAMSIM_POLICY_WORLD_PATHS_H_
#define IAMSIM_POLICY_WORLD_PATHS_H_

#include <optional>
#include <string>
#include <vector>

#include "policy/world/who_can.h"
#include "policy/world/world.h"

namespace iamsim {

enum class PathKind { kCaller, kFunctionUrl, kApiGateway, kService, kEventSourceMapping,
                      kDestination };
// "caller", "function-url", "api-gateway", "service", "event-source-mapping", "destination".
absl::string_view PathKindName(PathKind kind);

struct InvocationPath {
  PathKind kind = PathKind::kCaller;
  std::string qualifier;  // The function version or alias invoked; "" unqualified.
  bool allowed = false;
  std::vector<std::string> because;   // The deciding statements, or why it is denied.
  std::vector<std::string> warnings;  // e.g. a service admitted without a source pin.
  std::vector<Diagnostic> errors;     // A document this path needs is missing or malformed.

  // caller
  std::optional<WhoCanEntry> caller;
  // function-url
  std::string auth_type;
  bool is_public = false;
  std::vector<WhoCanEntry> url_callers;
  // api-gateway
  const ApiRoute* route = nullptr;
  // service
  std::string service, source_arn, source_account;  // "" when not pinned.
  bool pinned = false;
  std::vector<ResidualTerm> conditions;  // caller and service: the residual conditions.
  // event-source-mapping
  const EventSourceMapping* mapping = nullptr;
  std::string execution_role;
  std::vector<std::string> missing_actions;  // Also destination.
  // destination
  std::string on;  // "success", "failure", "dead-letter".
  std::string target;
};

// The paths of `function`; only those of `qualifier` when it is given
// (FUNCTION:QUALIFIER), else of every qualifier the world knows.
std::vector<InvocationPath> Paths(const World& world, const WorldFunction& function,
                                  const std::optional<std::string>& qualifier);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_WORLD_PATHS_H_
