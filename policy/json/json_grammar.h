// File: policy/json/json_grammar.h (internal to policy/json)
//
// Small pieces of the RFC 8259 grammar shared by the tree builder and the
// syntax-error locator.
#ifndef IAMSIM_POLICY_JSON_JSON_GRAMMAR_H_
#define IAMSIM_POLICY_JSON_JSON_GRAMMAR_H_

#include <cstddef>

#include "absl/strings/string_view.h"

namespace iamsim::json_internal {

inline bool IsDigit(absl::string_view text, size_t i) {
  return i < text.size() && text[i] >= '0' && text[i] <= '9';
}

// Scans a number starting at text[pos]. Returns nullptr and sets *end one
// past it, or returns why it is not a number.
inline const char* ScanNumber(absl::string_view text, size_t pos, size_t* end) {
  size_t i = pos;
  if (i < text.size() && text[i] == '-') ++i;
  if (!IsDigit(text, i)) return "invalid number: expected a digit";
  if (text[i] == '0') {
    ++i;
    if (IsDigit(text, i)) return "invalid number: leading zeros are not allowed";
  } else {
    while (IsDigit(text, i)) ++i;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (!IsDigit(text, i)) return "invalid number: expected a digit after '.'";
    while (IsDigit(text, i)) ++i;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (!IsDigit(text, i)) return "invalid number: expected a digit in the exponent";
    while (IsDigit(text, i)) ++i;
  }
  *end = i;
  return nullptr;
}

inline bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace iamsim::json_internal

#endif  // IAMSIM_POLICY_JSON_JSON_GRAMMAR_H_
