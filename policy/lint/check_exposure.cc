// File: policy/lint/check_exposure.cc
//
// Exposure rules (policy/lint/rule_docs.json). The first four are judged by
// the evaluator (policy/lint/exposure_oracle.h): each asks what
// representative outside principals could do under the resource or role
// trust policy, so that conditions that pin the caller (aws:PrincipalOrgID,
// aws:PrincipalAccount, aws:PrincipalArn, aws:SourceAccount, aws:SourceArn,
// aws:SourceVpc(e), fixed aws:SourceIp ranges) and Deny statements that
// remove the access are honoured exactly as AWS would:
//   public-access          anonymous callers, or a role of an account that
//                          appears nowhere in the policy (with no
//                          organization, or another one), allowed some
//                          action; at each statement that allows it.
//   cross-account-access   a principal of a specific other account that is
//                          not in trustedAccounts allowed some action: an
//                          account, user or role the Principal names, or "*"
//                          pinned to another account (aws:PrincipalAccount,
//                          aws:PrincipalArn) or to an organization not in
//                          trustedOrganizations; at the statement, or at the
//                          principal value when the statement names several.
//                          Needs the resource account (else any named
//                          account could be the owner).
//   confused-deputy        a service principal the resource policy names,
//                          calling for another account (aws:SourceAccount and
//                          aws:SourceArn of an outsider, any S3 bucket ARN, or
//                          none), allowed; at the statement. Not for trust
//                          policies.
//   lambda-function-url-public  anonymous callers allowed
//                          lambda:InvokeFunctionUrl with
//                          lambda:FunctionUrlAuthType NONE; at that statement
//                          and at each statement that lets them
//                          lambda:InvokeFunction through the URL.
// deny-notprincipal and oidc-missing-condition read the document
// (check_principal_elements.cc).
#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "policy/arn/arn.h"
#include "policy/lint/checks.h"
#include "policy/lint/exposure_oracle.h"
#include "policy/lint/patterns.h"
#include "policy/lint/representatives.h"

namespace iamsim {
namespace {

constexpr size_t kMaxCandidates = 8;
constexpr size_t kMaxServices = 4;

bool Contains(const std::vector<std::string>& list, absl::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// An Allow whose principals include everyone: "*" or NotPrincipal.
bool OpenToEveryone(const CompiledStatement& s) {
  if (s.effect != Effect::kAllow) return false;
  if (s.principal.mode == PrincipalMatcher::Mode::kNotPrincipal) return true;
  for (const PrincipalEntry& e : s.principal.entries) {
    if (e.form == PrincipalForm::kEveryone) return true;
  }
  return false;
}

bool HasConditionKey(const PolicyDocument& document,
                     std::initializer_list<absl::string_view> keys) {
  for (const Statement& s : document.statements) {
    for (const ConditionClause& c : s.conditions) {
      for (absl::string_view k : keys) {
        if (absl::EqualsIgnoreCase(c.key.value, k)) return true;
      }
    }
  }
  return false;
}

// A stranger calling from the internet address `ip`.
Stranger MakeStranger(std::string principal, std::string description, bool outside_iam,
                      absl::string_view ip) {
  Stranger s;
  s.principal = std::move(principal);
  s.description = std::move(description);
  s.outside_iam = outside_iam;
  s.context.Set("aws:SourceIp", std::string(ip));
  return s;
}

// The same stranger calling through its own VPC endpoint.
Stranger ThroughEndpoint(const Stranger& s) {
  Stranger out;
  out.principal = s.principal;
  out.description = absl::StrCat(s.description, " through their own VPC endpoint");
  out.outside_iam = s.outside_iam;
  out.free_keys = s.free_keys;
  for (const ContextEntry* e : s.context.Entries()) {
    if (absl::EqualsIgnoreCase(e->name, "aws:SourceIp")) continue;
    out.context.SetList(e->name, e->values);
  }
  out.context.Set("aws:SourceVpce", std::string(kOutsiderVpce));
  out.context.Set("aws:SourceVpc", std::string(kOutsiderVpc));
  out.context.Set("aws:VpcSourceIp", std::string(kOutsiderVpcSourceIp));
  return out;
}

// A concrete ARN for an aws:SourceArn pattern that a resource of `outsider`
// may have ("" when the pattern names another account's resources).
std::string OutsiderSourceArn(absl::string_view pattern, absl::string_view service,
                              absl::string_view outsider) {
  ArnParts parts;
  if (HasTemplatePart(pattern) || !SplitArn(pattern, &parts) || parts[0] != "arn") {
    return "";
  }
  auto concrete = [](absl::string_view field, absl::string_view stand_in) {
    return field.find_first_of("*?$") != absl::string_view::npos ? std::string(stand_in)
                                                                 : std::string(field);
  };
  std::string account = concrete(parts[4], outsider);
  if (!account.empty() && account != outsider) return "";
  std::string resource(parts[5]);
  for (char& c : resource) {
    if (c == '*' || c == '?' || c == '$' || c == '{' || c == '}') c = 'x';
  }
  return absl::StrCat("arn:", concrete(parts[1], "aws"), ":", concrete(parts[2], service), ":",
                      concrete(parts[3], "us-east-1"), ":", account, ":", resource);
}

class ExposureCheck {
 public:
  ExposureCheck(const LintTarget& target, Findings* findings)
      : target_(target),
        findings_(findings),
        oracle_(target),
        outside_ip_(OutsideIp({&target.policy})) {}

  void Run() {
    if (target_.type != PolicyType::kResource && target_.type != PolicyType::kRoleTrust) return;
    FunctionUrl();  // First: public-access defers to it on the statements it reports.
    PublicAccess();
    CrossAccount();
    ConfusedDeputy();
  }

 private:
  struct Candidate {
    Stranger stranger;
    const CompiledStatement* origin = nullptr;
    const PrincipalValue* value = nullptr;  // The Principal value that names it, if one does.
  };

  const std::vector<CompiledStatement>& statements() const { return target_.policy.statements(); }

  std::vector<Stranger> PublicStrangers() const {
    std::vector<Stranger> out;
    out.push_back(MakeStranger("anonymous", "anonymous callers", false, outside_ip_));
    out.push_back(
        MakeStranger(absl::StrCat("arn:aws:iam::", oracle_.outsider(), ":role/iamsim-stranger"),
                     "a role of any other AWS account", true, outside_ip_));
    // Roles are assumed with credentials: name the stranger that can.
    if (target_.type == PolicyType::kRoleTrust) std::swap(out[0], out[1]);
    const PolicyDocument& document = target_.document();
    if (HasConditionKey(document, {"aws:PrincipalOrgID", "aws:PrincipalOrgPaths"})) {
      Stranger s =
          MakeStranger(absl::StrCat("arn:aws:iam::", oracle_.outsider(), ":role/iamsim-other-org"),
                       "a role of another organization", true, outside_ip_);
      s.context.Set("aws:PrincipalOrgID", std::string(kOutsiderOrgId));
      s.context.SetList("aws:PrincipalOrgPaths", {std::string(kOutsiderOrgPath)});
      out.push_back(std::move(s));
    }
    AddNamedLikeStrangers(&out);
    if (HasConditionKey(document, {"aws:SourceVpce", "aws:SourceVpc", "aws:VpcSourceIp"})) {
      const size_t n = out.size();
      for (size_t i = 0; i < n; ++i) out.push_back(ThroughEndpoint(out[i]));
    }
    return out;
  }

  // aws:PrincipalArn patterns of any account ("arn:aws:iam::*:role/deploy")
  // pin nothing: anyone may name a role so. A role of the unknown account
  // named after each (at most two).
  void AddNamedLikeStrangers(std::vector<Stranger>* out) const {
    size_t added = 0;
    for (const CompiledStatement& s : statements()) {
      if (!OpenToEveryone(s) || s.source == nullptr) continue;
      for (const ConditionClause& clause : s.source->conditions) {
        if (clause.op.negated() || !absl::EqualsIgnoreCase(clause.key.value, "aws:PrincipalArn")) {
          continue;
        }
        for (const ConditionClause::Value& v : clause.values) {
          ArnParts parts;
          if (added >= 2 || !SplitArn(v.text, &parts) || parts[2] != "iam" ||
              parts[4].find_first_of("*?") == absl::string_view::npos ||
              !(absl::StartsWith(parts[5], "role/") || absl::StartsWith(parts[5], "user/"))) {
            continue;
          }
          std::string name(parts[5]);
          for (char& c : name) {
            if (c == '*' || c == '?' || c == '$' || c == '{' || c == '}') c = 'x';
          }
          out->push_back(
              MakeStranger(absl::StrCat("arn:aws:iam::", oracle_.outsider(), ":", name),
                           absl::StrCat("a principal of any other AWS account named like ", v.text),
                           true, outside_ip_));
          ++added;
        }
      }
    }
  }

  void PublicAccess() {
    const std::vector<Stranger> strangers = PublicStrangers();
    std::set<const Statement*> reported;
    for (const CompiledStatement& s : statements()) {
      if (!OpenToEveryone(s) || s.source == nullptr) continue;
      const std::vector<Probe> probes = oracle_.ProbesOf(*s.source);
      for (const Stranger& stranger : strangers) {
        for (const Probe& probe : probes) {
          if (reported.count(s.source) != 0) break;
          for (const Statement* hit : oracle_.Allowing(stranger, probe)) {
            if (url_public_.count(hit) != 0 &&
                absl::StartsWith(probe.action, "lambda:InvokeFunction")) {
              continue;  // Said once, by lambda-function-url-public.
            }
            if (!reported.insert(hit).second) continue;
            findings_->Add(Rule::kPublicAccess, EveryoneOrStatement(*hit),
                           absl::StrCat("this policy lets ", stranger.description, " call ",
                                        probe.action, " on ", WhatOf(*hit),
                                        ": name the principals, or pin \"*\" with "
                                        "aws:PrincipalOrgID, aws:SourceVpce or aws:PrincipalArn"));
          }
        }
      }
    }
  }

  // What `hit` lets the caller act on, as the policy writes it: its one
  // Resource value, or the resource the policy is attached to (several
  // values, "*", a template value, none: the probes behind a finding are
  // stand-ins a person should not have to read).
  std::string WhatOf(const Statement& hit) const {
    if (target_.type == PolicyType::kRoleTrust) return "this role";
    if (hit.resource && hit.resource->values.size() == 1) {
      const std::string& value = hit.resource->values[0].value;
      if (value != "*" && !HasTemplatePart(value)) return Quote(value);
    }
    return "the resource this policy is attached to";
  }

  // The "*" value of a statement that names several principals, else the statement.
  static const ElementLocation& EveryoneOrStatement(const Statement& s) {
    if (!s.principal || s.principal->values.size() < 2) return s.location;
    const PrincipalValue* everyone = nullptr;
    for (const PrincipalValue& v : s.principal->values) {
      if (v.value.value != "*") continue;
      if (everyone != nullptr) return s.location;
      everyone = &v;
    }
    return everyone != nullptr ? everyone->value.location : s.location;
  }

  // Whether `account` is a specific account other than the resource's and
  // not trusted (false while the resource account is unknown).
  bool Foreign(absl::string_view account) const {
    return IsAccountId(target_.resource_account) && IsAccountId(account) &&
           account != target_.resource_account &&
           !Contains(target_.options.trusted_accounts, account);
  }

  Candidate NamedCandidate(std::string principal, std::string description,
                           const CompiledStatement& origin) const {
    Candidate c{MakeStranger(std::move(principal), std::move(description), true, outside_ip_),
                &origin, nullptr};
    c.stranger.free_keys = {"aws:principalorgid", "aws:principalorgpaths"};
    return c;
  }

  void AddPrincipalCandidates(const CompiledStatement& s, std::vector<Candidate>* out) const {
    if (s.principal.mode != PrincipalMatcher::Mode::kPrincipal || s.principal.source == nullptr) {
      return;
    }
    for (const PrincipalEntry& e : s.principal.entries) {
      switch (e.form) {
        case PrincipalForm::kAccount:
        case PrincipalForm::kUser:
        case PrincipalForm::kRole:
        case PrincipalForm::kRoleSession:
        case PrincipalForm::kFederatedUser:
          break;
        default:
          continue;
      }
      if (!Foreign(e.account) || e.source_index >= s.principal.source->values.size()) continue;
      std::string principal = e.form == PrincipalForm::kAccount
                                  ? absl::StrCat("arn:aws:iam::", e.account, ":role/iamsim-any")
                                  : e.value;
      Candidate c = NamedCandidate(
          std::move(principal),
          e.form == PrincipalForm::kAccount ? absl::StrCat("account ", e.account) : e.value, s);
      c.value = &s.principal.source->values[e.source_index];
      out->push_back(std::move(c));
    }
  }

  // "*" pinned to another account or organization by a condition.
  void AddPinnedCandidates(const CompiledStatement& s, std::vector<Candidate>* out) const {
    if (!OpenToEveryone(s) || s.source == nullptr) return;
    for (const ConditionClause& clause : s.source->conditions) {
      if (clause.op.negated() || clause.op.base == BaseOperator::kNull) continue;
      const std::string key = absl::AsciiStrToLower(clause.key.value);
      for (const ConditionClause::Value& v : clause.values) {
        const std::string& value = v.text;
        if (key == "aws:principalorgid" && value.find_first_of("*?{$") == std::string::npos &&
            !Contains(target_.options.trusted_organizations, value) &&
            IsAccountId(target_.resource_account)) {
          Candidate c = NamedCandidate(
              absl::StrCat("arn:aws:iam::", oracle_.outsider(), ":role/iamsim-org-member"),
              absl::StrCat("a role of another account of organization ", value), s);
          c.stranger.free_keys = {"aws:principalorgpaths"};
          c.stranger.context.Set("aws:PrincipalOrgID", value);
          out->push_back(std::move(c));
        } else if (key == "aws:principalaccount" && Foreign(value)) {
          out->push_back(NamedCandidate(absl::StrCat("arn:aws:iam::", value, ":role/iamsim-any"),
                                        absl::StrCat("account ", value), s));
        } else if (key == "aws:principalarn") {
          ArnParts parts;
          if (!SplitArn(value, &parts) || !Foreign(parts[4]) || parts[2] != "iam") continue;
          std::string arn = value;
          for (char& ch : arn) {
            if (ch == '*' || ch == '?' || ch == '$' || ch == '{' || ch == '}') ch = 'x';
          }
          out->push_back(NamedCandidate(arn, value, s));
        }
      }
    }
  }

  void CrossAccount() {
    std::vector<Candidate> candidates;
    for (const CompiledStatement& s : statements()) {
      if (s.effect != Effect::kAllow) continue;
      AddPrincipalCandidates(s, &candidates);
      AddPinnedCandidates(s, &candidates);
    }
    if (candidates.size() > kMaxCandidates) candidates.resize(kMaxCandidates);
    std::set<std::string> reported;
    for (const Candidate& c : candidates) {
      for (const Probe& probe : oracle_.ProbesOf(*c.origin->source)) {
        const std::vector<const Statement*> hits = oracle_.Allowing(c.stranger, probe);
        for (const Statement* hit : hits) ReportCrossAccount(c, *hit, probe, &reported);
        if (!hits.empty()) break;
      }
    }
  }

  void ReportCrossAccount(const Candidate& c, const Statement& hit, const Probe& probe,
                          std::set<std::string>* reported) {
    const ElementLocation& at = c.value != nullptr && &hit == c.origin->source &&
                                        c.origin->principal.source->values.size() > 1
                                    ? c.value->value.location
                                    : hit.location;
    if (!reported->insert(at.path).second) return;
    findings_->Add(Rule::kCrossAccountAccess, at,
                   absl::StrCat("this policy lets ", c.stranger.description, " call ", probe.action,
                                " on ", WhatOf(hit), " (account ", target_.resource_account, ")",
                                ": if intended, list it in trustedAccounts or trustedOrganizations "
                                "(.iamsim.json)"));
  }

  // The strangers that call as `service` for another account's resource.
  std::vector<Stranger> DeputyStrangers(const std::string& service,
                                        const std::vector<const CompiledStatement*>& origins) {
    const std::string label = service.substr(0, service.find('.'));
    const std::string& outsider = oracle_.outsider();
    auto deputy = [&](std::string source_arn) {
      Stranger s;
      s.principal = service;
      s.description = absl::StrCat(service, " acting for any other account");
      s.context.Set("aws:SourceAccount", outsider);
      s.context.Set("aws:SourceOwner", outsider);
      s.context.Set("aws:SourceOrgID", std::string(kOutsiderOrgId));
      if (source_arn.empty()) {
        s.free_keys = {"aws:sourcearn"};  // Bucket ARNs carry no account: any name may be theirs.
      } else {
        s.context.Set("aws:SourceArn", std::move(source_arn));
      }
      return s;
    };
    std::vector<Stranger> out;
    if (label == "s3") {
      out.push_back(deputy(""));
    } else {
      std::vector<std::string> arns = {
          absl::StrCat("arn:aws:", label, ":us-east-1:", outsider, ":iamsim-outsider")};
      for (const CompiledStatement* s : origins) {
        for (const ConditionClause& clause : s->source->conditions) {
          if (!absl::EqualsIgnoreCase(clause.key.value, "aws:SourceArn")) continue;
          for (const ConditionClause::Value& v : clause.values) {
            const std::string arn = OutsiderSourceArn(v.text, label, outsider);
            if (!arn.empty() && !Contains(arns, arn) && arns.size() < 3) arns.push_back(arn);
          }
        }
      }
      for (std::string& arn : arns) out.push_back(deputy(std::move(arn)));
    }
    Stranger bare;
    bare.principal = service;
    bare.description = absl::StrCat(service, " without aws:SourceArn or aws:SourceAccount");
    out.push_back(std::move(bare));
    return out;
  }

  void ConfusedDeputy() {
    if (target_.type != PolicyType::kResource) return;
    std::vector<std::pair<std::string, std::vector<const CompiledStatement*>>> services;
    for (const CompiledStatement& s : statements()) {
      if (s.effect != Effect::kAllow || s.source == nullptr) continue;
      for (const PrincipalEntry& e : s.principal.entries) {
        if (e.form != PrincipalForm::kService || HasTemplatePart(e.value)) continue;
        const std::string name = absl::AsciiStrToLower(e.value);
        auto it = std::find_if(services.begin(), services.end(),
                               [&](const auto& p) { return p.first == name; });
        if (it == services.end()) {
          if (services.size() >= kMaxServices) continue;
          it = services.insert(services.end(), {name, {}});
        }
        if (std::find(it->second.begin(), it->second.end(), &s) == it->second.end()) {
          it->second.push_back(&s);
        }
      }
    }
    std::set<const Statement*> reported;
    for (const auto& [service, origins] : services) {
      for (const Stranger& stranger : DeputyStrangers(service, origins)) {
        for (const CompiledStatement* origin : origins) {
          for (const Probe& probe : oracle_.ProbesOf(*origin->source)) {
            if (reported.count(origin->source) != 0) break;
            ReportDeputy(stranger, probe, &reported);
          }
        }
      }
    }
  }

  void ReportDeputy(const Stranger& stranger, const Probe& probe,
                    std::set<const Statement*>* reported) {
    for (const Statement* hit : oracle_.Allowing(stranger, probe)) {
      if (!reported->insert(hit).second) continue;
      findings_->Add(Rule::kConfusedDeputy, hit->location,
                     absl::StrCat("this policy lets ", stranger.description, " call ", probe.action,
                                  " on ", WhatOf(*hit),
                                  ": add aws:SourceArn with the exact source ARN and "
                                  "aws:SourceAccount"));
    }
  }

  bool LambdaFunctionPolicy() const {
    if (target_.type != PolicyType::kResource) return false;
    if (target_.resource_type == "AWS::Lambda::Function") return true;
    if (!target_.resource_type.empty()) return false;
    if (absl::StartsWith(target_.resource_arn, "arn:aws:lambda:")) return true;
    for (const Statement& s : target_.document().statements) {
      if (!s.action) continue;
      for (const LocatedString& a : s.action->values) {
        if (absl::StartsWithIgnoreCase(a.value, "lambda:")) return true;
      }
    }
    return false;
  }

  std::vector<std::string> FunctionResources() const {
    std::vector<std::string> out;
    for (const CompiledStatement& s : statements()) {
      if (!OpenToEveryone(s) || s.source == nullptr || !s.source->resource) continue;
      for (const LocatedString& r : s.source->resource->values) {
        const std::string arn = oracle_.Instantiate(r.value);
        if (absl::StrContains(arn, ":lambda:") && !Contains(out, arn) && out.size() < 2) {
          out.push_back(arn);
        }
      }
    }
    if (out.empty()) {
      out.push_back(
          absl::StartsWith(target_.resource_arn, "arn:aws:lambda:")
              ? target_.resource_arn
              : absl::StrCat("arn:aws:lambda:us-east-1:", oracle_.owner(), ":function:iamsim"));
    }
    return out;
  }

  void FunctionUrl() {
    if (!LambdaFunctionPolicy()) return;
    if (std::none_of(statements().begin(), statements().end(), OpenToEveryone)) return;
    Stranger caller = MakeStranger("anonymous", "anonymous callers", false, outside_ip_);
    caller.context.Set("lambda:FunctionUrlAuthType", "NONE");
    caller.context.Set("lambda:InvokedViaFunctionUrl", "true");
    std::set<const Statement*> reported;
    for (const std::string& function : FunctionResources()) {
      const std::vector<const Statement*> url =
          oracle_.Allowing(caller, Probe{"lambda:InvokeFunctionUrl", function});
      if (url.empty()) continue;
      std::vector<const Statement*> hits = url;
      for (const Statement* s :
           oracle_.Allowing(caller, Probe{"lambda:InvokeFunction", function})) {
        hits.push_back(s);
      }
      for (const Statement* hit : hits) {
        if (!reported.insert(hit).second) continue;
        url_public_.insert(hit);
        findings_->Add(Rule::kLambdaFunctionUrlPublic, hit->location,
                       absl::StrCat("anonymous callers may invoke ", WhatOf(*hit),
                                    " through its function URL with auth type NONE: use "
                                    "AWS_IAM and name the callers"));
      }
    }
  }

  const LintTarget& target_;
  Findings* findings_;
  ExposureOracle oracle_;
  const std::string outside_ip_;  // Of every stranger that calls from the internet.
  // Statements lambda-function-url-public reported: anyone may invoke the
  // function through its URL.
  std::set<const Statement*> url_public_;
};

}  // namespace

void CheckExposure(const LintTarget& target, Findings* findings) {
  CheckPrincipalElements(target, findings);
  ExposureCheck(target, findings).Run();
}

}  // namespace iamsim
