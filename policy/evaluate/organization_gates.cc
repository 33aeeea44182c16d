#include "policy/evaluate/organization_gates.h"

#include "absl/strings/match.h"
#include "policy/arn/byte_scan.h"
#include "policy/catalog/catalog.h"

namespace iamsim {

const char* ScpExemption(const Caller& caller, absl::string_view management_account) {
  if (!caller.is_iam()) return "SCPs do not apply: they limit IAM principals of member accounts.";
  if (!management_account.empty() && ShortEquals(caller.account, management_account)) {
    return "SCPs do not apply: the caller is in the organization's management account.";
  }
  if (caller.service_linked_role) return "SCPs do not apply to service-linked roles.";
  return nullptr;
}

const char* RcpExemption(const PreparedRequest& request, absl::string_view management_account) {
  // The action's service decides: sts:AssumeRole on an IAM role is an STS
  // request, and STS supports RCPs.
  // The service list is AWS's (the service catalog): it changes over time.
  if (!Catalog::Default().RcpSupported(request.service_lower())) {
    return "RCPs do not apply: the action's service is not one RCPs support.";
  }
  if (!management_account.empty() && ShortEquals(request.resource_account(), management_account)) {
    return "RCPs do not apply: the resource is in the organization's management account.";
  }
  if (request.caller().service_linked_role) return "RCPs do not apply to service-linked roles.";
  if (request.action_lower() == "kms:retiregrant") return "RCPs do not apply to kms:RetireGrant.";
  if (request.service_lower() == "sts" &&
      absl::StrContains(request.resource(), ":role/aws-service-role/")) {
    return "RCPs do not limit AWS services assuming a service-linked role.";
  }
  return nullptr;
}

GateResult CombineLevels(absl::Span<const LevelOutcome> levels) {
  GateResult result;
  for (size_t level = 0; level < levels.size(); ++level) {
    result.any_deny |= levels[level].any_deny;
    if (!levels[level].any_allow && result.passes) {
      result.passes = false;
      result.first_failing_level = static_cast<int8_t>(level);
    }
  }
  return result;
}

}  // namespace iamsim
