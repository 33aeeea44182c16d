// Table tests of ARN operators.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
#include "policy/conditions/condition_test_util.h"

namespace iamsim {
namespace {

INSTANTIATE_TEST_SUITE_P(
    Arn, ConditionTest,
    ::testing::Values(
        Row{"ArnLikeSegments",
            R"({"ArnLike":{"aws:SourceArn":"arn:aws:execute-api:*:444455556666:abc/*"}})",
            R"({"aws:SourceArn":"arn:aws:execute-api:us-east-1:444455556666:abc/prod/GET/x"})",
            true},
        Row{"ArnLikeWrongAccount",
            R"({"ArnLike":{"aws:SourceArn":"arn:aws:execute-api:*:444455556666:abc/*"}})",
            R"({"aws:SourceArn":"arn:aws:execute-api:us-east-1:999999999999:abc/prod/GET/x"})",
            false},
        // A segment wildcard does not cross ':' into the next segment.
        Row{"ArnLikeRegionStarStaysInSegment",
            R"({"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:topic"}})",
            R"({"aws:SourceArn":"arn:aws:sns:us-east-1:444455556666:topic"})", false},
        Row{"ArnEqualsBehavesLikeArnLike",
            R"({"ArnEquals":{"aws:SourceArn":"arn:aws:s3:::bucket-*"}})",
            R"({"aws:SourceArn":"arn:aws:s3:::bucket-1"})", true},
        Row{"ArnNotLike", R"({"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/admin-*"}})",
            "{}", true},
        Row{"ArnLikeRequestNotAnArn", R"({"ArnLike":{"aws:SourceArn":"*"}})",
            R"({"aws:SourceArn":"not-an-arn"})", true}));

}  // namespace
}  // namespace iamsim

namespace iamsim {
namespace {

// An ArnLike value that is not an ARN is accepted by AWS but never matches:
// a warning (invalid-condition-value), and the policy still loads.
TEST(ArnValueTest, NonArnValueIsAWarningAndNeverMatches) {
  ExpectRowHolds(Row{"NonArnNeverMatches", R"({"ArnLike":{"aws:SourceArn":"not-an-arn"}})",
                     R"({"aws:SourceArn":"not-an-arn"})", false});
}

}  // namespace
}  // namespace iamsim
