// File: policy/evaluate/explanation.h
//
// Why each statement did or did not apply: built only when the caller asks
// for it (Evaluate with a non-null Explanation*), as data. Renderers in
// policy/explain turn it into text or JSON.
#ifndef IAMSIM_POLICY_EVALUATE_EXPLANATION_H_
#define IAMSIM_POLICY_EVALUATE_EXPLANATION_H_

#include <string>
#include <vector>

#include "policy/compile/compiled_statement.h"
#include "policy/evaluate/decision.h"

namespace iamsim {

enum class MatchState { kMatch, kNoMatch, kNotChecked };
// "match", "no match", "not checked".
absl::string_view MatchStateName(MatchState state);

struct ConditionTrace {
  const CompiledCondition* condition = nullptr;
  bool key_present = false;
  std::vector<std::string> request_values;
  std::vector<std::string> policy_values;  // After variable substitution ("<no value>" if unset).
  MatchState result = MatchState::kNotChecked;
};

struct StatementTrace {
  StatementRef ref;
  PolicyType type = PolicyType::kIdentity;
  int level = -1;
  const CompiledStatement* statement = nullptr;
  MatchState principal = MatchState::kNotChecked;  // kNotChecked: no Principal element.
  std::string principal_note;  // e.g. "matched as the role ARN (limited by the session policy)"
  MatchState action = MatchState::kNotChecked;
  MatchState resource = MatchState::kNotChecked;
  std::vector<ConditionTrace> conditions;
  bool applies = false;
};

struct Explanation {
  std::vector<StatementTrace> statements;  // Evaluation order.
  std::vector<std::string> notes;          // Rules that shaped the decision, one sentence each.
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EVALUATE_EXPLANATION_H_
