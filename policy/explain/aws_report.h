// File: policy/explain/aws_report.h
//
// Decisions rendered in the shape of AWS's SimulateCustomPolicy response
// (IAM API reference, EvaluationResult): one result per action carrying the
// most restrictive decision across its resources, and ResourceSpecificResults
// per resource. StartPosition is the statement's "{" and EndPosition its "}"
// (1-based line and column); AWS's own simulator reports both one column to
// the right. SourcePolicyType is "resource" for the resource policy and
// "none" for the policies of PolicyInputList. EvalDecisionDetails appears for
// cross-account simulations, the boundary detail only with a boundary, the
// Organizations detail only for callers in an organization.
#ifndef IAMSIM_POLICY_EXPLAIN_AWS_REPORT_H_
#define IAMSIM_POLICY_EXPLAIN_AWS_REPORT_H_

#include <functional>
#include <string>
#include <vector>

#include "policy/compile/assembly.h"
#include "policy/evaluate/decision.h"
#include "policy/explain/json_writer.h"

namespace iamsim {

// One action on one resource, decided.
struct AwsEvaluation {
  std::string action;
  std::string resource;
  Decision decision;
};

// Where AWS's simulator would place a statement: by default its span in the
// file; for policies given as strings, its span within the string.
using StatementSpanFn = std::function<SourceSpan(const CompiledPolicy&, const Statement&)>;

// Writes one EvaluationResult: one action on each of its resources, with
// the most restrictive decision and ResourceSpecificResults. For output that
// streams, one action at a time.
void WriteAwsActionResult(const Assembly& assembly, const std::vector<AwsEvaluation>& evaluations,
                          const StatementSpanFn& spans, JsonWriter* json);

// Writes {"EvaluationResults": [...]}; evaluations of one action are adjacent.
void WriteAwsEvaluationResults(const Assembly& assembly,
                               const std::vector<AwsEvaluation>& evaluations,
                               const StatementSpanFn& spans, JsonWriter* json);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EXPLAIN_AWS_REPORT_H_
