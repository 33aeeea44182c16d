// Table tests of String operators.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
#include "policy/conditions/condition_test_util.h"

namespace iamsim {
namespace {

INSTANTIATE_TEST_SUITE_P(
    String, ConditionTest,
    ::testing::Values(
        Row{"EqualsMatch", R"({"StringEquals":{"aws:SourceVpc":"vpc-1"}})",
            R"({"aws:SourceVpc":"vpc-1"})", true},
        Row{"EqualsIsCaseSensitive", R"({"StringEquals":{"aws:SourceVpc":"VPC-1"}})",
            R"({"aws:SourceVpc":"vpc-1"})", false},
        Row{"EqualsValuesAreOred", R"({"StringEquals":{"aws:SourceVpc":["vpc-2","vpc-1"]}})",
            R"({"aws:SourceVpc":"vpc-1"})", true},
        Row{"EqualsMissingKey", R"({"StringEquals":{"aws:SourceVpc":"vpc-1"}})", "{}", false},
        Row{"EqualsStarIsLiteral", R"({"StringEquals":{"aws:SourceVpc":"vpc-*"}})",
            R"({"aws:SourceVpc":"vpc-1"})", false},
        Row{"KeyNamesAreCaseInsensitive", R"({"StringEquals":{"AWS:SOURCEVPC":"vpc-1"}})",
            R"({"aws:sourcevpc":"vpc-1"})", true},
        Row{"NotEqualsNoneMatch", R"({"StringNotEquals":{"aws:SourceVpc":["vpc-2","vpc-3"]}})",
            R"({"aws:SourceVpc":"vpc-1"})", true},
        Row{"NotEqualsIsNor", R"({"StringNotEquals":{"aws:SourceVpc":["vpc-2","vpc-1"]}})",
            R"({"aws:SourceVpc":"vpc-1"})", false},
        Row{"NotEqualsMissingKeyMatches", R"({"StringNotEquals":{"aws:SourceVpc":"vpc-1"}})", "{}",
            true},
        Row{"EqualsIgnoreCase", R"({"StringEqualsIgnoreCase":{"aws:SourceVpc":"VPC-1"}})",
            R"({"aws:SourceVpc":"vpc-1"})", true},
        Row{"NotEqualsIgnoreCase", R"({"StringNotEqualsIgnoreCase":{"aws:SourceVpc":"VPC-1"}})",
            R"({"aws:SourceVpc":"vpc-1"})", false},
        Row{"LikeStar", R"({"StringLike":{"s3:prefix":"home/*/docs"}})",
            R"({"s3:prefix":"home/alice/x/docs"})", true},
        Row{"LikeQuestionIsOneChar", R"({"StringLike":{"s3:prefix":"v?"}})",
            R"({"s3:prefix":"v12"})", false},
        Row{"LikeQuestion", R"({"StringLike":{"s3:prefix":"v?"}})", R"({"s3:prefix":"v1"})", true},
        Row{"NotLike", R"({"StringNotLike":{"s3:prefix":["tmp/*","cache/*"]}})",
            R"({"s3:prefix":"home/x"})", true},
        Row{"NotLikeMatchesOne", R"({"StringNotLike":{"s3:prefix":["tmp/*","home/*"]}})",
            R"({"s3:prefix":"home/x"})", false},
        Row{"NotEqualsIfExistsMissingKey",
            R"({"StringNotEqualsIfExists":{"aws:SourceVpc":"vpc-1"}})", "{}", true},
        Row{"NumberValueAsString", R"({"StringEquals":{"s3:max-keys":10}})",
            R"({"s3:max-keys":"10"})", true}));

}  // namespace
}  // namespace iamsim
