// File: policy/fix/fix_finder.h
//
// Fixes for a denied request (issue "why denied"): for every blocker
// (policy/explain/blockers.h) the changes that would lift it — a repair of
// the near-miss value in place, a change to the request that defeats a
// deny's or a grant's condition (call through the VPC endpoint, with MFA),
// a grant scoped to exactly this principal, action and resource, or the
// narrowing of a Deny — completed greedily until the request is allowed, so
// that a fix needing two edits (both sides of a cross-account grant) is one
// fix. Each fix is verified before it is returned: iamsim applies its JSON
// Patch to the input text, reads the input again and decides again; it is
// kept only when the answer is Allow and strangers stay as they were (a
// role of the caller's account holding the same identity policies, a
// principal of another account, anonymous; for a service caller, the same
// service on behalf of another resource).
//
// Inputs: a simulation file, or one question of an AWS
// simulate-custom-policy request (whose policies are JSON strings).
//
// Thread-safety: pure; cost: a few re-reads and decisions per candidate.
#ifndef IAMSIM_POLICY_FIX_FIX_FINDER_H_
#define IAMSIM_POLICY_FIX_FIX_FINDER_H_

#include <string>

#include "policy/explain/fix.h"

namespace iamsim {

enum class FixInputKind { kSimulation, kAwsRequest };

struct FixInput {
  FixInputKind kind = FixInputKind::kSimulation;
  std::string file;  // Its name, as the report gives it.
  std::string text;  // Its text, exactly as read.
  size_t action = 0, resource = 0;  // kAwsRequest: the question.
};

FixReport FindFixes(const FixInput& input);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_FIX_FIX_FINDER_H_
