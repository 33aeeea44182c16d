#include "policy/conditions/arn.h"

#include "absl/strings/match.h"
#include "policy/arn/arn.h"

namespace iamsim {

const char* CompileArnValue(absl::string_view text, bool variables, ConditionValue* value) {
  value->pattern = PatternTemplate::Parse(text, variables);
  if (value->pattern.has_variables()) return nullptr;
  value->arn = std::make_shared<const ArnPattern>(value->pattern.static_pattern(),
                                                  ArnMatchMode::kArnCondition);
  ArnParts parts;
  if (text != "*" && (!SplitArn(text, &parts) || !absl::StartsWith(text, "arn:"))) {
    return "it is not an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE)";
  }
  return nullptr;
}

bool MatchArn(const ConditionValue& value, absl::string_view request_value) {
  return value.arn != nullptr && value.arn->Matches(request_value);
}

bool MatchArnRendered(absl::string_view pattern, absl::string_view request_value) {
  return ArnPattern::MatchRendered(pattern, request_value, ArnMatchMode::kArnCondition);
}

}  // namespace iamsim
