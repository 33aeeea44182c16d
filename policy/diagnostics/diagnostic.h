// File: policy/diagnostics/diagnostic.h
//
// A problem or finding, located exactly. Every stage (JSON, policy grammar,
// policy-type rules, compiling, simulation and request files, lint) reports
// Diagnostics, all at once, rather than stopping at the first. A Diagnostic
// names its Rule from the registry (rule.h) and its place in the one
// Location shape (location.h).
//
// Text form, one line each (control characters from the input escaped):
//   file:3:17: error unknown-element: unknown element "Acton" ...; did you mean "Action"? (at
//   /Statement/0/Acton)
//
// Thread-safety: plain values; functions are reentrant.
#ifndef IAMSIM_POLICY_DIAGNOSTICS_DIAGNOSTIC_H_
#define IAMSIM_POLICY_DIAGNOSTICS_DIAGNOSTIC_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "policy/diagnostics/location.h"
#include "policy/diagnostics/rule.h"

namespace iamsim {

struct Diagnostic {
  Rule rule = Rule::kInvalidInput;
  Severity severity = Severity::kError;
  Location location;
  std::string message;            // One sentence for a person.
  std::vector<Location> related;  // Other places that take part (the first duplicate, ...).
  std::string suggestion;         // A replacement value ("Action"), or "".
};

// A diagnostic with the rule's default severity.
Diagnostic MakeDiagnostic(Rule rule, Location location, std::string message);

// "file:3:17: error unknown-element: message (at /Statement/0/Effect)".
std::string FormatDiagnostic(const Diagnostic& diagnostic);

// All diagnostics, one per line, in the order given.
std::string FormatDiagnostics(const std::vector<Diagnostic>& diagnostics);

bool HasErrors(const std::vector<Diagnostic>& diagnostics);

// Sorts the diagnostics of one file by position (stable), as an editor lists them.
void SortByPosition(std::vector<Diagnostic>* diagnostics);

// A value from the input, quoted for a message: at most `max_chars`
// characters (then "..."), control characters escaped.
std::string Quote(absl::string_view value, size_t max_chars = 120);

// Control characters (C0, DEL and C1) written as \n, \t, \r or \u00XX, so
// that text from an input cannot drive the terminal it is printed on.
// `keep_newlines` leaves "\n" as is, for multi-line reports.
std::string EscapeControls(absl::string_view text, bool keep_newlines = false);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_DIAGNOSTICS_DIAGNOSTIC_H_
