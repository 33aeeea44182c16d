// File: policy/lint/check_logic.cc
//
// Logic rules across the entries and statements of one policy
// (policy/lint/rule_docs.json):
//   redundant-action       an entry of an Action or NotAction list that another
//                          entry of the same list covers; at the entry (of two
//                          equal entries, the later).
//   redundant-statement    a statement that another statement with the same
//                          Effect covers: its principals, actions and
//                          resources within the other's, and the other without
//                          conditions or with exactly the same ones; at the
//                          covered statement (of two equal ones, the later).
//   unreachable-statement  an Allow whose principals, actions and resources a
//                          Deny without conditions covers; at the Allow.
//
// "Covers" is containment of what the elements match, decided by
// policy/lint/patterns.h (exact for wildcards); an action wildcard also
// counts as covered when every catalog action it names today is. Whatever is
// not certain (template values, NotPrincipal, conditions that differ)
// counts as not covered, so a finding is certain. A NotAction or NotResource
// element covers a listed one when no listed value can meet an exclusion.
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "policy/lint/checks.h"
#include "policy/lint/grant_scope.h"
#include "policy/lint/patterns.h"

namespace iamsim {
namespace {

using Values = absl::Span<const LocatedString>;

// An action or resource element of a statement: what it lists, and whether
// the list names what is excluded (NotAction, NotResource).
struct Element {
  bool present = false;
  bool negated = false;
  Values values;
};

Element MakeElement(const std::optional<StringListElement>& positive,
                    const std::optional<StringListElement>& negative) {
  if (positive) return {true, false, positive->values};
  if (negative) return {true, true, negative->values};
  return {};
}

bool AnyActionCovers(Values list, absl::string_view value) {
  for (const LocatedString& entry : list) {
    if (ActionCovers(entry.value, value)) return true;
  }
  return false;
}

// Whether an entry of `list` names an action of `value`'s service.
bool SameServiceEntry(Values list, absl::string_view value) {
  const absl::string_view service = value.substr(0, value.find(':'));
  for (const LocatedString& entry : list) {
    const absl::string_view other = absl::string_view(entry.value).substr(0, entry.value.find(':'));
    if (absl::EqualsIgnoreCase(service, other)) return true;
  }
  return false;
}

bool ResourceListCovers(Values list, absl::string_view value, bool variables_enabled) {
  for (const LocatedString& entry : list) {
    if (ResourceCovers(entry.value, value, variables_enabled)) return true;
  }
  return false;
}

// Whether no string both `a` and `b` match (IAM globs; `ignore_case` for
// actions). May answer false for disjoint patterns (long ones: see
// ResourceGlobsIntersect), never true for overlapping ones.
bool Disjoint(absl::string_view a, absl::string_view b, bool ignore_case) {
  if (HasTemplatePart(a) || HasTemplatePart(b)) return false;
  // A policy variable may take any value: not certain.
  if (absl::StrContains(a, "${") || absl::StrContains(b, "${")) return false;
  if (!ignore_case) return !ResourceGlobsIntersect(a, b);
  return !ResourceGlobsIntersect(absl::AsciiStrToLower(a), absl::AsciiStrToLower(b));
}

// Whether everything `inner` matches, `outer` matches; `list_covers(list,
// value)` answers for one value. A NotAction/NotResource `outer` covers a
// listed `inner` when every inner value is disjoint from every exclusion.
template <typename ListCovers>
bool ElementCovers(const Element& outer, const Element& inner, const ListCovers& list_covers,
                   bool ignore_case) {
  if (!outer.present || !inner.present) return !outer.present && !inner.present;
  if (outer.values.empty() || inner.values.empty()) return false;
  if (!outer.negated && inner.negated) return list_covers(outer.values, "*");
  if (outer.negated && !inner.negated) {
    for (const LocatedString& value : inner.values) {
      for (const LocatedString& excluded : outer.values) {
        if (!Disjoint(value.value, excluded.value, ignore_case)) return false;
      }
    }
    return true;
  }
  // Both listed: inner's within outer's. Both excluded: outer's exclusions
  // within inner's.
  const Values from = outer.negated ? inner.values : outer.values;
  const Values each = outer.negated ? outer.values : inner.values;
  for (const LocatedString& value : each) {
    if (!list_covers(from, value.value)) return false;
  }
  return true;
}

using PrincipalSet = std::vector<std::pair<int, std::string>>;

// The entries of a principal element, sorted; nullopt when one is a template.
std::optional<PrincipalSet> Principals(const PrincipalElement& element) {
  PrincipalSet out;
  if (element.everyone) out.emplace_back(static_cast<int>(PrincipalKind::kAws), "*");
  for (const PrincipalValue& p : element.values) {
    if (HasTemplatePart(p.value.value)) return std::nullopt;
    out.emplace_back(static_cast<int>(p.kind), p.value.value);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// "*" and {"AWS": "*"}: every principal.
bool NamesEveryone(const PrincipalSet& set) {
  return std::find(set.begin(), set.end(),
                   std::make_pair(static_cast<int>(PrincipalKind::kAws), std::string("*"))) !=
         set.end();
}

// Whether `outer` applies to every principal `inner` applies to.
bool PrincipalsCover(const Statement& outer, const Statement& inner) {
  const bool outer_none = !outer.principal && !outer.not_principal;
  const bool inner_none = !inner.principal && !inner.not_principal;
  if (outer_none || inner_none) return outer_none && inner_none;
  const PrincipalElement& o = outer.principal ? *outer.principal : *outer.not_principal;
  const PrincipalElement& i = inner.principal ? *inner.principal : *inner.not_principal;
  const std::optional<PrincipalSet> os = Principals(o), is = Principals(i);
  if (!os || !is) return false;
  if (outer.principal && inner.principal) {
    return NamesEveryone(*os) || std::includes(os->begin(), os->end(), is->begin(), is->end());
  }
  return outer.not_principal && inner.not_principal && *os == *is;
}

// A condition block in a comparable form: per clause the operator as
// written, the key folded, the values sorted. nullopt when a value is a
// template (its text says nothing about its value).
using ClauseForm = std::tuple<std::string, std::string, std::vector<std::pair<int, std::string>>>;
std::optional<std::vector<ClauseForm>> ConditionForm(const Statement& statement) {
  std::vector<ClauseForm> out;
  for (const ConditionClause& clause : statement.conditions) {
    std::vector<std::pair<int, std::string>> values;
    for (const ConditionClause::Value& v : clause.values) {
      if (HasTemplatePart(v.text)) return std::nullopt;
      values.emplace_back(static_cast<int>(v.json_type), v.text);
    }
    if (HasTemplatePart(clause.key.value)) return std::nullopt;
    std::sort(values.begin(), values.end());
    out.emplace_back(clause.operator_name.value, absl::AsciiStrToLower(clause.key.value),
                     std::move(values));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Whether `outer`'s conditions hold whenever `inner`'s do: none, or the same.
bool ConditionsCover(const Statement& outer, const Statement& inner) {
  if (outer.conditions.empty()) return true;
  const auto o = ConditionForm(outer), i = ConditionForm(inner);
  return o && i && *o == *i;
}

std::string Describe(const Statement& statement) {
  std::string out = absl::StrCat("statement ", statement.index);
  if (statement.sid && !statement.sid->value.empty()) {
    absl::StrAppend(&out, " (", Quote(statement.sid->value), ")");
  }
  return out;
}

class LogicChecker {
 public:
  LogicChecker(const LintTarget& target, Findings* findings)
      : catalog_(target.catalog),
        findings_(findings),
        statements_(target.document().statements),
        variables_(target.document().variables_enabled()) {}

  void Run() {
    for (const Statement& statement : statements_) {
      CheckRedundantActions(statement.action);
      CheckRedundantActions(statement.not_action);
    }
    for (size_t i = 0; i < statements_.size(); ++i) CheckRedundantStatement(i);
    for (const Statement& statement : statements_) CheckUnreachable(statement);
  }

 private:
  // The catalog actions ("service:Name") a wildcard names; empty when
  // unknown. Cached: statements are compared pairwise.
  const std::vector<std::string>& Named(absl::string_view value) {
    auto [it, added] = named_.try_emplace(absl::AsciiStrToLower(value));
    if (!added) return it->second;
    if (const auto actions = ExpandAction(catalog_, value)) {
      for (const Catalog::Action& a : *actions) {
        it->second.push_back(absl::StrCat(a.service, ":", a.name));
      }
    }
    return it->second;
  }

  // Whether every action `value` matches is matched by an entry of `list`:
  // one entry covers it, or (a wildcard) every catalog action it names today
  // is covered by some entry.
  bool ActionListCovers(Values list, absl::string_view value) {
    if (AnyActionCovers(list, value)) return true;
    if (!HasWildcard(value) || !SameServiceEntry(list, value)) return false;
    const std::vector<std::string>& named = Named(value);
    if (named.empty()) return false;
    for (const std::string& action : named) {
      if (!AnyActionCovers(list, action)) return false;
    }
    return true;
  }

  bool EntryCovers(const LocatedString& a, const LocatedString& b) {
    return ActionListCovers(Values(&a, 1), b.value);
  }

  // redundant-action: an entry another entry of the list covers.
  void CheckRedundantActions(const std::optional<StringListElement>& element) {
    if (!element) return;
    const std::vector<LocatedString>& values = element->values;
    for (size_t i = 0; i < values.size(); ++i) {
      for (size_t j = 0; j < values.size(); ++j) {
        if (j == i || !EntryCovers(values[j], values[i])) continue;
        if (j > i && EntryCovers(values[i], values[j])) continue;  // Equal: report the later.
        const std::string what =
            absl::EqualsIgnoreCase(values[i].value, values[j].value)
                ? absl::StrCat(Quote(values[i].value), " repeats entry ", j)
                : absl::StrCat(Quote(values[i].value), " is already covered by entry ", j, " (",
                               Quote(values[j].value), ")");
        findings_->Add(Rule::kRedundantAction, values[i].location,
                       absl::StrCat(what, "; remove it"));
        break;
      }
    }
  }

  // Whether `outer` matches every request `inner` matches, conditions aside.
  bool ScopeCovers(const Statement& outer, const Statement& inner) {
    const auto actions = [this](Values list, absl::string_view value) {
      return ActionListCovers(list, value);
    };
    const auto resources = [this](Values list, absl::string_view value) {
      return ResourceListCovers(list, value, variables_);
    };
    return PrincipalsCover(outer, inner) &&
           ElementCovers(MakeElement(outer.action, outer.not_action),
                         MakeElement(inner.action, inner.not_action), actions,
                         /*ignore_case=*/true) &&
           ElementCovers(MakeElement(outer.resource, outer.not_resource),
                         MakeElement(inner.resource, inner.not_resource), resources,
                         /*ignore_case=*/false);
  }

  bool StatementCovers(const Statement& outer, const Statement& inner) {
    return outer.effect == inner.effect && ConditionsCover(outer, inner) &&
           ScopeCovers(outer, inner);
  }

  // redundant-statement: covered by another statement of the same Effect.
  void CheckRedundantStatement(size_t i) {
    const Statement& inner = statements_[i];
    for (size_t j = 0; j < statements_.size(); ++j) {
      if (j == i || !StatementCovers(statements_[j], inner)) continue;
      if (j > i && StatementCovers(inner, statements_[j])) continue;  // Equal: report the later.
      const bool allow = inner.effect == Effect::kAllow;
      findings_->Add(
          Rule::kRedundantStatement, inner.location,
          absl::StrCat(Describe(statements_[j]), " already ", allow ? "allows" : "denies",
                       " every action on every resource this statement ",
                       allow ? "allows" : "denies",
                       statements_[j].conditions.empty() ? ", without conditions"
                                                         : ", under the same conditions",
                       "; remove this statement"));
      return;
    }
  }

  // unreachable-statement: an Allow inside a Deny without conditions.
  void CheckUnreachable(const Statement& allow) {
    if (allow.effect != Effect::kAllow) return;
    for (const Statement& deny : statements_) {
      if (deny.effect != Effect::kDeny || !deny.conditions.empty()) continue;
      if (!ScopeCovers(deny, allow)) continue;
      findings_->Add(Rule::kUnreachableStatement, allow.location,
                     absl::StrCat("the Deny of ", Describe(deny),
                                  " has no condition and covers every action and resource this "
                                  "Allow grants: an explicit Deny always wins, so this statement "
                                  "never takes effect"));
      return;
    }
  }

  const Catalog& catalog_;
  Findings* findings_;
  const std::vector<Statement>& statements_;
  const bool variables_;
  std::map<std::string, std::vector<std::string>> named_;
};

}  // namespace

void CheckLogic(const LintTarget& target, Findings* findings) {
  LogicChecker(target, findings).Run();
}

}  // namespace iamsim
