#include "policy/diagnostics/rule.h"

namespace iamsim {
namespace {

constexpr RuleInfo kRules[] = {
#define IAMSIM_RULE(name, id, severity, category, summary, help) \
  {Rule::name, id, Severity::severity, category, summary, help},
#include "policy/diagnostics/rules.inc"
#undef IAMSIM_RULE
};

constexpr absl::string_view kSeverityNames[] = {"error", "security", "warning", "suggestion"};

}  // namespace

absl::string_view SeverityName(Severity severity) {
  return kSeverityNames[static_cast<int>(severity)];
}

std::optional<Severity> ParseSeverity(absl::string_view name) {
  for (int i = 0; i < 4; ++i) {
    if (kSeverityNames[i] == name) return static_cast<Severity>(i);
  }
  return std::nullopt;
}

const RuleInfo& GetRuleInfo(Rule rule) { return kRules[static_cast<int>(rule)]; }

std::optional<Rule> FindRule(absl::string_view id) {
  for (const RuleInfo& info : kRules) {
    if (info.id == id) return info.rule;
  }
  return std::nullopt;
}

absl::Span<const RuleInfo> AllRules() { return kRules; }

}  // namespace iamsim
