#include "policy/conditions/numeric.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"

namespace iamsim {

std::optional<double> ParseNumeric(absl::string_view text) {
  size_t i = 0;
  auto digits = [&] {
    const size_t start = i;
    while (i < text.size() && absl::ascii_isdigit(text[i])) ++i;
    return i > start;
  };
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  if (!digits()) return std::nullopt;
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (!digits()) return std::nullopt;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (!digits()) return std::nullopt;
  }
  double value;
  if (i != text.size() || !absl::SimpleAtod(text, &value) || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

const char* CompileNumericValue(absl::string_view text, ConditionValue* value) {
  std::optional<double> n = ParseNumeric(text);
  if (!n) return "a number such as \"10\", \"-2.5\" or \"1e3\"";
  value->number = *n;
  return nullptr;
}

bool MatchNumeric(BaseOperator base, double p, absl::string_view request_value) {
  std::optional<double> v = ParseNumeric(request_value);
  if (!v) return false;
  switch (base) {
    case BaseOperator::kNumericEquals:
    case BaseOperator::kNumericNotEquals:
      return *v == p;
    case BaseOperator::kNumericLessThan:
      return *v < p;
    case BaseOperator::kNumericLessThanEquals:
      return *v <= p;
    case BaseOperator::kNumericGreaterThan:
      return *v > p;
    case BaseOperator::kNumericGreaterThanEquals:
      return *v >= p;
    default:
      return false;
  }
}

}  // namespace iamsim
