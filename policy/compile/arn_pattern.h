// File: policy/compile/arn_pattern.h
//
// A Resource/NotResource entry, or an ArnLike/ArnEquals value, compiled into
// per-segment matchers: partition, service, region and account are each
// matched within their segment; the resource part (everything after the
// fifth colon) is matched as a whole, so a `*` there spans ':' and '/'
// (`function:f*` matches `function:f:1`, Lambda's documented behaviour).
// A pattern with fewer than six parts matches the whole ARN only through a
// trailing `*` ("*", "arn:aws:lambda:*"): AWS checks the six parts
// separately, so "arn:aws:sns:*:topic" matches nothing. Case-sensitive.
//
// Thread-safety: immutable after construction.
#ifndef IAMSIM_POLICY_COMPILE_ARN_PATTERN_H_
#define IAMSIM_POLICY_COMPILE_ARN_PATTERN_H_

#include <array>
#include <string>

#include "absl/strings/string_view.h"
#include "policy/arn/arn.h"
#include "policy/compile/glob.h"

namespace iamsim {

class ArnPattern {
 public:
  ArnPattern() = default;
  // `pattern` in internal glob syntax.
  explicit ArnPattern(absl::string_view pattern);

  bool Matches(absl::string_view arn) const;
  // `parts` must be SplitArn(arn); `is_arn` whether that succeeded.
  bool Matches(absl::string_view arn, const ArnParts& parts, bool is_arn) const;
  bool matches_everything() const { return whole_.matches_everything(); }

  // Matching without compiling first, for patterns rendered per request.
  static bool MatchRendered(absl::string_view pattern, absl::string_view arn);

 private:
  // True when `whole_` alone decides: a short pattern, one without
  // wildcards, or literal parts ending in a literal prefix and `*`
  // ("arn:aws:lambda:us-east-1:111122223333:function:app-*").
  bool whole_decides_ = false;
  Glob whole_;
  std::array<Glob, 6> segments_;  // arn, partition, service, region, account, resource
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_COMPILE_ARN_PATTERN_H_
