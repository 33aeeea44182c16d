#include "policy/conditions/null.h"

#include "policy/conditions/bool.h"

namespace iamsim {

const char* CompileNullValue(absl::string_view text, ConditionValue* value) {
  std::optional<bool> b = ParseBoolValue(text);
  if (!b) return "true (the key is absent) or false (the key is present)";
  value->flag = *b;
  return nullptr;
}

bool EvaluateNull(const CompiledCondition& condition, bool present) {
  for (const ConditionValue& p : condition.values) {
    if (p.flag != present) return true;  // flag: "the key is absent".
  }
  return false;
}

}  // namespace iamsim
