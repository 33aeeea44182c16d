// File: policy/evaluate/residual.h
//
// Residual conditions: the answer to "under which conditions is this request
// allowed?" when some condition keys have no known value (who-can asks it
// of a world, where aws:SourceArn or aws:MultiFactorAuthPresent are not
// determined by anything the world holds).
//
// Every condition whose key is free and that the decision consults (its
// statement's action and resource match) is an atom: a boolean variable. The
// decision is a boolean function of the atoms once every other key is fixed,
// so the request is decided for each assignment of the atoms (Evaluate with
// forced condition outcomes) and the assignments that allow are minimised
// into alternatives (disjunctive normal form: any alternative suffices, all
// of its literals must hold). The formula is exact: for any concrete request
// that agrees with the fixed keys, AWS allows it iff some alternative holds
// when each atom is evaluated on that request. Atoms on the same key are
// independent variables, so an alternative may be unsatisfiable in practice
// (two different StringEquals values of one key); it is never wrong.
//
// Cost: one Evaluate when no condition with a free key is consulted (the
// common case), otherwise 1 + 2^atoms; more than `max_atoms` atoms is an
// error rather than a slow answer.
//
// Thread-safety: reentrant. Results point at conditions of the assembly's
// store, which must outlive them.
#ifndef IAMSIM_POLICY_EVALUATE_RESIDUAL_H_
#define IAMSIM_POLICY_EVALUATE_RESIDUAL_H_

#include <functional>
#include <vector>

#include "absl/status/status.h"
#include "policy/compile/assembly.h"
#include "policy/conditions/compiled_condition.h"
#include "policy/evaluate/request.h"

namespace iamsim {

// One condition that must hold (holds = true) or must not (false: it comes
// from a Deny, or its failure is what allows).
struct ResidualLiteral {
  const CompiledCondition* condition = nullptr;
  bool holds = true;
};
using ResidualTerm = std::vector<ResidualLiteral>;

struct Residual {
  absl::Status status;  // Not OK: too many free conditions to enumerate.
  bool allowed = false;  // Allowed for at least one outcome of the free conditions.
  // When allowed: the alternatives, any one of which allows; empty when the
  // request is allowed whatever the free conditions say.
  std::vector<ResidualTerm> alternatives;
};

// `is_free(key)`: whether `request` does not fix the key's value (the key is
// absent from the request and nothing determines that it is absent).
Residual DecideResidual(const Assembly& assembly, const PreparedRequest& request,
                        const std::function<bool(const ContextKey&)>& is_free,
                        size_t max_atoms = 12);

// Minimises the assignments of `atoms` variables listed in `allowed` (bit i
// of an assignment = atom i holds) into alternatives: prime implicants
// (Quine-McCluskey) covering every assignment, essential ones first, then
// greedily. Each alternative is a list of (atom, holds). Exposed for tests.
std::vector<std::vector<std::pair<size_t, bool>>> MinimiseAssignments(
    size_t atoms, const std::vector<uint32_t>& allowed);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EVALUATE_RESIDUAL_H_
