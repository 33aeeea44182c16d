#include "policy/compile/glob.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/container/inlined_vector.h"
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

namespace {

// One run of a pattern between `*`s: literal characters and `?`s.
struct Segment {
  absl::string_view units;  // Internal syntax: `\x` is a literal x.
  bool has_question = false;
  size_t literal_bytes = 0;  // Bytes of literal characters.
  size_t questions = 0;
};

Segment MakeSegment(absl::string_view units) {
  Segment s{units};
  for (size_t i = 0; i < units.size(); ++i) {
    if (units[i] == '?') {
      s.has_question = true;
      ++s.questions;
      continue;
    }
    if (units[i] == '\\' && i + 1 < units.size()) ++i;
    ++s.literal_bytes;
  }
  return s;
}

// Where `segment` ends when it matches `text` starting at `pos`, or npos.
size_t MatchAt(const Segment& segment, absl::string_view text, size_t pos, bool ignore_case) {
  const absl::string_view u = segment.units;
  for (size_t i = 0; i < u.size(); ++i) {
    if (pos >= text.size()) return absl::string_view::npos;
    if (u[i] == '?') {
      pos += CharWidth(text, pos);
      continue;
    }
    if (u[i] == '\\' && i + 1 < u.size()) ++i;
    if (!SameChar(u[i], text[pos], ignore_case)) return absl::string_view::npos;
    ++pos;
  }
  return pos;
}

// Knuth-Morris-Pratt: the first occurrence of `needle` in `text` at or after
// `from`, in O(|needle| + |text|).
size_t KmpFind(absl::string_view needle, absl::string_view text, size_t from) {
  thread_local std::vector<size_t> failure;
  failure.assign(needle.size() + 1, 0);
  for (size_t i = 1, k = 0; i < needle.size(); ++i) {
    while (k > 0 && needle[i] != needle[k]) k = failure[k];
    if (needle[i] == needle[k]) ++k;
    failure[i + 1] = k;
  }
  for (size_t i = from, k = 0; i < text.size(); ++i) {
    while (k > 0 && text[i] != needle[k]) k = failure[k];
    if (text[i] == needle[k]) ++k;
    if (k == needle.size()) return i + 1 - needle.size();
  }
  return absl::string_view::npos;
}

// The leftmost match of `segment` in `text` starting at a character boundary
// at or after `from`: its start and end, or npos. Literal case-sensitive
// segments (without escapes) are found in linear time; others character by
// character.
std::pair<size_t, size_t> FindSegment(const Segment& segment, absl::string_view text, size_t from,
                                      bool ignore_case) {
  if (!segment.has_question && !ignore_case &&
      segment.literal_bytes == segment.units.size()) {  // No escapes: the units are the text.
    const absl::string_view literal = segment.units;
    // Short pieces: memchr and compare (at most 16 bytes per candidate);
    // long ones: Knuth-Morris-Pratt, linear whatever the text.
    auto find = [&](size_t at) {
      return literal.size() <= 16 ? text.find(literal, at) : KmpFind(literal, text, at);
    };
    // A match must start on a character boundary: a literal that starts with
    // a continuation byte can only be found inside a character, never whole.
    for (size_t at = find(from); at != absl::string_view::npos; at = find(at + 1)) {
      if ((static_cast<unsigned char>(text[at]) & 0xC0) != 0x80) {
        return {at, at + literal.size()};
      }
    }
    return {absl::string_view::npos, absl::string_view::npos};
  }
  for (size_t start = from; start <= text.size(); start += CharWidth(text, start)) {
    const size_t end = MatchAt(segment, text, start, ignore_case);
    if (end != absl::string_view::npos) return {start, end};
    if (start == text.size()) break;
  }
  return {absl::string_view::npos, absl::string_view::npos};
}

// Whether `segment` matches a suffix of `text` that starts at or after
// `from`. Its length is fixed but for `?`s (one to four bytes each).
bool MatchesSuffix(const Segment& segment, absl::string_view text, size_t from, bool ignore_case) {
  const size_t shortest = segment.literal_bytes + segment.questions;
  const size_t longest = segment.literal_bytes + 4 * segment.questions;
  if (text.size() < shortest) return false;
  for (size_t length = shortest; length <= longest && length <= text.size(); ++length) {
    const size_t start = text.size() - length;
    if (start < from) break;
    if ((static_cast<unsigned char>(text[start]) & 0xC0) == 0x80 && start > 0) continue;
    if (MatchAt(segment, text, start, ignore_case) == text.size()) return true;
  }
  return false;
}

}  // namespace

namespace glob_internal {

// Two pointers with one backtrack point (the last `*`): the fastest for the
// short strings of most requests, O(|pattern| * |text|) in the worst case.
bool BacktrackingMatch(absl::string_view pattern, absl::string_view text, bool ignore_case) {
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

// Splits the pattern at unescaped `*`s into segments: the first must match at
// the start of the text, the last at its end, and each one between at its
// leftmost place after the one before — greedy leftmost placement is optimal
// when `*` is the only variable-length element. Linear in the text for
// literal segments, never exponential.
bool SegmentMatch(absl::string_view pattern, absl::string_view text, bool ignore_case) {
  // Segment boundaries.
  absl::InlinedVector<absl::string_view, 8> segments;
  size_t begin = 0;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\' && i + 1 < pattern.size()) {
      ++i;
    } else if (pattern[i] == '*') {
      segments.push_back(pattern.substr(begin, i - begin));
      begin = i + 1;
    }
  }
  segments.push_back(pattern.substr(begin));
  if (segments.size() == 1) {
    return MatchAt(MakeSegment(segments[0]), text, 0, ignore_case) == text.size();
  }
  // First segment: a prefix.
  size_t pos = MatchAt(MakeSegment(segments.front()), text, 0, ignore_case);
  if (pos == absl::string_view::npos) return false;
  // Middle segments: leftmost occurrences, in order.
  for (size_t k = 1; k + 1 < segments.size(); ++k) {
    if (segments[k].empty()) continue;
    const auto [start, end] = FindSegment(MakeSegment(segments[k]), text, pos, ignore_case);
    if (start == absl::string_view::npos) return false;
    pos = end;
  }
  // Last segment: a suffix after everything before it.
  return segments.back().empty() ||
         MatchesSuffix(MakeSegment(segments.back()), text, pos, ignore_case);
}

}  // namespace glob_internal

bool GlobMatch(absl::string_view pattern, absl::string_view text, bool ignore_case) {
  // Short inputs (nearly every request): backtracking costs less than
  // splitting; long ones: the segment matcher's bound.
  return pattern.size() * text.size() <= 640
             ? glob_internal::BacktrackingMatch(pattern, text, ignore_case)
             : glob_internal::SegmentMatch(pattern, text, ignore_case);
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
