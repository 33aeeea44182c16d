// File: policy/conditions/modifiers.h
//
// What wraps an operator family (IAM "Condition operators" and "Multivalued
// context keys" pages), and the evaluation of one condition:
//   - several policy values OR together; negated operators (StringNotEquals,
//     NotIpAddress, ArnNotLike, ...) are the negation of their positive form
//     over all values (NOR);
//   - a missing key makes a condition false, except negated operators and
//     ...IfExists (true) and Null (tests presence): HoldsWhenKeyMissing;
//   - ForAnyValue / ForAllValues test each request value against the policy
//     values with the base operator (a negated base operator per value);
//     ForAllValues holds and ForAnyValue fails for a missing key, an empty
//     list, or a single empty string (a null data set);
//   - policy variables (${aws:username}, with defaults and ${*} ${?} ${$})
//     are substituted per request in String, ARN and Bool values; a variable
//     without a value matches nothing.
// The operator families themselves (string.h, numeric.h, ...) decide whether
// one request value matches one policy value.
#ifndef IAMSIM_POLICY_CONDITIONS_MODIFIERS_H_
#define IAMSIM_POLICY_CONDITIONS_MODIFIERS_H_

#include <string>

#include "policy/conditions/compiled_condition.h"
#include "policy/conditions/condition_trace.h"
#include "policy/evaluate/context_resolver.h"

namespace iamsim {

// What a condition (other than Null) evaluates to when the request lacks its
// key: true for ...IfExists and ForAllValues, false for ForAnyValue, and for
// a plain operator true only when it is negated.
bool HoldsWhenKeyMissing(const ConditionOperator& op);

// Evaluates `condition` for a request. `scratch` is reused for variable
// substitution. Sets *key_missing when the key is absent from the request,
// and *missing_variable (when not null) to the key of a policy variable in
// the values that had no value. Fills `trace` when it is not null. Does not
// allocate when `trace` is null (once `scratch` has grown).
bool EvaluateCondition(const CompiledCondition& condition, const ContextResolver& context,
                       std::string* scratch, bool* key_missing, ConditionTrace* trace,
                       const ContextKey** missing_variable = nullptr);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_CONDITIONS_MODIFIERS_H_
