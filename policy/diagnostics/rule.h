// File: policy/diagnostics/rule.h
//
// The one registry of diagnostic rules. Every problem or finding iamsim
// reports — a JSON syntax error, a policy grammar error, a malformed
// request, a lint finding — names one Rule. Its id ("unknown-element") is
// stable and kebab-case; its default severity and one-line summary and help
// come from rules.inc, the single list of rules.
//
// Severities, most severe first: error > security > warning > suggestion.
//
// Thread-safety: the registry is constant data.
#ifndef IAMSIM_POLICY_DIAGNOSTICS_RULE_H_
#define IAMSIM_POLICY_DIAGNOSTICS_RULE_H_

#include <cstdint>
#include <optional>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace iamsim {

// Ordered from most to least severe: a smaller value is more severe.
enum class Severity : uint8_t { kError, kSecurity, kWarning, kSuggestion };

// "error", "security", "warning", "suggestion".
absl::string_view SeverityName(Severity severity);
std::optional<Severity> ParseSeverity(absl::string_view name);
// Whether `severity` is at least as severe as `threshold`.
inline bool AtLeast(Severity severity, Severity threshold) { return severity <= threshold; }

enum class Rule : uint16_t {
#define IAMSIM_RULE(name, id, severity, category, summary, help) name,
#include "policy/diagnostics/rules.inc"
#undef IAMSIM_RULE
};

struct RuleInfo {
  Rule rule;
  absl::string_view id;
  Severity severity;  // The default; a diagnostic may say otherwise (duplicate-sid).
  absl::string_view category;
  absl::string_view summary;
  absl::string_view help;
};

const RuleInfo& GetRuleInfo(Rule rule);
inline absl::string_view RuleId(Rule rule) { return GetRuleInfo(rule).id; }
std::optional<Rule> FindRule(absl::string_view id);
// Every rule, in registry order.
absl::Span<const RuleInfo> AllRules();

}  // namespace iamsim

#endif  // IAMSIM_POLICY_DIAGNOSTICS_RULE_H_
