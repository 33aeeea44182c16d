// Tests of the condition rules (policy/lint/check_conditions.cc) on inline
// policies: the edges the corpus in testdata/lint does not pin down
// (templated keys, identity-provider keys, wildcard actions, escapes,
// mixed IP ranges, more than two spellings of one key).
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "policy/lint/lint.h"

namespace iamsim {
namespace {

constexpr absl::string_view kConditionRules[] = {
    "unknown-condition-key", "condition-type-mismatch",    "condition-key-not-applicable",
    "wildcard-without-like", "forallvalues-single-valued", "missing-set-qualifier",
    "private-ip-condition",  "duplicate-condition-key"};

bool IsConditionRule(absl::string_view rule) {
  return std::find(std::begin(kConditionRules), std::end(kConditionRules), rule) !=
         std::end(kConditionRules);
}

// "rule path" of every condition-rule finding of a policy (identity unless
// `type` says otherwise) whose one statement is `statement`.
std::vector<std::string> Lint(absl::string_view statement,
                              PolicyType type = PolicyType::kIdentity) {
  const std::string text =
      absl::StrCat(R"({"Version": "2012-10-17", "Statement": [)", statement, "]}");
  LintOptions options;
  options.policy_type = type;
  const LintReport report = LintText("policy.json", text, options);
  std::vector<std::string> out;
  for (const Diagnostic& d : report.findings) {
    if (IsConditionRule(RuleId(d.rule))) {
      out.push_back(absl::StrCat(RuleId(d.rule), " ", d.location.path));
    } else {
      EXPECT_NE(d.severity, Severity::kError) << "unexpected: " << FormatDiagnostic(d);
    }
  }
  return out;
}

std::string Statement(absl::string_view action, absl::string_view condition) {
  return absl::StrCat(R"({"Effect": "Allow", "Action": )", action,
                      R"(, "Resource": "*", "Condition": )", condition, "}");
}

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(CheckConditionsTest, TemplatedAndProviderKeysAreKnown) {
  EXPECT_THAT(Lint(Statement(R"("ec2:StartInstances")",
                             R"({"StringEquals": {"ec2:ResourceTag/Name": "web",
                                 "aws:PrincipalTag/team": "a", "AWS:SourceAccount": "111122223333"},
                                 "StringLike": {"oidc.example.com:sub": "x"}})")),
              IsEmpty());
  EXPECT_THAT(Lint(Statement(R"("kms:Decrypt")",
                             R"({"StringEquals": {"kms:EncryptionContext:Department": "it"}})")),
              IsEmpty());
}

TEST(CheckConditionsTest, WildcardOnAnIdentityProviderKey) {
  EXPECT_THAT(Lint(R"({"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",
                       "Principal": {"Federated":
    "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
                       "Condition": {"StringEquals": {
                         "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                         "token.actions.githubusercontent.com:sub": "repo:org/app:*"}}})",
                   PolicyType::kRoleTrust),
              ElementsAre("wildcard-without-like /Statement/0/Condition/StringEquals/"
                          "token.actions.githubusercontent.com:sub"));
}

TEST(CheckConditionsTest, UnknownServiceKeyWithTagSuffix) {
  EXPECT_THAT(Lint(Statement(R"("ec2:StartInstances")",
                             R"({"StringEquals": {"ec2:ResourceTags/Name": "web"}})")),
              ElementsAre("unknown-condition-key /Statement/0/Condition/StringEquals/"
                          "ec2:ResourceTags~1Name"));
}

TEST(CheckConditionsTest, WildcardActionCoveringASupportingActionIsApplicable) {
  EXPECT_THAT(Lint(Statement(R"(["s3:List*", "s3:GetObject"])",
                             R"({"StringLike": {"s3:prefix": "home/*"}})")),
              IsEmpty());
  EXPECT_THAT(Lint(Statement(R"("*")", R"({"StringLike": {"s3:prefix": "home/*"}})")), IsEmpty());
  EXPECT_THAT(Lint(R"({"Effect": "Deny", "NotAction": "s3:ListBucket", "Resource": "*",
                       "Condition": {"StringLike": {"s3:prefix": "home/*"}}})"),
              IsEmpty());
}

TEST(CheckConditionsTest, TagKeysNeedASupportingAction) {
  EXPECT_THAT(Lint(Statement(R"("sqs:SendMessage")",
                             R"({"ForAnyValue:StringEquals": {"aws:TagKeys": "env"}})")),
              ElementsAre("condition-key-not-applicable /Statement/0/Condition/"
                          "ForAnyValue:StringEquals/aws:TagKeys"));
}

TEST(CheckConditionsTest, TypeFamilies) {
  EXPECT_THAT(Lint(Statement(R"("s3:GetObject")",
                             R"({"NumericLessThan": {"aws:EpochTime": "1800000000"},
                                 "ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/x"},
                                 "StringLike": {"aws:SourceArn": "arn:aws:sns:*"},
                                 "Null": {"aws:SourceIp": "true"},
                                 "BoolIfExists": {"aws:SecureTransport": "true"}})")),
              IsEmpty());
  EXPECT_THAT(Lint(Statement(R"("s3:GetObject")",
                             R"({"NumericEquals": {"aws:RequestedRegion": "1"},
                                 "Bool": {"aws:SourceVpc": "true"}})")),
              ElementsAre("condition-type-mismatch /Statement/0/Condition/NumericEquals/"
                          "aws:RequestedRegion",
                          "condition-type-mismatch /Statement/0/Condition/Bool/aws:SourceVpc"));
}

TEST(CheckConditionsTest, LiteralAsteriskEscapeIsNoWildcard) {
  EXPECT_THAT(Lint(Statement(R"("s3:GetObject")",
                             R"({"StringEquals": {"aws:PrincipalTag/team": "a${*}b"},
                                 "StringNotEqualsIgnoreCase":
                                   {"aws:username": "${aws:username}"}})")),
              IsEmpty());
  EXPECT_THAT(Lint(Statement(R"("s3:GetObject")",
                             R"({"StringNotEqualsIgnoreCase": {"aws:username": "adm?n"}})")),
              ElementsAre("wildcard-without-like /Statement/0/Condition/"
                          "StringNotEqualsIgnoreCase/aws:username"));
}

TEST(CheckConditionsTest, PrivateIpOnlyWhenEveryRangeIsPrivate) {
  EXPECT_THAT(
      Lint(Statement(R"("s3:GetObject")",
                     R"({"IpAddress": {"aws:SourceIp": ["10.1.0.0/16", "203.0.113.0/24"]}})")),
      IsEmpty());
  EXPECT_THAT(
      Lint(Statement(R"("s3:GetObject")", R"({"IpAddress": {"aws:SourceIp": "8.0.0.0/6"}})")),
      IsEmpty());
  EXPECT_THAT(Lint(Statement(R"("s3:GetObject")",
                             R"({"IpAddress": {"aws:SourceIp": ["fd00:1::/64", "127.0.0.1"]}})")),
              ElementsAre("private-ip-condition /Statement/0/Condition/IpAddress/aws:SourceIp"));
}

TEST(CheckConditionsTest, EveryLaterSpellingOfAKeyIsADuplicate) {
  EXPECT_THAT(Lint(Statement(R"("s3:GetObject")",
                             R"({"StringEquals": {"aws:RequestedRegion": "us-east-1",
                                 "AWS:RequestedRegion": "eu-west-1",
                                 "aws:requestedregion": "eu-west-2"}})")),
              ElementsAre("duplicate-condition-key /Statement/0/Condition/StringEquals/"
                          "AWS:RequestedRegion",
                          "duplicate-condition-key /Statement/0/Condition/StringEquals/"
                          "aws:requestedregion"));
}

TEST(CheckConditionsTest, SetQualifiers) {
  EXPECT_THAT(Lint(Statement(R"("s3:GetObject")",
                             R"({"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-1/*"},
                                 "Null": {"aws:CalledVia": "true"},
                                 "ForAnyValue:StringEquals":
                                   {"aws:RequestedRegion": "us-east-1"}})")),
              IsEmpty());
  EXPECT_THAT(Lint(Statement(R"("s3:GetObject")",
                             R"({"StringLikeIfExists": {"aws:PrincipalOrgPaths": "o-1/*"},
                                 "ForAllValues:IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})")),
              ElementsAre("missing-set-qualifier /Statement/0/Condition/StringLikeIfExists/"
                          "aws:PrincipalOrgPaths",
                          "forallvalues-single-valued /Statement/0/Condition/"
                          "ForAllValues:IpAddress/aws:SourceIp"));
}

}  // namespace
}  // namespace iamsim
