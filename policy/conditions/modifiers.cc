#include "policy/conditions/modifiers.h"

#include "policy/conditions/arn.h"
#include "policy/conditions/binary.h"
#include "policy/conditions/bool.h"
#include "policy/conditions/date.h"
#include "policy/conditions/ip.h"
#include "policy/conditions/null.h"
#include "policy/conditions/numeric.h"
#include "policy/conditions/string.h"

namespace iamsim {

absl::string_view MatchStateName(MatchState state) {
  switch (state) {
    case MatchState::kMatch:
      return "match";
    case MatchState::kNoMatch:
      return "no match";
    case MatchState::kNotChecked:
      return "not checked";
  }
  return "?";
}

namespace {

// Whether a request value matches any policy value, with the operator's
// positive form; negation is applied by the caller.
class ValueMatcher {
 public:
  ValueMatcher(const CompiledCondition& condition, const ContextResolver& context,
               std::string* scratch, const ContextKey** missing_variable)
      : condition_(condition),
        context_(context),
        scratch_(scratch),
        missing_variable_(missing_variable) {}

  bool MatchesAny(absl::string_view v) const {
    for (const ConditionValue& p : condition_.values) {
      if (Matches(p, v)) return true;
    }
    return false;
  }

 private:
  // The policy value with its variables substituted, or nullopt when a
  // variable has no value (such a value matches nothing).
  std::optional<absl::string_view> Rendered(const ConditionValue& p) const {
    if (!p.pattern.has_variables()) return absl::string_view(p.pattern.static_pattern());
    auto lookup = [this](const ContextKey& key) {
      std::optional<absl::string_view> value = context_.Single(key);
      if (!value && missing_variable_ != nullptr) *missing_variable_ = &key;
      return value;
    };
    if (!p.pattern.Render(lookup, scratch_)) return std::nullopt;
    return absl::string_view(*scratch_);
  }

  bool Matches(const ConditionValue& p, absl::string_view v) const {
    if (!p.valid) return false;
    const BaseOperator base = condition_.op.base;
    switch (condition_.op.family()) {
      case OperatorFamily::kString: {
        std::optional<absl::string_view> pattern = Rendered(p);
        return pattern && MatchString(base, *pattern, v);
      }
      case OperatorFamily::kArn: {
        if (!p.pattern.has_variables()) return MatchArn(p, v);
        std::optional<absl::string_view> pattern = Rendered(p);
        return pattern && MatchArnRendered(*pattern, v);
      }
      case OperatorFamily::kBool: {
        std::optional<absl::string_view> pattern = Rendered(p);
        return pattern && MatchBool(*pattern, v);
      }
      case OperatorFamily::kBinary:
        return MatchBinary(p.text, v);
      case OperatorFamily::kNumeric:
        return MatchNumeric(base, p.number, v);
      case OperatorFamily::kDate:
        return MatchDate(base, p.date_millis, v);
      case OperatorFamily::kIp:
        return MatchIp(p.ip, v);
      case OperatorFamily::kNull:
        return false;  // EvaluateNull decides.
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

// A missing key, an empty list, or (for set operators) a single empty
// string: a null data set.
bool IsNullDataSet(const ConditionOperator& op, const KeyValues& values) {
  return !values.present || values.size() == 0 ||
         (op.qualifier != SetQualifier::kNone && values.size() == 1 && values[0].empty());
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
  *key_missing = !values.present;
  bool result = false;
  if (op.base == BaseOperator::kNull) {
    result = EvaluateNull(condition, values.present && values.size() > 0);
  } else if (IsNullDataSet(op, values)) {
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
      case SetQualifier::kForAnyValue:
        result = false;
        for (size_t i = 0; i < values.size() && !result; ++i) {
          result = matcher.MatchesAny(values[i]) != negated;
        }
        break;
      case SetQualifier::kForAllValues:
        result = true;
        for (size_t i = 0; i < values.size() && result; ++i) {
          result = matcher.MatchesAny(values[i]) != negated;
        }
        break;
    }
  }
  if (trace != nullptr) trace->result = result ? MatchState::kMatch : MatchState::kNoMatch;
  return result;
}

}  // namespace iamsim
