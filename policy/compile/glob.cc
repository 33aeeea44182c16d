#include "policy/compile/glob.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "policy/arn/byte_scan.h"

namespace iamsim {

std::string GlobFromPolicyText(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\') out += '\\';
    out += c;
  }
  return out;
}

void AppendGlobLiteral(absl::string_view text, std::string* pattern) {
  for (char c : text) {
    if (c == '\\' || c == '*' || c == '?') *pattern += '\\';
    *pattern += c;
  }
}

namespace {

inline bool SameChar(char a, char b, bool ignore_case) {
  return a == b || (ignore_case && absl::ascii_tolower(a) == absl::ascii_tolower(b));
}

// Bytes of the UTF-8 character that starts at text[t]: `?` and each step of
// a `*` take whole characters (an invalid byte counts as one character).
inline size_t CharWidth(absl::string_view text, size_t t) {
  const auto lead = static_cast<unsigned char>(text[t]);
  const size_t width = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  return width <= text.size() - t ? width : 1;
}

// Unescaped text of a pattern without wildcards; false if it has any.
bool LiteralOf(absl::string_view pattern, std::string* out) {
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '*' || c == '?') return false;
    if (c == '\\' && i + 1 < pattern.size()) ++i;
    *out += pattern[i];
  }
  return true;
}

}  // namespace

bool GlobMatch(absl::string_view pattern, absl::string_view text, bool ignore_case) {
  size_t p = 0, t = 0;
  size_t star_p = absl::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size()) {
      const char c = pattern[p];
      if (c == '*') {
        star_p = ++p;
        star_t = t;
        continue;
      }
      if (c == '?') {
        ++p;
        t += CharWidth(text, t);
        continue;
      }
      const size_t width = (c == '\\' && p + 1 < pattern.size()) ? 2 : 1;
      if (SameChar(pattern[p + width - 1], text[t], ignore_case)) {
        p += width;
        ++t;
        continue;
      }
    }
    if (star_p == absl::string_view::npos) return false;
    // Let the last `*` absorb one more character and retry from there.
    p = star_p;
    star_t += CharWidth(text, star_t);
    t = star_t;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool LiteralEquals(absl::string_view pattern, absl::string_view text, bool ignore_case) {
  size_t t = 0;
  for (size_t p = 0; p < pattern.size(); ++p, ++t) {
    if (pattern[p] == '\\' && p + 1 < pattern.size()) ++p;
    if (t >= text.size() || !SameChar(pattern[p], text[t], ignore_case)) return false;
  }
  return t == text.size();
}

Glob::Glob(std::string pattern, bool ignore_case)
    : ignore_case_(ignore_case), pattern_(std::move(pattern)) {
  if (pattern_ == "*") {
    kind_ = Kind::kAny;
  } else if (LiteralOf(pattern_, &literal_)) {
    kind_ = Kind::kLiteral;
  } else if (pattern_.back() == '*' &&
             (pattern_.size() < 2 || pattern_[pattern_.size() - 2] != '\\')) {
    literal_.clear();
    kind_ = LiteralOf(absl::string_view(pattern_).substr(0, pattern_.size() - 1), &literal_)
                ? Kind::kPrefix
                : Kind::kGeneral;
  } else {
    kind_ = Kind::kGeneral;
  }
}

bool Glob::Matches(absl::string_view text) const {
  switch (kind_) {
    case Kind::kAny:
      return true;
    case Kind::kLiteral:
      return ignore_case_ ? absl::EqualsIgnoreCase(text, literal_) : ShortEquals(text, literal_);
    case Kind::kPrefix:
      return ignore_case_ ? absl::StartsWithIgnoreCase(text, literal_)
                          : ShortStartsWith(text, literal_);
    case Kind::kGeneral:
      return GlobMatch(pattern_, text, ignore_case_);
  }
  return false;
}

}  // namespace iamsim
