// File: policy/evaluate/evaluator.h
//
// Decides one request against an Assembly (policy/compile/assembly.h),
// following AWS's policy evaluation logic, in AWS's order:
//   1. Evaluate every policy that takes part: identity policies,
//      permissions boundary and session policy (IAM callers), the resource
//      policy, the SCP chain and the RCP chain.
//   2. Organization gates (organization_gates.h): who SCPs and RCPs apply
//      to, and an Allow at every level.
//   3. An applicable Deny anywhere: ExplicitDeny (deny_reason.h names the
//      policy type AWS's message gives).
//   4. Allow rules (allow_rules.h): same account, cross-account, service
//      callers, trust and key policies, the root user.
//   5. Otherwise ImplicitDeny, with the reason AWS's message gives
//      (deny_reason.h).
//
// Options: `use_index = false` checks every statement (the oracle the index
// is tested against); `forced` imposes outcomes on chosen conditions. With an Explanation, every statement of every
// evaluated policy is traced, whether or not the index would consider it.
//
// Thread-safety: Evaluate is reentrant; one store and assembly may serve
// many threads. With explanation == nullptr it does not allocate (see
// benchmarks/). The Assembly's store must outlive the Decision.
#ifndef IAMSIM_POLICY_EVALUATE_EVALUATOR_H_
#define IAMSIM_POLICY_EVALUATE_EVALUATOR_H_

#include <optional>

#include "policy/compile/assembly.h"
#include "policy/evaluate/decision.h"
#include "policy/evaluate/explanation.h"
#include "policy/evaluate/request.h"

namespace iamsim {

// Outcomes imposed on chosen conditions instead of evaluating them: how
// who-can asks "what if this condition held?" about a key whose value is
// not known (policy/world/residual.h). Must be thread-safe if shared.
class ConditionOutcomes {
 public:
  virtual ~ConditionOutcomes() = default;
  // The outcome to use for `condition`, or nullopt to evaluate it.
  virtual std::optional<bool> Outcome(const CompiledCondition& condition) const = 0;
};

struct EvaluateOptions {
  bool use_index = true;
  const ConditionOutcomes* forced = nullptr;  // Not owned; null: evaluate every condition.
};

Decision Evaluate(const Assembly& assembly, const PreparedRequest& request,
                  const EvaluateOptions& options = {}, Explanation* explanation = nullptr);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EVALUATE_EVALUATOR_H_
