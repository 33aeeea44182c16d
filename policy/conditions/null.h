// File: policy/conditions/null.h
//
// The Null condition operator (IAM "Condition operators", Null): "true"
// holds when the key is absent from the request (or has no values), "false"
// when it is present. The value is JSON true/false or the string
// "true"/"false" in any case; anything else is an invalid-condition-value
// error. Several values OR together. Null has no IfExists or set form.
#ifndef IAMSIM_POLICY_CONDITIONS_NULL_H_
#define IAMSIM_POLICY_CONDITIONS_NULL_H_

#include "absl/strings/string_view.h"
#include "policy/conditions/compiled_condition.h"

namespace iamsim {

const char* CompileNullValue(absl::string_view text, ConditionValue* value);

// Whether the condition holds when the key `present` or not.
bool EvaluateNull(const CompiledCondition& condition, bool present);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_CONDITIONS_NULL_H_
