// File: policy/json/diagnostic.h
//
// A problem found in an input, located exactly: source name, span and JSON
// pointer (RFC 6901). Every stage (JSON, policy grammar, policy kind rules,
// simulation files) reports problems as Diagnostics, all at once, rather than
// stopping at the first.
#ifndef IAMSIM_POLICY_JSON_DIAGNOSTIC_H_
#define IAMSIM_POLICY_JSON_DIAGNOSTIC_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "policy/json/source_span.h"

namespace iamsim {

enum class Severity { kError, kWarning };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string source;   // File name or other name the caller gave the text.
  SourceSpan span;      // Unknown (line 0) only when no position exists.
  std::string pointer;  // JSON pointer of the element; "" is the whole document.
  std::string code;     // Stable machine-readable id, e.g. "unknown-element".
  std::string message;  // One sentence for a person.
};

// "file:3:17: error: message (at /Statement/0/Effect)".
std::string FormatDiagnostic(const Diagnostic& diagnostic);

// All diagnostics, one per line, in the order given.
std::string FormatDiagnostics(const std::vector<Diagnostic>& diagnostics);

bool HasErrors(const std::vector<Diagnostic>& diagnostics);

// An InvalidArgument status whose message lists every error diagnostic.
absl::Status DiagnosticsToStatus(const std::vector<Diagnostic>& diagnostics);

// Appends a JSON pointer reference token, escaping '~' and '/' (RFC 6901).
std::string JsonPointerAppend(absl::string_view pointer, absl::string_view token);
std::string JsonPointerAppend(absl::string_view pointer, size_t index);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_JSON_DIAGNOSTIC_H_
