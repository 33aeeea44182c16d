// LocateSyntaxError: a small, strict, iterative JSON (RFC 8259) checker whose
// only job is to say where and why a text is not JSON. simdjson decides
// validity; this runs only after simdjson rejected a document.
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "policy/json/json_tree.h"

namespace iamsim {
namespace {

std::string Describe(absl::string_view text, size_t pos) {
  if (pos >= text.size()) return "the end of the input";
  const unsigned char c = static_cast<unsigned char>(text[pos]);
  if (c >= 0x20 && c < 0x7f) return absl::StrCat("'", text.substr(pos, 1), "'");
  return absl::StrFormat("byte 0x%02X", c);
}

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Length of the valid UTF-8 sequence starting at `pos`, or 0 if invalid.
size_t Utf8SequenceLength(absl::string_view text, size_t pos) {
  const unsigned char c = static_cast<unsigned char>(text[pos]);
  size_t length;
  uint32_t code_point;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) { length = 2; code_point = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { length = 3; code_point = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { length = 4; code_point = c & 0x07; }
  else return 0;
  if (pos + length > text.size()) return 0;
  for (size_t i = 1; i < length; ++i) {
    const unsigned char cc = static_cast<unsigned char>(text[pos + i]);
    if ((cc & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (cc & 0x3F);
  }
  static constexpr uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code_point < kMinimum[length] || code_point > 0x10FFFF ||
      (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    return 0;
  }
  return length;
}

// Scans the string literal starting at text[pos] == '"'. On success sets
// *end one past the closing quote.
std::optional<JsonSyntaxError> ScanString(absl::string_view text, size_t pos, size_t* end) {
  size_t i = pos + 1;
  while (true) {
    if (i >= text.size()) return JsonSyntaxError{pos, "unterminated string"};
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '"') { *end = i + 1; return std::nullopt; }
    if (c < 0x20) {
      return JsonSyntaxError{i, absl::StrFormat(
          "control character 0x%02X inside a string; write it as an escape such as \\n", c)};
    }
    if (c == '\\') {
      if (i + 1 >= text.size()) return JsonSyntaxError{pos, "unterminated string"};
      const char e = text[i + 1];
      if (e == 'u') {
        for (size_t k = 2; k < 6; ++k) {
          if (i + k >= text.size() || !IsHex(text[i + k])) {
            return JsonSyntaxError{i, "\\u must be followed by four hexadecimal digits"};
          }
        }
        i += 6;
        continue;
      }
      if (absl::string_view("\"\\/bfnrt").find(e) == absl::string_view::npos) {
        return JsonSyntaxError{i, absl::StrCat("invalid escape \\", Describe(text, i + 1),
                                               " in a string")};
      }
      i += 2;
      continue;
    }
    const size_t length = Utf8SequenceLength(text, i);
    if (length == 0) return JsonSyntaxError{i, "invalid UTF-8 in a string"};
    i += length;
  }
}

bool IsDigit(absl::string_view text, size_t i) {
  return i < text.size() && text[i] >= '0' && text[i] <= '9';
}

std::optional<JsonSyntaxError> ScanNumber(absl::string_view text, size_t pos, size_t* end) {
  size_t i = pos;
  if (text[i] == '-') ++i;
  if (!IsDigit(text, i)) return JsonSyntaxError{pos, "invalid number: expected a digit"};
  if (text[i] == '0') {
    ++i;
    if (IsDigit(text, i)) return JsonSyntaxError{pos, "invalid number: leading zeros are not allowed"};
  } else {
    while (IsDigit(text, i)) ++i;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (!IsDigit(text, i)) return JsonSyntaxError{pos, "invalid number: expected a digit after '.'"};
    while (IsDigit(text, i)) ++i;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (!IsDigit(text, i)) return JsonSyntaxError{pos, "invalid number: expected a digit in the exponent"};
    while (IsDigit(text, i)) ++i;
  }
  *end = i;
  return std::nullopt;
}

enum class Expect { kValue, kValueOrClose, kValueAfterComma, kKeyOrClose, kKeyAfterComma, kColon,
                    kCommaOrClose, kEnd };

}  // namespace

std::optional<JsonSyntaxError> LocateSyntaxError(absl::string_view text) {
  std::vector<char> open;  // '{' or '[' for each open container.
  Expect expect = Expect::kValue;
  size_t pos = 0;
  auto after_value = [&] { return open.empty() ? Expect::kEnd : Expect::kCommaOrClose; };
  while (true) {
    while (pos < text.size() &&
           (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r')) {
      ++pos;
    }
    if (pos >= text.size()) {
      if (expect == Expect::kEnd) return std::nullopt;
      if (open.empty()) return JsonSyntaxError{pos, "the input is empty: expected a JSON value"};
      return JsonSyntaxError{pos, absl::StrCat("unexpected end of input: ",
                                               open.back() == '{' ? "an object" : "an array",
                                               " is not closed")};
    }
    const char c = text[pos];
    switch (expect) {
      case Expect::kValue:
      case Expect::kValueOrClose:
      case Expect::kValueAfterComma: {
        if (c == ']' && expect == Expect::kValueOrClose) {
          open.pop_back();
          ++pos;
          expect = after_value();
          break;
        }
        if (c == ']' && expect == Expect::kValueAfterComma) {
          return JsonSyntaxError{pos, "trailing comma before ']'"};
        }
        size_t end = pos + 1;
        std::optional<JsonSyntaxError> error;
        if (c == '{' || c == '[') {
          open.push_back(c);
          ++pos;
          expect = c == '{' ? Expect::kKeyOrClose : Expect::kValueOrClose;
          break;
        } else if (c == '"') {
          error = ScanString(text, pos, &end);
        } else if (c == '-' || (c >= '0' && c <= '9')) {
          error = ScanNumber(text, pos, &end);
        } else if (c == 't' || c == 'f' || c == 'n') {
          const absl::string_view word = c == 't' ? "true" : c == 'f' ? "false" : "null";
          if (text.substr(pos, word.size()) != word) {
            return JsonSyntaxError{pos, "invalid literal: expected true, false or null"};
          }
          end = pos + word.size();
        } else {
          return JsonSyntaxError{pos, absl::StrCat("expected a value, found ", Describe(text, pos))};
        }
        if (error) return error;
        pos = end;
        expect = after_value();
        break;
      }
      case Expect::kKeyOrClose:
      case Expect::kKeyAfterComma: {
        if (c == '}' && expect == Expect::kKeyOrClose) {
          open.pop_back();
          ++pos;
          expect = after_value();
          break;
        }
        if (c == '}') return JsonSyntaxError{pos, "trailing comma before '}'"};
        if (c != '"') {
          return JsonSyntaxError{pos, absl::StrCat("expected a double-quoted key, found ",
                                                   Describe(text, pos))};
        }
        size_t end = pos;
        if (auto error = ScanString(text, pos, &end)) return error;
        pos = end;
        expect = Expect::kColon;
        break;
      }
      case Expect::kColon:
        if (c != ':') {
          return JsonSyntaxError{pos, absl::StrCat("expected ':' after an object key, found ",
                                                   Describe(text, pos))};
        }
        ++pos;
        expect = Expect::kValue;
        break;
      case Expect::kCommaOrClose: {
        const bool in_object = open.back() == '{';
        if (c == ',') {
          ++pos;
          expect = in_object ? Expect::kKeyAfterComma : Expect::kValueAfterComma;
        } else if (c == (in_object ? '}' : ']')) {
          open.pop_back();
          ++pos;
          expect = after_value();
        } else {
          return JsonSyntaxError{pos, absl::StrCat("expected ',' or '", in_object ? "}" : "]",
                                                   "', found ", Describe(text, pos))};
        }
        break;
      }
      case Expect::kEnd:
        return JsonSyntaxError{pos, absl::StrCat("unexpected ", Describe(text, pos),
                                                 " after the end of the JSON value")};
    }
  }
}

}  // namespace iamsim
