#include "policy/evaluate/condition_evaluator.h"

#include "absl/strings/match.h"
#include "policy/compile/typed_value.h"

namespace iamsim {
namespace {

// The positive form of the base operator: does request value `v` match
// policy value `p`? Negation is applied by the caller.
class ValueMatcher {
 public:
  ValueMatcher(const CompiledCondition& condition, const ContextResolver& context,
               std::string* scratch, const ContextKey** missing_variable)
      : condition_(condition),
        context_(context),
        scratch_(scratch),
        missing_variable_(missing_variable) {}

  // Whether any policy value matches `v`.
  bool MatchesAny(absl::string_view v) const {
    for (const ConditionValue& p : condition_.values) {
      if (Matches(p, v)) return true;
    }
    return false;
  }

 private:
  // The policy value's pattern after variable substitution, or nullopt when a
  // variable has no value (such a value matches nothing).
  std::optional<absl::string_view> Pattern(const ConditionValue& p) const {
    if (!p.pattern.has_variables()) return absl::string_view(p.pattern.static_pattern());
    auto lookup = [this](const ContextKey& key) {
      std::optional<absl::string_view> value = context_.Single(key);
      if (!value && missing_variable_ != nullptr) *missing_variable_ = &key;
      return value;
    };
    if (!p.pattern.Render(lookup, scratch_)) return std::nullopt;
    return absl::string_view(*scratch_);
  }

  template <typename T, typename U>
  bool Compare(T v, U p) const {
    switch (condition_.op.base) {
      case BaseOperator::kNumericEquals:
      case BaseOperator::kNumericNotEquals:
      case BaseOperator::kDateEquals:
      case BaseOperator::kDateNotEquals:
        return v == p;
      case BaseOperator::kNumericLessThan:
      case BaseOperator::kDateLessThan:
        return v < p;
      case BaseOperator::kNumericLessThanEquals:
      case BaseOperator::kDateLessThanEquals:
        return v <= p;
      case BaseOperator::kNumericGreaterThan:
      case BaseOperator::kDateGreaterThan:
        return v > p;
      case BaseOperator::kNumericGreaterThanEquals:
      case BaseOperator::kDateGreaterThanEquals:
        return v >= p;
      default:
        return false;
    }
  }

  bool Matches(const ConditionValue& p, absl::string_view v) const {
    if (!p.valid) return false;
    switch (condition_.op.family()) {
      case OperatorFamily::kString: {
        std::optional<absl::string_view> pattern = Pattern(p);
        if (!pattern) return false;
        switch (condition_.op.base) {
          case BaseOperator::kStringLike:
          case BaseOperator::kStringNotLike:
            return GlobMatch(*pattern, v, false);
          case BaseOperator::kStringEqualsIgnoreCase:
          case BaseOperator::kStringNotEqualsIgnoreCase:
            return LiteralEquals(*pattern, v, true);
          default:
            return LiteralEquals(*pattern, v, false);
        }
      }
      case OperatorFamily::kArn: {
        if (!p.pattern.has_variables()) return p.arn.Matches(v);
        std::optional<absl::string_view> pattern = Pattern(p);
        return pattern && ArnPattern::MatchRendered(*pattern, v, ArnMatchMode::kArnCondition);
      }
      case OperatorFamily::kBool: {
        std::optional<absl::string_view> pattern = Pattern(p);
        if (!pattern) return false;
        std::optional<bool> policy = ParseBoolValue(*pattern);
        std::optional<bool> request = ParseBoolValue(v);
        return policy && request && *policy == *request;
      }
      case OperatorFamily::kBinary:
        return v == p.text;
      case OperatorFamily::kNumeric: {
        std::optional<double> n = ParseNumeric(v);
        return n && Compare(*n, p.number);
      }
      case OperatorFamily::kDate: {
        std::optional<int64_t> d = ParseDateMillis(v);
        return d && Compare(*d, p.date_millis);
      }
      case OperatorFamily::kIp: {
        std::optional<IpRange> ip = ParseIpRange(v);
        return ip && IpInRange(*ip, p.ip);
      }
      case OperatorFamily::kNull:
        return false;  // Handled by the caller.
    }
    return false;
  }

  const CompiledCondition& condition_;
  const ContextResolver& context_;
  std::string* scratch_;
  const ContextKey** missing_variable_;  // May be null.
};

void FillTrace(const CompiledCondition& condition, const ContextResolver& context,
               const KeyValues& values, std::string* scratch, ConditionTrace* trace) {
  trace->condition = &condition;
  trace->key_present = values.present;
  for (size_t i = 0; i < values.size(); ++i) trace->request_values.emplace_back(values[i]);
  auto lookup = [&context](const ContextKey& key) { return context.Single(key); };
  for (const ConditionValue& p : condition.values) {
    if (!p.pattern.has_variables()) {
      trace->policy_values.push_back(p.text);
    } else if (p.pattern.Render(lookup, scratch)) {
      // Show the substituted value without the internal escapes.
      std::string shown;
      for (size_t i = 0; i < scratch->size(); ++i) {
        if ((*scratch)[i] == '\\' && i + 1 < scratch->size()) ++i;
        shown += (*scratch)[i];
      }
      trace->policy_values.push_back(p.text + " => " + shown);
    } else {
      trace->policy_values.push_back(p.text + " => <no value>");
    }
  }
}

}  // namespace

bool HoldsWhenKeyMissing(const ConditionOperator& op) {
  if (op.if_exists || op.qualifier == SetQualifier::kForAllValues) return true;
  if (op.qualifier == SetQualifier::kForAnyValue) return false;
  return op.negated();
}

bool EvaluateCondition(const CompiledCondition& condition, const ContextResolver& context,
                       std::string* scratch, bool* key_missing, ConditionTrace* trace,
                       const ContextKey** missing_variable) {
  const KeyValues values = context.Lookup(condition.key);
  const ConditionOperator& op = condition.op;
  if (trace != nullptr) FillTrace(condition, context, values, scratch, trace);
  bool result = false;
  if (op.base == BaseOperator::kNull) {
    // "true": the key must be absent; "false": present. Values OR.
    const bool present = values.present && values.size() > 0;
    *key_missing = !values.present;
    result = false;
    for (const ConditionValue& p : condition.values) {
      std::optional<bool> want_absent = ParseBoolValue(p.text);
      if (want_absent && *want_absent != present) result = true;
    }
  } else if (!values.present || values.size() == 0 ||
             (op.qualifier != SetQualifier::kNone && values.size() == 1 && values[0].empty())) {
    // For ForAllValues/ForAnyValue a single empty string is a null data set
    // too (condition operators page, ForAllValues).
    *key_missing = !values.present;
    result = HoldsWhenKeyMissing(op);
  } else {
    ValueMatcher matcher(condition, context, scratch, missing_variable);
    const bool negated = op.negated();
    switch (op.qualifier) {
      case SetQualifier::kNone: {
        bool any = false;
        for (size_t i = 0; i < values.size() && !any; ++i) any = matcher.MatchesAny(values[i]);
        result = negated ? !any : any;
        break;
      }
      case SetQualifier::kForAnyValue: {
        result = false;
        for (size_t i = 0; i < values.size() && !result; ++i) {
          result = matcher.MatchesAny(values[i]) != negated;
        }
        break;
      }
      case SetQualifier::kForAllValues: {
        result = true;
        for (size_t i = 0; i < values.size() && result; ++i) {
          result = matcher.MatchesAny(values[i]) != negated;
        }
        break;
      }
    }
  }
  if (trace != nullptr) trace->result = result ? MatchState::kMatch : MatchState::kNoMatch;
  return result;
}

}  // namespace iamsim
