// The question space of the offline custom checks (custom_check_space.h).
//
// Actions are grouped by the statements their Action/NotAction elements
// apply to (two actions of one service that every statement treats alike get
// the same answer, so only the first is asked); each action is paired with
// the concrete ARNs of the resource patterns that fit it and one ARN of its
// own resource type; each (action, resource) is asked for every
// representative principal under the request contexts built from the
// conditions of the statements that apply to the action.
#include "policy/lint/custom_check_space.h"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/types/span.h"
#include "policy/arn/arn.h"
#include "policy/compile/assembly.h"
#include "policy/compile/glob.h"
#include "policy/compile/policy_store.h"
#include "policy/conditions/witness.h"
#include "policy/evaluate/caller_keys.h"
#include "policy/evaluate/evaluator.h"
#include "policy/json/json_patch.h"
#include "policy/json/json_tree.h"
#include "policy/lint/patterns.h"
#include "policy/lint/representatives.h"
#include "policy/parse/policy_parser.h"

namespace iamsim::custom_check_space {

constexpr size_t kValuesPerCondition = 8;  // Witness values asked per condition.
constexpr size_t kResourcesPerAction = 16;
constexpr size_t kContextsPerGroup = 256;
constexpr size_t kPrincipals = 32;
// Services whose actions stand for "every other service" when a policy has an
// action wildcard or NotAction: a service no policy names is treated alike by
// every Action element, so a few of them (including those the evaluator has
// special rules for) represent all.
constexpr absl::string_view kRepresentativeServices[] = {
    "s3",  "iam",  "sts", "ec2",           "lambda",
    "kms", "sqs",  "sns", "dynamodb",      "secretsmanager",
    "ssm", "logs", "ecr", "cloudformation"};

bool IdentitySide(PolicyType type) {
  return type != PolicyType::kResource && type != PolicyType::kRoleTrust;
}

// A catalog ARN format as an internal glob ("${X}" matches anything).
std::string FormatGlob(absl::string_view format) {
  std::string out;
  size_t i = 0;
  while (i < format.size()) {
    const size_t open = format.find("${", i);
    const size_t close = open == absl::string_view::npos ? open : format.find('}', open);
    if (close == absl::string_view::npos) break;
    AppendGlobLiteral(format.substr(i, open - i), &out);
    out.push_back('*');
    i = close + 1;
  }
  AppendGlobLiteral(format.substr(i), &out);
  return out;
}

void AddUnique(std::string value, std::vector<std::string>* out) {
  if (!value.empty() && std::find(out->begin(), out->end(), value) == out->end()) {
    out->push_back(std::move(value));
  }
}

// ---------------------------------------------------------------------------
// Representative principals.

// Whether a request of `actor` may carry any value of `key`: keys that
// follow from the principal never; of the keys that say who and where a
// caller is (caller_keys.h), services send the source-service keys and
// choose none of the others, anonymous callers have no principal, and
// strangers do not choose who and where they are (the tags of an IAM
// principal aside).
bool Settable(const Actor& actor, const ContextKey& key) {
  const std::string& k = key.lower_name;
  if (key.derived != DerivedKey::kNone) return false;
  const bool iam = actor.kind == ActorKind::kIam;
  switch (SourceOfKey(k)) {
    case KeySource::kPrincipal:
      if (absl::StartsWith(k, "aws:principaltag/")) return iam;
      return iam && !actor.stranger;
    case KeySource::kPrincipalOrg:
      return iam && !actor.stranger;
    case KeySource::kNetwork:
      return actor.kind != ActorKind::kService && !actor.stranger;
    case KeySource::kSourceService:
      return actor.kind == ActorKind::kService;
    case KeySource::kResource:  // The resource's account is the question's; the rest unknown.
      return k != "aws:resourceaccount";
    case KeySource::kAws:
    case KeySource::kCaller:
      return true;
  }
  return false;
}

Actor IamActor(std::string arn, std::string description) {
  Actor a;
  ArnParts parts;
  if (SplitArn(arn, &parts)) a.account = std::string(parts[4]);
  a.principal = std::move(arn);
  a.description = std::move(description);
  return a;
}

// A concrete principal for a Principal value or an aws:PrincipalArn pattern;
// nullopt for forms no request can carry (OIDC/SAML providers, canonical users).
std::optional<Actor> NamedActor(absl::string_view value, PrincipalKind kind,
                                absl::string_view outsider) {
  if (kind == PrincipalKind::kCanonicalUser || value == "*") return std::nullopt;
  if (kind == PrincipalKind::kService ||
      (kind == PrincipalKind::kFederated && !absl::StartsWith(value, "arn:"))) {
    Actor a;
    a.principal = std::string(value);
    a.kind = ActorKind::kService;
    a.description = std::string(value);
    return a;
  }
  if (kind == PrincipalKind::kFederated) return std::nullopt;
  if (IsAccountId(value)) {
    return IamActor(absl::StrCat("arn:aws:iam::", value, ":role/", kRepresentativeName),
                    "a role of account " + std::string(value));
  }
  ArnParts parts;
  if (!SplitArn(value, &parts) || (parts[2] != "iam" && parts[2] != "sts")) return std::nullopt;
  std::string account = HasWildcard(parts[4]) ? std::string(outsider) : ConcretePattern(parts[4]);
  std::string arn = absl::StrCat("arn:", HasWildcard(parts[1]) ? "aws" : parts[1], ":", parts[2],
                                 "::", account, ":", ConcretePattern(parts[5]));
  if (parts[5] == "root")
    arn = absl::StrCat("arn:aws:iam::", account, ":role/", kRepresentativeName);
  return IamActor(arn, arn);
}

Actor Anonymous() {
  Actor a;
  a.principal = "anonymous";
  a.kind = ActorKind::kAnonymous;
  a.description = "anonymous callers";
  return a;
}

// The strangers: anonymous callers, a role of an unknown account, a role of
// another organization, each from the internet or through its own VPC
// endpoint.
std::vector<Actor> Strangers(const std::vector<const CompiledPolicy*>& policies,
                             absl::string_view outsider, bool pinned) {
  std::vector<Actor> out = {
      Anonymous(),
      IamActor(absl::StrCat("arn:aws:iam::", outsider, ":role/", kRepresentativeName),
               "a role of an unknown account"),
      IamActor(absl::StrCat("arn:aws:iam::", "999999999997:role/", kRepresentativeName),
               "a role of another organization")};
  out[2].fixed.emplace_back("aws:PrincipalOrgID", kOutsiderOrgId);
  out[2].fixed.emplace_back("aws:PrincipalOrgPaths", kOutsiderOrgPath);
  for (Actor& a : out) a.stranger = pinned;
  if (!pinned) return out;
  const std::string ip = OutsideIp(policies);
  for (size_t i = 0, n = out.size(); i < n; ++i) {
    Actor endpoint = out[i];
    endpoint.description += " through their own VPC endpoint";
    endpoint.fixed.emplace_back("aws:SourceVpce", kOutsiderVpce);
    endpoint.fixed.emplace_back("aws:SourceVpc", kOutsiderVpc);
    endpoint.fixed.emplace_back("aws:VpcSourceIp", kOutsiderVpcSourceIp);
    out[i].fixed.emplace_back("aws:SourceIp", ip);
    out.push_back(std::move(endpoint));
  }
  return out;
}

// The principals of resource and trust policies: strangers, then the named
// (no-new-access and access-not-granted).
std::vector<Actor> ResourceActors(const std::vector<const CompiledPolicy*>& policies,
                                  absl::string_view outsider, Mode mode,
                                  std::vector<Diagnostic>* diagnostics) {
  std::vector<Actor> out = Strangers(policies, outsider, mode == Mode::kNoPublicAccess);
  if (mode == Mode::kNoPublicAccess) return out;
  std::set<std::string> seen;
  for (const Actor& a : out) seen.insert(a.principal);
  auto add = [&](std::optional<Actor> a) {
    if (a && out.size() < kPrincipals && seen.insert(a->principal).second) out.push_back(*a);
  };
  for (const CompiledPolicy* p : policies) {
    for (const Statement& s : p->document().statements) {
      for (const auto* element : {&s.principal, &s.not_principal}) {
        if (!element->has_value()) continue;
        for (const PrincipalValue& v : (*element)->values) {
          std::optional<Actor> a = NamedActor(v.value.value, v.kind, outsider);
          if (!a && v.value.value != "*" && s.effect == Effect::kAllow && p == policies[0]) {
            Diagnostic& d = diagnostics->emplace_back(MakeDiagnostic(
                Rule::kInvalidInput, p->document().LocationOf(v.value.location),
                absl::StrCat("no request can be made as ", Quote(v.value.value),
                             ": the custom check does not ask about this principal")));
            d.severity = Severity::kWarning;
          }
          add(std::move(a));
        }
      }
    }
  }
  return out;
}

// Principals named by aws:PrincipalArn / aws:PrincipalAccount conditions.
// For no-public-access only the patterns of any account ("arn:aws:iam::*:role/deploy"):
// anyone may name a role so.
void AddConditionActors(const std::vector<const CompiledPolicy*>& policies,
                        absl::string_view outsider, bool strangers_only, std::vector<Actor>* out) {
  std::set<std::string> seen;
  for (const Actor& a : *out) seen.insert(a.principal);
  for (const CompiledPolicy* p : policies) {
    for (const CompiledStatement& s : p->statements()) {
      for (const CompiledCondition& c : s.conditions) {
        const bool arn = c.key.derived == DerivedKey::kPrincipalArn;
        if (!arn && c.key.derived != DerivedKey::kPrincipalAccount) continue;
        for (size_t i = 0; i < c.values.size() && i < kValuesPerCondition; ++i) {
          const std::string& v = c.values[i].text;
          if (absl::StrContains(v, "${")) continue;
          ArnParts parts;
          if (strangers_only && !(arn && SplitArn(v, &parts) && HasWildcard(parts[4]))) continue;
          std::optional<Actor> a = arn ? NamedActor(v, PrincipalKind::kAws, outsider)
                                       : NamedActor(HasWildcard(v) ? std::string(outsider) : v,
                                                    PrincipalKind::kAws, outsider);
          if (a && out->size() < kPrincipals && seen.insert(a->principal).second) {
            a->stranger = strangers_only;
            if (strangers_only) a->description = "a principal of an unknown account named " + v;
            out->push_back(*a);
          }
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------
// The question space.

std::vector<StatementRow> Rows(const std::vector<const CompiledPolicy*>& policies) {
  std::vector<StatementRow> out;
  for (const CompiledPolicy* p : policies) {
    for (const CompiledStatement& s : p->statements()) {
      StatementRow row{p, &s, {}, s.not_action, p == policies[0]};
      const Statement& source = *s.source;
      const auto& element = source.not_action ? source.not_action : source.action;
      if (element) {
        for (const LocatedString& v : element->values) {
          row.globs.push_back(GlobFromPolicyText(v.value));
        }
      } else {
        row.globs.push_back("*");  // No Action element (should not happen): every action.
      }
      out.push_back(std::move(row));
    }
  }
  return out;
}

std::string Applies(const Space& space, absl::string_view action) {
  std::string out;
  for (const StatementRow& row : space.rows) {
    bool match = false;
    for (const std::string& g : row.globs) match = match || GlobMatch(g, action, true);
    out.push_back(match != row.not_action ? '1' : '0');
  }
  return out;
}

// Whether the action is one the check is about.
bool Relevant(const Space& space, absl::string_view action, const std::string& applies) {
  bool allowed = false;
  for (size_t i = 0; i < space.rows.size(); ++i) {
    allowed |= applies[i] == '1' && space.rows[i].in_target &&
               space.rows[i].statement->effect == Effect::kAllow;
  }
  if (!allowed || space.mode != Mode::kAccessNotGranted) return allowed;
  for (const std::string& g : space.wanted_actions) {
    if (GlobMatch(g, action, true)) return true;
  }
  return false;
}

// The service prefixes whose catalog actions are asked about.
std::vector<std::string> Services(const Space& space) {
  std::vector<std::string> out;
  auto add_pattern = [&](absl::string_view glob_text) {
    const size_t colon = glob_text.find(':');
    if (colon == absl::string_view::npos || HasWildcard(glob_text.substr(0, colon))) return;
    AddUnique(absl::AsciiStrToLower(glob_text.substr(0, colon)), &out);
  };
  for (const StatementRow& row : space.rows) {
    for (const std::string& g : row.globs) add_pattern(g);
  }
  for (const std::string& g : space.wanted_actions) add_pattern(g);
  for (const std::string& r : space.resource_values) {
    ArnParts parts;
    if (SplitArn(r, &parts)) AddUnique(std::string(parts[2]), &out);
  }
  for (absl::string_view s : kRepresentativeServices) AddUnique(std::string(s), &out);
  return out;
}

// The literal actions the policies (or --actions) name, catalog or not.
std::vector<std::string> LiteralActions(const Space& space) {
  std::vector<std::string> out;
  auto add = [&](absl::string_view text) {
    if (!HasWildcard(text) && !absl::StrContains(text, "\\") && absl::StrContains(text, ":") &&
        !HasTemplatePart(text)) {
      AddUnique(std::string(text), &out);
    }
  };
  for (const StatementRow& row : space.rows) {
    for (const std::string& g : row.globs) add(g);
  }
  for (const std::string& g : space.wanted_actions) add(g);
  return out;
}

// Concrete resources an action is asked about.
std::vector<std::string> ResourcesFor(const Space& space, absl::string_view action) {
  if (space.type == PolicyType::kRoleTrust) {
    return {absl::StrCat("arn:aws:iam::", space.owner, ":role/", kRepresentativeName, "-role")};
  }
  if (!space.given_resources.empty()) return space.given_resources;
  const Catalog& catalog = *space.catalog;
  const std::optional<Catalog::Action> a = catalog.FindAction(action);
  std::vector<std::string> formats;
  if (a) {
    for (const Catalog::ActionResource& r : catalog.ActionResources(*a)) {
      if (r.name.empty()) continue;
      std::optional<Catalog::ResourceType> t = catalog.ResourceTypeOf(*a, r);
      if (!t) continue;
      for (absl::string_view f : t->arns) formats.emplace_back(f);
    }
  }
  std::vector<std::string> out;
  if (a && formats.empty()) return {"*"};
  const std::string service(action.substr(0, action.find(':')));
  for (const std::string& r : space.resource_values) {
    if (out.size() >= kResourcesPerAction) break;
    bool fits = false;
    for (const std::string& f : formats) fits = fits || GlobMatch(FormatGlob(f), r, false);
    ArnParts parts;
    if (!a) fits = SplitArn(r, &parts) && parts[2] == service;
    if (fits) AddUnique(r, &out);
  }
  AddUnique(formats.empty() ? std::string("*") : FillArnFormat(formats[0], space.owner), &out);
  return out;
}

bool Wanted(const Space& space, absl::string_view resource) {
  if (space.wanted_resources.empty()) return true;
  for (const std::string& g : space.wanted_resources) {
    if (GlobMatch(g, resource, false)) return true;
  }
  return false;
}

// Every (action, resource) question, one per class of actions alike.
std::vector<Question> Questions(const Space& space) {
  std::vector<std::string> actions = LiteralActions(space);
  for (const std::string& service : Services(space)) {
    for (const Catalog::Action& a : space.catalog->ServiceActions(service)) {
      actions.push_back(absl::StrCat(a.service, ":", a.name));
    }
  }
  std::vector<Question> out;
  std::set<std::string> seen;
  for (const std::string& action : actions) {
    std::string applies = Applies(space, action);
    if (!Relevant(space, action, applies)) continue;
    const std::string service = absl::AsciiStrToLower(action.substr(0, action.find(':')));
    for (std::string& resource : ResourcesFor(space, action)) {
      if (!Wanted(space, resource)) continue;
      if (!seen.insert(absl::StrCat(service, "|", applies, "|", resource)).second) continue;
      out.push_back(Question{action, std::move(resource), applies});
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Request contexts from the conditions.

// `condition` with only its i-th value (WitnessFor reads the first).
std::optional<Witness> ValueWitness(const CompiledCondition& c, size_t i, bool holds) {
  if (i == 0) return WitnessFor(c, holds);
  CompiledCondition one = c;
  one.values = {c.values[i]};
  return WitnessFor(one, holds);
}

void Put(const CompiledCondition& c, const Witness& w, bool override_existing, ContextSpec* spec) {
  if (!override_existing && spec->count(c.key.lower_name)) return;
  (*spec)[c.key.lower_name] = {c.key.name, w};
}

// Every condition of `s` holds (holds = true) or fails.
void SetAll(const CompiledStatement& s, bool holds, bool override_existing, ContextSpec* spec) {
  for (const CompiledCondition& c : s.conditions) {
    std::optional<Witness> w = WitnessFor(c, holds);
    if (w) Put(c, *w, override_existing, spec);
  }
}

std::string SpecKey(const ContextSpec& spec) {
  std::string out;
  for (const auto& [k, v] : spec) {
    absl::StrAppend(&out, k, v.second.present ? "=" : "!", v.second.value, "\n");
  }
  return out;
}

// The contexts asked for the statements that apply to a question: none set;
// each statement's conditions holding; each Allow of the checked policy
// holding with its policy's Denies failing (and the reference's Denies
// holding), and that context with each condition key moved to each
// boundary value of the conditions on it.
std::vector<ContextSpec> Contexts(const Space& space, const std::string& applies) {
  std::vector<const StatementRow*> rows;
  for (size_t i = 0; i < space.rows.size(); ++i) {
    if (applies[i] == '1' && !space.rows[i].statement->conditions.empty()) {
      rows.push_back(&space.rows[i]);
    }
  }
  std::vector<ContextSpec> out = {ContextSpec()};
  for (const StatementRow* r : rows) SetAll(*r->statement, true, true, &out.emplace_back());
  for (const StatementRow* allow : rows) {
    if (!allow->in_target || allow->statement->effect != Effect::kAllow) continue;
    ContextSpec base;
    SetAll(*allow->statement, true, true, &base);
    for (const StatementRow* r : rows) {
      if (r->in_target && r->statement->effect == Effect::kDeny) {
        SetAll(*r->statement, false, false, &base);
      }
    }
    out.push_back(base);
    for (const StatementRow* r : rows) {
      if (!r->in_target && r->statement->effect == Effect::kDeny) {
        SetAll(*r->statement, true, false, &out.emplace_back(base));
      }
    }
    for (const StatementRow* r : rows) {
      for (const CompiledCondition& c : r->statement->conditions) {
        for (size_t i = 0; i < c.values.size() && i < kValuesPerCondition; ++i) {
          for (bool holds : {true, false}) {
            std::optional<Witness> w = ValueWitness(c, i, holds);
            if (w) Put(c, *w, true, &out.emplace_back(base));
          }
        }
      }
    }
  }
  std::vector<ContextSpec> unique;
  std::set<std::string> seen;
  for (ContextSpec& spec : out) {
    if (unique.size() < kContextsPerGroup && seen.insert(SpecKey(spec)).second) {
      unique.push_back(std::move(spec));
    }
  }
  return unique;
}

// ---------------------------------------------------------------------------
// Setting up a check.

std::vector<const PolicyDocument*> Documents(const std::vector<const CompiledPolicy*>& policies) {
  std::vector<const PolicyDocument*> out;
  for (const CompiledPolicy* p : policies) out.push_back(&p->document());
  return out;
}

// The resource's account: --resource-account, the account of the ARNs the
// policies name, or an account they do not mention.
std::string OwnerAccount(const std::vector<const CompiledPolicy*>& policies,
                         const LintOptions& options) {
  if (IsAccountId(options.resource_account)) return options.resource_account;
  for (const CompiledPolicy* p : policies) {
    for (const Statement& s : p->document().statements) {
      if (!s.resource) continue;
      for (const LocatedString& r : s.resource->values) {
        ArnParts parts;
        if (SplitArn(r.value, &parts) && IsAccountId(parts[4])) return std::string(parts[4]);
      }
    }
  }
  return StandInOwnerAccount(Documents(policies));
}

Space MakeSpace(const Compiled& compiled, Mode mode, PolicyType type, const LintOptions& options,
                std::vector<Diagnostic>* diagnostics) {
  std::vector<const CompiledPolicy*> policies = {compiled.target};
  if (compiled.reference != nullptr) policies.push_back(compiled.reference);
  Space space;
  space.catalog = options.catalog != nullptr ? options.catalog : &Catalog::Default();
  space.mode = mode;
  space.type = type;
  space.owner = OwnerAccount(policies, options);
  space.outsider = OutsiderAccount(Documents(policies), space.owner);
  space.rows = Rows(policies);
  for (const CompiledPolicy* p : policies) {
    for (const Statement& s : p->document().statements) {
      for (const auto* e : {&s.resource, &s.not_resource}) {
        if (!e->has_value()) continue;
        for (const LocatedString& r : (*e)->values) {
          AddUnique(ConcreteArn(r.value, space.owner), &space.resource_values);
        }
      }
    }
  }
  if (!IdentitySide(type)) {
    space.actors = ResourceActors(policies, space.outsider, mode, diagnostics);
  }
  AddConditionActors(policies, space.outsider, mode == Mode::kNoPublicAccess, &space.actors);
  return space;
}

}  // namespace iamsim::custom_check_space
