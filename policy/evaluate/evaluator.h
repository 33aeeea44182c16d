// File: policy/evaluate/evaluator.h
//
// Decides one request against a DecisionGraph, following AWS's policy
// evaluation logic (IAM "Policy evaluation logic", "Cross-account policy
// evaluation logic", Organizations SCP/RCP evaluation):
//
//   1. An applicable Deny in any evaluated policy: ExplicitDeny.
//   2. RCPs (resource in a member account, service supports RCPs) and SCPs
//      (IAM caller in a member account, not a service-linked role) need an
//      applicable Allow at every level.
//   3. Service and anonymous callers: only the resource policy can allow.
//   4. Cross-account IAM callers: the resource policy must allow the caller
//      AND identity policies (within boundary and session policy) must allow.
//   5. Same account: a resource-policy Allow naming the caller directly is
//      enough; naming the role of a role session is limited by boundary and
//      session policy; naming the account delegates to identity policies. Role
//      trust policies and KMS key policies must allow even in the account.
//   6. The root user has every permission in its own account (identity side).
//
// Options: `use_index = false` checks every statement (the oracle the index
// is tested against). With an Explanation, every statement of every
// evaluated policy is traced, whether or not the index would consider it.
//
// Thread-safety: Evaluate is reentrant; one graph may serve many threads.
// With explanation == nullptr it does not allocate (see benchmarks/).
#ifndef IAMSIM_POLICY_EVALUATE_EVALUATOR_H_
#define IAMSIM_POLICY_EVALUATE_EVALUATOR_H_

#include "policy/compile/decision_graph.h"
#include "policy/evaluate/decision.h"
#include "policy/evaluate/explanation.h"
#include "policy/evaluate/request.h"

namespace iamsim {

struct EvaluateOptions {
  bool use_index = true;
};

Decision Evaluate(const DecisionGraph& graph, const PreparedRequest& request,
                  const EvaluateOptions& options = {}, Explanation* explanation = nullptr);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EVALUATE_EVALUATOR_H_
