#include "policy/lint/grant_scope.h"

#include <algorithm>
#include <mutex>

#include "absl/container/flat_hash_map.h"
#include "absl/container/node_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "policy/arn/arn.h"
#include "policy/compile/arn_pattern.h"
#include "policy/compile/glob.h"
#include "policy/conditions/modifiers.h"
#include "policy/evaluate/context_resolver.h"
#include "policy/evaluate/request.h"
#include "policy/lint/patterns.h"

namespace iamsim {
namespace {

// Stand-ins that no policy text and no ARN holds: a special literal
// (${*} ${?} ${$}), a policy variable, and the characters of sample resource
// names (CoversAllOf).
constexpr absl::string_view kLiteralMark = "\x1d";
constexpr absl::string_view kVariableMark = "\x1e";
constexpr absl::string_view kSampleNames[] = {"\x1f", "\x1f\x1f/\x1f:\x1f\x1f"};

bool AllStars(absl::string_view text) {
  return !text.empty() && text.find_first_not_of('*') == absl::string_view::npos;
}

// `entry` with each policy variable replaced by `variable` (the special
// literals ${*} ${?} ${$} by kLiteralMark). Without variables (Version
// 2008-10-17 or none) `${...}` is plain text.
std::string ReplaceVariables(absl::string_view entry, bool variables_enabled,
                             absl::string_view variable) {
  if (!variables_enabled) return std::string(entry);
  std::string out;
  size_t i = 0;
  while (i < entry.size()) {
    const size_t open = entry.find("${", i);
    const size_t close = open == absl::string_view::npos ? open : entry.find('}', open + 2);
    if (close == absl::string_view::npos) {
      out.append(entry.data() + i, entry.size() - i);
      break;
    }
    out.append(entry.data() + i, open - i);
    const absl::string_view inner = entry.substr(open + 2, close - open - 2);
    out.append(std::string(inner == "*" || inner == "?" || inner == "$" ? kLiteralMark : variable));
    i = close + 1;
  }
  return out;
}

// A catalog ARN format with each ${Placeholder} replaced by `with`.
std::string FillFormat(absl::string_view format, absl::string_view with) {
  std::string out;
  size_t i = 0;
  while (i < format.size()) {
    const size_t open = format.find("${", i);
    const size_t close = open == absl::string_view::npos ? open : format.find('}', open + 2);
    if (close == absl::string_view::npos) {
      out.append(format.data() + i, format.size() - i);
      break;
    }
    out.append(format.data() + i, open - i);
    out.append(with.data(), with.size());
    i = close + 1;
  }
  return out;
}

// A string the segment pattern matches: `*` dropped, `?` as one character.
std::string MinimalInstance(absl::string_view segment) {
  std::string out;
  for (char c : segment) {
    if (c == '*') continue;
    out.push_back(c == '?' ? 'x' : c);
  }
  return out;
}

// The resource part of an entry: after its fifth colon, or all of it when it
// has fewer.
absl::string_view ResourcePart(absl::string_view marked) {
  ArnParts parts;
  return SplitArn(marked, &parts) ? parts[5] : marked;
}

// Whether the entry (variables already marked) matches every resource of
// the format's type, whatever its names: it matches sample ARNs of the type
// whose names are made of characters no policy writes, of two shapes.
bool CoversAllOf(absl::string_view marked, absl::string_view format) {
  if (AllStars(marked)) return true;
  if (format == "*") return false;
  ArnParts f;
  if (!SplitArn(format, &f)) return false;
  ArnParts p;
  const bool split = SplitArn(marked, &p) && p[0] == "arn";
  // Partition, region and account: the format's when fixed ("aws" for AWS
  // managed policies, "" for IAM's region), else whatever the entry names.
  auto part = [&](int i, absl::string_view fallback) {
    if (f[i].find("${") == absl::string_view::npos) return std::string(f[i]);
    return split ? MinimalInstance(p[i]) : std::string(fallback);
  };
  const std::string head = absl::StrCat("arn:", part(1, "aws"), ":", f[2], ":",
                                        part(3, "us-east-1"), ":", part(4, "111122223333"), ":");
  const std::string pattern = GlobFromPolicyText(marked);
  for (absl::string_view names : kSampleNames) {
    const std::string arn = head + FillFormat(f[5], names);
    if (!ArnPattern::MatchRendered(pattern, arn, ArnMatchMode::kResourceElement)) return false;
  }
  return true;
}

// kNamed, kSelf or kOpen, from the entry's resource part.
Reach Classify(absl::string_view marked) {
  const absl::string_view resource = ResourcePart(marked);
  if (HasWildcard(resource)) return Reach::kOpen;
  if (resource.find(kVariableMark) != absl::string_view::npos) return Reach::kSelf;
  return Reach::kNamed;
}

// Whether the ARN `entry` names a literal service other than the catalog
// format's: "arn:aws:s3:::b/*" never names a role, although as plain globs
// the two could meet (a `*` may take colons: "arn:*:iam::..." against
// "arn:aws:s3:::b/" + anything).
bool OtherService(absl::string_view entry, absl::string_view format) {
  ArnParts e, f;
  if (!SplitArn(entry, &e) || !SplitArn(format, &f)) return false;
  if (e[2].find_first_of("*?$") != absl::string_view::npos) return false;
  if (f[2].find("${") != absl::string_view::npos) return false;
  return !absl::EqualsIgnoreCase(e[2], f[2]);
}

Reach EntryReach(absl::string_view entry, const ActionFacts& action, bool variables_enabled,
                 std::string* glob) {
  if (IsTemplatePlaceholder(entry)) return Reach::kNone;
  const std::string marked = ReplaceVariables(entry, variables_enabled, kVariableMark);
  *glob = ReplaceVariables(entry, variables_enabled, "*");
  std::replace(glob->begin(), glob->end(), kLiteralMark[0], '?');
  if (!action.known) return IsEveryResource(entry) ? Reach::kAll : Classify(marked);
  bool reaches = false;
  for (const std::string& format : action.formats) {
    if (format == "*") {
      // No resource-level permissions: only "*" grants the action.
      if (AllStars(marked)) return Reach::kAll;
      continue;
    }
    if (OtherService(entry, format) || !ResourceGlobsIntersect(*glob, FillFormat(format, "*"))) {
      continue;
    }
    if (CoversAllOf(marked, format)) return Reach::kAll;
    reaches = true;
  }
  return reaches ? Classify(marked) : Reach::kNone;
}

}  // namespace

bool ActionFacts::HasConditionKey(absl::string_view lower_key) const {
  return std::find(condition_keys.begin(), condition_keys.end(), lower_key) != condition_keys.end();
}

namespace {

ActionFacts MakeFacts(const Catalog& catalog, absl::string_view action) {
  ActionFacts facts;
  facts.action = std::string(action);
  const size_t colon = action.find(':');
  facts.service = absl::AsciiStrToLower(action.substr(0, colon));
  facts.name_lower =
      colon == absl::string_view::npos ? "" : absl::AsciiStrToLower(action.substr(colon + 1));
  if (std::optional<Catalog::Action> found = catalog.FindAction(action)) {
    facts.known = true;
    for (const Catalog::ActionResource& resource : catalog.ActionResources(*found)) {
      std::optional<Catalog::ResourceType> type = catalog.ResourceTypeOf(*found, resource);
      if (!type) {
        facts.formats.push_back("*");
        continue;
      }
      for (absl::string_view arn : type->arns) facts.formats.push_back(std::string(arn));
    }
    if (facts.formats.empty()) facts.formats.push_back("*");
    std::sort(facts.formats.begin(), facts.formats.end());
    facts.formats.erase(std::unique(facts.formats.begin(), facts.formats.end()),
                        facts.formats.end());
    for (absl::string_view key : catalog.ActionConditionKeys(*found)) {
      facts.condition_keys.push_back(absl::AsciiStrToLower(key));
    }
  }
  return facts;
}

}  // namespace

const ActionFacts& GrantScope::Facts(absl::string_view action) {
  if (auto it = facts_.find(action); it != facts_.end()) return *it->second;
  const ActionFacts* facts;
  if (&catalog_ == &Catalog::Default() || &catalog_ == &Catalog::Embedded()) {
    // Shared by every GrantScope of the process: a lint run over thousands of
    // files asks about the same actions (ec2:* alone is 700) again and again.
    // Entries are never removed, so the pointers stay valid; computed outside
    // the lock (two threads may compute one; the first insert wins).
    static std::mutex mutex;
    // Catalog -> action as written -> facts (node maps: stable addresses).
    static auto* shared =
        new absl::flat_hash_map<const Catalog*, absl::node_hash_map<std::string, ActionFacts>>();
    {
      std::lock_guard<std::mutex> lock(mutex);
      auto& of_catalog = (*shared)[&catalog_];
      auto it = of_catalog.find(action);
      facts = it != of_catalog.end() ? &it->second : nullptr;
    }
    if (facts == nullptr) {
      ActionFacts made = MakeFacts(catalog_, action);
      std::lock_guard<std::mutex> lock(mutex);
      facts = &(*shared)[&catalog_].emplace(std::string(action), std::move(made)).first->second;
    }
  } else {
    facts = &own_facts_.emplace_back(MakeFacts(catalog_, action));
  }
  facts_.emplace(std::string(action), facts);
  return *facts;
}

std::vector<ReachedEntry> GrantScope::Reached(const CompiledStatement& statement,
                                              const ActionFacts& action,
                                              bool variables_enabled) const {
  std::vector<ReachedEntry> out;
  const Statement& source = *statement.source;
  switch (statement.resource_mode) {
    case ResourceMode::kAny:
      out.push_back(ReachedEntry{Reach::kAll, "*", 0});
      break;
    case ResourceMode::kNotResource: {
      // Everything but the listed resources: every resource of the action,
      // unless the list excludes them all (or is unknown).
      bool excluded_all = true;
      for (const LocatedString& entry : source.not_resource->values) {
        if (IsTemplatePlaceholder(entry.value)) return out;
      }
      if (!action.known) {
        excluded_all = false;
        for (const LocatedString& entry : source.not_resource->values) {
          excluded_all |= IsEveryResource(entry.value);
        }
      } else {
        for (const std::string& format : action.formats) {
          bool covered = false;
          for (const LocatedString& entry : source.not_resource->values) {
            covered |= CoversAllOf(ReplaceVariables(entry.value, variables_enabled, kVariableMark),
                                   format);
          }
          excluded_all &= covered;
        }
      }
      if (!excluded_all) out.push_back(ReachedEntry{Reach::kAll, "*", 0});
      break;
    }
    case ResourceMode::kResource: {
      const std::vector<LocatedString>& entries = source.resource->values;
      for (size_t i = 0; i < entries.size(); ++i) {
        ReachedEntry reached;
        reached.index = i;
        reached.reach = EntryReach(entries[i].value, action, variables_enabled, &reached.glob);
        if (reached.reach != Reach::kNone) out.push_back(std::move(reached));
      }
      break;
    }
  }
  return out;
}

bool GrantScope::CoversEveryResource(const CompiledStatement& statement, const ActionFacts& action,
                                     bool variables_enabled) const {
  if (statement.resource_mode == ResourceMode::kAny) return true;
  if (statement.resource_mode == ResourceMode::kNotResource) return false;
  const std::vector<LocatedString>& entries = statement.source->resource->values;
  if (!action.known) {
    return std::any_of(entries.begin(), entries.end(),
                       [](const LocatedString& e) { return IsEveryResource(e.value); });
  }
  for (const std::string& format : action.formats) {
    bool covered = false;
    for (const LocatedString& entry : entries) {
      if (IsTemplatePlaceholder(entry.value)) continue;
      covered |=
          CoversAllOf(ReplaceVariables(entry.value, variables_enabled, kVariableMark), format);
    }
    if (!covered) return false;
  }
  return true;
}

bool StatementNamesAction(const CompiledStatement& statement, const ActionFacts& action) {
  if (statement.not_action && statement.source != nullptr && statement.source->not_action) {
    for (const LocatedString& value : statement.source->not_action->values) {
      if (IsTemplatePlaceholder(value.value)) return false;
    }
  }
  bool named = false;
  for (const ActionPattern& pattern : statement.actions) {
    if (pattern.all ||
        (pattern.service == action.service && pattern.name.Matches(action.name_lower))) {
      named = true;
      break;
    }
  }
  return named != statement.not_action;
}

bool IsEveryResource(absl::string_view entry) {
  if (AllStars(entry)) return true;
  if (entry.substr(0, 4) != "arn:") return false;
  // arn:PARTITION[:SERVICE[:REGION[:ACCOUNT[:RESOURCE]]]]: every part after
  // the partition empty or only `*` (the service and the last one not
  // empty); a `*` that ends the entry covers the parts it leaves out.
  std::vector<absl::string_view> parts;
  absl::string_view rest = entry.substr(4);
  for (size_t colon; (colon = rest.find(':')) != absl::string_view::npos;) {
    parts.push_back(rest.substr(0, colon));
    rest.remove_prefix(colon + 1);
  }
  parts.push_back(rest);
  if (!AllStars(parts.back())) return false;
  for (size_t i = 1; i < parts.size(); ++i) {
    if (!parts[i].empty() && !AllStars(parts[i])) return false;
  }
  return parts.size() < 2 || AllStars(parts[1]);
}

bool ResourceGlobsIntersect(absl::string_view a, absl::string_view b) {
  const size_t n = a.size(), m = b.size();
  if ((n + 1) * (m + 1) > (size_t{1} << 22)) return true;
  // Depth-first search of the product of the two patterns' automata: state
  // (i, j) has read a[0, i) and b[0, j) against a common string.
  std::vector<bool> seen((n + 1) * (m + 1), false);
  std::vector<std::pair<size_t, size_t>> stack = {{0, 0}};
  auto push = [&](size_t i, size_t j) {
    if (!seen[i * (m + 1) + j]) {
      seen[i * (m + 1) + j] = true;
      stack.emplace_back(i, j);
    }
  };
  seen[0] = true;
  while (!stack.empty()) {
    const auto [i, j] = stack.back();
    stack.pop_back();
    if (i == n && j == m) return true;
    const bool a_star = i < n && a[i] == '*';
    const bool b_star = j < m && b[j] == '*';
    if (a_star) push(i + 1, j);  // The star matches nothing more.
    if (b_star) push(i, j + 1);
    if (i == n || j == m) continue;
    // One more character of the common string.
    if (a_star && !b_star) {
      push(i, j + 1);
    } else if (b_star && !a_star) {
      push(i + 1, j);
    } else if (!a_star && !b_star && (a[i] == '?' || b[j] == '?' || a[i] == b[j])) {
      push(i + 1, j + 1);
    }
  }
  return false;
}

bool ConditionsOnKeyAllow(const CompiledStatement& statement, absl::string_view action,
                          absl::string_view lower_key, absl::string_view value) {
  const bool constrained =
      std::any_of(statement.conditions.begin(), statement.conditions.end(),
                  [&](const CompiledCondition& c) { return c.key.lower_name == lower_key; });
  if (!constrained) return true;
  RequestContext context;
  context.Set(lower_key, std::string(value));
  Request request;
  request.principal = "arn:aws:iam::111122223333:user/iamsim-lint";
  request.action = action;
  request.resource = "*";
  request.context = &context;
  PreparedRequest prepared;
  if (!PreparedRequest::Prepare(request, &prepared).ok()) return true;
  const ContextResolver resolver(prepared);
  std::string scratch;
  for (const CompiledCondition& condition : statement.conditions) {
    if (condition.key.lower_name != lower_key) continue;
    bool key_missing = false;
    if (!EvaluateCondition(condition, resolver, &scratch, &key_missing, nullptr)) return false;
  }
  return true;
}

bool ConditionOnKeyNamesValues(const CompiledStatement& statement, absl::string_view lower_key) {
  for (const CompiledCondition& condition : statement.conditions) {
    if (condition.key.lower_name != lower_key) continue;
    const ConditionOperator& op = condition.op;
    if (op.negated() || op.base == BaseOperator::kNull ||
        op.qualifier == SetQualifier::kForAllValues || condition.values.empty()) {
      continue;
    }
    const bool like = op.base == BaseOperator::kStringLike || op.family() == OperatorFamily::kArn;
    if (op.family() != OperatorFamily::kString && op.family() != OperatorFamily::kArn) continue;
    bool named = true;
    for (const ConditionValue& value : condition.values) {
      // A template placeholder is a value the author chose: named.
      if (IsTemplatePlaceholder(value.text)) continue;
      named &= !(like && HasWildcard(value.text)) && value.text.find("${") == std::string::npos;
    }
    if (named) return true;
  }
  return false;
}

}  // namespace iamsim
