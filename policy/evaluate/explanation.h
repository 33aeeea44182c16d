// File: policy/evaluate/explanation.h
//
// Why each statement did or did not apply: built only when the caller asks
// for it (Evaluate with a non-null Explanation*), as data. Renderers in
// policy/explain turn it into text or JSON.
//
// Ownership: traces point at compiled statements and conditions of the
// PolicyStore evaluated, which must outlive the Explanation.
#ifndef IAMSIM_POLICY_EVALUATE_EXPLANATION_H_
#define IAMSIM_POLICY_EVALUATE_EXPLANATION_H_

#include <string>
#include <vector>

#include "policy/compile/compiled_statement.h"
#include "policy/conditions/condition_trace.h"
#include "policy/evaluate/decision.h"

namespace iamsim {

struct StatementTrace {
  StatementRef ref;
  PolicyType type = PolicyType::kIdentity;
  const CompiledStatement* statement = nullptr;
  MatchState principal = MatchState::kNotChecked;  // kNotChecked: no Principal element.
  std::string principal_note;  // e.g. "names the caller's role (limited by ...)"
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
