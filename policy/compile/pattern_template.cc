#include "policy/compile/pattern_template.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace iamsim {

PatternTemplate PatternTemplate::Parse(absl::string_view text, bool variables_enabled) {
  PatternTemplate result;
  Piece literal;
  size_t i = 0;
  while (i < text.size()) {
    const size_t close = variables_enabled && text.substr(i, 2) == "${" ? text.find('}', i + 2)
                                                                        : absl::string_view::npos;
    if (close == absl::string_view::npos) {
      literal.text += GlobFromPolicyText(text.substr(i, 1));
      ++i;
      continue;
    }
    absl::string_view body = absl::StripAsciiWhitespace(text.substr(i + 2, close - i - 2));
    i = close + 1;
    if (body == "*" || body == "?" || body == "$") {
      AppendGlobLiteral(body, &literal.text);
      continue;
    }
    Variable variable;
    const size_t comma = body.find(',');
    if (comma != absl::string_view::npos) {
      absl::string_view fallback = absl::StripAsciiWhitespace(body.substr(comma + 1));
      if (fallback.size() >= 2 && fallback.front() == '\'' && fallback.back() == '\'') {
        fallback = fallback.substr(1, fallback.size() - 2);
      }
      variable.default_value = std::string(fallback);
      body = absl::StripAsciiWhitespace(body.substr(0, comma));
    }
    variable.key = MakeContextKey(body);
    if (!literal.text.empty()) result.pieces_.push_back(std::move(literal));
    literal = Piece();
    result.pieces_.push_back(Piece{"", static_cast<int>(result.variables_.size())});
    result.variables_.push_back(std::move(variable));
  }
  if (!literal.text.empty()) result.pieces_.push_back(std::move(literal));
  if (result.variables_.empty()) {
    for (const Piece& piece : result.pieces_) result.static_pattern_ += piece.text;
  }
  return result;
}

}  // namespace iamsim
