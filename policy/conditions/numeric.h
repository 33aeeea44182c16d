// File: policy/conditions/numeric.h
//
// Numeric condition operators (IAM "Condition operators", Numeric):
// NumericEquals, NumericNotEquals, NumericLessThan(Equals),
// NumericGreaterThan(Equals). Policy variables are not allowed.
//
// A number is written [+-]DIGITS[.DIGITS][e|E[+-]DIGITS] ("10", "-2.5",
// "1e3"), finite as a double. A policy value of any other form is an
// invalid-condition-value error; a request value of another form matches
// nothing.
#ifndef IAMSIM_POLICY_CONDITIONS_NUMERIC_H_
#define IAMSIM_POLICY_CONDITIONS_NUMERIC_H_

#include <optional>

#include "absl/strings/string_view.h"
#include "policy/conditions/compiled_condition.h"

namespace iamsim {

std::optional<double> ParseNumeric(absl::string_view text);

// nullptr, or what a value must be (for the invalid-condition-value message).
const char* CompileNumericValue(absl::string_view text, ConditionValue* value);

bool MatchNumeric(BaseOperator base, double policy_value, absl::string_view request_value);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_CONDITIONS_NUMERIC_H_
