#include "policy/evaluate/deny_reason.h"

namespace iamsim {

int ExplicitDenyRank(PolicyType type) {
  switch (type) {
    case PolicyType::kServiceControl:
      return 0;
    case PolicyType::kResourceControl:
      return 1;
    case PolicyType::kIdentity:
      return 2;
    case PolicyType::kResource:
    case PolicyType::kRoleTrust:
      return 3;
    case PolicyType::kPermissionsBoundary:
      return 4;
    case PolicyType::kSession:
      return 5;
  }
  return 6;
}

DenyReason ImplicitDenyReason(bool root_assume_role, const GateResult& scp, const GateResult& rcp,
                              const AllowResult& allow) {
  if (root_assume_role) return DenyReason::kRootAssumeRole;
  if (!scp.passes) return DenyReason::kServiceControl;
  if (!rcp.passes) return DenyReason::kResourceControl;
  return allow.first;
}

}  // namespace iamsim
