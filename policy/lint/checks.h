// File: policy/lint/checks.h (internal to policy/lint)
//
// The lint checks beyond the parser's grammar rules, one function per family
// of rules, each in a file named after the family. A check reads one
// compiled, error-free policy and adds findings located at the offending
// element (a value at its own pointer, a condition at
// /Statement/N/Condition/OPERATOR/KEY, a statement-level risk at
// /Statement/N, a rule across statements at the later statement).
//
// Lifetimes: a LintTarget refers to the policy, its store, the catalog and
// the options, all owned by LintText for the duration of the checks;
// Findings appends to a vector the caller owns. Thread-safety: the checks
// are reentrant (LintText runs on several threads at once); each call uses
// its own LintTarget and Findings.
#ifndef IAMSIM_POLICY_LINT_CHECKS_H_
#define IAMSIM_POLICY_LINT_CHECKS_H_

#include <string>
#include <vector>

#include "policy/catalog/catalog.h"
#include "policy/compile/policy_store.h"
#include "policy/diagnostics/diagnostic.h"
#include "policy/lint/lint.h"

namespace iamsim {

// One policy to lint, with what is known of its context.
struct LintTarget {
  const CompiledPolicy& policy;
  const PolicyStore& store;  // Holds `policy` (and the file's other policies).
  PolicyType type;
  std::string resource_type;     // CloudFormation type, "" unknown.
  std::string resource_account;  // "" unknown.
  std::string resource_arn;      // "" unknown.
  const Catalog& catalog;
  const LintOptions& options;

  const PolicyDocument& document() const { return policy.document(); }
};

// Collects findings for one policy document.
class Findings {
 public:
  Findings(const PolicyDocument& document, std::vector<Diagnostic>* out)
      : document_(document), out_(out) {}
  // A finding of `rule` (its registry severity) at `at`, an element of the document.
  Diagnostic& Add(Rule rule, const ElementLocation& at, std::string message);

 private:
  const PolicyDocument& document_;
  std::vector<Diagnostic>* out_;
};

// For messages: "a, b, c and 2 more" (the first `shown` items).
std::string ListSome(const std::vector<std::string>& items, size_t shown = 4);

// unknown-service, unknown-action, resource-mismatch, mismatched-assume-action,
// old-version-variables.
void CheckActionsAndResources(const LintTarget& target, Findings* findings);
// condition-type-mismatch, condition-key-not-applicable,
// wildcard-without-like, forallvalues-single-valued, missing-set-qualifier,
// private-ip-condition, duplicate-condition-key.
void CheckConditions(const LintTarget& target, Findings* findings);
// admin-access, service-wildcard, notaction-allow, notresource-allow,
// passrole-wildcard, privilege-escalation, data-exfiltration,
// resource-exposure, credentials-exposure.
void CheckOverreach(const LintTarget& target, Findings* findings);
// public-access, cross-account-access, confused-deputy,
// lambda-function-url-public, and CheckPrincipalElements.
// (notprincipal-allow is the parser's: policy/parse/policy_type_rules.cc.)
void CheckExposure(const LintTarget& target, Findings* findings);
// deny-notprincipal, oidc-missing-condition.
void CheckPrincipalElements(const LintTarget& target, Findings* findings);
// redundant-statement, redundant-action, unreachable-statement.
void CheckLogic(const LintTarget& target, Findings* findings);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_LINT_CHECKS_H_
