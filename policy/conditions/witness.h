// File: policy/conditions/witness.h
//
// A request value that makes a compiled condition hold, or fail: how a fix
// changes a request ("call through VPC endpoint vpce-1a2b") and how tests
// build contexts that satisfy who-can's residual conditions.
//
//   StringEquals / ArnEquals / BinaryEquals   the first policy value
//   StringLike / ArnLike                      the first pattern, wildcards as "x"
//   Numeric / Date ordering                   the bound, or one step past it
//   Bool                                      the value, or its opposite
//   IpAddress                                 the first range's address
//   Null                                      the key absent or present
// Negated operators and IfExists use the key's absence where that is what
// makes them hold. nullopt when no value can be built (policy variables,
// 0.0.0.0/0 to be missed).
#ifndef IAMSIM_POLICY_CONDITIONS_WITNESS_H_
#define IAMSIM_POLICY_CONDITIONS_WITNESS_H_

#include <optional>
#include <string>

#include "policy/conditions/compiled_condition.h"

namespace iamsim {

struct Witness {
  bool present = false;  // False: the key must be absent.
  bool list = false;     // A multivalued key (ForAnyValue / ForAllValues).
  std::string value;
};

std::optional<Witness> WitnessFor(const CompiledCondition& condition, bool holds);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_CONDITIONS_WITNESS_H_
