// Table tests of condition operators, one family per suite. Each row: a
// Condition block, a request context, and whether the condition holds.
// Operators: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// Several values / negated operators: .../reference_policies_multi-value-conditions.html
// ForAllValues/ForAnyValue tables: .../reference_policies_condition_examples-multi-valued-context-keys.html
// Variables: .../reference_policies_variables.html
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "policy/evaluate/evaluator.h"
#include "policy/simulation/simulation.h"

namespace iamsim {
namespace {

struct Row {
  std::string name;
  std::string condition;  // The JSON object under "Condition".
  std::string context;    // The request's "context" object.
  bool holds;
  std::string principal = "arn:aws:iam::111122223333:user/alice";
  std::string version = "2012-10-17";
};
void PrintTo(const Row& r, std::ostream* os) { *os << r.name; }

class ConditionTest : public ::testing::TestWithParam<Row> {};

TEST_P(ConditionTest, Holds) {
  const Row& r = GetParam();
  const std::string sim = absl::StrCat(
      R"({"request":{"principal":")", r.principal,
      R"(","action":"s3:GetObject","resource":"arn:aws:s3:::b/k","resourceAccount":"111122223333","context":)",
      r.context, R"(},"identityPolicies":[{"name":"p","document":{"Version":")", r.version,
      R"(","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":)", r.condition,
      "}]}}]}");
  SimulationLoadResult loaded = LoadSimulation(sim, r.name);
  ASSERT_TRUE(loaded.simulation) << FormatDiagnostics(loaded.diagnostics);
  PreparedRequest request;
  ASSERT_TRUE(PreparedRequest::Prepare(loaded.simulation->request(), &request).ok());
  const Decision d = Evaluate(*loaded.simulation->graph, request);
  EXPECT_EQ(d.kind == DecisionKind::kAllow, r.holds) << r.condition << " with " << r.context;
}

INSTANTIATE_TEST_SUITE_P(String, ConditionTest, ::testing::Values(
    Row{"EqualsMatch", R"({"StringEquals":{"aws:SourceVpc":"vpc-1"}})", R"({"aws:SourceVpc":"vpc-1"})", true},
    Row{"EqualsIsCaseSensitive", R"({"StringEquals":{"aws:SourceVpc":"VPC-1"}})", R"({"aws:SourceVpc":"vpc-1"})", false},
    Row{"EqualsValuesAreOred", R"({"StringEquals":{"aws:SourceVpc":["vpc-2","vpc-1"]}})", R"({"aws:SourceVpc":"vpc-1"})", true},
    Row{"EqualsMissingKey", R"({"StringEquals":{"aws:SourceVpc":"vpc-1"}})", "{}", false},
    Row{"EqualsStarIsLiteral", R"({"StringEquals":{"aws:SourceVpc":"vpc-*"}})", R"({"aws:SourceVpc":"vpc-1"})", false},
    Row{"KeyNamesAreCaseInsensitive", R"({"StringEquals":{"AWS:SOURCEVPC":"vpc-1"}})", R"({"aws:sourcevpc":"vpc-1"})", true},
    Row{"NotEqualsNoneMatch", R"({"StringNotEquals":{"aws:SourceVpc":["vpc-2","vpc-3"]}})", R"({"aws:SourceVpc":"vpc-1"})", true},
    Row{"NotEqualsIsNor", R"({"StringNotEquals":{"aws:SourceVpc":["vpc-2","vpc-1"]}})", R"({"aws:SourceVpc":"vpc-1"})", false},
    Row{"NotEqualsMissingKeyMatches", R"({"StringNotEquals":{"aws:SourceVpc":"vpc-1"}})", "{}", true},
    Row{"EqualsIgnoreCase", R"({"StringEqualsIgnoreCase":{"aws:SourceVpc":"VPC-1"}})", R"({"aws:SourceVpc":"vpc-1"})", true},
    Row{"NotEqualsIgnoreCase", R"({"StringNotEqualsIgnoreCase":{"aws:SourceVpc":"VPC-1"}})", R"({"aws:SourceVpc":"vpc-1"})", false},
    Row{"LikeStar", R"({"StringLike":{"s3:prefix":"home/*/docs"}})", R"({"s3:prefix":"home/alice/x/docs"})", true},
    Row{"LikeQuestionIsOneChar", R"({"StringLike":{"s3:prefix":"v?"}})", R"({"s3:prefix":"v12"})", false},
    Row{"LikeQuestion", R"({"StringLike":{"s3:prefix":"v?"}})", R"({"s3:prefix":"v1"})", true},
    Row{"NotLike", R"({"StringNotLike":{"s3:prefix":["tmp/*","cache/*"]}})", R"({"s3:prefix":"home/x"})", true},
    Row{"NotLikeMatchesOne", R"({"StringNotLike":{"s3:prefix":["tmp/*","home/*"]}})", R"({"s3:prefix":"home/x"})", false},
    Row{"IfExistsMissingKey", R"({"StringEqualsIfExists":{"aws:SourceVpc":"vpc-1"}})", "{}", true},
    Row{"IfExistsPresentMismatch", R"({"StringEqualsIfExists":{"aws:SourceVpc":"vpc-1"}})", R"({"aws:SourceVpc":"vpc-2"})", false},
    Row{"NotEqualsIfExistsMissingKey", R"({"StringNotEqualsIfExists":{"aws:SourceVpc":"vpc-1"}})", "{}", true},
    Row{"KeysUnderOneOperatorAreAnded", R"({"StringEquals":{"aws:SourceVpc":"vpc-1","aws:SourceVpce":"vpce-1"}})", R"({"aws:SourceVpc":"vpc-1","aws:SourceVpce":"vpce-2"})", false},
    Row{"OperatorsAreAnded", R"({"StringEquals":{"aws:SourceVpc":"vpc-1"},"StringLike":{"s3:prefix":"a*"}})", R"({"aws:SourceVpc":"vpc-1","s3:prefix":"b"})", false},
    Row{"NumberValueAsString", R"({"StringEquals":{"s3:max-keys":10}})", R"({"s3:max-keys":"10"})", true}));

INSTANTIATE_TEST_SUITE_P(NumericDateBoolBinary, ConditionTest, ::testing::Values(
    Row{"NumericLessThan", R"({"NumericLessThan":{"s3:max-keys":"10"}})", R"({"s3:max-keys":"5"})", true},
    Row{"NumericLessThanFails", R"({"NumericLessThan":{"s3:max-keys":"10"}})", R"({"s3:max-keys":"10"})", false},
    Row{"NumericLessThanEquals", R"({"NumericLessThanEquals":{"s3:max-keys":"10"}})", R"({"s3:max-keys":"10"})", true},
    Row{"NumericGreaterThanDecimal", R"({"NumericGreaterThan":{"s3:max-keys":"2.5"}})", R"({"s3:max-keys":"3"})", true},
    Row{"NumericEqualsDifferentSpelling", R"({"NumericEquals":{"s3:max-keys":"10"}})", R"({"s3:max-keys":"10.0"})", true},
    Row{"NumericNotEqualsNor", R"({"NumericNotEquals":{"s3:max-keys":["1","2"]}})", R"({"s3:max-keys":"2"})", false},
    Row{"NumericRequestNotANumber", R"({"NumericGreaterThan":{"s3:max-keys":"1"}})", R"({"s3:max-keys":"many"})", false},
    Row{"DateGreaterThan", R"({"DateGreaterThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}})", R"({"aws:CurrentTime":"2026-11-25T01:00:00Z"})", true},
    Row{"DateLessThanWithOffset", R"({"DateLessThan":{"aws:CurrentTime":"2026-11-25T02:00:00+01:00"}})", R"({"aws:CurrentTime":"2026-11-25T01:30:00Z"})", false},
    Row{"DateEqualsEpoch", R"({"DateEquals":{"aws:EpochTime":"1764032400"}})", R"({"aws:EpochTime":"2025-11-25T01:00:00Z"})", true},
    Row{"DateYearMonthIsFirstInstant", R"({"DateGreaterThan":{"aws:CurrentTime":"2025-06"}})", R"({"aws:CurrentTime":"2025-06-15T00:00:00Z"})", true},
    Row{"DateYearMonthNotAfter", R"({"DateGreaterThan":{"aws:CurrentTime":"2025-07"}})", R"({"aws:CurrentTime":"2025-06-15T00:00:00Z"})", false},
    Row{"DateLessThanEqualsSameInstant", R"({"DateLessThanEquals":{"aws:CurrentTime":"2026-11-25"}})", R"({"aws:CurrentTime":"2026-11-25T00:00:00Z"})", true},
    Row{"BoolTrue", R"({"Bool":{"aws:SecureTransport":"true"}})", R"({"aws:SecureTransport":"true"})", true},
    Row{"BoolJsonBoolean", R"({"Bool":{"aws:SecureTransport":false}})", R"({"aws:SecureTransport":"false"})", true},
    Row{"BoolMismatch", R"({"Bool":{"aws:SecureTransport":"true"}})", R"({"aws:SecureTransport":"false"})", false},
    Row{"BoolMissing", R"({"Bool":{"aws:MultiFactorAuthPresent":"false"}})", "{}", false},
    Row{"BoolIfExistsMissing", R"({"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}})", "{}", true},
    Row{"BinaryEquals", R"({"BinaryEquals":{"kms:Tag":"QmluYXJ5VmFsdWU="}})", R"({"kms:Tag":"QmluYXJ5VmFsdWU="})", true},
    Row{"BinaryDiffers", R"({"BinaryEquals":{"kms:Tag":"QmluYXJ5VmFsdWU="}})", R"({"kms:Tag":"AAAA"})", false}));

INSTANTIATE_TEST_SUITE_P(IpArnNull, ConditionTest, ::testing::Values(
    Row{"IpInCidr", R"({"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}})", R"({"aws:SourceIp":"203.0.113.7"})", true},
    Row{"IpOutsideCidr", R"({"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}})", R"({"aws:SourceIp":"198.51.100.7"})", false},
    Row{"BareIpIsSlash32", R"({"IpAddress":{"aws:SourceIp":"203.0.113.7"}})", R"({"aws:SourceIp":"203.0.113.7"})", true},
    Row{"Ipv6", R"({"IpAddress":{"aws:SourceIp":"2001:db8::/32"}})", R"({"aws:SourceIp":"2001:db8:1::5"})", true},
    Row{"Ipv4DoesNotMatchIpv6Range", R"({"IpAddress":{"aws:SourceIp":"::/0"}})", R"({"aws:SourceIp":"203.0.113.7"})", false},
    Row{"NotIpAddressOutside", R"({"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","192.168.0.0/16"]}})", R"({"aws:SourceIp":"203.0.113.7"})", true},
    Row{"NotIpAddressInside", R"({"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","203.0.113.0/24"]}})", R"({"aws:SourceIp":"203.0.113.7"})", false},
    Row{"ArnLikeSegments", R"({"ArnLike":{"aws:SourceArn":"arn:aws:execute-api:*:444455556666:abc/*"}})", R"({"aws:SourceArn":"arn:aws:execute-api:us-east-1:444455556666:abc/prod/GET/x"})", true},
    Row{"ArnLikeWrongAccount", R"({"ArnLike":{"aws:SourceArn":"arn:aws:execute-api:*:444455556666:abc/*"}})", R"({"aws:SourceArn":"arn:aws:execute-api:us-east-1:999999999999:abc/prod/GET/x"})", false},
    // A segment wildcard does not cross ':' into the next segment.
    Row{"ArnLikeRegionStarStaysInSegment", R"({"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:topic"}})", R"({"aws:SourceArn":"arn:aws:sns:us-east-1:444455556666:topic"})", false},
    Row{"ArnEqualsBehavesLikeArnLike", R"({"ArnEquals":{"aws:SourceArn":"arn:aws:s3:::bucket-*"}})", R"({"aws:SourceArn":"arn:aws:s3:::bucket-1"})", true},
    Row{"ArnNotLike", R"({"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/admin-*"}})", "{}", true},
    Row{"ArnLikeRequestNotAnArn", R"({"ArnLike":{"aws:SourceArn":"*"}})", R"({"aws:SourceArn":"not-an-arn"})", true},
    Row{"NullTrueAbsent", R"({"Null":{"aws:TokenIssueTime":"true"}})", "{}", true},
    Row{"NullTruePresent", R"({"Null":{"aws:TokenIssueTime":"true"}})", R"({"aws:TokenIssueTime":"2026-11-25T00:00:00Z"})", false},
    Row{"NullFalsePresent", R"({"Null":{"aws:TokenIssueTime":"false"}})", R"({"aws:TokenIssueTime":"2026-11-25T00:00:00Z"})", true},
    Row{"NullFalseDerivedKeyIsPresent", R"({"Null":{"aws:username":"false"}})", "{}", true}));

INSTANTIATE_TEST_SUITE_P(SetOperators, ConditionTest, ::testing::Values(
    Row{"AnyValueOneMatches", R"({"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}})", R"({"aws:TagKeys":["b","c"]})", true},
    Row{"AnyValueNoneMatch", R"({"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}})", R"({"aws:TagKeys":["c"]})", false},
    Row{"AnyValueMissing", R"({"ForAnyValue:StringEquals":{"aws:TagKeys":["a"]}})", "{}", false},
    Row{"AnyValueEmptyList", R"({"ForAnyValue:StringEquals":{"aws:TagKeys":["a"]}})", R"({"aws:TagKeys":[]})", false},
    // Operators page, ForAllValues: a value that resolves to a null data set,
    // "such as an empty string", makes ForAllValues true and ForAnyValue false.
    Row{"AnyValueEmptyString", R"({"ForAnyValue:StringLike":{"aws:TagKeys":"*"}})", R"({"aws:TagKeys":""})", false},
    Row{"AllValuesEmptyString", R"({"ForAllValues:StringEquals":{"aws:TagKeys":"env"}})", R"({"aws:TagKeys":""})", true},
    Row{"PlainOperatorEmptyStringIsAValue", R"({"StringLike":{"aws:TagKeys":"*"}})", R"({"aws:TagKeys":""})", true},
    Row{"AllValuesSubset", R"({"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}})", R"({"aws:TagKeys":["a"]})", true},
    Row{"AllValuesNotSubset", R"({"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}})", R"({"aws:TagKeys":["a","c"]})", false},
    Row{"AllValuesMissingIsTrue", R"({"ForAllValues:StringEquals":{"aws:TagKeys":["a"]}})", "{}", true},
    Row{"AllValuesEmptyIsTrue", R"({"ForAllValues:StringEquals":{"aws:TagKeys":["a"]}})", R"({"aws:TagKeys":[]})", true},
    // MVEX: ForAllValues:StringNotLike key1* — true for [key2:audit] and a missing key.
    Row{"AllValuesNotLikeOther", R"({"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}})", R"({"aws:TagKeys":["key2:audit"]})", true},
    Row{"AllValuesNotLikeMatching", R"({"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}})", R"({"aws:TagKeys":["key1:legal"]})", false},
    Row{"AllValuesNotLikeMixed", R"({"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}})", R"({"aws:TagKeys":["key1:legal","key2:audit"]})", false},
    Row{"AllValuesNotLikeMissing", R"({"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}})", "{}", true},
    Row{"AnyValueNotEqualsSomeOther", R"({"ForAnyValue:StringNotEquals":{"aws:TagKeys":"a"}})", R"({"aws:TagKeys":["a","b"]})", true},
    Row{"AnyValueNotEqualsOnlyListed", R"({"ForAnyValue:StringNotEquals":{"aws:TagKeys":"a"}})", R"({"aws:TagKeys":["a"]})", false},
    Row{"AnyValueLike", R"({"ForAnyValue:StringLike":{"aws:TagKeys":"env*"}})", R"({"aws:TagKeys":["team","environment"]})", true}));

INSTANTIATE_TEST_SUITE_P(VariablesAndDerivedKeys, ConditionTest, ::testing::Values(
    Row{"VariableFromDerivedUsername", R"({"StringEquals":{"aws:PrincipalTag/owner":"${aws:username}"}})", R"({"aws:PrincipalTag/owner":"alice"})", true},
    Row{"VariableKeyCaseInsensitive", R"({"StringEquals":{"aws:PrincipalTag/owner":"${AWS:UserName}"}})", R"({"aws:PrincipalTag/owner":"alice"})", true},
    Row{"VariableMissingPositive", R"({"StringEquals":{"s3:prefix":"${aws:PrincipalTag/team}"}})", R"({"s3:prefix":"x"})", false},
    Row{"VariableMissingNegatedMatches", R"({"StringNotEquals":{"s3:prefix":"${aws:PrincipalTag/team}"}})", R"({"s3:prefix":"x"})", true},
    Row{"VariableDefault", R"({"StringEquals":{"s3:prefix":"${aws:PrincipalTag/team, 'company-wide'}"}})", R"({"s3:prefix":"company-wide"})", true},
    Row{"VariableValueIsNotAWildcard", R"({"StringLike":{"s3:prefix":"${aws:PrincipalTag/team}"}})", R"({"s3:prefix":"xyz","aws:PrincipalTag/team":"x*"})", false},
    Row{"SpecialStarLiteral", R"({"StringLike":{"s3:prefix":"a${*}"}})", R"({"s3:prefix":"a*"})", true},
    Row{"SpecialStarLiteralIsNotWildcard", R"({"StringLike":{"s3:prefix":"a${*}"}})", R"({"s3:prefix":"abc"})", false},
    Row{"SpecialDollar", R"({"StringEquals":{"s3:prefix":"${$}1"}})", R"({"s3:prefix":"$1"})", true},
    Row{"LiteralUnder2008", R"({"StringEquals":{"s3:prefix":"${aws:username}"}})", R"({"s3:prefix":"${aws:username}"})", true,
        "arn:aws:iam::111122223333:user/alice", "2008-10-17"},
    Row{"PrincipalArnOfSessionIsTheRole", R"({"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/app"}})", "{}", true,
        "arn:aws:sts::111122223333:assumed-role/app/s1"},
    Row{"RequestPrincipalArnWins", R"({"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/team/*"}})", R"({"aws:PrincipalArn":"arn:aws:iam::111122223333:role/team/app"})", true,
        "arn:aws:sts::111122223333:assumed-role/app/s1"},
    Row{"UsernameAbsentForRoles", R"({"Null":{"aws:username":"true"}})", "{}", true, "arn:aws:sts::111122223333:assumed-role/app/s1"},
    Row{"PrincipalAccount", R"({"StringEquals":{"aws:PrincipalAccount":"111122223333"}})", "{}", true},
    Row{"PrincipalType", R"({"StringEquals":{"aws:PrincipalType":"AssumedRole"}})", "{}", true, "arn:aws:sts::111122223333:assumed-role/app/s1"},
    Row{"PrincipalIsAwsServiceFalse", R"({"Bool":{"aws:PrincipalIsAWSService":"false"}})", "{}", true}));

}  // namespace
}  // namespace iamsim
