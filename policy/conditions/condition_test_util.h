// File: policy/conditions/condition_test_util.h (tests only)
//
// Table rows for the condition-operator tests: a Condition block and a
// request context, decided through a whole simulation (so that parsing,
// compiling and evaluating all take part), and policy values that must be
// rejected as invalid-condition-value errors at their exact pointer.
#ifndef IAMSIM_POLICY_CONDITIONS_CONDITION_TEST_UTIL_H_
#define IAMSIM_POLICY_CONDITIONS_CONDITION_TEST_UTIL_H_

#include <ostream>
#include <string>

#include "gtest/gtest.h"

namespace iamsim {

struct Row {
  std::string name;
  std::string condition;  // The JSON object under "Condition".
  std::string context;    // The request's "context" object.
  bool holds;
  std::string principal = "arn:aws:iam::111122223333:user/alice";
  std::string version = "2012-10-17";
};
inline void PrintTo(const Row& r, std::ostream* os) { *os << r.name; }

// Whether an Allow * * statement with `r.condition` applies to the request.
void ExpectRowHolds(const Row& r);

struct InvalidValue {
  std::string name;
  std::string op;     // "IpAddress"
  std::string value;  // JSON: "\"10.0.0.0/33\"", "true", "[\"a\", \"b\"]"
  int index = -1;     // Which value of a list is invalid; -1 for a single value.
};
inline void PrintTo(const InvalidValue& v, std::ostream* os) { *os << v.name; }

// The value must be an invalid-condition-value error, in every policy slot
// of a simulation file, at /.../Condition/OP/KEY[/index] with line:column.
void ExpectInvalidValue(const InvalidValue& v);

class ConditionTest : public ::testing::TestWithParam<Row> {};
class InvalidValueTest : public ::testing::TestWithParam<InvalidValue> {};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_CONDITIONS_CONDITION_TEST_UTIL_H_
