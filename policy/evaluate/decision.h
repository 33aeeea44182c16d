// File: policy/evaluate/decision.h
//
// The answer to one request, as data: the decision, the statements that
// decided it, each policy type's own verdict, and the context keys the
// decision needed but the request did not give. Statements are named by
// StatementRef into the PolicyStore of the Assembly decided, which must
// outlive the Decision.
// Building a Decision does not allocate in the common case (inline storage).
#ifndef IAMSIM_POLICY_EVALUATE_DECISION_H_
#define IAMSIM_POLICY_EVALUATE_DECISION_H_

#include <cstdint>

#include "absl/container/inlined_vector.h"
#include "absl/strings/string_view.h"
#include "policy/compile/context_key.h"
#include "policy/parse/policy_type.h"

namespace iamsim {

enum class DecisionKind { kAllow, kExplicitDeny, kImplicitDeny };
// "Allow", "ExplicitDeny", "ImplicitDeny".
absl::string_view DecisionKindName(DecisionKind kind);

// A statement of a policy of the store: the policy's id, the statement's
// index within its document, and for SCPs and RCPs the level of the chain it
// was evaluated at (one unit may be attached at several levels).
struct StatementRef {
  uint32_t policy = 0;
  uint32_t statement = 0;
  int8_t level = -1;  // SCP/RCP level (0 = root); -1 otherwise.
  friend bool operator==(StatementRef a, StatementRef b) {
    return a.policy == b.policy && a.statement == b.statement && a.level == b.level;
  }
  friend bool operator<(StatementRef a, StatementRef b) {
    if (a.level != b.level) return a.level < b.level;
    return a.policy != b.policy ? a.policy < b.policy : a.statement < b.statement;
  }
};

// One policy type's own answer.
enum class Verdict : uint8_t {
  kNotApplicable,  // This type does not take part (e.g. SCPs for a service caller).
  kAbsent,         // No policy of this type.
  kAllow,          // An applicable Allow and no applicable Deny.
  kExplicitDeny,   // An applicable Deny.
  kNoMatch,        // Evaluated; no statement applies (for SCP/RCP: some level has no Allow).
};
// "not applicable", "absent", "allow", "explicit deny", "no match".
absl::string_view VerdictName(Verdict verdict);

// The requirement an ImplicitDeny failed, in the words of AWS's message.
enum class DenyReason : uint8_t {
  kNone,
  kIdentity,         // no identity-based policy allows
  kResource,         // no resource-based policy allows
  kBoundary,         // no permissions boundary allows
  kSession,          // no session policy allows
  kServiceControl,   // no service control policy allows
  kResourceControl,  // no resource control policy allows
  kRootAssumeRole,   // the account root user cannot assume a role (no policy can allow it)
};

struct Decision {
  DecisionKind kind = DecisionKind::kImplicitDeny;
  DenyReason reason = DenyReason::kNone;
  // For kExplicitDeny: the type of the first denying statement.
  PolicyType deny_type = PolicyType::kIdentity;
  bool cross_account = false;
  // Allow: the applicable Allow statements; ExplicitDeny: the applicable Deny
  // statements. Sorted by (policy, statement). Empty for ImplicitDeny.
  absl::InlinedVector<StatementRef, 6> deciding;

  Verdict identity = Verdict::kAbsent;
  Verdict resource = Verdict::kAbsent;
  Verdict boundary = Verdict::kAbsent;
  Verdict session = Verdict::kAbsent;
  Verdict service_control = Verdict::kAbsent;
  Verdict resource_control = Verdict::kAbsent;
  int8_t failing_scp_level = -1;  // First SCP level without an Allow.
  int8_t failing_rcp_level = -1;
  // Every allow requirement that was not met (allow_rules.h Requirement
  // bits); `reason` is the one AWS's message names. For an ExplicitDeny,
  // filled only when explaining (what would still block without the deny).
  uint8_t unmet_requirements = 0;

  // Keys referenced by conditions of statements that otherwise matched, that
  // the request did not give (and iamsim could not derive). Point into the
  // graph; unique by name.
  absl::InlinedVector<const ContextKey*, 2> missing_keys;
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EVALUATE_DECISION_H_
