#include "policy/compile/assembly.h"

#include "absl/strings/str_cat.h"

namespace iamsim {
namespace {

absl::Status CheckType(const CompiledPolicy* policy, PolicyType want, absl::string_view slot) {
  if (policy == nullptr || policy->type() == want) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("policy \"", policy->name(), "\" is a ",
                                                 PolicyTypeName(policy->type()),
                                                 " policy but is used as the ", slot));
}

absl::Status CheckChain(const OrgChain* chain, PolicyType want, absl::string_view what) {
  if (chain == nullptr) return absl::OkStatus();
  for (size_t level = 0; level < chain->levels.size(); ++level) {
    if (chain->levels[level].policies.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(what, " level ", level,
                       " has no policies; in AWS every root, OU and account has "
                       "at least one"));
    }
    for (const CompiledPolicy* p : chain->levels[level].policies) {
      if (absl::Status s = CheckType(p, want, what); !s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateAssembly(const Assembly& a) {
  for (const CompiledPolicy* p : a.identity) {
    if (absl::Status s = CheckType(p, PolicyType::kIdentity, "identity policy"); !s.ok()) return s;
  }
  for (const CompiledPolicy* p : a.session) {
    if (absl::Status s = CheckType(p, PolicyType::kSession, "session policy"); !s.ok()) return s;
  }
  if (a.resource != nullptr && a.resource->type() != PolicyType::kResource &&
      a.resource->type() != PolicyType::kRoleTrust) {
    return CheckType(a.resource, PolicyType::kResource, "resource policy");
  }
  if (absl::Status s =
          CheckType(a.boundary, PolicyType::kPermissionsBoundary, "permissions boundary");
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckChain(a.scp, PolicyType::kServiceControl, "SCP"); !s.ok()) return s;
  return CheckChain(a.rcp, PolicyType::kResourceControl, "RCP");
}

}  // namespace iamsim
