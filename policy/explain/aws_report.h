// File: policy/explain/aws_report.h
//
// Decisions rendered in the shape of AWS's SimulateCustomPolicy response
// (IAM API reference, EvaluationResult): one result per action carrying the
// most restrictive decision across its resources, and ResourceSpecificResults
// per resource. Positions are exact (1-based line and column).
#ifndef IAMSIM_POLICY_EXPLAIN_AWS_REPORT_H_
#define IAMSIM_POLICY_EXPLAIN_AWS_REPORT_H_

#include <string>
#include <vector>

#include "policy/compile/decision_graph.h"
#include "policy/evaluate/decision.h"
#include "policy/explain/json_writer.h"

namespace iamsim {

// One action on one resource, decided.
struct AwsEvaluation {
  std::string action;
  std::string resource;
  Decision decision;
};

// Writes {"EvaluationResults": [...]}; evaluations of one action are adjacent.
void WriteAwsEvaluationResults(const DecisionGraph& graph,
                               const std::vector<AwsEvaluation>& evaluations, JsonWriter* json);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EXPLAIN_AWS_REPORT_H_
