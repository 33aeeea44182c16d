// DescribeStatement, AccessDeniedMessage, SuggestFix.
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "policy/arn/arn.h"
#include "policy/explain/report.h"

namespace iamsim {

StatementInfo DescribeStatement(const DecisionGraph& graph, StatementRef ref) {
  const PolicyInfo& policy = graph.policies()[ref.policy];
  const Statement& s = policy.document->statements[ref.statement];
  StatementInfo info;
  info.policy_name = policy.name;
  info.type = policy.type;
  info.level = policy.level;
  if (s.sid) info.sid = s.sid->value;
  info.index = s.index;
  info.effect = s.effect;
  info.source = policy.document->source;
  info.span = s.location.span;
  info.pointer = s.location.pointer;
  return info;
}

namespace {

absl::string_view DenyReasonWords(DenyReason reason) {
  switch (reason) {
    case DenyReason::kIdentity:
      return "identity-based policy";
    case DenyReason::kResource:
      return "resource-based policy";
    case DenyReason::kBoundary:
      return "permissions boundary";
    case DenyReason::kSession:
      return "session policy";
    case DenyReason::kServiceControl:
      return "service control policy";
    case DenyReason::kResourceControl:
      return "resource control policy";
    case DenyReason::kRootAssumeRole:
    case DenyReason::kNone:
      return "policy";
  }
  return "policy";
}

absl::string_view ExplicitDenyWords(PolicyType type) {
  switch (type) {
    case PolicyType::kIdentity:
      return "an identity-based policy";
    case PolicyType::kResource:
    case PolicyType::kRoleTrust:
      return "a resource-based policy";
    case PolicyType::kPermissionsBoundary:
      return "a permissions boundary";
    case PolicyType::kSession:
      return "a session policy";
    case PolicyType::kServiceControl:
      return "a service control policy";
    case PolicyType::kResourceControl:
      return "a resource control policy";
  }
  return "a policy";
}

}  // namespace

std::string AccessDeniedMessage(const PreparedRequest& request, const Decision& decision) {
  if (decision.kind == DecisionKind::kAllow) return "";
  const Caller& caller = request.caller();
  absl::string_view who = caller.type == CallerType::kAnonymous ? "anonymous" : caller.arn;
  std::string out = absl::StrCat("User: ", who, " is not authorized to perform: ", request.action(),
                                 " on resource: ", request.resource(), " ");
  if (decision.kind == DecisionKind::kExplicitDeny) {
    absl::StrAppend(&out, "with an explicit deny in ", ExplicitDenyWords(decision.deny_type));
  } else if (decision.reason == DenyReason::kRootAssumeRole) {
    return "Roles may not be assumed by root accounts";  // STS's own message.
  } else {
    absl::StrAppend(&out, "because no ", DenyReasonWords(decision.reason), " allows the ",
                    request.action(), " action");
  }
  return out;
}

std::string SuggestFix(const PreparedRequest& request, const Decision& decision) {
  if (decision.kind != DecisionKind::kImplicitDeny) return "";
  // A statement failed only for want of a context key: a grant without that
  // condition would drop a check someone wrote on purpose.
  if (!decision.missing_keys.empty()) {
    std::vector<absl::string_view> names;
    for (const ContextKey* key : decision.missing_keys) names.push_back(key->name);
    const bool one = names.size() == 1;
    return absl::StrCat("give ", absl::StrJoin(names, ", "), " in the request context: a statement ",
                        one ? "needs it and the request lacks it" : "needs them and the request lacks them");
  }
  const Caller& caller = request.caller();
  if (decision.reason == DenyReason::kResource && request.resource_service() == "lambda" &&
      absl::StartsWith(request.action_lower(), "lambda:")) {
    // Never suggest making a function public.
    if (caller.type == CallerType::kAnonymous) return "";
    const absl::string_view principal =
        caller.type == CallerType::kService ? caller.name
        : caller.type == CallerType::kRole  ? caller.principal_arn
                                            : caller.arn;
    std::string fix = absl::StrCat("aws lambda add-permission --function-name ", request.resource(),
                                   " --statement-id iamsim-suggested --action ", request.action(),
                                   " --principal ", principal);
    if (caller.type == CallerType::kService) {
      // Pin a service grant to the calling resource and its account
      // (confused deputy); S3 bucket ARNs carry no account, so both.
      auto given = [&](absl::string_view key) -> std::string {
        const RequestContext* context = request.context();
        const ContextEntry* e = context != nullptr ? context->Find(key) : nullptr;
        return e != nullptr && e->values.size() == 1 ? e->values[0] : "";
      };
      const std::string arn = given("aws:sourcearn");
      const std::string account = given("aws:sourceaccount");
      absl::StrAppend(&fix, " --source-arn ", arn.empty() ? "<ARN of the calling resource>" : arn,
                      " --source-account ", account.empty() ? "<its account id>" : account);
    }
    return fix;
  }
  if (decision.reason == DenyReason::kIdentity) {
    return absl::StrCat(
        "add to the caller's identity policies: {\"Effect\": \"Allow\", \"Action\": \"",
        request.action(), "\", \"Resource\": \"", request.resource(), "\"}");
  }
  return "";
}

}  // namespace iamsim
