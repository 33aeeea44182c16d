#include "policy/parse/condition_operator.h"

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "policy/diagnostics/suggest.h"

namespace iamsim {
namespace {

struct OperatorInfo {
  BaseOperator base;
  absl::string_view name;
  OperatorFamily family;
  bool negated;
};

constexpr OperatorInfo kOperators[] = {
    {BaseOperator::kStringEquals, "StringEquals", OperatorFamily::kString, false},
    {BaseOperator::kStringNotEquals, "StringNotEquals", OperatorFamily::kString, true},
    {BaseOperator::kStringEqualsIgnoreCase, "StringEqualsIgnoreCase", OperatorFamily::kString,
     false},
    {BaseOperator::kStringNotEqualsIgnoreCase, "StringNotEqualsIgnoreCase", OperatorFamily::kString,
     true},
    {BaseOperator::kStringLike, "StringLike", OperatorFamily::kString, false},
    {BaseOperator::kStringNotLike, "StringNotLike", OperatorFamily::kString, true},
    {BaseOperator::kNumericEquals, "NumericEquals", OperatorFamily::kNumeric, false},
    {BaseOperator::kNumericNotEquals, "NumericNotEquals", OperatorFamily::kNumeric, true},
    {BaseOperator::kNumericLessThan, "NumericLessThan", OperatorFamily::kNumeric, false},
    {BaseOperator::kNumericLessThanEquals, "NumericLessThanEquals", OperatorFamily::kNumeric,
     false},
    {BaseOperator::kNumericGreaterThan, "NumericGreaterThan", OperatorFamily::kNumeric, false},
    {BaseOperator::kNumericGreaterThanEquals, "NumericGreaterThanEquals", OperatorFamily::kNumeric,
     false},
    {BaseOperator::kDateEquals, "DateEquals", OperatorFamily::kDate, false},
    {BaseOperator::kDateNotEquals, "DateNotEquals", OperatorFamily::kDate, true},
    {BaseOperator::kDateLessThan, "DateLessThan", OperatorFamily::kDate, false},
    {BaseOperator::kDateLessThanEquals, "DateLessThanEquals", OperatorFamily::kDate, false},
    {BaseOperator::kDateGreaterThan, "DateGreaterThan", OperatorFamily::kDate, false},
    {BaseOperator::kDateGreaterThanEquals, "DateGreaterThanEquals", OperatorFamily::kDate, false},
    {BaseOperator::kBool, "Bool", OperatorFamily::kBool, false},
    {BaseOperator::kBinaryEquals, "BinaryEquals", OperatorFamily::kBinary, false},
    {BaseOperator::kIpAddress, "IpAddress", OperatorFamily::kIp, false},
    {BaseOperator::kNotIpAddress, "NotIpAddress", OperatorFamily::kIp, true},
    {BaseOperator::kArnEquals, "ArnEquals", OperatorFamily::kArn, false},
    {BaseOperator::kArnLike, "ArnLike", OperatorFamily::kArn, false},
    {BaseOperator::kArnNotEquals, "ArnNotEquals", OperatorFamily::kArn, true},
    {BaseOperator::kArnNotLike, "ArnNotLike", OperatorFamily::kArn, true},
    {BaseOperator::kNull, "Null", OperatorFamily::kNull, false},
};

const OperatorInfo& Info(BaseOperator base) {
  for (const OperatorInfo& info : kOperators) {
    if (info.base == base) return info;
  }
  return kOperators[0];
}

constexpr absl::string_view kForAllValues = "ForAllValues:";
constexpr absl::string_view kForAnyValue = "ForAnyValue:";
constexpr absl::string_view kIfExists = "IfExists";

}  // namespace

bool ConditionOperator::allows_variables() const {
  const OperatorFamily f = family();
  return f == OperatorFamily::kString || f == OperatorFamily::kArn || f == OperatorFamily::kBool;
}

absl::string_view BaseOperatorName(BaseOperator base) { return Info(base).name; }

std::string ConditionOperatorName(const ConditionOperator& op) {
  absl::string_view prefix = op.qualifier == SetQualifier::kForAllValues  ? kForAllValues
                             : op.qualifier == SetQualifier::kForAnyValue ? kForAnyValue
                                                                          : "";
  return absl::StrCat(prefix, BaseOperatorName(op.base), op.if_exists ? kIfExists : "");
}

std::optional<ConditionOperator> ParseConditionOperator(absl::string_view name) {
  ConditionOperator op;
  if (absl::ConsumePrefix(&name, kForAllValues)) {
    op.qualifier = SetQualifier::kForAllValues;
  } else if (absl::ConsumePrefix(&name, kForAnyValue)) {
    op.qualifier = SetQualifier::kForAnyValue;
  }
  op.if_exists = absl::ConsumeSuffix(&name, kIfExists);
  for (const OperatorInfo& info : kOperators) {
    if (info.name != name) continue;
    // Null tests presence; it has neither an IfExists form nor set forms.
    if (info.base == BaseOperator::kNull && (op.if_exists || op.qualifier != SetQualifier::kNone)) {
      return std::nullopt;
    }
    op.base = info.base;
    op.family_ = info.family;
    op.negated_ = info.negated;
    return op;
  }
  return std::nullopt;
}

std::string SuggestConditionOperator(absl::string_view name) {
  absl::string_view prefix;
  absl::string_view rest = name;
  // A misspelled qualifier before the colon ("ForAllValue:StringEquals").
  if (const size_t colon = name.find(':'); colon != absl::string_view::npos) {
    const absl::string_view head = name.substr(0, colon);
    size_t best = 3;
    for (absl::string_view qualifier : {kForAllValues, kForAnyValue}) {
      const size_t distance = EditDistance(head, qualifier.substr(0, qualifier.size() - 1));
      if (distance < best) {
        best = distance;
        prefix = qualifier;
      }
    }
    if (!prefix.empty()) rest = name.substr(colon + 1);
  }
  for (absl::string_view qualifier : {kForAllValues, kForAnyValue}) {
    if (!prefix.empty()) break;
    // Tolerate wrong case and a missing colon in the qualifier.
    const absl::string_view bare = qualifier.substr(0, qualifier.size() - 1);
    if (absl::StartsWithIgnoreCase(rest, qualifier)) {
      prefix = qualifier;
      rest.remove_prefix(qualifier.size());
    } else if (absl::StartsWithIgnoreCase(rest, bare)) {
      prefix = qualifier;
      rest.remove_prefix(bare.size());
    }
  }
  std::vector<std::string> names;
  for (const OperatorInfo& info : kOperators) {
    names.push_back(std::string(info.name));
    if (info.base != BaseOperator::kNull) names.push_back(absl::StrCat(info.name, kIfExists));
  }
  std::vector<absl::string_view> views(names.begin(), names.end());
  const std::string best = ClosestMatch(rest, views);
  if (best.empty()) return "";
  const std::string suggestion = absl::StrCat(prefix, best);
  return suggestion == name ? "" : suggestion;  // e.g. "ForAnyValue:Null": no such form.
}

}  // namespace iamsim
