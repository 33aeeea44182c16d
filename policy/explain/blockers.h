// File: policy/explain/blockers.h
//
// Every blocker of a denied request, as data, in AWS's evaluation order:
// explicit denies first (RCPs, SCPs, resource policy, identity policies,
// boundary, session policy), then the policy types that failed to allow in
// the same order. AWS's AccessDenied sentence names only the first; a
// person fixing access needs them all (a cross-account call lacking both
// grants has two).
//
// Where either of two policy types would do (same account: an identity
// policy, or a resource policy that names the caller), the one blocker lists
// both as alternatives.
//
// Needs the Explanation of the decision (Evaluate with an Explanation).
// Thread-safety: pure.
#ifndef IAMSIM_POLICY_EXPLAIN_BLOCKERS_H_
#define IAMSIM_POLICY_EXPLAIN_BLOCKERS_H_

#include <string>
#include <vector>

#include "policy/explain/report.h"

namespace iamsim {

enum class BlockerReason {
  kExplicitDeny,         // "explicit-deny": these statements deny.
  kNoAllow,              // "no-allow": no statement of this type (and level) allows.
  kRootCannotAssumeRole  // "root-cannot-assume-role": no policy can allow it.
};
absl::string_view BlockerReasonName(BlockerReason reason);

struct Blocker {
  PolicyType type = PolicyType::kIdentity;
  std::string account;  // Whose policy it is ("" for service callers' side).
  int level = -1;       // SCP/RCP level (0 = root); -1 otherwise.
  std::string target;   // The organization level's root, OU or account ("" when unknown).
  BlockerReason reason = BlockerReason::kNoAllow;
  // explicit-deny: the denying statements; no-allow: the nearest statements
  // (those whose action matches and something else does not, or that are
  // one value off: near_miss.h).
  std::vector<StatementRef> statements;
  // No-allow where either type would do: both types, this one first.
  std::vector<PolicyType> alternatives;
};

std::vector<Blocker> FindBlockers(const ReportInput& input);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EXPLAIN_BLOCKERS_H_
