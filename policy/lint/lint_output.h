// File: policy/lint/lint_output.h
//
// The linter's three output formats, over findings already sorted by file
// and position:
//   text   one line per finding, "file:line:col: severity rule: message (at POINTER)"
//   json   {"catalog": VERSION, "findings": [{"rule", "severity", "file", "line",
//          "column", "endLine", "endColumn", "document", "path", "message"}]}
//          (also what --baseline reads back)
//   sarif  SARIF 2.1.0 for GitHub code scanning: every rule with its page as
//          help and, for security findings, a security-severity; levels
//          error/security -> error, warning -> warning, suggestion -> note;
//          artifact URIs relative to the working directory under the
//          %SRCROOT% base; regions in Unicode code points.
//
// Thread-safety: pure functions.
#ifndef IAMSIM_POLICY_LINT_LINT_OUTPUT_H_
#define IAMSIM_POLICY_LINT_LINT_OUTPUT_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "policy/diagnostics/diagnostic.h"
#include "policy/diagnostics/source_span.h"

namespace iamsim {

struct LintRun {
  std::string tool_version;       // iamsim's version.
  std::string catalog_version;    // The service catalog's version.
  std::string working_directory;  // Absolute; SARIF URIs are relative to it.
};

std::string LintJsonOutput(const std::vector<Diagnostic>& findings, const LintRun& run);
std::string LintSarifOutput(const std::vector<Diagnostic>& findings, const LintRun& run);

// --baseline: the findings of a previous JSON output, counted by rule,
// file, document and path (not by line, which moves when lines are added
// above, nor by message, which may be reworded).
struct LintBaseline {
  absl::flat_hash_map<std::string, size_t> counts;
};
// Nullopt, with located diagnostics, when `file` is not such an output.
std::optional<LintBaseline> ReadLintBaseline(const SourceText& file,
                                             std::vector<Diagnostic>* diagnostics);
// The findings not in the baseline (each baseline entry absorbs one finding).
std::vector<Diagnostic> NewFindings(std::vector<Diagnostic> findings, LintBaseline baseline);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_LINT_LINT_OUTPUT_H_
