// File: policy/compile/typed_value.h
//
// Parsing of condition values for the typed operator families (IAM
// "Condition operators" page): numbers, dates (ISO 8601 / W3C forms or epoch
// seconds), IP addresses and CIDR ranges (IPv4 and IPv6), booleans. Used for
// policy values at compile time and for request values at evaluation time.
// None of these allocate.
#ifndef IAMSIM_POLICY_COMPILE_TYPED_VALUE_H_
#define IAMSIM_POLICY_COMPILE_TYPED_VALUE_H_

#include <array>
#include <cstdint>
#include <optional>

#include "absl/strings/string_view.h"

namespace iamsim {

// An integer or decimal ("10", "-2.5", "1e3").
std::optional<double> ParseNumeric(absl::string_view text);

// Milliseconds since the Unix epoch. Accepts "2026-11-25",
// "2026-11-25T01:02:03Z", fractional seconds, "+hh:mm"/"-hh:mm" offsets,
// and plain epoch seconds ("1764032523").
std::optional<int64_t> ParseDateMillis(absl::string_view text);

// An address or a CIDR range. A bare address is a /32 (IPv4) or /128 (IPv6).
struct IpRange {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};
  int prefix_length = 0;
};
std::optional<IpRange> ParseIpRange(absl::string_view text);
// Whether `address` (a bare address) lies in `range`.
bool IpInRange(const IpRange& address, const IpRange& range);

// "true" or "false", any case.
std::optional<bool> ParseBoolValue(absl::string_view text);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_COMPILE_TYPED_VALUE_H_
