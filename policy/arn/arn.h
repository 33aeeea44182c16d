// File: policy/arn/arn.h
//
// Amazon Resource Names: arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE.
// The resource part is everything after the fifth colon and may itself hold
// colons ("function:name:alias") or slashes ("role/path/name").
// All views point into the string given; it must outlive the result.
#ifndef IAMSIM_POLICY_ARN_ARN_H_
#define IAMSIM_POLICY_ARN_ARN_H_

#include <array>
#include <cstring>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace iamsim {

struct Arn {
  absl::string_view partition;
  absl::string_view service;
  absl::string_view region;
  absl::string_view account;
  absl::string_view resource;
};

// nullopt unless `text` starts with "arn:" and has at least six parts.
std::optional<Arn> ParseArn(absl::string_view text);

// The six parts of an ARN ("arn", partition, service, region, account,
// resource), split at the first five colons. False if there are fewer.
using ArnParts = std::array<absl::string_view, 6>;
bool SplitArn(absl::string_view text, ArnParts* parts);

// Index of the first `c` in `text` at or after `from`, or npos. glibc's
// memchr is vectorised; Debian's Abseil string_view::find is an out-of-line
// call that scans byte by byte, too slow for the request path.
inline size_t FindChar(absl::string_view text, char c, size_t from = 0) {
  if (from >= text.size()) return absl::string_view::npos;
  const void* hit = std::memchr(text.data() + from, c, text.size() - from);
  return hit == nullptr ? absl::string_view::npos
                        : static_cast<size_t>(static_cast<const char*>(hit) - text.data());
}

// Whether any of `chars` occurs in `text`.
inline bool ContainsAnyOf(absl::string_view text, absl::string_view chars) {
  for (char c : chars) {
    if (FindChar(text, c) != absl::string_view::npos) return true;
  }
  return false;
}

// Exactly twelve decimal digits.
bool IsAccountId(absl::string_view text);

// Why `text` is not a valid concrete ARN, or "" if it is one. '*' and '?' are
// allowed only in the resource part, where they are literal characters (an S3
// object key may contain them). Used for request resources and principals.
std::string ArnProblem(absl::string_view text);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_ARN_ARN_H_
