#include "policy/conditions/witness.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"

namespace iamsim {
namespace {

std::string NoMatch(const CompiledCondition& c) {
  return c.op.family() == OperatorFamily::kArn ? "arn:aws:s3:::iamsim-no-match"
                                               : "iamsim-no-match";
}

std::string Iso(int64_t millis) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixMillis(millis), absl::UTCTimeZone());
}

std::string Number(double n) { return absl::StrCat(n); }

// A value for which the base operator (before negation, qualifier or
// IfExists) matches (match = true) or not.
std::optional<std::string> BaseValue(const CompiledCondition& c, bool match) {
  if (c.values.empty()) return std::nullopt;
  const ConditionValue& v = c.values[0];
  if (v.text.find("${") != std::string::npos) return std::nullopt;  // Policy variables.
  switch (c.op.base) {
    case BaseOperator::kStringEquals:
    case BaseOperator::kStringNotEquals:
    case BaseOperator::kStringEqualsIgnoreCase:
    case BaseOperator::kStringNotEqualsIgnoreCase:
    case BaseOperator::kArnEquals:
    case BaseOperator::kArnNotEquals:
    case BaseOperator::kBinaryEquals:
      return match ? v.text : NoMatch(c);
    case BaseOperator::kStringLike:
    case BaseOperator::kStringNotLike:
    case BaseOperator::kArnLike:
    case BaseOperator::kArnNotLike:
      return match ? absl::StrReplaceAll(v.text, {{"*", "x"}, {"?", "x"}}) : NoMatch(c);
    case BaseOperator::kBool:
      return match ? v.text : std::string(v.text == "true" ? "false" : "true");
    case BaseOperator::kNumericEquals:
    case BaseOperator::kNumericNotEquals:
      return Number(match ? v.number : v.number + 1);
    case BaseOperator::kNumericLessThan:
      return Number(match ? v.number - 1 : v.number);
    case BaseOperator::kNumericLessThanEquals:
      return Number(match ? v.number : v.number + 1);
    case BaseOperator::kNumericGreaterThan:
      return Number(match ? v.number + 1 : v.number);
    case BaseOperator::kNumericGreaterThanEquals:
      return Number(match ? v.number : v.number - 1);
    case BaseOperator::kDateEquals:
    case BaseOperator::kDateNotEquals:
      return Iso(match ? v.date_millis : v.date_millis + 1000);
    case BaseOperator::kDateLessThan:
      return Iso(match ? v.date_millis - 1000 : v.date_millis);
    case BaseOperator::kDateLessThanEquals:
      return Iso(match ? v.date_millis : v.date_millis + 1000);
    case BaseOperator::kDateGreaterThan:
      return Iso(match ? v.date_millis + 1000 : v.date_millis);
    case BaseOperator::kDateGreaterThanEquals:
      return Iso(match ? v.date_millis : v.date_millis - 1000);
    case BaseOperator::kIpAddress:
    case BaseOperator::kNotIpAddress:
      if (match) return v.text.substr(0, v.text.find('/'));
      if (v.ip.prefix_length == 0) return std::nullopt;
      return std::string(v.ip.v6 ? "::1" : "0.0.0.1");
    case BaseOperator::kNull:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Witness> WitnessFor(const CompiledCondition& c, bool holds) {
  Witness w;
  w.list = c.op.qualifier != SetQualifier::kNone;
  if (c.op.base == BaseOperator::kNull) {
    if (c.values.empty()) return std::nullopt;
    w.present = c.values[0].flag != holds;  // Null true holds when the key is absent.
    w.value = "x";
    return w;
  }
  // Whether the operator's own match (before negation) is wanted.
  const bool match = c.op.negated() ? !holds : holds;
  if (holds && (c.op.if_exists || c.op.negated()) && !match) {
    return w;  // A missing key satisfies IfExists and negated operators.
  }
  if (holds && c.op.qualifier == SetQualifier::kForAllValues) {
    return w;  // ForAllValues holds for a missing key.
  }
  std::optional<std::string> value = BaseValue(c, match);
  if (!value) return std::nullopt;
  w.present = true;
  w.value = *value;
  return w;
}

}  // namespace iamsim
