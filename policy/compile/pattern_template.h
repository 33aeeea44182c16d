// File: policy/compile/pattern_template.h
//
// A Resource entry or condition value that may hold policy variables
// (IAM "Policy variables" page): `${aws:username}`, defaults
// `${aws:PrincipalTag/team, 'none'}`, and the literals `${*}` `${?}` `${$}`.
// Under Version 2008-10-17 (or no Version) `${...}` is plain text.
//
// The template is compiled to internal glob syntax (policy/compile/glob.h):
// substituted values and the special literals are escaped, so they never act
// as wildcards.
//
// Thread-safety: immutable after Parse(); Render() is const.
#ifndef IAMSIM_POLICY_COMPILE_PATTERN_TEMPLATE_H_
#define IAMSIM_POLICY_COMPILE_PATTERN_TEMPLATE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "policy/compile/context_key.h"
#include "policy/compile/glob.h"

namespace iamsim {

class PatternTemplate {
 public:
  static PatternTemplate Parse(absl::string_view policy_text, bool variables_enabled);

  bool has_variables() const { return !variables_.empty(); }
  // The pattern in internal glob syntax; valid only without variables.
  const std::string& static_pattern() const { return static_pattern_; }

  // Variables referenced, for explain output and missing-key reports.
  struct Variable {
    ContextKey key;
    std::optional<std::string> default_value;
  };
  const std::vector<Variable>& variables() const { return variables_; }

  // Writes the pattern with each variable's value into *out (cleared first).
  // `lookup(const ContextKey&) -> std::optional<absl::string_view>` returns
  // a single value or nullopt. Returns false when a variable has no value
  // and no default: such an entry matches nothing.
  template <typename Lookup>
  bool Render(const Lookup& lookup, std::string* out) const {
    out->clear();
    for (const Piece& piece : pieces_) {
      if (piece.variable < 0) {
        out->append(piece.text);
        continue;
      }
      const Variable& variable = variables_[piece.variable];
      std::optional<absl::string_view> value = lookup(variable.key);
      if (!value) {
        if (!variable.default_value) return false;
        value = *variable.default_value;
      }
      AppendGlobLiteral(*value, out);
    }
    return true;
  }

 private:
  struct Piece {
    std::string text;   // Internal glob syntax, when variable < 0.
    int variable = -1;  // Index into variables_.
  };
  std::vector<Piece> pieces_;
  std::vector<Variable> variables_;
  std::string static_pattern_;
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_COMPILE_PATTERN_TEMPLATE_H_
