// File: policy/explain/report_facts.h
//
// Facts both renderers (text and JSON) present: per-type verdict rows and a
// one-line reason why a statement did not apply. Internal to policy/explain.
#ifndef IAMSIM_POLICY_EXPLAIN_REPORT_FACTS_H_
#define IAMSIM_POLICY_EXPLAIN_REPORT_FACTS_H_

#include <string>
#include <vector>

#include "policy/explain/report.h"

namespace iamsim {

struct TypeRow {
  PolicyType type;
  std::string account;  // Whose policies these are; "" for service/anonymous callers.
  Verdict verdict;
  std::string detail;  // e.g. "level 1 has no Allow"
};
std::vector<TypeRow> TypeRows(const ReportInput& input);

// "" when the statement applies; otherwise the first element that failed,
// e.g. "condition ArnLike aws:SourceArn: the request has no value".
std::string WhyNotApplied(const StatementTrace& trace);

// One line per condition of an applying statement: why each holds
// ("condition StringNotEqualsIfExists aws:PrincipalOrgID: key missing, holds").
std::vector<std::string> WhyConditionsHold(const StatementTrace& trace);


}  // namespace iamsim

#endif  // IAMSIM_POLICY_EXPLAIN_REPORT_FACTS_H_
