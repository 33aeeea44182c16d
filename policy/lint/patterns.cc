#include "policy/lint/patterns.h"

#include <cstdint>
#include <set>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "policy/arn/arn.h"
#include "policy/compile/glob.h"

namespace iamsim {
namespace {

// Patterns longer than this are compared for equality only (the coverage
// table is quadratic).
constexpr size_t kMaxPatternBytes = 2048;

// One unit of a pattern: `*`, `?`, or one character (a whole UTF-8 code
// point, since `?` matches one).
struct Token {
  enum Kind : uint8_t { kChar, kOne, kAny } kind;
  absl::string_view text;  // kChar: the character's bytes.
};

std::vector<Token> Tokenize(absl::string_view pattern) {
  std::vector<Token> tokens;
  for (size_t i = 0; i < pattern.size();) {
    const unsigned char c = static_cast<unsigned char>(pattern[i]);
    if (c == '*') {
      tokens.push_back({Token::kAny, pattern.substr(i, 1)});
      ++i;
    } else if (c == '?') {
      tokens.push_back({Token::kOne, pattern.substr(i, 1)});
      ++i;
    } else {
      size_t n = 1;
      if (c >= 0xC0) {
        while (i + n < pattern.size() &&
               (static_cast<unsigned char>(pattern[i + n]) & 0xC0) == 0x80)
          ++n;
      }
      tokens.push_back({Token::kChar, pattern.substr(i, n)});
      i += n;
    }
  }
  return tokens;
}

bool SameChar(absl::string_view a, absl::string_view b, bool ignore_case) {
  return ignore_case ? absl::EqualsIgnoreCase(a, b) : a == b;
}

// `text` with every ${...} replaced by `*`.
std::string VariablesAsWildcards(absl::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      const size_t close = text.find('}', i);
      if (close != absl::string_view::npos) {
        out += '*';
        i = close;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

// Decides PatternCovers(a, b) exactly: looks for a string that `b` matches
// and `a` does not, reading `b` token by token while tracking the set of
// positions `a` may be at (subset construction). The characters `a` does not
// name all behave alike for `a`, so one stand-in (kOther) represents them.
class CoverSearch {
 public:
  CoverSearch(absl::string_view a, absl::string_view b, bool ignore_case)
      : ta_(Tokenize(a)), tb_(Tokenize(b)), ignore_case_(ignore_case) {
    for (const Token& t : ta_) a_symbols_.push_back(t.kind == Token::kChar ? Intern(t.text) : 0);
    for (const Token& t : tb_) b_symbols_.push_back(t.kind == Token::kChar ? Lookup(t.text) : 0);
  }

  // False also when the search grows past kMaxStates (then unknown).
  bool Covers() {
    if (!Visit(0, Start())) return false;
    while (!stack_.empty()) {
      const auto [j, at] = stack_.back();
      stack_.pop_back();
      if (j == tb_.size()) {
        if (at.back() != ta_.size()) return false;  // `b` ends here, `a` cannot.
        continue;
      }
      const Token& t = tb_[j];
      if (t.kind == Token::kChar) {
        if (!Visit(j + 1, Step(at, b_symbols_[j]))) return false;
        continue;
      }
      const size_t next = t.kind == Token::kAny ? j : j + 1;
      for (int symbol = kOther; symbol < static_cast<int>(alphabet_.size()); ++symbol) {
        if (!Visit(next, Step(at, symbol))) return false;
      }
      if (t.kind == Token::kAny && !Visit(j + 1, at)) return false;
    }
    return true;
  }

 private:
  using Positions = std::vector<uint32_t>;  // Sorted positions in `a`.
  static constexpr int kOther = -1;
  static constexpr size_t kMaxStates = 4096;

  std::string Fold(absl::string_view c) const {
    return ignore_case_ ? absl::AsciiStrToLower(c) : std::string(c);
  }
  int Intern(absl::string_view c) {
    const int found = Lookup(c);
    if (found != kOther) return found;
    alphabet_.push_back(Fold(c));
    return static_cast<int>(alphabet_.size()) - 1;
  }
  int Lookup(absl::string_view c) const {
    const std::string folded = Fold(c);
    for (size_t i = 0; i < alphabet_.size(); ++i) {
      if (alphabet_[i] == folded) return static_cast<int>(i);
    }
    return kOther;
  }

  // The marked positions, and every position after a `*` they reach by
  // letting the `*` match nothing.
  Positions Close(std::vector<char> marked) const {
    Positions out;
    for (size_t i = 0; i < marked.size(); ++i) {
      if (!marked[i]) continue;
      out.push_back(static_cast<uint32_t>(i));
      if (i < ta_.size() && ta_[i].kind == Token::kAny) marked[i + 1] = 1;
    }
    return out;
  }
  Positions Start() const {
    std::vector<char> marked(ta_.size() + 1, 0);
    marked[0] = 1;
    return Close(std::move(marked));
  }
  // Where `a` may be after reading one more character.
  Positions Step(const Positions& at, int symbol) const {
    std::vector<char> marked(ta_.size() + 1, 0);
    for (uint32_t i : at) {
      if (i == ta_.size()) continue;
      const Token& t = ta_[i];
      if (t.kind != Token::kChar || (symbol != kOther && a_symbols_[i] == symbol)) {
        marked[t.kind == Token::kAny ? i : i + 1] = 1;
      }
    }
    return Close(std::move(marked));
  }
  // False when `at` is empty (`b` can always finish; `a` cannot) or the
  // search is too large.
  bool Visit(size_t j, Positions at) {
    if (at.empty() || seen_.size() >= kMaxStates) return false;
    if (seen_.emplace(j, at).second) stack_.emplace_back(j, std::move(at));
    return true;
  }

  const std::vector<Token> ta_, tb_;
  const bool ignore_case_;
  std::vector<std::string> alphabet_;  // The characters of `a`, folded.
  std::vector<int> a_symbols_, b_symbols_;
  std::set<std::pair<size_t, Positions>> seen_;
  std::vector<std::pair<size_t, Positions>> stack_;
};

}  // namespace

bool HasTemplatePart(absl::string_view value) { return absl::StrContains(value, "{{"); }

bool PatternCovers(absl::string_view a, absl::string_view b, bool ignore_case) {
  if (a.size() > kMaxPatternBytes || b.size() > kMaxPatternBytes) {
    return SameChar(a, b, ignore_case);
  }
  return CoverSearch(a, b, ignore_case).Covers();
}

bool ActionCovers(absl::string_view a, absl::string_view b) {
  if (HasTemplatePart(a) || HasTemplatePart(b)) return false;
  if (a == "*") return true;
  if (b == "*") return false;
  const size_t ca = a.find(':'), cb = b.find(':');
  if (ca == absl::string_view::npos || cb == absl::string_view::npos) return false;
  if (!absl::EqualsIgnoreCase(a.substr(0, ca), b.substr(0, cb))) return false;
  return PatternCovers(a.substr(ca + 1), b.substr(cb + 1), /*ignore_case=*/true);
}

bool ResourceCovers(absl::string_view a, absl::string_view b, bool variables_enabled) {
  if (HasTemplatePart(a) || HasTemplatePart(b)) return false;
  if (a == b || a == "*") return true;
  if (b == "*") return false;
  if (variables_enabled && absl::StrContains(a, "${")) return false;
  const std::string b_text = variables_enabled ? VariablesAsWildcards(b) : std::string(b);
  ArnParts pa, pb;
  if (!SplitArn(a, &pa) || !SplitArn(b_text, &pb)) return false;
  // A `*` in one of b's first five fields may take colons: b's fields are
  // then not what they seem.
  for (int i = 0; i < 5; ++i) {
    if (absl::StrContains(pb[i], "*")) return false;
    if (!PatternCovers(pa[i], pb[i], /*ignore_case=*/false)) return false;
  }
  return PatternCovers(pa[5], pb[5], /*ignore_case=*/false);
}

bool ArnMayMatchFormat(absl::string_view value, absl::string_view format) {
  if (HasTemplatePart(value)) return true;
  // The value: characters and `*` (a `?` or a variable taken as `*`, which
  // may only widen the answer).
  std::string p = VariablesAsWildcards(value);
  for (char& c : p) {
    if (c == '?') c = '*';
  }
  struct FormatToken {
    bool any;       // A placeholder or `*`.
    bool no_colon;  // The placeholder takes no ':'.
    bool no_slash;  // ... no '/'.
    char c;         // !any: the character.
  };
  std::vector<FormatToken> f;
  int colons = 0;
  for (size_t i = 0; i < format.size(); ++i) {
    const char c = format[i];
    if (c == '$' && i + 1 < format.size() && format[i + 1] == '{') {
      const size_t close = format.find('}', i);
      if (close != absl::string_view::npos) {
        const absl::string_view name = format.substr(i + 2, close - i - 2);
        f.push_back({true, colons < 5, absl::EndsWith(name, "BucketName"), 0});
        i = close;
        continue;
      }
    }
    if (c == '*') {
      f.push_back({true, colons < 5, false, 0});
      continue;
    }
    if (c == ':') ++colons;
    f.push_back({false, false, false, c});
  }
  if (p.size() > kMaxPatternBytes || f.size() > kMaxPatternBytes) return true;
  const size_t n = p.size(), m = f.size();
  // Reachable (i, j): p[..i) and f[..j) can spell the same text.
  std::vector<char> seen((n + 1) * (m + 1), 0);
  std::vector<std::pair<size_t, size_t>> stack = {{0, 0}};
  auto push = [&](size_t i, size_t j) {
    char& s = seen[i * (m + 1) + j];
    if (!s) {
      s = 1;
      stack.emplace_back(i, j);
    }
  };
  seen[0] = 1;
  while (!stack.empty()) {
    const auto [i, j] = stack.back();
    stack.pop_back();
    if (i == n && j == m) return true;
    const bool p_any = i < n && p[i] == '*';
    const bool f_any = j < m && f[j].any;
    if (p_any) push(i + 1, j);  // `*` takes nothing more.
    if (f_any) push(i, j + 1);  // The placeholder takes nothing more.
    if (i == n || j == m) continue;
    if (!p_any && !f_any) {
      if (absl::ascii_tolower(p[i]) == absl::ascii_tolower(f[j].c)) push(i + 1, j + 1);
    } else if (!p_any && f_any) {
      const bool excluded = (f[j].no_colon && p[i] == ':') || (f[j].no_slash && p[i] == '/');
      if (!excluded) push(i + 1, j);
    } else if (p_any && !f_any) {
      push(i, j + 1);
    }
    // Both `*` and a placeholder: the epsilon moves above cover it.
  }
  return false;
}

std::optional<std::vector<Catalog::Action>> ExpandAction(const Catalog& catalog,
                                                         absl::string_view value) {
  if (value == "*" || HasTemplatePart(value)) return std::nullopt;
  const size_t colon = value.find(':');
  if (colon == absl::string_view::npos || colon == 0 || colon + 1 == value.size() ||
      value.find(':', colon + 1) != absl::string_view::npos) {
    return std::nullopt;
  }
  const absl::string_view prefix = value.substr(0, colon);
  const absl::string_view name = value.substr(colon + 1);
  if (prefix.find_first_of("*?") != absl::string_view::npos) return std::nullopt;
  if (!catalog.HasService(prefix)) return std::nullopt;
  std::vector<Catalog::Action> out;
  if (name.find_first_of("*?") == absl::string_view::npos) {
    if (std::optional<Catalog::Action> a = catalog.FindAction(value)) out.push_back(*a);
    return out;
  }
  const std::string pattern = GlobFromPolicyText(name);
  for (const Catalog::Action& a : catalog.ServiceActions(prefix)) {
    if (GlobMatch(pattern, a.name, /*ignore_case=*/true)) out.push_back(a);
  }
  return out;
}

bool CatalogKeyMatches(absl::string_view catalog_key, absl::string_view policy_key) {
  std::string pattern;
  bool templated = false;
  absl::string_view rest = catalog_key;
  if (absl::EndsWith(rest, "/tag-key")) {  // The global keys page's spelling.
    rest.remove_suffix(7);
    AppendGlobLiteral(rest, &pattern);
    pattern += '*';
    return GlobMatch(pattern, policy_key, /*ignore_case=*/true);
  }
  for (size_t i = 0; i < rest.size(); ++i) {
    const char close = rest[i] == '$' && i + 1 < rest.size() && rest[i + 1] == '{' ? '}'
                       : rest[i] == '<'                                            ? '>'
                                                                                   : 0;
    const size_t end = close != 0 ? rest.find(close, i) : absl::string_view::npos;
    if (end != absl::string_view::npos) {
      pattern += '*';
      templated = true;
      i = end;
      continue;
    }
    AppendGlobLiteral(rest.substr(i, 1), &pattern);
  }
  if (!templated) return absl::EqualsIgnoreCase(catalog_key, policy_key);
  return GlobMatch(pattern, policy_key, /*ignore_case=*/true);
}

}  // namespace iamsim
