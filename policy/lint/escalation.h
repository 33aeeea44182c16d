// File: policy/lint/escalation.h (internal to policy/lint)
//
// The privilege-escalation rule's judgement, across the statements of one
// policy (policy/lint/data/escalation.json, "notes"): a combination is
// granted when every one of its actions is allowed by some Allow statement
//   - that names the action (by name, wildcard or NotAction),
//   - on a resource in the action's scope (grant_scope.h: kOpen needs "*",
//     NotResource or a wildcard in the resource part; kOpenOrSelf also takes
//     a policy variable such as user/${aws:username}; kAny takes any
//     resource of the action's types),
//   - whose conditions do not rule the path out: for iam:PassRole, an
//     iam:PassedToService condition must allow the combination's service;
//     for actions that support iam:PolicyARN (Attach*Policy), a condition
//     naming only full policy ARNs, none of them AdministratorAccess, rules
//     it out; for actions that support iam:PermissionsBoundary
//     (Put/Attach User/Role policy), a condition naming the boundary rules it
//     out (AWS's delegated-administration pattern). Other conditions (MFA,
//     source IP) narrow when the path is open, not what it yields.
// and no unconditional Deny of the same policy removes the action on every
// resource of its types. Actions of kOpen/kOpenOrSelf scope that act on the
// same resource type (iam:UpdateAssumeRolePolicy and sts:AssumeRole on
// roles) must reach a common resource: their entries must intersect.
//
// A combination is reported at the statement that completes it: the latest
// of the statements it needs, choosing for each action the earliest
// statement that grants it.
//
// Thread-safety: reentrant; `scope` is used (and its cache filled) by the
// calling thread only.
#ifndef IAMSIM_POLICY_LINT_ESCALATION_H_
#define IAMSIM_POLICY_LINT_ESCALATION_H_

#include <cstddef>
#include <vector>

#include "policy/compile/policy_store.h"
#include "policy/lint/grant_scope.h"
#include "policy/lint/overreach_data.h"

namespace iamsim {

struct EscalationMatch {
  const EscalationCombination* combination = nullptr;  // Points into the caller's list.
  size_t completing = 0;           // Index in policy.statements() of the completing statement.
  std::vector<size_t> statements;  // Every statement used, ascending (completing included).
};

// Every combination of `combinations` that `policy` grants, ordered by
// completing statement, then as listed.
std::vector<EscalationMatch> FindEscalations(const CompiledPolicy& policy,
                                             const std::vector<EscalationCombination>& combinations,
                                             GrantScope* scope);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_LINT_ESCALATION_H_
