// File: policy/lint/custom_checks.h
//
// The offline custom checks of `iamsim lint --check` (what IAM Access
// Analyzer's CheckNoNewAccess, CheckAccessNotGranted and CheckNoPublicAccess
// do online, for a fee):
//
//   no-new-access         FAIL when the new policy allows a request the
//                         reference policy does not.
//   access-not-granted    FAIL when the policy allows one of the given actions
//                         (wildcards allowed: "s3:Delete*") on one of the given
//                         resources (any resource when none is given).
//   no-public-access      FAIL when the policy, as the resource policy of
//                         options.resource_type, allows anonymous callers or
//                         a principal of an unknown account something.
//
// Every answer is the evaluator's (policy/evaluate), asked over witness
// requests — nothing is decided by reading JSON: every catalog action the
// policies match (wildcards and NotAction expanded through the service
// catalog, actions that no policy tells apart asked once) × a concrete ARN for
// each resource pattern that fits the action (wildcards replaced by a
// concrete name) and one of the action's own resource type × representative
// principals × request contexts built from the boundary values of the
// conditions that apply (policy/conditions/witness.h). A FAIL names the
// statements that allow the witness and shows one witness request.
//
// Representative principals: identity-side policies (identity, boundary,
// session, SCP, RCP) are held by a role of the resource's account;
// resource and trust policies are asked about anonymous callers, a role of an
// account the policy does not name, a role of another organization, and the
// principals and services the policies name (in Principal or in
// aws:PrincipalArn/aws:PrincipalAccount conditions). For no-public-access
// only the first three are asked, and they cannot choose the keys that say
// who and where they are (aws:PrincipalOrgID, aws:SourceAccount,
// aws:SourceArn, aws:SourceIp, aws:SourceVpce, ...).
//
// Limits: OIDC/SAML provider ARNs and canonical users cannot be request
// principals, so statements naming only them are not asked about (a warning
// says so). The question budget is bounded (kMaxCustomCheckQuestions); a
// search that runs out of it before deciding fails closed (FAIL, `exhausted`).
//
// Thread-safety: the functions are reentrant.
#ifndef IAMSIM_POLICY_LINT_CUSTOM_CHECKS_H_
#define IAMSIM_POLICY_LINT_CUSTOM_CHECKS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "policy/diagnostics/diagnostic.h"
#include "policy/diagnostics/location.h"
#include "policy/lint/lint.h"

namespace iamsim {

// The most evaluator questions one check asks (a few tens of thousands: well
// under a second).
inline constexpr size_t kMaxCustomCheckQuestions = 40000;

struct CustomCheckReason {
  std::string description;
  int statement_index = -1;
  std::string sid;
  Location location;
};

struct CustomCheckResult {
  bool pass = true;
  std::vector<CustomCheckReason> reasons;  // Empty when pass.
  // FAIL: one request (principal, action, resource, context) that shows it,
  // as one line of text (a JSON object).
  std::string witness;
  bool exhausted = false;  // FAIL because the question budget ran out undecided.
  size_t questions = 0;    // Evaluator questions asked.
};

struct CustomCheckOutcome {
  std::vector<Diagnostic> diagnostics;      // Parse/compile problems of the inputs (located).
  std::optional<CustomCheckResult> result;  // Absent when an input has errors.
};

// Each input: file name (for locations) and its text, a bare policy document;
// its type from options.policy_type or inferred (InferPolicyType in lint.h).
CustomCheckOutcome CheckNoNewAccess(absl::string_view reference_file,
                                    absl::string_view reference_text, absl::string_view file,
                                    absl::string_view text, const LintOptions& options);
CustomCheckOutcome CheckAccessNotGranted(absl::string_view file, absl::string_view text,
                                         const std::vector<std::string>& actions,
                                         const std::vector<std::string>& resources,
                                         const LintOptions& options);
// options.resource_type is the CloudFormation type.
CustomCheckOutcome CheckNoPublicAccess(absl::string_view file, absl::string_view text,
                                       const LintOptions& options);

// {"result": "PASS"|"FAIL", "reasons": [{"description", "statementIndex", "sid"}],
//  "witness": ...} (witness only on FAIL).
std::string CustomCheckJson(const CustomCheckResult& result);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_LINT_CUSTOM_CHECKS_H_
