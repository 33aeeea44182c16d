#include "policy/conditions/date.h"

#include "absl/strings/ascii.h"
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

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
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

constexpr int64_t kMaxEpochSeconds = 253402300799;  // 9999-12-31T23:59:59Z

}  // namespace

std::optional<int64_t> ParseDateMillis(absl::string_view text) {
  if (text.empty()) return std::nullopt;
  bool all_digits = true;
  for (char c : text) all_digits &= absl::ascii_isdigit(c) != 0;
  if (all_digits) {
    int64_t seconds;
    if (text.size() > 12 || !absl::SimpleAtoi(text, &seconds) || seconds > kMaxEpochSeconds) {
      return std::nullopt;
    }
    return seconds * 1000;
  }
  size_t pos = 0;
  int year, month, day = 1, hour = 0, minute = 0, second = 0, millis = 0;
  if (!ReadDigits(text, &pos, 4, &year) || !Expect(text, &pos, '-') ||
      !ReadDigits(text, &pos, 2, &month)) {
    return std::nullopt;
  }
  // W3C's profile also has YYYY-MM (its first instant). A bare YYYY is read
  // above as epoch seconds, the other form AWS documents.
  if (pos < text.size() && (!Expect(text, &pos, '-') || !ReadDigits(text, &pos, 2, &day))) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
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
      if (oh > 23 || om > 59) return std::nullopt;
      offset_minutes = sign * (oh * 60 + om);
    }
    if (pos != text.size()) return std::nullopt;
  }
  const int64_t days =
      DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
  return seconds * 1000 + millis;
}

const char* CompileDateValue(absl::string_view text, ConditionValue* value) {
  std::optional<int64_t> d = ParseDateMillis(text);
  if (!d) {
    return "a date such as \"2026-11-25\", \"2026-11-25T01:02:03Z\" or epoch seconds "
           "(\"1764032523\")";
  }
  value->date_millis = *d;
  return nullptr;
}

bool MatchDate(BaseOperator base, int64_t p, absl::string_view request_value) {
  std::optional<int64_t> v = ParseDateMillis(request_value);
  if (!v) return false;
  switch (base) {
    case BaseOperator::kDateEquals:
    case BaseOperator::kDateNotEquals:
      return *v == p;
    case BaseOperator::kDateLessThan:
      return *v < p;
    case BaseOperator::kDateLessThanEquals:
      return *v <= p;
    case BaseOperator::kDateGreaterThan:
      return *v > p;
    case BaseOperator::kDateGreaterThanEquals:
      return *v >= p;
    default:
      return false;
  }
}

}  // namespace iamsim
