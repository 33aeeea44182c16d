// File: policy/explain/report.h
//
// Renderers over a Decision (and, when present, its Explanation): the text a
// person reads, and iamsim's stable JSON object. Both start from the same
// facts (report_facts.h), so they never disagree.
//
// Ownership: every pointer in ReportInput must outlive the call. Renderers
// are pure functions of their input; output is deterministic.
#ifndef IAMSIM_POLICY_EXPLAIN_REPORT_H_
#define IAMSIM_POLICY_EXPLAIN_REPORT_H_

#include <optional>
#include <string>
#include <vector>

#include "policy/compile/assembly.h"
#include "policy/diagnostics/diagnostic.h"
#include "policy/evaluate/decision.h"
#include "policy/evaluate/explanation.h"
#include "policy/evaluate/request.h"
#include "policy/explain/fix.h"
#include "policy/explain/json_writer.h"
#include "policy/simulation/simulation.h"

namespace iamsim {

struct ReportInput {
  std::string source;  // The simulation file, for the header.
  std::string name;
  const Assembly* assembly = nullptr;
  const PreparedRequest* request = nullptr;
  const Decision* decision = nullptr;
  const Explanation* explanation = nullptr;              // Optional.
  const Expectation* expected = nullptr;                 // Optional.
  const std::vector<Diagnostic>* diagnostics = nullptr;  // Optional: warnings of the input.
  const FixReport* fixes = nullptr;                      // Optional: verified fixes (policy/fix).
};

// One statement of an assembly, described for people and tools.
struct StatementInfo {
  std::string policy_name;
  PolicyType type = PolicyType::kIdentity;
  int level = -1;
  std::string sid;  // "" when the statement has none.
  size_t index = 0;
  Effect effect = Effect::kDeny;
  Location location;  // The statement's object.
  // "NAME#INDEX", with "scp[L]/" or "rcp[L]/" before NAME at organization
  // levels: how scenario expectations name a statement.
  std::string label;
};
StatementInfo DescribeStatement(const Assembly& assembly, StatementRef ref);
// "Sid \"X\"" or "statement #2".
std::string StatementLabel(const StatementInfo& info);

std::string RenderText(const ReportInput& input);
void WriteJsonReport(const ReportInput& input, JsonWriter* json);

// The location shape of every place iamsim reports (location.h), as JSON
// members: "file", "line", "column", "endLine", "endColumn", "document", "path".
void WriteLocationFields(const Location& location, JsonWriter* json);
void WriteDiagnostic(const Diagnostic& diagnostic, JsonWriter* json);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EXPLAIN_REPORT_H_
