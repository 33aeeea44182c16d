// File: policy/lint/check_principal_elements.cc
//
// The exposure rules that read the document rather than ask the evaluator
// (policy/lint/rule_docs.json):
//   deny-notprincipal      a Deny with NotPrincipal; at the NotPrincipal.
//                          (notprincipal-allow, an Allow with NotPrincipal, is
//                          reported by the parser: policy_type_rules.cc.)
//   oidc-missing-condition a trust policy Allow of
//                          sts:AssumeRoleWithWebIdentity to an OIDC provider
//                          without a positive condition on the provider's
//                          claims (PROVIDER:...; GitHub: PROVIDER:sub, not
//                          only wildcards); at the statement.
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "policy/compile/glob.h"
#include "policy/lint/checks.h"

namespace iamsim {
namespace {

constexpr absl::string_view kGitHub = "token.actions.githubusercontent.com";

// notprincipal-allow is the parser's (policy/parse/policy_type_rules.cc):
// only a resource policy may hold NotPrincipal, and it is reported there.
void CheckDenyNotPrincipal(const LintTarget& target, Findings* findings) {
  for (const Statement& s : target.document().statements) {
    if (!s.not_principal || s.effect != Effect::kDeny) continue;
    findings->Add(Rule::kDenyNotPrincipal, s.not_principal->location,
                  "Deny with NotPrincipal is fragile (the account, role and session of a caller "
                  "must all be listed): use Principal \"*\" with ArnNotEquals on "
                  "aws:PrincipalArn");
  }
}

// The condition-key prefix of an OIDC provider principal ("" when the value
// is not one): the host and path of an oidc-provider ARN, or a public web
// identity provider.
std::string OidcProvider(absl::string_view value) {
  static constexpr absl::string_view kPublic[] = {"cognito-identity.amazonaws.com",
                                                  "accounts.google.com", "graph.facebook.com",
                                                  "www.amazon.com"};
  constexpr absl::string_view kMarker = ":oidc-provider/";
  const size_t at = value.find(kMarker);
  if (absl::StartsWith(value, "arn:") && at != absl::string_view::npos) {
    return std::string(value.substr(at + kMarker.size()));
  }
  for (absl::string_view p : kPublic) {
    if (absl::EqualsIgnoreCase(value, p)) return std::string(p);
  }
  return "";
}

// A value that restricts nothing: only wildcards, also after GitHub's
// "repo:" ("repo:*", "repo:*/*:*").
bool Unrestrictive(absl::string_view value) {
  absl::ConsumePrefix(&value, "repo:");
  return value.find_first_not_of("*/:") == absl::string_view::npos;
}

// Whether `s` holds a positive condition on the provider's claims (GitHub: on :sub).
bool RestrictsClaims(const Statement& s, const std::string& provider) {
  for (const ConditionClause& c : s.conditions) {
    if (c.op.negated() || c.op.base == BaseOperator::kNull) continue;
    const absl::string_view key = c.key.value;
    if (!absl::StartsWithIgnoreCase(key, absl::StrCat(provider, ":"))) continue;
    if (absl::EqualsIgnoreCase(provider, kGitHub) &&
        !absl::EqualsIgnoreCase(key, absl::StrCat(kGitHub, ":sub"))) {
      continue;
    }
    for (const ConditionClause::Value& v : c.values) {
      if (!Unrestrictive(v.text)) return true;
    }
  }
  return false;
}

bool AllowsWebIdentity(const Statement& s) {
  auto names = [](const StringListElement& list) {
    for (const LocatedString& v : list.values) {
      if (GlobMatch(GlobFromPolicyText(v.value), "sts:AssumeRoleWithWebIdentity", true)) {
        return true;
      }
    }
    return false;
  };
  if (s.action) return names(*s.action);
  if (s.not_action) return !names(*s.not_action);
  return false;
}

void CheckOidc(const LintTarget& target, Findings* findings) {
  if (target.type != PolicyType::kRoleTrust) return;
  for (const Statement& s : target.document().statements) {
    if (s.effect != Effect::kAllow || !s.principal || !AllowsWebIdentity(s)) continue;
    for (const PrincipalValue& v : s.principal->values) {
      if (v.kind != PrincipalKind::kFederated) continue;
      const std::string provider = OidcProvider(v.value.value);
      if (provider.empty() || RestrictsClaims(s, provider)) continue;
      findings->Add(
          Rule::kOidcMissingCondition, s.location,
          absl::StrCat("any identity of ", provider, " may assume the role: add a condition on ",
                       provider,
                       absl::EqualsIgnoreCase(provider, kGitHub) ? ":sub" : ":sub and :aud"));
      break;
    }
  }
}

}  // namespace

void CheckPrincipalElements(const LintTarget& target, Findings* findings) {
  CheckDenyNotPrincipal(target, findings);
  CheckOidc(target, findings);
}

}  // namespace iamsim
