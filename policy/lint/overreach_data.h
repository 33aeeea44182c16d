// File: policy/lint/overreach_data.h (internal to policy/lint)
//
// The action lists behind four overreach rules, read from the JSON files of
// policy/lint/data, which name their sources (Rhino Security Labs, Bishop
// Fox's iam-vulnerable, pathfinding.cloud, Cloudsplaining):
//   escalation.json            privilege-escalation: combinations of actions,
//                              each action with the resource scope that
//                              enables it, and the service iam:PassRole
//                              hands the role to
//   data-exfiltration.json     data-exfiltration
//   resource-exposure.json     resource-exposure
//   credentials-exposure.json  credentials-exposure
//
// The build embeds the files as they are (genrule //policy:lint_overreach_data
// wraps each in a raw string literal), so the reviewed JSON stays the only
// copy of the lists; they are parsed once, on first use.
//
//   const absl::StatusOr<OverreachData>& data = EmbeddedOverreachData();
//   if (data.ok()) for (const EscalationCombination& c : data->escalations) ...
//
// Thread-safety: EmbeddedOverreachData() is safe to call from any thread;
// the tables it returns are immutable and live for the whole program.
#ifndef IAMSIM_POLICY_LINT_OVERREACH_DATA_H_
#define IAMSIM_POLICY_LINT_OVERREACH_DATA_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace iamsim {

// Which resources of an action count for a combination (escalation.json,
// "scopes"): see Reached in grant_scope.h for how a statement's
// resources are classified.
enum class EscalationScope {
  kOpen,        // "*", NotResource, or a wildcard in the ARN's resource part.
  kOpenOrSelf,  // kOpen, or a policy variable in the resource part (the caller itself).
  kAny,         // Any resource the action can act on (it creates what it touches).
};

struct EscalationStep {
  std::string action;  // "iam:PassRole", as the file spells it.
  EscalationScope scope = EscalationScope::kOpen;
};

struct EscalationCombination {
  std::string name;  // "PassRoleToNewLambdaThenInvoke"
  std::vector<EscalationStep> steps;
  // The service iam:PassRole must be allowed to pass the role to
  // ("lambda.amazonaws.com"), "" when the combination does not pass a role.
  std::string passed_to_service;
  std::string source;  // Where the path is described.
};

struct OverreachData {
  std::vector<EscalationCombination> escalations;  // In file order.
  std::vector<std::string> data_exfiltration;
  std::vector<std::string> resource_exposure;
  std::vector<std::string> credentials_exposure;
};

// Reads the four files' text. InvalidArgument naming the file and the
// problem (not JSON, a missing or mistyped field, an unknown scope, an
// action without a scope).
absl::StatusOr<OverreachData> ParseOverreachData(absl::string_view escalation_json,
                                                 absl::string_view data_exfiltration_json,
                                                 absl::string_view resource_exposure_json,
                                                 absl::string_view credentials_exposure_json);

// The files embedded at build time, parsed once. An error here is a defect
// of the build (check_overreach_test asserts that it does not happen); the
// linter then skips the four data-driven rules rather than stop.
const absl::StatusOr<OverreachData>& EmbeddedOverreachData();

}  // namespace iamsim

#endif  // IAMSIM_POLICY_LINT_OVERREACH_DATA_H_
