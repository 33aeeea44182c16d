// File: policy/conditions/bool.h
//
// The Bool condition operator (IAM "Condition operators", Boolean): the
// policy value is JSON true/false or the string "true"/"false" in any case;
// anything else is an invalid-condition-value error. Policy variables are
// allowed (the operators page lists Bool among them). A request value that is
// not true/false matches nothing.
#ifndef IAMSIM_POLICY_CONDITIONS_BOOL_H_
#define IAMSIM_POLICY_CONDITIONS_BOOL_H_

#include <optional>

#include "absl/strings/string_view.h"
#include "policy/conditions/compiled_condition.h"

namespace iamsim {

// "true" or "false", any case.
std::optional<bool> ParseBoolValue(absl::string_view text);

const char* CompileBoolValue(absl::string_view text, bool variables, ConditionValue* value);

// `pattern`: the policy value, variables substituted.
bool MatchBool(absl::string_view pattern, absl::string_view request_value);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_CONDITIONS_BOOL_H_
