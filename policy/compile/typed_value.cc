#include "policy/compile/typed_value.h"

#include <arpa/inet.h>

#include <cmath>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"

namespace iamsim {
namespace {

bool ReadDigits(absl::string_view text, size_t* pos, int count, int* value) {
  if (*pos + count > text.size()) return false;
  int v = 0;
  for (int i = 0; i < count; ++i) {
    const char c = text[*pos + i];
    if (!absl::ascii_isdigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  *pos += count;
  *value = v;
  return true;
}

bool Expect(absl::string_view text, size_t* pos, char c) {
  if (*pos < text.size() && text[*pos] == c) {
    ++*pos;
    return true;
  }
  return false;
}

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

}  // namespace

std::optional<double> ParseNumeric(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  if (text.empty()) return std::nullopt;
  for (char c : text) {
    if (!absl::ascii_isdigit(c) && c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E') {
      return std::nullopt;
    }
  }
  double value;
  if (!absl::SimpleAtod(text, &value) || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<int64_t> ParseDateMillis(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  if (text.empty()) return std::nullopt;
  bool all_digits = true;
  for (char c : text) all_digits &= absl::ascii_isdigit(c) != 0;
  if (all_digits) {
    int64_t seconds;
    if (!absl::SimpleAtoi(text, &seconds)) return std::nullopt;
    return seconds * 1000;
  }
  size_t pos = 0;
  int year, month, day = 1, hour = 0, minute = 0, second = 0, millis = 0;
  if (!ReadDigits(text, &pos, 4, &year) || !Expect(text, &pos, '-') ||
      !ReadDigits(text, &pos, 2, &month)) {
    return std::nullopt;
  }
  // W3C's ISO 8601 profile also has YYYY-MM (its first instant). A bare YYYY
  // is read above as epoch seconds, the other form AWS documents.
  if (pos < text.size() && (!Expect(text, &pos, '-') || !ReadDigits(text, &pos, 2, &day))) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  int64_t offset_minutes = 0;
  if (pos < text.size()) {
    if (!Expect(text, &pos, 'T') && !Expect(text, &pos, 't')) return std::nullopt;
    if (!ReadDigits(text, &pos, 2, &hour) || !Expect(text, &pos, ':') ||
        !ReadDigits(text, &pos, 2, &minute)) {
      return std::nullopt;
    }
    if (Expect(text, &pos, ':')) {
      if (!ReadDigits(text, &pos, 2, &second)) return std::nullopt;
      if (Expect(text, &pos, '.')) {
        int scale = 100;
        size_t digits = 0;
        while (pos < text.size() && absl::ascii_isdigit(text[pos])) {
          if (scale > 0) millis += (text[pos] - '0') * scale;
          scale /= 10;
          ++pos;
          ++digits;
        }
        if (digits == 0) return std::nullopt;
      }
    }
    if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
    if (Expect(text, &pos, 'Z') || Expect(text, &pos, 'z')) {
      // UTC.
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      const int sign = text[pos] == '-' ? -1 : 1;
      ++pos;
      int oh, om = 0;
      if (!ReadDigits(text, &pos, 2, &oh)) return std::nullopt;
      if (Expect(text, &pos, ':')) {
        if (!ReadDigits(text, &pos, 2, &om)) return std::nullopt;
      } else if (pos < text.size() && !ReadDigits(text, &pos, 2, &om)) {
        return std::nullopt;
      }
      offset_minutes = sign * (oh * 60 + om);
    }
    if (pos != text.size()) return std::nullopt;
  }
  const int64_t days =
      DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
  return seconds * 1000 + millis;
}

std::optional<IpRange> ParseIpRange(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  IpRange range;
  absl::string_view address = text;
  int prefix = -1;
  const size_t slash = text.find('/');
  if (slash != absl::string_view::npos) {
    address = text.substr(0, slash);
    if (!absl::SimpleAtoi(text.substr(slash + 1), &prefix) || prefix < 0) return std::nullopt;
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

std::optional<bool> ParseBoolValue(absl::string_view text) {
  if (absl::EqualsIgnoreCase(text, "true")) return true;
  if (absl::EqualsIgnoreCase(text, "false")) return false;
  return std::nullopt;
}

}  // namespace iamsim
