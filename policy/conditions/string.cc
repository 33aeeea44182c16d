#include "policy/conditions/string.h"

#include "policy/compile/glob.h"

namespace iamsim {

void CompileStringValue(absl::string_view text, bool variables, ConditionValue* value) {
  value->pattern = PatternTemplate::Parse(text, variables);
}

bool MatchString(BaseOperator base, absl::string_view pattern, absl::string_view request_value) {
  switch (base) {
    case BaseOperator::kStringLike:
    case BaseOperator::kStringNotLike:
      return GlobMatch(pattern, request_value, /*ignore_case=*/false);
    case BaseOperator::kStringEqualsIgnoreCase:
    case BaseOperator::kStringNotEqualsIgnoreCase:
      return LiteralEquals(pattern, request_value, /*ignore_case=*/true);
    default:
      return LiteralEquals(pattern, request_value, /*ignore_case=*/false);
  }
}

}  // namespace iamsim
