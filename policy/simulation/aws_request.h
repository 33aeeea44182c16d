// File: policy/simulation/aws_request.h
//
// An `aws iam simulate-custom-policy --cli-input-json` request: identity
// policies and the resource policy as JSON strings (PolicyInputList,
// PermissionsBoundaryPolicyInputList, ResourcePolicy), ActionNames,
// ResourceArns (default "*"), ResourceOwner, CallerArn and ContextEntries
// with AWS's type names (string, stringList, numeric, ..., dateList).
// Policies keep AWS's names ("PolicyInputList.1"). Positions of everything in
// a policy string are positions in the request file (mapped through the
// string's escapes); AWS's own output, which counts within each policy
// string, is what --format aws prints (policyLine/policyColumn).
#ifndef IAMSIM_POLICY_SIMULATION_AWS_REQUEST_H_
#define IAMSIM_POLICY_SIMULATION_AWS_REQUEST_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "policy/compile/assembly.h"
#include "policy/diagnostics/diagnostic.h"
#include "policy/evaluate/decision.h"
#include "policy/evaluate/request.h"
#include "policy/simulation/simulation.h"

namespace iamsim {

struct AwsSimulation {
  std::string source;
  std::vector<std::string> actions;
  std::vector<std::string> resources;  // ["*"] when the request gives none.
  std::string caller;
  bool caller_known = true;  // False: no CallerArn; `caller` is a stand-in with no principal keys.
  std::string resource_account;
  RequestContext context;
  PolicySlots policies;

  Request request(size_t action, size_t resource) const {
    Request r{caller, actions[action], resources[resource], resource_account, &context};
    r.derive_principal_keys = caller_known;
    return r;
  }
  Assembly assembly() const { return policies.assembly(); }
  // The span of a statement within its own policy string (AWS's simulator
  // counts lines and columns there), by policy id.
  SourceSpan SpanInPolicyString(PolicyId policy, size_t statement) const;
  std::vector<std::string> policy_texts;  // Decoded policy strings, by policy id.
};

struct AwsRequestLoadResult {
  std::optional<AwsSimulation> simulation;  // Present iff no error.
  std::vector<Diagnostic> diagnostics;
  // False when the text is not a simulate-custom-policy request at all (not
  // JSON, not an object, no ActionNames).
  bool recognized = true;
};

AwsRequestLoadResult LoadAwsRequest(absl::string_view text, absl::string_view source);
AwsRequestLoadResult LoadAwsRequest(const SourceText& file);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_SIMULATION_AWS_REQUEST_H_
