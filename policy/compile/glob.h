// File: policy/compile/glob.h
//
// IAM wildcard matching: `*` matches any run of characters (including none
// and including ':' and '/'), `?` matches exactly one character: one UTF-8
// code point, so `caf?` matches "café" (an invalid byte counts as one). There is no
// other syntax in IAM. Internally a pattern may also hold `\x` (a literal x):
// that is how `${*}`, `${?}` and substituted variable values stay literal.
//
// Matching splits the pattern at its `*`s and places each piece at its
// leftmost place (Knuth-Morris-Pratt for literal pieces), so it is linear in
// the text for literal pieces and never exponential (`*a*a*a*a*b` against a
// long run of a's is fine). No allocation for patterns of up to 8 pieces.
//
// Thread-safety: Glob is immutable after construction.
#ifndef IAMSIM_POLICY_COMPILE_GLOB_H_
#define IAMSIM_POLICY_COMPILE_GLOB_H_

#include <string>

#include "absl/strings/string_view.h"

namespace iamsim {

// Policy text -> internal pattern syntax (escapes backslashes).
std::string GlobFromPolicyText(absl::string_view text);

// Appends `text` to an internal pattern as literal characters.
void AppendGlobLiteral(absl::string_view text, std::string* pattern);

// Matches `text` against an internal-syntax pattern.
bool GlobMatch(absl::string_view pattern, absl::string_view text, bool ignore_case);

// Whether `text` equals an internal-syntax pattern read literally: `*` and
// `?` are plain characters, `\x` is x. For StringEquals and friends.
bool LiteralEquals(absl::string_view pattern, absl::string_view text, bool ignore_case);

namespace glob_internal {
// The two matchers GlobMatch chooses between (exposed for tests).
bool BacktrackingMatch(absl::string_view pattern, absl::string_view text, bool ignore_case);
bool SegmentMatch(absl::string_view pattern, absl::string_view text, bool ignore_case);
}  // namespace glob_internal

// A compiled pattern with fast paths for the common shapes.
class Glob {
 public:
  Glob() = default;
  // `pattern` is in internal syntax (see GlobFromPolicyText).
  Glob(std::string pattern, bool ignore_case);

  bool Matches(absl::string_view text) const;
  const std::string& pattern() const { return pattern_; }
  bool matches_everything() const { return kind_ == Kind::kAny; }
  // A pattern without wildcards, and its unescaped text.
  bool is_literal() const { return kind_ == Kind::kLiteral; }
  // A literal followed by one `*`; literal() is then the unescaped prefix.
  bool is_prefix() const { return kind_ == Kind::kPrefix; }
  const std::string& literal() const { return literal_; }

 private:
  enum class Kind { kLiteral, kAny, kPrefix, kGeneral };
  Kind kind_ = Kind::kLiteral;
  bool ignore_case_ = false;
  std::string pattern_;
  std::string literal_;  // kLiteral: the text; kPrefix: the prefix (unescaped).
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_COMPILE_GLOB_H_
