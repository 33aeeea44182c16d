// File: policy/arn/arn.h
//
// Amazon Resource Names: arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE.
// The resource part is everything after the fifth colon and may itself hold
// colons ("function:name:alias") or slashes ("role/path/name").
// All views point into the string given; it must outlive the result.
#ifndef IAMSIM_POLICY_ARN_ARN_H_
#define IAMSIM_POLICY_ARN_ARN_H_

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "policy/arn/byte_scan.h"

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

// Exactly twelve decimal digits.
bool IsAccountId(absl::string_view text);

// Why `text` is not a valid concrete ARN, or "" if it is one. '*' and '?' are
// allowed only in the resource part, where they are literal characters (an S3
// object key may contain them). Used for request resources and principals.
std::string ArnProblem(absl::string_view text);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_ARN_ARN_H_
