// File: policy/conditions/ip.h
//
// IP address condition operators (IAM "Condition operators", IP address):
// IpAddress, NotIpAddress. The policy value is an IPv4 or IPv6 address or a
// CIDR range (RFC 4632, RFC 4291): "203.0.113.0/24", "2001:db8::/32"; a bare
// address is a /32 (IPv4) or /128 (IPv6). Prefixes beyond 32/128, bad
// octets ("300.0.0.0/8") and an empty prefix ("10.0.0.0/") are
// invalid-condition-value errors. Policy variables are not allowed. IPv4 and
// IPv6 never match each other.
#ifndef IAMSIM_POLICY_CONDITIONS_IP_H_
#define IAMSIM_POLICY_CONDITIONS_IP_H_

#include <array>
#include <cstdint>
#include <optional>

#include "absl/strings/string_view.h"

namespace iamsim {

struct IpRange {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};
  int prefix_length = 0;
};

std::optional<IpRange> ParseIpRange(absl::string_view text);
// Whether `address` (a bare address) lies in `range`.
bool IpInRange(const IpRange& address, const IpRange& range);

struct ConditionValue;
const char* CompileIpValue(absl::string_view text, ConditionValue* value);

bool MatchIp(const IpRange& policy_range, absl::string_view request_value);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_CONDITIONS_IP_H_
