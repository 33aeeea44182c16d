#include "policy/explain/fix.h"

namespace iamsim {

absl::string_view FixOwnerKindName(FixOwnerKind kind) {
  switch (kind) {
    case FixOwnerKind::kCaller: return "caller-account";
    case FixOwnerKind::kResourceOwner: return "resource-owner";
    case FixOwnerKind::kManagementAccount: return "management-account";
  }
  return "?";
}

}  // namespace iamsim
