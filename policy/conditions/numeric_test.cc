// Table tests of Numeric operators.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Numeric
#include "policy/conditions/condition_test_util.h"

namespace iamsim {
namespace {

INSTANTIATE_TEST_SUITE_P(
    Numeric, ConditionTest,
    ::testing::Values(
        Row{"NumericLessThan", R"({"NumericLessThan":{"s3:max-keys":"10"}})",
            R"({"s3:max-keys":"5"})", true},
        Row{"NumericLessThanFails", R"({"NumericLessThan":{"s3:max-keys":"10"}})",
            R"({"s3:max-keys":"10"})", false},
        Row{"NumericLessThanEquals", R"({"NumericLessThanEquals":{"s3:max-keys":"10"}})",
            R"({"s3:max-keys":"10"})", true},
        Row{"NumericGreaterThanDecimal", R"({"NumericGreaterThan":{"s3:max-keys":"2.5"}})",
            R"({"s3:max-keys":"3"})", true},
        Row{"NumericEqualsDifferentSpelling", R"({"NumericEquals":{"s3:max-keys":"10"}})",
            R"({"s3:max-keys":"10.0"})", true},
        Row{"NumericNotEqualsNor", R"({"NumericNotEquals":{"s3:max-keys":["1","2"]}})",
            R"({"s3:max-keys":"2"})", false},
    // A key the service catalog types (s3:max-keys) refuses such a value at
    // load time; a key it does not know reaches the operator, which fails.
    Row{"NumericRequestNotANumber", R"({"NumericGreaterThan":{"example:count":"1"}})", R"({"example:count":"many"})", false}));

// Values that are not of the operator's type: errors, never silent non-matches.
INSTANTIATE_TEST_SUITE_P(
    Numeric, InvalidValueTest,
    ::testing::Values(InvalidValue{"Word", "NumericEquals", R"("ten")"},
                      InvalidValue{"ThousandsSeparator", "NumericLessThan", R"("1,000")"},
                      InvalidValue{"Hex", "NumericEquals", R"("0x10")"},
                      InvalidValue{"Empty", "NumericEquals", R"("")"},
                      InvalidValue{"Infinite", "NumericGreaterThan", R"("1e999")"},
                      InvalidValue{"LeadingSpace", "NumericEquals", R"(" 5")"},
                      InvalidValue{"SecondOfList", "NumericEquals", R"(["1", "two"])", 1}));

}  // namespace
}  // namespace iamsim
