#include "policy/explain/access_denied.h"

#include "absl/strings/str_cat.h"

namespace iamsim {
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

absl::string_view DenyReasonName(DenyReason reason) {
  switch (reason) {
    case DenyReason::kNone:
      return "";
    case DenyReason::kIdentity:
      return "identity";
    case DenyReason::kResource:
      return "resource";
    case DenyReason::kBoundary:
      return "boundary";
    case DenyReason::kSession:
      return "session";
    case DenyReason::kServiceControl:
      return "scp";
    case DenyReason::kResourceControl:
      return "rcp";
    case DenyReason::kRootAssumeRole:
      return "root-assume-role";
  }
  return "";
}

std::string AccessDeniedMessage(const PreparedRequest& request, const Decision& decision) {
  if (decision.kind == DecisionKind::kAllow) return "";
  if (decision.kind == DecisionKind::kImplicitDeny &&
      decision.reason == DenyReason::kRootAssumeRole) {
    return "Roles may not be assumed by root accounts";  // STS's own message.
  }
  const Caller& caller = request.caller();
  absl::string_view who = caller.type == CallerType::kAnonymous ? "anonymous" : caller.arn;
  std::string out = absl::StrCat("User: ", who, " is not authorized to perform: ", request.action(),
                                 " on resource: ", request.resource(), " ");
  if (decision.kind == DecisionKind::kExplicitDeny) {
    absl::StrAppend(&out, "with an explicit deny in ", ExplicitDenyWords(decision.deny_type));
  } else {
    absl::StrAppend(&out, "because no ", DenyReasonWords(decision.reason), " allows the ",
                    request.action(), " action");
  }
  return out;
}

}  // namespace iamsim
