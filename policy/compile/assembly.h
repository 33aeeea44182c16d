// File: policy/compile/assembly.h
//
// The policies that take part in one question, named by reference into a
// PolicyStore: the caller's identity policies, its permissions boundary and
// session policies, the resource's policy (a role trust policy for sts:
// actions on a role), and the organization chains — the SCPs of the caller's
// account and the RCPs of the resource's account, one level per root, OU and
// account, root first.
//
// An Assembly is a view: building one costs nothing, and the units, spans
// and chains it names must outlive it (they are owned by a Simulation, a
// world, or the gateway's snapshot). One evaluator (policy/evaluate) decides
// every Assembly, whichever input it came from.
#ifndef IAMSIM_POLICY_COMPILE_ASSEMBLY_H_
#define IAMSIM_POLICY_COMPILE_ASSEMBLY_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "policy/compile/policy_store.h"

namespace iamsim {

// The policies attached at one root, OU or account.
struct OrgLevel {
  std::string target;  // "r-...", "ou-...", or an account id; "" when not known.
  std::vector<const CompiledPolicy*> policies;
};

// One account's chain of SCP or RCP levels, root first.
struct OrgChain {
  std::vector<OrgLevel> levels;
};

struct Assembly {
  const PolicyStore* store = nullptr;
  absl::Span<const CompiledPolicy* const> identity;
  const CompiledPolicy* resource = nullptr;  // kResource or kRoleTrust; null: none.
  const CompiledPolicy* boundary = nullptr;
  absl::Span<const CompiledPolicy* const> session;  // Inline + managed session policies.
  const OrgChain* scp = nullptr;  // The caller account's; null: not in an organization.
  const OrgChain* rcp = nullptr;  // The resource account's; null: none.
  // The organization's management account (SCPs and RCPs skip it); "" if unknown.
  absl::string_view management_account;

  // kResource, or kRoleTrust when the resource policy is a trust policy.
  PolicyType resource_policy_type() const {
    return resource != nullptr ? resource->type() : PolicyType::kResource;
  }
};

// InvalidArgument when a unit's type does not fit its slot, or an SCP/RCP
// level has no policy (AWS attaches at least one to every root, OU and
// account).
absl::Status ValidateAssembly(const Assembly& assembly);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_COMPILE_ASSEMBLY_H_
