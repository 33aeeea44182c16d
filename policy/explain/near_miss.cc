#include "policy/explain/near_miss.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "policy/arn/arn.h"
#include "policy/arn/principal_arn.h"
#include "policy/catalog/catalog.h"
#include "policy/diagnostics/suggest.h"

namespace iamsim {
namespace {

bool Wild(absl::string_view s) { return s.find_first_of("*?$") != absl::string_view::npos; }

constexpr const char* kPartNames[] = {"arn", "partition", "service", "region", "account",
                                      "resource"};

// "arn:aws:lambda:[us-west-2]:..." : the differing part marked.
std::string Marked(const ArnParts& parts, size_t at) {
  std::vector<std::string> pieces;
  for (size_t i = 0; i < parts.size(); ++i) {
    pieces.push_back(i == at ? absl::StrCat("[", parts[i], "]") : std::string(parts[i]));
  }
  return absl::StrJoin(pieces, ":");
}

// Lambda's "function:NAME[:QUALIFIER]".
struct FunctionPart {
  std::string name, qualifier;
};
std::optional<FunctionPart> Function(absl::string_view resource) {
  if (!absl::ConsumePrefix(&resource, "function:")) return std::nullopt;
  std::vector<std::string> p = absl::StrSplit(resource, absl::MaxSplits(':', 1));
  return FunctionPart{p[0], p.size() > 1 ? p[1] : ""};
}

// How ARN `written` (no wildcards) differs from `wanted` in one part.
std::string ArnDifference(absl::string_view written, absl::string_view wanted) {
  ArnParts w, r;
  if (!SplitArn(written, &w) || !SplitArn(wanted, &r)) return "";
  size_t differing = 0, at = 0;
  for (size_t i = 0; i < 6; ++i) {
    if (w[i] != r[i]) {
      ++differing;
      at = i;
    }
  }
  if (differing != 1) return "";
  if (at == 5 && w[2] == "lambda") {
    std::optional<FunctionPart> fw = Function(w[5]), fr = Function(r[5]);
    if (fw && fr && fw->name == fr->name) {
      if (fw->qualifier.empty()) {
        return absl::StrCat("the policy names the unqualified function, the request the qualified ",
                            r[5], ": a permission on the function does not cover its aliases and "
                                  "versions");
      }
      if (fr->qualifier.empty()) {
        return absl::StrCat("the policy names ", w[5],
                            ", the request the unqualified function: a permission on an alias or "
                            "version does not cover the function itself");
      }
      return absl::StrCat("the qualifier differs: ", fw->qualifier, " in the policy, ",
                          fr->qualifier, " in the request");
    }
  }
  if (at == 5 && EditDistance(w[5], r[5]) > std::max<size_t>(2, r[5].size() / 4)) return "";
  return absl::StrCat("the ", kPartNames[at], " differs: ", Marked(w, at), " in the policy, ",
                      Marked(r, at), " in the request");
}

}  // namespace

std::optional<NearMiss> FindNearMiss(const StatementTrace& trace, const PreparedRequest& request) {
  if (trace.applies || trace.statement == nullptr) return std::nullopt;
  const Statement& s = *trace.statement->source;
  const bool action = trace.action == MatchState::kNoMatch;
  const bool resource = trace.resource == MatchState::kNoMatch;
  const bool principal = trace.principal == MatchState::kNoMatch;
  size_t failed_conditions = 0;
  for (const ConditionTrace& c : trace.conditions) failed_conditions += c.result == MatchState::kNoMatch;
  if (action + resource + principal + (failed_conditions > 0) != 1 || failed_conditions > 1) {
    return std::nullopt;
  }
  NearMiss miss;
  if (action && s.action) {
    for (const LocatedString& v : s.action->values) {
      // A typo is an action AWS does not have; two real actions are two
      // permissions (lambda:InvokeFunction is not a misspelled
      // lambda:InvokeFunctionUrl).
      if (Wild(v.value) || Catalog::Default().FindAction(v.value)) continue;
      const size_t distance = EditDistance(v.value, request.action());
      if (distance == 0 || distance > 3) continue;
      miss.value = &v;
      miss.written = v.value;
      miss.wanted = std::string(request.action());
      miss.difference =
          absl::StrCat("the action is misspelled: ", v.value, " in the policy, ", request.action(),
                       " in the request");
      miss.replace = true;
      return miss;
    }
    return std::nullopt;
  }
  if (resource && s.resource) {
    for (const LocatedString& v : s.resource->values) {
      if (Wild(v.value)) continue;
      const std::string difference = ArnDifference(v.value, request.resource());
      if (difference.empty()) continue;
      miss.value = &v;
      miss.written = v.value;
      miss.wanted = std::string(request.resource());
      miss.difference = difference;
      miss.qualifier = absl::StrContains(difference, "qualif") ||
                       absl::StrContains(difference, "alias");
      return miss;
    }
    return std::nullopt;
  }
  if (principal && s.principal) {
    const Caller& caller = request.caller();
    for (const PrincipalValue& p : s.principal->values) {
      if (p.kind != PrincipalKind::kAws) continue;
      std::optional<PrincipalArn> arn = ParsePrincipalArn(p.value.value);
      if (!arn) continue;
      if (arn->kind == PrincipalArnKind::kAssumedRole && caller.type == CallerType::kRole &&
          arn->account == caller.account && arn->name == caller.name) {
        miss.value = &p.value;
        miss.written = p.value.value;
        miss.wanted = std::string(caller.principal_arn);
        miss.difference = absl::StrCat("the policy names one session (", arn->session,
                                       ") of role ", arn->name, "; the request is session ",
                                       caller.session_name, ". Name the role to admit its sessions");
        miss.replace = true;  // The role covers the session named too.
        return miss;
      }
      if ((caller.type == CallerType::kRole || caller.type == CallerType::kUser) &&
          (arn->kind == PrincipalArnKind::kRole || arn->kind == PrincipalArnKind::kUser) &&
          arn->name == caller.name && arn->account != caller.account) {
        miss.value = &p.value;
        miss.written = p.value.value;
        miss.wanted = std::string(caller.principal_arn);
        miss.difference = absl::StrCat("the account differs: ", arn->account, " in the policy, ",
                                       caller.account, " is the caller's");
        return miss;
      }
    }
    return std::nullopt;
  }
  for (const ConditionTrace& c : trace.conditions) {
    if (c.result != MatchState::kNoMatch) continue;
    const ConditionClause& clause = *c.condition->source;
    if (c.condition->op.negated() || !c.key_present || c.request_values.size() != 1 ||
        clause.values.size() != 1 || c.condition->op.qualifier != SetQualifier::kNone) {
      return std::nullopt;
    }
    const ConditionClause::Value& v = clause.values[0];
    const std::string& got = c.request_values[0];
    std::string difference;
    if (c.condition->op.family() == OperatorFamily::kArn && !Wild(v.text)) {
      difference = ArnDifference(v.text, got);
    } else if (c.condition->op.family() == OperatorFamily::kString && !Wild(v.text) &&
               EditDistance(v.text, got) <= 2) {
      difference = absl::StrCat("the value differs: ", v.text, " in the policy, ", got,
                                " in the request");
    }
    if (difference.empty()) return std::nullopt;
    miss.condition_value = &v;
    miss.written = v.text;
    miss.wanted = got;
    miss.difference = absl::StrCat(c.condition->key.name, ": ", difference);
    return miss;
  }
  return std::nullopt;
}

std::optional<ElementLocation> FailingValue(const StatementTrace& trace,
                                            const PreparedRequest& request) {
  if (trace.applies || trace.statement == nullptr) return std::nullopt;
  if (std::optional<NearMiss> miss = FindNearMiss(trace, request)) return miss->location();
  const Statement& s = *trace.statement->source;
  auto first = [](const std::optional<StringListElement>& e) -> std::optional<ElementLocation> {
    if (!e) return std::nullopt;
    return e->values.empty() ? e->location : e->values[0].location;
  };
  if (trace.action == MatchState::kNoMatch) return first(s.action ? s.action : s.not_action);
  if (trace.resource == MatchState::kNoMatch) {
    return first(s.resource ? s.resource : s.not_resource);
  }
  if (trace.principal == MatchState::kNoMatch) {
    const std::optional<PrincipalElement>& p = s.principal ? s.principal : s.not_principal;
    if (!p) return std::nullopt;
    return p->values.empty() ? p->location : p->values[0].value.location;
  }
  for (const ConditionTrace& c : trace.conditions) {
    if (c.result != MatchState::kNoMatch) continue;
    const ConditionClause& clause = *c.condition->source;
    return clause.values.empty() ? clause.key.location : clause.values[0].location;
  }
  return std::nullopt;
}

std::string TrapNote(const StatementTrace& trace, const PreparedRequest& request) {
  if (trace.applies || trace.statement == nullptr) return "";
  if (std::optional<NearMiss> miss = FindNearMiss(trace, request)) {
    if (miss->value != nullptr &&
        (absl::StrContains(miss->difference, "alias") ||
         absl::StrContains(miss->difference, "one session"))) {
      return miss->difference;
    }
  }
  const Statement& s = *trace.statement->source;
  if (trace.action == MatchState::kNoMatch && s.action &&
      absl::EqualsIgnoreCase(request.action(), "lambda:InvokeFunctionUrl")) {
    for (const LocatedString& v : s.action->values) {
      if (absl::EqualsIgnoreCase(v.value, "lambda:InvokeFunction")) {
        return "a function URL call needs lambda:InvokeFunctionUrl: a permission for "
               "lambda:InvokeFunction does not cover it";
      }
    }
  }
  for (const ConditionTrace& c : trace.conditions) {
    if (c.result == MatchState::kNoMatch && !c.key_present) {
      const std::string when = WhenKeyIsSupplied(c.condition->key.lower_name);
      if (!when.empty()) return absl::StrCat(c.condition->key.name, ": ", when);
    }
  }
  return "";
}

std::string WhenKeyIsSupplied(absl::string_view key) {
  if (key == "aws:principalorgid" || key == "aws:principalorgpaths") {
    return "AWS supplies it only when the caller's account is a member of an organization "
           "(service principals have none)";
  }
  if (key == "aws:sourceaccount" || key == "aws:sourcearn") {
    return "AWS supplies it only when a service calls on behalf of one of its resources (S3, "
           "SNS, EventBridge, ...); API Gateway sends aws:SourceArn but no aws:SourceAccount; "
           "principals calling directly never have it";
  }
  if (key == "aws:sourcevpce" || key == "aws:sourcevpc") {
    return "AWS supplies it only for requests made through a VPC endpoint";
  }
  if (key == "aws:multifactorauthpresent" || key == "aws:multifactorauthage") {
    return "AWS supplies it only for temporary credentials; long-term access keys have none, and "
           "a condition on it fails for them unless written ...IfExists";
  }
  if (key == "aws:sourceip") {
    return "AWS supplies it for requests from the internet; a request through a VPC endpoint, or "
           "a service calling on your behalf, carries no public IP";
  }
  if (absl::StartsWith(key, "aws:principaltag/")) {
    return "AWS supplies it only when the principal (or the session) has that tag";
  }
  return "";
}

}  // namespace iamsim
