#include "policy/conditions/bool.h"

#include "absl/strings/match.h"

namespace iamsim {

std::optional<bool> ParseBoolValue(absl::string_view text) {
  if (absl::EqualsIgnoreCase(text, "true")) return true;
  if (absl::EqualsIgnoreCase(text, "false")) return false;
  return std::nullopt;
}

const char* CompileBoolValue(absl::string_view text, bool variables, ConditionValue* value) {
  value->pattern = PatternTemplate::Parse(text, variables);
  if (value->pattern.has_variables()) return nullptr;
  std::optional<bool> b = ParseBoolValue(text);
  if (!b) return "true or false (a JSON boolean or the string \"true\" or \"false\")";
  value->flag = *b;
  return nullptr;
}

bool MatchBool(absl::string_view pattern, absl::string_view request_value) {
  std::optional<bool> policy = ParseBoolValue(pattern);
  std::optional<bool> request = ParseBoolValue(request_value);
  return policy && request && *policy == *request;
}

}  // namespace iamsim
