// File: policy/evaluate/condition_evaluator.h
//
// Evaluates one compiled condition (operator + key + values) against a
// request (IAM "Condition operators" and "Multivalued context keys" pages):
//   - several policy values OR together; for negated operators
//     (StringNotEquals, NotIpAddress, ArnNotLike, ...) the result is NOR;
//   - a missing key makes a condition false, except negated operators,
//     ...IfExists (true) and Null (tests presence); ForAllValues is true and
//     ForAnyValue false for a missing key or an empty list;
//   - ForAnyValue/ForAllValues test each request value against the policy
//     values with the base operator (a negated base operator per value);
//   - a policy variable without a value matches nothing.
#ifndef IAMSIM_POLICY_EVALUATE_CONDITION_EVALUATOR_H_
#define IAMSIM_POLICY_EVALUATE_CONDITION_EVALUATOR_H_

#include <string>

#include "policy/compile/compiled_statement.h"
#include "policy/evaluate/context_resolver.h"
#include "policy/evaluate/explanation.h"

namespace iamsim {

// What a condition (other than Null) evaluates to when the request lacks its
// key: true for ...IfExists and ForAllValues, false for ForAnyValue, and for
// a plain operator true only when it is negated (condition operators page).
bool HoldsWhenKeyMissing(const ConditionOperator& op);

// `scratch` is reused for variable substitution. Sets *key_missing when the
// key is absent from the request, and *missing_variable (when not null) to
// the key of a policy variable in the values that had no value. Fills
// `trace` when it is not null.
bool EvaluateCondition(const CompiledCondition& condition, const ContextResolver& context,
                       std::string* scratch, bool* key_missing, ConditionTrace* trace,
                       const ContextKey** missing_variable = nullptr);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EVALUATE_CONDITION_EVALUATOR_H_
