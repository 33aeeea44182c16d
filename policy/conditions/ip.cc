#include "policy/conditions/ip.h"

#include <arpa/inet.h>

#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "policy/conditions/compiled_condition.h"

namespace iamsim {

std::optional<IpRange> ParseIpRange(absl::string_view text) {
  IpRange range;
  absl::string_view address = text;
  int prefix = -1;
  const size_t slash = text.find('/');
  if (slash != absl::string_view::npos) {
    address = text.substr(0, slash);
    const absl::string_view digits = text.substr(slash + 1);
    if (digits.empty() || digits.size() > 3) return std::nullopt;
    for (char c : digits) {
      if (!absl::ascii_isdigit(c)) return std::nullopt;
    }
    if (!absl::SimpleAtoi(digits, &prefix)) return std::nullopt;
  }
  char buffer[64];
  if (address.empty() || address.size() >= sizeof(buffer)) return std::nullopt;
  std::memcpy(buffer, address.data(), address.size());
  buffer[address.size()] = '\0';
  if (inet_pton(AF_INET, buffer, range.bytes.data()) == 1) {
    range.v6 = false;
    if (prefix > 32) return std::nullopt;
    range.prefix_length = prefix < 0 ? 32 : prefix;
  } else if (inet_pton(AF_INET6, buffer, range.bytes.data()) == 1) {
    range.v6 = true;
    if (prefix > 128) return std::nullopt;
    range.prefix_length = prefix < 0 ? 128 : prefix;
  } else {
    return std::nullopt;
  }
  return range;
}

bool IpInRange(const IpRange& address, const IpRange& range) {
  if (address.v6 != range.v6) return false;
  int bits = range.prefix_length;
  for (int i = 0; bits > 0; ++i, bits -= 8) {
    const uint8_t mask = bits >= 8 ? 0xFF : static_cast<uint8_t>(0xFF << (8 - bits));
    if ((address.bytes[i] & mask) != (range.bytes[i] & mask)) return false;
  }
  return true;
}

const char* CompileIpValue(absl::string_view text, ConditionValue* value) {
  std::optional<IpRange> ip = ParseIpRange(text);
  if (!ip) {
    return "an IPv4 or IPv6 address or CIDR range such as \"203.0.113.0/24\" or "
           "\"2001:db8::/32\"";
  }
  value->ip = *ip;
  return nullptr;
}

bool MatchIp(const IpRange& range, absl::string_view request_value) {
  std::optional<IpRange> ip = ParseIpRange(request_value);
  return ip && IpInRange(*ip, range);
}

}  // namespace iamsim
