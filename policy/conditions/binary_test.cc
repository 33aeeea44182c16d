// Table tests of BinaryEquals.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_BinaryEquals
#include "policy/conditions/condition_test_util.h"

namespace iamsim {
namespace {

INSTANTIATE_TEST_SUITE_P(
    Binary, ConditionTest,
    ::testing::Values(Row{"BinaryEquals", R"({"BinaryEquals":{"kms:Tag":"QmluYXJ5VmFsdWU="}})",
                          R"({"kms:Tag":"QmluYXJ5VmFsdWU="})", true},
                      Row{"BinaryDiffers", R"({"BinaryEquals":{"kms:Tag":"QmluYXJ5VmFsdWU="}})",
                          R"({"kms:Tag":"AAAA"})", false}));

// Values that are not of the operator's type: errors, never silent non-matches.
INSTANTIATE_TEST_SUITE_P(Binary, InvalidValueTest,
                         ::testing::Values(InvalidValue{"NotBase64", "BinaryEquals",
                                                        R"("not base64!")"}));

}  // namespace
}  // namespace iamsim
