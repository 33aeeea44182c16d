// File: policy/simulation/aws_request.h
//
// An `aws iam simulate-custom-policy --cli-input-json` request: identity
// policies and the resource policy as JSON strings (PolicyInputList,
// PermissionsBoundaryPolicyInputList, ResourcePolicy), ActionNames,
// ResourceArns (default "*"), ResourceOwner, CallerArn and ContextEntries
// with AWS's type names (string, stringList, numeric, ..., dateList).
// Policies keep AWS's names ("PolicyInputList.1"); their positions are
// within each policy string, as AWS reports them (but exact).
#ifndef IAMSIM_POLICY_SIMULATION_AWS_REQUEST_H_
#define IAMSIM_POLICY_SIMULATION_AWS_REQUEST_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "policy/compile/decision_graph.h"
#include "policy/evaluate/decision.h"
#include "policy/evaluate/request.h"
#include "policy/json/diagnostic.h"

namespace iamsim {

struct AwsSimulation {
  std::string source;
  std::vector<std::string> actions;
  std::vector<std::string> resources;  // ["*"] when the request gives none.
  std::string caller;
  bool caller_known = true;  // False: no CallerArn; `caller` is a stand-in with no principal keys.
  std::string resource_account;
  RequestContext context;
  std::shared_ptr<const DecisionGraph> graph;

  Request request(size_t action, size_t resource) const {
    return Request{caller,           actions[action], resources[resource],
                   resource_account, &context,        caller_known};
  }
};

struct AwsRequestLoadResult {
  std::optional<AwsSimulation> simulation;
  std::vector<Diagnostic> diagnostics;
};

AwsRequestLoadResult LoadAwsRequest(absl::string_view text, absl::string_view source);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_SIMULATION_AWS_REQUEST_H_
