// File: policy/lint/lint.h
//
// The policy linter's façade (`iamsim lint`): every policy a file holds,
// linted with its right type, with findings located in the file the user
// wrote (file, line:column, the document's pointer in the file and the
// element's pointer in the document).
//
// A file's kind is recognized by its content: a bare policy document; `aws
// lambda get-policy` output; an `aws iam get-account-authorization-details`
// dump (default versions only; AWS-managed policies only when asked; a
// policy used as a boundary linted as one); a CloudFormation template
// (JSON or YAML); `terraform show -json` output. A file of no known kind is
// reported as not recognized (a note for the caller, not a finding).
//
// Rules (policy/diagnostics/rules.inc, docs/rules.md): the parser's grammar
// rules, the compiler's invalid condition values, and the lint checks of
// policy/lint/checks.h. Exposure rules ask the evaluator what representative
// outside principals could do.
//
// Thread-safety: LintText is reentrant; `iamsim lint` calls it on several
// threads at once. Lifetimes: `options.catalog`, when set, must outlive the
// call; Catalog::SelectDefault must not run while a LintText is in flight.
// A report with recognized == false holds no findings of rules, only (for a
// JSON file whose root is not an object) the json-type error that says so.
#ifndef IAMSIM_POLICY_LINT_LINT_H_
#define IAMSIM_POLICY_LINT_LINT_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "policy/catalog/catalog.h"
#include "policy/diagnostics/diagnostic.h"
#include "policy/parse/policy_type.h"

namespace iamsim {

struct LintOptions {
  std::optional<PolicyType> policy_type;  // --policy-type; nullopt: inferred per document.
  std::string resource_type;              // --resource-type (a CloudFormation type), "" unknown.
  std::string resource_account;           // --resource-account, "" unknown.
  bool include_aws_managed = false;       // Dumps: lint AWS-managed policies too.
  const Catalog* catalog = nullptr;       // Null: Catalog::Default().
  // Accounts and organizations that count as "ours" for exposure rules.
  std::vector<std::string> trusted_accounts;
  std::vector<std::string> trusted_organizations;
};

struct LintReport {
  std::vector<Diagnostic> findings;  // By position.
  // The Sid of the statement each finding is in (parallel to `findings`;
  // "" outside a statement or without a Sid), for suppressions by Sid.
  std::vector<std::string> sids;
  bool recognized = true;  // False: not a kind of file the linter reads.
  std::string kind;        // "policy", "get-policy", "account-dump", "cloudformation", ...
  size_t policies = 0;     // Policies linted.
};

LintReport LintText(absl::string_view file, absl::string_view text, const LintOptions& options);

// The policy type of a resource policy owned by a CloudFormation resource
// type (AWS::S3::Bucket -> resource, AWS::IAM::AssumeRolePolicyDocument ->
// trust); nullopt for a type iamsim does not know.
std::optional<PolicyType> PolicyTypeOfResourceType(absl::string_view cloudformation_type);
// The resource types --resource-type accepts, for --help and the README.
const std::vector<absl::string_view>& KnownResourceTypes();

// Infers the type of a bare document: with Principal/NotPrincipal, trust when
// every action is an sts: role-assumption action, resource otherwise;
// without a principal, identity.
PolicyType InferPolicyType(const struct JsonValue& document);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_LINT_LINT_H_
