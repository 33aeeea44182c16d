// File: policy/conditions/date.h
//
// Date condition operators (IAM "Condition operators", Date): DateEquals,
// DateNotEquals, DateLessThan(Equals), DateGreaterThan(Equals). They compare
// instants. Policy variables are not allowed.
//
// A date is one of the W3C profile of ISO 8601 forms AWS documents, or epoch
// seconds:
//   YYYY-MM            2026-11           (its first instant, UTC)
//   YYYY-MM-DD         2026-11-25
//   YYYY-MM-DDThh:mmTZD, YYYY-MM-DDThh:mm:ssTZD, YYYY-MM-DDThh:mm:ss.sTZD
//                      TZD is Z, +hh:mm or -hh:mm (absent: UTC)
//   epoch seconds      1764032523        (0 to 253402300799, year 9999)
// Calendar dates must exist (no 2025-02-31, month 13, hour 25). A policy
// value of any other form is an invalid-condition-value error; a request
// value of another form matches nothing.
#ifndef IAMSIM_POLICY_CONDITIONS_DATE_H_
#define IAMSIM_POLICY_CONDITIONS_DATE_H_

#include <cstdint>
#include <optional>

#include "absl/strings/string_view.h"
#include "policy/conditions/compiled_condition.h"

namespace iamsim {

// Milliseconds since the Unix epoch.
std::optional<int64_t> ParseDateMillis(absl::string_view text);

const char* CompileDateValue(absl::string_view text, ConditionValue* value);

bool MatchDate(BaseOperator base, int64_t policy_millis, absl::string_view request_value);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_CONDITIONS_DATE_H_
