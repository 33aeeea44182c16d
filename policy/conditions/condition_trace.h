// File: policy/conditions/condition_trace.h
//
// What one condition saw and decided, for explanations (built only when an
// explanation is asked for).
#ifndef IAMSIM_POLICY_CONDITIONS_CONDITION_TRACE_H_
#define IAMSIM_POLICY_CONDITIONS_CONDITION_TRACE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "policy/conditions/compiled_condition.h"

namespace iamsim {

enum class MatchState { kMatch, kNoMatch, kNotChecked };
// "match", "no match", "not checked".
absl::string_view MatchStateName(MatchState state);

struct ConditionTrace {
  const CompiledCondition* condition = nullptr;  // Owned by the compiled policy.
  bool key_present = false;
  std::vector<std::string> request_values;
  std::vector<std::string> policy_values;  // After variable substitution ("<no value>" if unset).
  MatchState result = MatchState::kNotChecked;
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_CONDITIONS_CONDITION_TRACE_H_
