// File: policy/compile/arn_pattern.h
//
// A Resource/NotResource entry, or an ArnLike/ArnEquals value, compiled into
// per-segment matchers: partition, service, region and account are each
// matched within their segment; the resource part (everything after the
// fifth colon) is matched as a whole, so a `*` there spans ':' and '/'
// (`function:f*` matches `function:f:1`, Lambda's documented behaviour).
// A `*` that ends the whole pattern covers the rest ("arn:aws:lambda:*").
// The two uses differ in one rule (IAM User Guide):
//   kResourceElement  "If the * wildcard is the last character of a resource
//                     ARN segment, it can expand to match beyond the colon
//                     boundaries": "arn:aws:lambda:*:function:f" matches
//                     "arn:aws:lambda:us-east-1:111122223333:function:f".
//   kArnCondition     ArnLike/ArnEquals check the six parts one by one: the
//                     same pattern matches nothing.
// Case-sensitive.
//
// Thread-safety: immutable after construction.
#ifndef IAMSIM_POLICY_COMPILE_ARN_PATTERN_H_
#define IAMSIM_POLICY_COMPILE_ARN_PATTERN_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "policy/arn/arn.h"
#include "policy/compile/glob.h"

namespace iamsim {

enum class ArnMatchMode { kResourceElement, kArnCondition };

class ArnPattern {
 public:
  ArnPattern() = default;
  // `pattern` in internal glob syntax.
  ArnPattern(absl::string_view pattern, ArnMatchMode mode);

  bool Matches(absl::string_view arn) const;
  // `parts` must be SplitArn(arn); `is_arn` whether that succeeded.
  bool Matches(absl::string_view arn, const ArnParts& parts, bool is_arn) const;
  bool matches_everything() const { return whole_.matches_everything(); }

  // Matching without compiling first, for patterns rendered per request;
  // also the reference the compiled fast paths are tested against.
  static bool MatchRendered(absl::string_view pattern, absl::string_view arn, ArnMatchMode mode);

 private:
  // One unit of an internal-syntax pattern, for the reference matcher.
  struct Token {
    enum Kind : uint8_t { kLiteral, kOne, kAny } kind;
    char literal;
    bool crosses_colon;  // kOne/kAny: may take ':'.
  };
  using Tokens = absl::InlinedVector<Token, 96>;
  static Tokens Tokenize(absl::string_view pattern, ArnMatchMode mode);
  static bool MatchTokens(absl::Span<const Token> tokens, absl::string_view arn);

  // True when `whole_` alone decides: a short pattern, one without
  // wildcards, or literal parts ending in a literal prefix and `*`
  // ("arn:aws:lambda:us-east-1:111122223333:function:app-*").
  bool whole_decides_ = false;
  bool segmented_ = false;  // Six parts: segments_ is set.
  // Set for patterns the six segment tests cannot decide alone: fewer than
  // six parts, or (Resource element) a `*` ending one of the first five
  // segments. Empty otherwise.
  std::vector<Token> tokens_;
  size_t pattern_colons_ = 0;  // Literal colons in tokens_.
  Glob whole_;
  std::array<Glob, 6> segments_;  // arn, partition, service, region, account, resource
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_COMPILE_ARN_PATTERN_H_
