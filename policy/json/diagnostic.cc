#include "policy/json/diagnostic.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace iamsim {

namespace {

// Control characters from the input would break one-diagnostic-per-line
// output (or a terminal): write them as \n, \t, \r or \u00XX.
std::string EscapeControls(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n')
      out += "\\n";
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

}  // namespace

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string out = EscapeControls(d.source);
  if (d.span.known()) absl::StrAppend(&out, ":", FormatPosition(d.span.begin));
  absl::StrAppend(&out, ": ", d.severity == Severity::kError ? "error" : "warning", ": ",
                  EscapeControls(d.message));
  absl::StrAppend(&out, " (at ", d.pointer.empty() ? "/" : EscapeControls(d.pointer), ")");
  return out;
}

std::string FormatDiagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) absl::StrAppend(&out, FormatDiagnostic(d), "\n");
  return out;
}

bool HasErrors(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == Severity::kError) return true;
  }
  return false;
}

absl::Status DiagnosticsToStatus(const std::vector<Diagnostic>& diagnostics) {
  std::string message;
  for (const Diagnostic& d : diagnostics) {
    if (d.severity != Severity::kError) continue;
    if (!message.empty()) message += "\n";
    message += FormatDiagnostic(d);
  }
  return message.empty() ? absl::OkStatus() : absl::InvalidArgumentError(message);
}

std::string JsonPointerAppend(absl::string_view pointer, absl::string_view token) {
  return absl::StrCat(pointer, "/", absl::StrReplaceAll(token, {{"~", "~0"}, {"/", "~1"}}));
}

std::string JsonPointerAppend(absl::string_view pointer, size_t index) {
  return absl::StrCat(pointer, "/", index);
}

}  // namespace iamsim
