#include "policy/parse/policy_type_rules.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace iamsim {
namespace {

absl::string_view Describe(PolicyType type) {
  switch (type) {
    case PolicyType::kIdentity:
      return "an identity-based policy";
    case PolicyType::kResource:
      return "a resource-based policy";
    case PolicyType::kRoleTrust:
      return "a role trust policy";
    case PolicyType::kPermissionsBoundary:
      return "a permissions boundary";
    case PolicyType::kSession:
      return "a session policy";
    case PolicyType::kServiceControl:
      return "a service control policy (SCP)";
    case PolicyType::kResourceControl:
      return "a resource control policy (RCP)";
  }
  return "a policy";
}

class RuleChecker {
 public:
  RuleChecker(const PolicyDocument& document, std::vector<Diagnostic>* diagnostics)
      : document_(document), diagnostics_(diagnostics) {}

  void Check() {
    for (const Statement& s : document_.statements) CheckStatement(s);
  }

 private:
  void Error(const ElementLocation& at, Rule rule, std::string message) {
    diagnostics_->push_back(MakeDiagnostic(rule, document_.LocationOf(at), std::move(message)));
  }

  void NotAllowed(const ElementLocation& at, absl::string_view element, absl::string_view why) {
    Error(at, Rule::kElementNotAllowed,
          absl::StrCat(element, " is not allowed in ", Describe(document_.type), why));
  }

  void CheckStatement(const Statement& s) {
    const PolicyType type = document_.type;
    const bool has_resource = s.resource || s.not_resource;
    if (!PolicyTypeHasPrincipal(type)) {
      const char* why = type == PolicyType::kIdentity || type == PolicyType::kPermissionsBoundary ||
                                type == PolicyType::kSession
                            ? ": the principal is whoever the policy is attached to"
                            : ": it applies to the principals of the accounts it is attached to";
      if (s.principal) NotAllowed(s.principal->location, "Principal", why);
      if (s.not_principal) NotAllowed(s.not_principal->location, "NotPrincipal", why);
    } else if (!s.principal && !s.not_principal) {
      Error(s.location, Rule::kMissingElement,
            absl::StrCat("a statement in ", Describe(type),
                         " must name who it applies to with Principal",
                         type == PolicyType::kResource ? " or NotPrincipal" : ""));
    }
    if (type == PolicyType::kRoleTrust) {
      if (s.not_principal) {
        NotAllowed(s.not_principal->location, "NotPrincipal", ": name the trusted principals");
      }
      if (s.resource)
        NotAllowed(s.resource->location, "Resource", ": the resource is the role itself");
      if (s.not_resource)
        NotAllowed(s.not_resource->location, "NotResource", ": the resource is the role itself");
    } else if (!has_resource) {
      Error(s.location, Rule::kMissingElement,
            absl::StrCat("the statement has neither Resource nor NotResource; ", Describe(type),
                         " needs one (\"Resource\": \"*\" for all)"));
    }
    if (type == PolicyType::kRoleTrust) CheckTrustActions(s);
    // (Other kinds reject NotPrincipal outright, above.)
    if (type == PolicyType::kResource && s.not_principal && s.effect == Effect::kAllow) {
      // A security finding, not an error: AWS's page says NotPrincipal is for
      // Deny, yet such policies exist and are evaluated (everyone but the
      // named principals is allowed), so iamsim decides them as written.
      Error(s.not_principal->location, Rule::kNotPrincipalAllow,
            "NotPrincipal with \"Effect\": \"Allow\" allows everyone except the principals it "
            "names, anonymous callers included; AWS supports NotPrincipal only with Deny. Name "
            "the allowed principals in Principal instead");
    }
    if (type == PolicyType::kResourceControl) CheckRcpStatement(s);
  }

  // RCPs: Principal must be "*"; only Deny, except AWS's RCPFullAWSAccess
  // (Allow, Principal "*", Action "*", Resource "*", no Condition).
  void CheckRcpStatement(const Statement& s) {
    if (s.not_principal) {
      NotAllowed(s.not_principal->location, "NotPrincipal",
                 ": use \"Principal\": \"*\" and narrow it with conditions");
    }
    if (s.not_action) {
      NotAllowed(s.not_action->location, "NotAction", ": list the actions the statement denies");
    }
    if (s.principal && !s.principal->everyone) {
      Error(s.principal->location, Rule::kInvalidPrincipal,
            "the Principal of a resource control policy must be \"*\"; narrow it with conditions "
            "such as aws:PrincipalOrgID");
    }
    if (s.effect != Effect::kAllow) return;
    auto is_star = [](const std::optional<StringListElement>& list) {
      return list && list->values.size() == 1 && list->values[0].value == "*";
    };
    if (!is_star(s.action) || !is_star(s.resource) || !s.conditions.empty()) {
      Error(s.effect_location, Rule::kPolicyTypeRestriction,
            "resource control policies only deny; the only Allow statement AWS accepts is "
            "RCPFullAWSAccess (Principal \"*\", Action \"*\", Resource \"*\")");
    }
  }

  // A trust policy authorizes the STS calls that use a role; IAM refuses
  // other actions ("AssumeRole policy may only specify STS AssumeRole
  // actions").
  void CheckTrustActions(const Statement& s) {
    const std::optional<StringListElement>& actions = s.action ? s.action : s.not_action;
    if (!actions) return;
    static constexpr absl::string_view kTrustActions[] = {
        "assumerole", "assumerolewithsaml", "assumerolewithwebidentity",
        "tagsession", "setsourceidentity",  "setcontext"};
    for (const LocatedString& action : actions->values) {
      const std::string lower = absl::AsciiStrToLower(action.value);
      absl::string_view name = lower;
      bool ok = lower == "*";
      if (!ok && absl::ConsumePrefix(&name, "sts:")) {
        ok = absl::StrContains(name, "*") || absl::StrContains(name, "?");  // sts:AssumeRole*
        for (absl::string_view t : kTrustActions) ok = ok || name == t;
      }
      if (!ok) {
        Error(action.location, Rule::kPolicyTypeRestriction,
              absl::StrCat(Quote(action.value),
                           " in a role trust policy: it may only name sts:AssumeRole, "
                           "sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:TagSession, "
                           "sts:SetSourceIdentity or sts:SetContext"));
      }
    }
  }

  const PolicyDocument& document_;
  std::vector<Diagnostic>* diagnostics_;
};

}  // namespace

void CheckPolicyTypeRules(const PolicyDocument& document, std::vector<Diagnostic>* diagnostics) {
  RuleChecker(document, diagnostics).Check();
}

}  // namespace iamsim
