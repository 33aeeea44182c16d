// File: policy/explain/report.h
//
// Renderers over a Decision (and, when present, its Explanation): the text a
// person reads, and iamsim's stable JSON object. Both start from the same
// facts (ReportFacts), so they never disagree.
//
// Ownership: every pointer in ReportInput must outlive the call. Renderers
// are pure functions of their input; output is deterministic.
#ifndef IAMSIM_POLICY_EXPLAIN_REPORT_H_
#define IAMSIM_POLICY_EXPLAIN_REPORT_H_

#include <optional>
#include <string>
#include <vector>

#include "policy/compile/decision_graph.h"
#include "policy/evaluate/decision.h"
#include "policy/evaluate/explanation.h"
#include "policy/evaluate/request.h"
#include "policy/explain/json_writer.h"

namespace iamsim {

struct ReportInput {
  std::string source;  // The simulation file, for the header.
  std::string name;
  const DecisionGraph* graph = nullptr;
  const PreparedRequest* request = nullptr;
  const Decision* decision = nullptr;
  const Explanation* explanation = nullptr;  // Optional.
  std::optional<DecisionKind> expected;
};

// One statement of the graph, described for people and tools.
struct StatementInfo {
  std::string policy_name;
  PolicyType type = PolicyType::kIdentity;
  int level = -1;
  std::string sid;  // "" when the statement has none.
  size_t index = 0;
  Effect effect = Effect::kDeny;
  std::string source;
  SourceSpan span;
  std::string pointer;
};
StatementInfo DescribeStatement(const DecisionGraph& graph, StatementRef ref);

// AWS's AccessDenied sentence; "" for Allow.
std::string AccessDeniedMessage(const PreparedRequest& request, const Decision& decision);

// A minimal change that would allow the request, or "" when none is obvious
// (for a missing function-policy grant: the `aws lambda add-permission` command).
std::string SuggestFix(const PreparedRequest& request, const Decision& decision);

std::string RenderText(const ReportInput& input);
void WriteJsonReport(const ReportInput& input, JsonWriter* json);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EXPLAIN_REPORT_H_
