// File: policy/conditions/arn.h
//
// ARN condition operators (IAM "Condition operators", Amazon Resource Name):
// ArnEquals, ArnLike, ArnNotEquals, ArnNotLike. Each of the six
// colon-separated parts of the ARN is matched on its own, with `*` and `?`
// inside a part (ArnEquals behaves as ArnLike; the Not forms are negations,
// applied by modifiers.h). A value that is not an ARN is accepted by AWS but
// can never match (a warning). Policy variables are allowed.
#ifndef IAMSIM_POLICY_CONDITIONS_ARN_H_
#define IAMSIM_POLICY_CONDITIONS_ARN_H_

#include "absl/strings/string_view.h"
#include "policy/conditions/compiled_condition.h"

namespace iamsim {

// Returns nullptr, or why the value can never match (not an error).
const char* CompileArnValue(absl::string_view text, bool variables, ConditionValue* value);

// A value compiled without variables.
bool MatchArn(const ConditionValue& value, absl::string_view request_value);
// A value whose variables were substituted into `pattern` (internal syntax).
bool MatchArnRendered(absl::string_view pattern, absl::string_view request_value);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_CONDITIONS_ARN_H_
