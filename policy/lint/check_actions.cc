// File: policy/lint/check_actions.cc
//
// Actions, resources and principals against the service catalog
// (policy/lint/rule_docs.json):
//   unknown-service           an Action/NotAction value whose service prefix
//                             the catalog does not know ("did you mean").
//   unknown-action            a known service, but the name (or wildcard
//                             pattern) matches none of its actions.
//   resource-mismatch         a Resource ARN of a type that no action of the
//                             statement acts on (catalog ARN formats).
//   mismatched-assume-action  in a trust policy, an assume action that fits
//                             no principal of its statement (SAML providers
//                             take sts:AssumeRoleWithSAML, OIDC providers
//                             sts:AssumeRoleWithWebIdentity, AWS and service
//                             principals sts:AssumeRole).
//   old-version-variables     a ${...} in a Resource/NotResource value or a
//                             condition value under Version 2008-10-17 or no
//                             Version, where it is plain text. (A lint rule,
//                             not a parser error: AWS accepts such policies
//                             and the simulator evaluates them literally.)
//
// Findings point at the value (/Statement/N/Action/I, /Statement/N/Resource
// when a string), conditions at /Statement/N/Condition/OPERATOR/KEY. Values
// holding template placeholders ("{{...}}") are never judged, and
// resource-mismatch fires only when every action of the statement is known
// (literal or expandable), so that only certain mismatches are reported.
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "policy/arn/arn.h"
#include "policy/lint/checks.h"
#include "policy/lint/grant_scope.h"
#include "policy/lint/patterns.h"

namespace iamsim {
namespace {

constexpr size_t kListedInMessage = 3;

// ---------------------------------------------------------------------------
// unknown-service, unknown-action

// Names people write for services whose prefix differs (the edit distance
// is too large for a "did you mean" by spelling).
struct PrefixAlias {
  absl::string_view written;
  absl::string_view prefix;
};
constexpr PrefixAlias kPrefixAliases[] = {
    {"cloudwatchlogs", "logs"},
    {"cloudwatch-logs", "logs"},
    {"stepfunctions", "states"},
    {"eventbridge", "events"},
    {"opensearch", "es"},
    {"elasticsearch", "es"},
    {"apigatewayinvoke", "execute-api"},
    {"cognito", "cognito-idp"},
    {"parameterstore", "ssm"},
    {"systemsmanager", "ssm"},
    {"secretmanager", "secretsmanager"},
};

std::string SuggestPrefix(const Catalog& catalog, absl::string_view prefix) {
  for (const PrefixAlias& alias : kPrefixAliases) {
    if (absl::EqualsIgnoreCase(alias.written, prefix) && catalog.HasService(alias.prefix)) {
      return std::string(alias.prefix);
    }
  }
  return catalog.SuggestService(prefix);
}

void CheckActionValue(const Catalog& catalog, const LocatedString& action, Findings* findings) {
  const std::string& value = action.value;
  if (value == "*" || HasTemplatePart(value)) return;
  const size_t colon = value.find(':');
  if (colon == std::string::npos || colon == 0) return;  // The parser reports these.
  const absl::string_view prefix = absl::string_view(value).substr(0, colon);
  const absl::string_view name = absl::string_view(value).substr(colon + 1);
  if (prefix.find_first_of("*?") != absl::string_view::npos) return;  // Parser's.
  if (!catalog.HasService(prefix)) {
    const std::string service = SuggestPrefix(catalog, prefix);
    const std::string replacement = service.empty() ? "" : absl::StrCat(service, ":", name);
    findings
        ->Add(
            Rule::kUnknownService, action.location,
            absl::StrCat(Quote(value), ": ", Quote(prefix), " is not the prefix of an AWS service",
                         service.empty() ? "" : absl::StrCat("; did you mean \"", service, "\"?")))
        .suggestion = replacement;
    return;
  }
  const std::optional<std::vector<Catalog::Action>> actions = ExpandAction(catalog, value);
  if (!actions || !actions->empty()) return;
  if (name.find_first_of("*?") != absl::string_view::npos) {
    findings->Add(Rule::kUnknownAction, action.location,
                  absl::StrCat(Quote(value), " matches no action of the ", Quote(prefix),
                               " service, so it grants or denies nothing"));
    return;
  }
  const std::string suggestion = catalog.SuggestAction(value);
  findings
      ->Add(Rule::kUnknownAction, action.location,
            absl::StrCat(
                Quote(value), " is not an action of the ", Quote(prefix), " service",
                suggestion.empty() ? "" : absl::StrCat("; did you mean \"", suggestion, "\"?")))
      .suggestion = suggestion;
}

// ---------------------------------------------------------------------------
// resource-mismatch

// What the actions of one statement act on.
struct ActionTargets {
  std::vector<std::string> actions;     // As written.
  std::set<std::string> formats;        // Catalog ARN formats.
  std::set<std::string> bare_services;  // Services of actions that take Resource "*".
  std::set<std::string> type_names;     // "object", "bucket", ... for the message.
};

// Adds the resource types of `action`; false when one is not in the catalog
// or has no ARN format (nothing certain can be said then).
bool AddActionTargets(const Catalog& catalog, const Catalog::Action& action,
                      ActionTargets* targets) {
  const std::vector<Catalog::ActionResource> resources = catalog.ActionResources(action);
  if (resources.empty()) {
    targets->bare_services.insert(std::string(action.service));
    targets->type_names.insert("\"*\" only");
  }
  for (const Catalog::ActionResource& resource : resources) {
    if (resource.name.empty()) {
      targets->bare_services.insert(std::string(action.service));
      targets->type_names.insert("\"*\" only");
      continue;
    }
    const std::optional<Catalog::ResourceType> type = catalog.ResourceTypeOf(action, resource);
    if (!type || type->arns.empty()) return false;
    targets->type_names.insert(std::string(type->name));
    for (absl::string_view arn : type->arns) targets->formats.insert(std::string(arn));
  }
  return true;
}

// The targets of one Action value; nullopt when it names no catalog action
// or one without an ARN format. Cached for the process's catalogs (which
// live as long as the process): a lint run sees "ec2:*" (700 actions) in
// file after file. Entries are never removed, so the pointers stay valid.
const std::optional<ActionTargets>* ValueTargets(const Catalog& catalog, const std::string& value) {
  auto compute = [&catalog, &value] {
    std::optional<ActionTargets> targets;
    const std::optional<std::vector<Catalog::Action>> actions = ExpandAction(catalog, value);
    if (!actions || actions->empty()) return targets;
    targets.emplace();
    for (const Catalog::Action& action : *actions) {
      if (!AddActionTargets(catalog, action, &*targets)) return std::optional<ActionTargets>();
    }
    return targets;
  };
  static std::mutex mutex;
  static auto* cache =
      new std::map<std::pair<const Catalog*, std::string>, std::optional<ActionTargets>>();
  thread_local std::optional<ActionTargets> uncached;
  if (&catalog != &Catalog::Default() && &catalog != &Catalog::Embedded()) {
    uncached = compute();
    return &uncached;
  }
  auto key = std::make_pair(&catalog, value);
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = cache->find(key); it != cache->end()) return &it->second;
  }
  std::optional<ActionTargets> made = compute();  // Outside the lock.
  std::lock_guard<std::mutex> lock(mutex);
  return &cache->emplace(std::move(key), std::move(made)).first->second;
}

// The targets of every action of `statement`; nullopt unless each Action
// value is known to the catalog (literal or a wildcard that expands).
std::optional<ActionTargets> StatementTargets(const Catalog& catalog, const Statement& statement) {
  if (!statement.action) return std::nullopt;
  ActionTargets targets;
  for (const LocatedString& value : statement.action->values) {
    const std::optional<ActionTargets>* one = ValueTargets(catalog, value.value);
    if (!one->has_value()) return std::nullopt;
    if (statement.action->values.size() == 1) {
      targets = **one;
    } else {
      targets.formats.insert((*one)->formats.begin(), (*one)->formats.end());
      targets.bare_services.insert((*one)->bare_services.begin(), (*one)->bare_services.end());
      targets.type_names.insert((*one)->type_names.begin(), (*one)->type_names.end());
    }
    targets.actions.push_back(value.value);
  }
  return targets;
}

// Whether the ARN `parts` may name the resource of an action of `service`
// that supports no resource-level permissions: AWS requires "*" there, so
// only an entry that is a wildcard over that service's resources may
// (e.g. "arn:aws:s3:::*" for s3:ListAllMyBuckets).
bool MayBeBareResource(const ArnParts& parts, absl::string_view service) {
  const bool any_resource =
      parts[5].empty() || parts[5].find_first_of("*?") != absl::string_view::npos;
  return any_resource && PatternCovers(parts[2], service, /*ignore_case=*/true);
}

bool ResourceFits(absl::string_view value, const ActionTargets& targets) {
  ArnParts parts;
  if (!SplitArn(value, &parts)) return true;
  for (const std::string& service : targets.bare_services) {
    if (MayBeBareResource(parts, service)) return true;
  }
  for (const std::string& format : targets.formats) {
    if (ArnMayMatchFormat(value, format)) return true;
  }
  return false;
}

void CheckResourceMismatch(const Catalog& catalog, const Statement& statement, Findings* findings) {
  if (!statement.action || !statement.resource) return;
  const std::optional<ActionTargets> targets = StatementTargets(catalog, statement);
  if (!targets) return;
  for (const LocatedString& resource : statement.resource->values) {
    const std::string& value = resource.value;
    if (IsEveryResource(value) || HasTemplatePart(value)) continue;
    if (ResourceFits(value, *targets)) continue;
    const std::vector<std::string> types(targets->type_names.begin(), targets->type_names.end());
    findings->Add(Rule::kResourceMismatch, resource.location,
                  absl::StrCat(Quote(value), " is not a resource that ",
                               ListSome(targets->actions, kListedInMessage),
                               targets->actions.size() == 1 ? " acts" : " act",
                               " on (resource types: ", ListSome(types, kListedInMessage),
                               "), so this entry matches no request of the statement"));
  }
}

// ---------------------------------------------------------------------------
// mismatched-assume-action

// The three ways to assume a role, as bits.
enum AssumeWay : uint8_t { kViaAssumeRole = 1, kViaSaml = 2, kViaWebIdentity = 4, kViaAny = 7 };

struct AssumeAction {
  AssumeWay way;
  absl::string_view name;
};
constexpr AssumeAction kAssumeActions[] = {{kViaAssumeRole, "sts:AssumeRole"},
                                           {kViaSaml, "sts:AssumeRoleWithSAML"},
                                           {kViaWebIdentity, "sts:AssumeRoleWithWebIdentity"}};

// The assume actions an Action value names ("sts:AssumeRole*" names three).
uint8_t NamedWays(absl::string_view value) {
  uint8_t ways = 0;
  for (const AssumeAction& a : kAssumeActions) {
    if (ActionCovers(value, a.name)) ways |= a.way;
  }
  return ways;
}

// The assume actions through which `principal` can be the caller.
uint8_t FittingWays(const PrincipalValue& principal) {
  const std::string& v = principal.value.value;
  if (v == "*" || HasTemplatePart(v)) return kViaAny;
  switch (principal.kind) {
    case PrincipalKind::kAws:
    case PrincipalKind::kService:
      return kViaAssumeRole;
    case PrincipalKind::kCanonicalUser:
      return kViaAny;  // Not a trust principal; another rule's business.
    case PrincipalKind::kFederated:
      break;
  }
  if (!absl::StartsWith(v, "arn:")) return kViaWebIdentity;  // accounts.google.com, ...
  if (absl::StrContains(v, ":saml-provider/")) return kViaSaml;
  if (absl::StrContains(v, ":oidc-provider/")) return kViaWebIdentity;
  return kViaSaml | kViaWebIdentity;
}

std::string DescribePrincipal(const PrincipalValue& principal) {
  const std::string& v = principal.value.value;
  if (principal.kind == PrincipalKind::kFederated) {
    const uint8_t ways = FittingWays(principal);
    const char* what = ways == kViaSaml          ? "the SAML provider "
                       : ways == kViaWebIdentity ? "the OIDC provider "
                                                 : "the identity provider ";
    return absl::StrCat(what, Quote(v));
  }
  return absl::StrCat(
      principal.kind == PrincipalKind::kService ? "the service principal " : "the AWS principal ",
      Quote(v));
}

std::string WayNames(uint8_t ways) {
  std::vector<std::string> names;
  for (const AssumeAction& a : kAssumeActions) {
    if (ways & a.way) names.push_back(std::string(a.name));
  }
  return absl::StrJoin(names, " or ");
}

void CheckAssumeActions(const Statement& statement, Findings* findings) {
  if (!statement.action || !statement.principal || statement.principal->everyone) return;
  uint8_t fits = 0;
  std::vector<std::string> principals;
  for (const PrincipalValue& p : statement.principal->values) {
    fits |= FittingWays(p);
    principals.push_back(DescribePrincipal(p));
  }
  if (statement.principal->values.empty() || fits == kViaAny) return;
  for (const LocatedString& action : statement.action->values) {
    const uint8_t named = NamedWays(action.value);
    if (named == 0 || (named & fits) != 0) continue;
    findings->Add(
        Rule::kMismatchedAssumeAction, action.location,
        absl::StrCat(Quote(action.value), " does not fit ", ListSome(principals, kListedInMessage),
                     ", which ", principals.size() == 1 ? "assumes" : "assume", " roles with ",
                     WayNames(fits), "; the statement never matches that call"));
  }
}

// ---------------------------------------------------------------------------
// old-version-variables

bool HasPolicyVariable(absl::string_view text) {
  const size_t open = text.find("${");
  return open != absl::string_view::npos && text.find('}', open + 2) != absl::string_view::npos;
}

std::string OldVersionMessage(const PolicyDocument& document, absl::string_view value) {
  return absl::StrCat(
      Quote(value), " is compared as plain text: ",
      document.version == PolicyVersion::kNone ? "without a Version" : "under Version 2008-10-17",
      " policy variables are not substituted; set \"Version\": \"2012-10-17\"");
}

void CheckOldVersionVariables(const PolicyDocument& document, Findings* findings) {
  if (document.variables_enabled()) return;
  for (const Statement& statement : document.statements) {
    for (const auto* list : {&statement.resource, &statement.not_resource}) {
      if (!*list) continue;
      for (const LocatedString& value : (*list)->values) {
        if (HasTemplatePart(value.value) || !HasPolicyVariable(value.value)) continue;
        findings->Add(Rule::kOldVersionVariables, value.location,
                      OldVersionMessage(document, value.value));
      }
    }
    for (const ConditionClause& clause : statement.conditions) {
      if (!clause.op.allows_variables()) continue;
      for (const ConditionClause::Value& value : clause.values) {
        if (HasTemplatePart(value.text) || !HasPolicyVariable(value.text)) continue;
        findings->Add(Rule::kOldVersionVariables, clause.key.location,
                      OldVersionMessage(document, value.text));
        break;  // One finding per condition key.
      }
    }
  }
}

}  // namespace

void CheckActionsAndResources(const LintTarget& target, Findings* findings) {
  const PolicyDocument& document = target.document();
  for (const Statement& statement : document.statements) {
    for (const auto* list : {&statement.action, &statement.not_action}) {
      if (!*list) continue;
      for (const LocatedString& action : (*list)->values) {
        CheckActionValue(target.catalog, action, findings);
      }
    }
    CheckResourceMismatch(target.catalog, statement, findings);
    if (target.type == PolicyType::kRoleTrust) CheckAssumeActions(statement, findings);
  }
  CheckOldVersionVariables(document, findings);
}

}  // namespace iamsim
