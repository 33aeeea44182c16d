// File: policy/conditions/string.h
//
// String condition operators (IAM "Condition operators", String):
// StringEquals, StringNotEquals, StringEqualsIgnoreCase,
// StringNotEqualsIgnoreCase — exact comparison, case-sensitive or not (ASCII
// and Unicode simple case folding of Latin letters is not attempted: ASCII
// only); StringLike, StringNotLike — `*` any run, `?` one character. Policy
// variables are allowed in values. Every string is a valid value.
// The Not forms are the negation of their positive form, applied by
// modifiers.h; here only positive matching is decided.
#ifndef IAMSIM_POLICY_CONDITIONS_STRING_H_
#define IAMSIM_POLICY_CONDITIONS_STRING_H_

#include "absl/strings/string_view.h"
#include "policy/conditions/compiled_condition.h"

namespace iamsim {

void CompileStringValue(absl::string_view text, bool variables, ConditionValue* value);

// `pattern`: the policy value in internal glob syntax, variables substituted.
bool MatchString(BaseOperator base, absl::string_view pattern, absl::string_view request_value);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_CONDITIONS_STRING_H_
