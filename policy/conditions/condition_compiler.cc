#include "policy/conditions/condition_compiler.h"

#include "absl/strings/str_cat.h"
#include "policy/conditions/arn.h"
#include "policy/conditions/binary.h"
#include "policy/conditions/bool.h"
#include "policy/conditions/date.h"
#include "policy/conditions/ip.h"
#include "policy/conditions/null.h"
#include "policy/conditions/numeric.h"
#include "policy/conditions/string.h"

namespace iamsim {

CompiledCondition CompileCondition(const PolicyDocument& document, const ConditionClause& clause,
                                   std::vector<Diagnostic>* diagnostics) {
  CompiledCondition condition;
  condition.op = clause.op;
  condition.key = MakeContextKey(clause.key.value);
  condition.source = &clause;
  const bool variables = document.variables_enabled() && clause.op.allows_variables();
  for (const ConditionClause::Value& v : clause.values) {
    ConditionValue& value = condition.values.emplace_back();
    value.text = v.text;
    const char* expected = nullptr;
    const char* never_matches = nullptr;
    if (IsTemplatePlaceholder(v.text)) {  // Unknown until deployed: matches nothing.
      value.valid = false;
      continue;
    }
    switch (clause.op.family()) {
      case OperatorFamily::kString:
        CompileStringValue(v.text, variables, &value);
        break;
      case OperatorFamily::kArn:
        never_matches = CompileArnValue(v.text, variables, &value);
        break;
      case OperatorFamily::kBool:
        expected = CompileBoolValue(v.text, variables, &value);
        break;
      case OperatorFamily::kBinary:
        expected = CompileBinaryValue(v.text, &value);
        break;
      case OperatorFamily::kNull:
        expected = CompileNullValue(v.text, &value);
        break;
      case OperatorFamily::kNumeric:
        expected = CompileNumericValue(v.text, &value);
        break;
      case OperatorFamily::kDate:
        expected = CompileDateValue(v.text, &value);
        break;
      case OperatorFamily::kIp:
        expected = CompileIpValue(v.text, &value);
        break;
    }
    if (expected != nullptr) {
      value.valid = false;
      diagnostics->push_back(MakeDiagnostic(Rule::kInvalidConditionValue,
                                            document.LocationOf(v.location),
                                            absl::StrCat(clause.operator_name.value, " expects ",
                                                         expected, ", not ", Quote(v.text))));
    } else if (never_matches != nullptr) {
      value.valid = false;
      Diagnostic d =
          MakeDiagnostic(Rule::kInvalidConditionValue, document.LocationOf(v.location),
                         absl::StrCat(Quote(v.text), " under ", clause.operator_name.value, ": ",
                                      never_matches, "; this value never matches"));
      d.severity = Severity::kWarning;
      diagnostics->push_back(std::move(d));
    }
  }
  return condition;
}

}  // namespace iamsim
