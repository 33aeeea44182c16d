// File: policy/conditions/compiled_condition.h
//
// One operator/key pair of a Condition block, compiled for evaluation: the
// operator decoded, the key normalised, and each policy value compiled by its
// operator family (string.h, numeric.h, date.h, bool.h, binary.h, ip.h,
// arn.h, null.h). Evaluated by EvaluateCondition (modifiers.h).
//
// Ownership: `source` points into the PolicyDocument the condition was
// compiled from, which must outlive it. Thread-safety: immutable.
#ifndef IAMSIM_POLICY_CONDITIONS_COMPILED_CONDITION_H_
#define IAMSIM_POLICY_CONDITIONS_COMPILED_CONDITION_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "policy/compile/arn_pattern.h"
#include "policy/compile/context_key.h"
#include "policy/compile/pattern_template.h"
#include "policy/conditions/ip.h"
#include "policy/parse/policy_document.h"

namespace iamsim {

// One policy value, compiled for its operator's family; only the family's
// fields are set.
struct ConditionValue {
  std::string text;         // As written.
  PatternTemplate pattern;  // String, ARN, Bool: internal glob syntax, maybe with variables.
  // ARN family, when the pattern has no variables (most values are of other
  // families: the matcher is large, so it lives apart).
  std::shared_ptr<const ArnPattern> arn;
  double number = 0;        // Numeric.
  int64_t date_millis = 0;  // Date.
  IpRange ip;               // IP.
  bool flag = false;        // Bool (without variables) and Null.
  bool valid = true;        // False: not of the operator's type (an error); never matches.
};

struct CompiledCondition {
  ConditionOperator op;
  ContextKey key;
  std::vector<ConditionValue> values;
  const ConditionClause* source = nullptr;
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_CONDITIONS_COMPILED_CONDITION_H_
