#include "policy/diagnostics/diagnostic.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace iamsim {

std::string Location::DisplayPointer() const {
  if (document.empty()) return path.empty() ? "/" : path;
  if (encoding == DocumentEncoding::kObject) return absl::StrCat(document, path);
  return absl::StrCat(document, " ", path.empty() ? "/" : path);
}

std::string EscapeControls(absl::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    // C1 controls U+0080..U+009F are C2 80..C2 9F in UTF-8; U+009B is a
    // terminal's CSI, as dangerous as ESC.
    if (u == 0xC2 && i + 1 < text.size() &&
        static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      absl::StrAppend(&out, "\\u00", absl::Hex(static_cast<unsigned char>(text[++i])));
      continue;
    }
    if (c == '\n')
      out += keep_newlines ? "\n" : "\\n";
    else if (c == '\t')
      out += "\\t";
    else if (c == '\r')
      out += "\\r";
    else if (u < 0x20 || u == 0x7f)
      absl::StrAppend(&out, "\\u00", absl::Hex(u, absl::kZeroPad2));
    else
      out += c;
  }
  return out;
}

std::string Quote(absl::string_view value, size_t max_chars) {
  size_t end = 0, chars = 0;
  while (end < value.size() && chars < max_chars) {
    ++end;
    while (end < value.size() && (static_cast<unsigned char>(value[end]) & 0xC0) == 0x80) ++end;
    ++chars;
  }
  return absl::StrCat("\"", EscapeControls(value.substr(0, end)),
                      end < value.size() ? "...\"" : "\"");
}

Diagnostic MakeDiagnostic(Rule rule, Location location, std::string message) {
  Diagnostic d;
  d.rule = rule;
  d.severity = GetRuleInfo(rule).severity;
  d.location = std::move(location);
  d.message = std::move(message);
  return d;
}

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string out = EscapeControls(d.location.file);
  if (d.location.span.known()) absl::StrAppend(&out, ":", FormatPosition(d.location.span.begin));
  absl::StrAppend(&out, ": ", SeverityName(d.severity), " ", RuleId(d.rule), ": ",
                  EscapeControls(d.message), " (at ", EscapeControls(d.location.DisplayPointer()),
                  ")");
  return out;
}

std::string FormatDiagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) absl::StrAppend(&out, FormatDiagnostic(d), "\n");
  return out;
}

bool HasErrors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

void SortByPosition(std::vector<Diagnostic>* diagnostics) {
  std::stable_sort(diagnostics->begin(), diagnostics->end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return a.location.span.begin.offset < b.location.span.begin.offset;
                   });
}

}  // namespace iamsim
