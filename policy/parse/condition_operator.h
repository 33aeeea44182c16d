// File: policy/parse/condition_operator.h
//
// Condition operator names (IAM "Condition operators" page), decoded into
// a set qualifier, a base operator and the IfExists suffix.
//   "ForAnyValue:StringLikeIfExists" -> {kForAnyValue, kStringLike, if_exists}
// Operator names are matched exactly (AWS spells them in CamelCase); a near
// miss gets a suggestion from SuggestConditionOperator().
#ifndef IAMSIM_POLICY_PARSE_CONDITION_OPERATOR_H_
#define IAMSIM_POLICY_PARSE_CONDITION_OPERATOR_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace iamsim {

enum class BaseOperator {
  kStringEquals,
  kStringNotEquals,
  kStringEqualsIgnoreCase,
  kStringNotEqualsIgnoreCase,
  kStringLike,
  kStringNotLike,
  kNumericEquals,
  kNumericNotEquals,
  kNumericLessThan,
  kNumericLessThanEquals,
  kNumericGreaterThan,
  kNumericGreaterThanEquals,
  kDateEquals,
  kDateNotEquals,
  kDateLessThan,
  kDateLessThanEquals,
  kDateGreaterThan,
  kDateGreaterThanEquals,
  kBool,
  kBinaryEquals,
  kIpAddress,
  kNotIpAddress,
  kArnEquals,
  kArnLike,
  kArnNotEquals,
  kArnNotLike,
  kNull,
};

enum class OperatorFamily { kString, kNumeric, kDate, kBool, kBinary, kIp, kArn, kNull };

enum class SetQualifier { kNone, kForAllValues, kForAnyValue };

struct ConditionOperator {
  SetQualifier qualifier = SetQualifier::kNone;
  BaseOperator base = BaseOperator::kStringEquals;
  bool if_exists = false;

  OperatorFamily family() const { return family_; }
  // Negated operators (StringNotEquals, NotIpAddress, ArnNotLike, ...) match
  // when no policy value matches, and match a missing key.
  bool negated() const { return negated_; }
  // Whether `${...}` in policy values is a variable (String, ARN and Bool).
  bool allows_variables() const;

 private:
  friend std::optional<ConditionOperator> ParseConditionOperator(absl::string_view name);
  // Looked up once by ParseConditionOperator; read on every evaluation.
  OperatorFamily family_ = OperatorFamily::kString;
  bool negated_ = false;
};

// nullopt when `name` is not an operator AWS defines (including
// "NullIfExists" and set qualifiers on Null).
std::optional<ConditionOperator> ParseConditionOperator(absl::string_view name);

absl::string_view BaseOperatorName(BaseOperator base);
std::string ConditionOperatorName(const ConditionOperator& op);

// The closest valid operator name to `name`, or "" when nothing is close.
std::string SuggestConditionOperator(absl::string_view name);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_PARSE_CONDITION_OPERATOR_H_
