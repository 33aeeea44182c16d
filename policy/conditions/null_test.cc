// Table tests of the Null operator.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null
#include "policy/conditions/condition_test_util.h"

namespace iamsim {
namespace {

INSTANTIATE_TEST_SUITE_P(
    Null, ConditionTest,
    ::testing::Values(
        Row{"NullTrueAbsent", R"({"Null":{"aws:TokenIssueTime":"true"}})", "{}", true},
        Row{"NullTruePresent", R"({"Null":{"aws:TokenIssueTime":"true"}})",
            R"({"aws:TokenIssueTime":"2026-11-25T00:00:00Z"})", false},
        Row{"NullFalsePresent", R"({"Null":{"aws:TokenIssueTime":"false"}})",
            R"({"aws:TokenIssueTime":"2026-11-25T00:00:00Z"})", true},
        Row{"NullFalseDerivedKeyIsPresent", R"({"Null":{"aws:username":"false"}})", "{}", true}));

// Values that are not of the operator's type: errors, never silent non-matches.
INSTANTIATE_TEST_SUITE_P(Null, InvalidValueTest,
                         ::testing::Values(InvalidValue{"Maybe", "Null", R"("maybe")"},
                                           InvalidValue{"Number", "Null", R"(0)"}));

}  // namespace
}  // namespace iamsim
