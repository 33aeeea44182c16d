// Table tests of the Bool operator.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Boolean
#include "policy/conditions/condition_test_util.h"

namespace iamsim {
namespace {

INSTANTIATE_TEST_SUITE_P(
    Bool, ConditionTest,
    ::testing::Values(Row{"BoolTrue", R"({"Bool":{"aws:SecureTransport":"true"}})",
                          R"({"aws:SecureTransport":"true"})", true},
                      Row{"BoolJsonBoolean", R"({"Bool":{"aws:SecureTransport":false}})",
                          R"({"aws:SecureTransport":"false"})", true},
                      Row{"BoolMismatch", R"({"Bool":{"aws:SecureTransport":"true"}})",
                          R"({"aws:SecureTransport":"false"})", false},
                      Row{"BoolMissing", R"({"Bool":{"aws:MultiFactorAuthPresent":"false"}})", "{}",
                          false}));

// Values that are not of the operator's type: errors, never silent non-matches.
INSTANTIATE_TEST_SUITE_P(Bool, InvalidValueTest,
                         ::testing::Values(InvalidValue{"Yes", "Bool", R"("yes")"},
                                           InvalidValue{"Number", "Bool", R"(1)"},
                                           InvalidValue{"NumberString", "Bool", R"("1")"},
                                           InvalidValue{"IfExistsForm", "BoolIfExists",
                                                        R"("on")"}));

}  // namespace
}  // namespace iamsim
