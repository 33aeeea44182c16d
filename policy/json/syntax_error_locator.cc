// LocateSyntaxError: a small, strict, iterative JSON (RFC 8259) checker whose
// only job is to say where and why a text is not JSON. simdjson decides
// validity; this runs only after simdjson rejected a document.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "policy/json/json_grammar.h"
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
  if ((c & 0xE0) == 0xC0) {
    length = 2;
    code_point = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    length = 3;
    code_point = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    length = 4;
    code_point = c & 0x07;
  } else
    return 0;
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
    if (c == '"') {
      *end = i + 1;
      return std::nullopt;
    }
    if (c < 0x20) {
      return JsonSyntaxError{
          i, absl::StrFormat(
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
        // UTF-16 surrogates come in pairs: \uD800-\uDBFF then \uDC00-\uDFFF.
        const unsigned unit = std::stoul(std::string(text.substr(i + 2, 4)), nullptr, 16);
        if (unit >= 0xDC00 && unit <= 0xDFFF) {
          return JsonSyntaxError{
              i, absl::StrCat("lone low surrogate \\u", text.substr(i + 2, 4),
                              " (it must follow a high surrogate \\uD800-\\uDBFF)")};
        }
        if (unit >= 0xD800 && unit <= 0xDBFF) {
          const bool paired =
              i + 11 < text.size() && text[i + 6] == '\\' && text[i + 7] == 'u' &&
              std::all_of(text.begin() + i + 8, text.begin() + i + 12,
                          [](char h) { return IsHex(h); }) &&
              (std::stoul(std::string(text.substr(i + 8, 4)), nullptr, 16) & 0xFC00) == 0xDC00;
          if (!paired) {
            return JsonSyntaxError{
                i, absl::StrCat("lone high surrogate \\u", text.substr(i + 2, 4),
                                " (it must be followed by a low surrogate \\uDC00-\\uDFFF)")};
          }
          i += 6;
        }
        i += 6;
        continue;
      }
      if (absl::string_view("\"\\/bfnrt").find(e) == absl::string_view::npos) {
        return JsonSyntaxError{
            i, absl::StrCat("invalid escape \\", Describe(text, i + 1), " in a string")};
      }
      i += 2;
      continue;
    }
    const size_t length = Utf8SequenceLength(text, i);
    if (length == 0) return JsonSyntaxError{i, "invalid UTF-8 in a string"};
    i += length;
  }
}

std::optional<JsonSyntaxError> ScanNumber(absl::string_view text, size_t pos, size_t* end) {
  if (const char* problem = json_internal::ScanNumber(text, pos, end)) {
    return JsonSyntaxError{pos, problem};
  }
  return std::nullopt;
}

// A key as written between its quotes, with the common escapes undone
// (enough for a pointer in an error message).
std::string UnescapeKey(absl::string_view raw) {
  std::string key;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size() && raw[i + 1] != 'u') ++i;
    key += raw[i];
  }
  return key;
}

enum class Expect {
  kValue,
  kValueOrClose,
  kValueAfterComma,
  kKeyOrClose,
  kKeyAfterComma,
  kColon,
  kCommaOrClose,
  kEnd
};

}  // namespace

std::optional<JsonSyntaxError> LocateSyntaxError(absl::string_view text, int max_depth) {
  if (absl::StartsWith(text, "\xEF\xBB\xBF")) {
    return JsonSyntaxError{0,
                           "the file starts with a UTF-8 byte order mark (EF BB BF); JSON "
                           "text must not (RFC 8259): save it without one",
                           ""};
  }
  // Each open container: its kind and where its members are (the last key of
  // an object, the index in an array). Pointers are built only for the error
  // reported, so memory and time stay linear in the input.
  struct Frame {
    char kind;  // '{' or '['
    std::string key;
    size_t index = 0;
  };
  std::vector<Frame> open;
  Expect expect = Expect::kValue;
  size_t pos = 0;
  auto after_value = [&] { return open.empty() ? Expect::kEnd : Expect::kCommaOrClose; };
  // The pointer of the value inside the first `depth` open containers.
  auto pointer_at = [&](size_t depth) {
    std::string pointer;
    for (size_t i = 0; i < depth; ++i) {
      pointer = open[i].kind == '{' ? JsonPointerAppend(pointer, open[i].key)
                                    : JsonPointerAppend(pointer, open[i].index);
    }
    return pointer;
  };
  // The pointer of the value at the current position (for errors in a
  // value) and of the innermost container (for errors in its punctuation).
  auto member_pointer = [&]() { return pointer_at(open.size()); };
  auto container_pointer = [&]() {
    return open.empty() ? std::string() : pointer_at(open.size() - 1);
  };
  auto fail = [&](size_t at, std::string message, std::string pointer) {
    return JsonSyntaxError{at, std::move(message), std::move(pointer)};
  };
  while (true) {
    while (pos < text.size() &&
           (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r')) {
      ++pos;
    }
    if (pos >= text.size()) {
      if (expect == Expect::kEnd) return std::nullopt;
      if (open.empty()) return fail(pos, "the input is empty: expected a JSON value", "");
      return fail(
          pos,
          absl::StrCat("unexpected end of input: ",
                       open.back().kind == '{' ? "an object" : "an array", " is not closed"),
          container_pointer());
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
          return fail(pos, "trailing comma before ']'", container_pointer());
        }
        size_t end = pos + 1;
        std::optional<JsonSyntaxError> error;
        if (c == '{' || c == '[') {
          if (open.size() >= static_cast<size_t>(max_depth)) {
            return JsonSyntaxError{pos, TooDeepMessage(max_depth), member_pointer(),
                                   Rule::kInputLimit};
          }
          open.push_back(Frame{c, "", 0});
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
            return fail(pos, "invalid literal: expected true, false or null", member_pointer());
          }
          end = pos + word.size();
        } else {
          return fail(pos, absl::StrCat("expected a value, found ", Describe(text, pos)),
                      member_pointer());
        }
        if (error) {
          error->pointer = member_pointer();
          return error;
        }
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
        if (c == '}') return fail(pos, "trailing comma before '}'", container_pointer());
        if (c != '"') {
          return fail(pos,
                      absl::StrCat("expected a double-quoted key, found ", Describe(text, pos)),
                      container_pointer());
        }
        size_t end = pos;
        if (auto error = ScanString(text, pos, &end)) {
          error->pointer = container_pointer();
          return error;
        }
        open.back().key = UnescapeKey(text.substr(pos + 1, end - pos - 2));
        pos = end;
        expect = Expect::kColon;
        break;
      }
      case Expect::kColon:
        if (c != ':') {
          return fail(pos,
                      absl::StrCat("expected ':' after an object key, found ", Describe(text, pos)),
                      member_pointer());
        }
        ++pos;
        expect = Expect::kValue;
        break;
      case Expect::kCommaOrClose: {
        const bool in_object = open.back().kind == '{';
        if (c == ',') {
          ++pos;
          if (!in_object) ++open.back().index;
          expect = in_object ? Expect::kKeyAfterComma : Expect::kValueAfterComma;
        } else if (c == (in_object ? '}' : ']')) {
          open.pop_back();
          ++pos;
          expect = after_value();
        } else {
          return fail(pos,
                      absl::StrCat("expected ',' or '", in_object ? "}" : "]", "', found ",
                                   Describe(text, pos)),
                      container_pointer());
        }
        break;
      }
      case Expect::kEnd:
        return fail(
            pos,
            absl::StrCat("unexpected ", Describe(text, pos), " after the end of the JSON value"),
            "");
    }
  }
}

}  // namespace iamsim
