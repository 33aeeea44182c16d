// The rules of policy/lint/check_actions.cc on inline policies: each rule's
// triggers with their exact pointers, and the near misses that must stay
// quiet (conservative cases the corpus does not spell out).
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "policy/lint/lint.h"

namespace iamsim {
namespace {

// "rule path" for each finding of `rule` when `policy` is linted as `type`.
std::vector<std::string> Found(absl::string_view rule, absl::string_view policy,
                               PolicyType type = PolicyType::kIdentity) {
  LintOptions options;
  options.policy_type = type;
  const LintReport report = LintText("p.json", policy, options);
  std::vector<std::string> out;
  for (const Diagnostic& d : report.findings) {
    if (RuleId(d.rule) == rule) out.push_back(d.location.path);
  }
  return out;
}

std::string Identity(absl::string_view action, absl::string_view resource,
                     absl::string_view version = "\"Version\":\"2012-10-17\",") {
  return absl::StrCat("{", version, R"("Statement":[{"Effect":"Allow","Action":)", action,
                      R"(,"Resource":)", resource, "}]}");
}

std::string Trust(absl::string_view principal, absl::string_view action) {
  return absl::StrCat(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":)",
                      principal, R"(,"Action":)", action, "}]}");
}

using Paths = std::vector<std::string>;

TEST(CheckActionsTest, UnknownService) {
  EXPECT_EQ(Found("unknown-service",
                  Identity(R"(["s3:GetObject","cloudwatchlogs:PutLogEvents"])", R"("*")")),
            Paths{"/Statement/0/Action/1"});
  LintOptions options;
  const LintReport report =
      LintText("p.json", Identity(R"("cloudwatchlogs:PutLogEvents")", R"("*")"), options);
  std::string suggestion;
  for (const Diagnostic& d : report.findings) {
    if (d.rule == Rule::kUnknownService) suggestion = d.suggestion;
  }
  EXPECT_EQ(suggestion, "logs:PutLogEvents");
  // NotAction values too; placeholders and "*" never.
  EXPECT_EQ(
      Found(
          "unknown-service",
          R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":"lamda:*","Resource":"*"}]})"),
      Paths{"/Statement/0/NotAction"});
  EXPECT_EQ(Found("unknown-service", Identity(R"(["*","{{Fn::Sub}}"])", R"("*")")), Paths{});
}

TEST(CheckActionsTest, UnknownAction) {
  EXPECT_EQ(Found("unknown-action", Identity(R"("s3:GetObjects")", R"("*")")),
            Paths{"/Statement/0/Action"});
  EXPECT_EQ(Found("unknown-action", Identity(R"(["s3:Get*","s3:Fly*"])", R"("*")")),
            Paths{"/Statement/0/Action/1"});
  EXPECT_EQ(
      Found("unknown-action", Identity(R"(["S3:getobject","s3:Get?bject","s3:*"])", R"("*")")),
      Paths{});
}

TEST(CheckActionsTest, ResourceMismatch) {
  // An action that takes "*" only, with a named ARN.
  EXPECT_EQ(Found("resource-mismatch",
                  Identity(R"("s3:ListAllMyBuckets")", R"(["*","arn:aws:s3:::reports"])")),
            Paths{"/Statement/0/Resource/1"});
  EXPECT_EQ(Found("resource-mismatch",
                  Identity(R"(["s3:Get*"])", R"(["arn:aws:sqs:us-east-1:111122223333:q"])")),
            Paths{"/Statement/0/Resource/0"});
  // Quiet: a wildcard over the service for a "*"-only action, an unknown
  // action in the statement, a template, a variable, an ARN with a wildcard
  // service, NotResource.
  EXPECT_EQ(Found("resource-mismatch", Identity(R"("s3:ListAllMyBuckets")", R"("arn:aws:s3:::*")")),
            Paths{});
  EXPECT_EQ(Found("resource-mismatch",
                  Identity(R"(["s3:GetObject","s3:GetObjects"])", R"("arn:aws:s3:::b")")),
            Paths{});
  EXPECT_EQ(Found("resource-mismatch", Identity(R"("s3:GetObject")", R"("{{BucketArn}}")")),
            Paths{});
  EXPECT_EQ(Found("resource-mismatch",
                  Identity(R"("s3:GetObject")", R"("arn:aws:s3:::${aws:username}")")),
            Paths{});
  EXPECT_EQ(Found("resource-mismatch", Identity(R"("s3:GetObject")", R"("arn:aws:*:*:*:*")")),
            Paths{});
  EXPECT_EQ(
      Found(
          "resource-mismatch",
          R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","NotResource":"arn:aws:s3:::b"}]})"),
      Paths{});
}

TEST(CheckActionsTest, MismatchedAssumeAction) {
  const PolicyType trust = PolicyType::kRoleTrust;
  EXPECT_EQ(Found("mismatched-assume-action",
                  Trust(R"({"Federated":"cognito-identity.amazonaws.com"})", R"("sts:AssumeRole")"),
                  trust),
            Paths{"/Statement/0/Action"});
  EXPECT_EQ(Found("mismatched-assume-action",
                  Trust(R"({"AWS":"arn:aws:iam::111122223333:root"})",
                        R"(["sts:AssumeRoleWithWebIdentity","sts:TagSession"])"),
                  trust),
            Paths{"/Statement/0/Action/0"});
  // Quiet: everyone, a wildcard naming the right action too, principals of
  // several kinds, companion actions.
  EXPECT_EQ(
      Found("mismatched-assume-action", Trust(R"("*")", R"("sts:AssumeRoleWithSAML")"), trust),
      Paths{});
  EXPECT_EQ(Found("mismatched-assume-action",
                  Trust(R"({"Service":"lambda.amazonaws.com"})", R"("sts:AssumeRole*")"), trust),
            Paths{});
  EXPECT_EQ(Found("mismatched-assume-action",
                  Trust(R"({"AWS":"111122223333","Federated":"accounts.google.com"})",
                        R"(["sts:AssumeRole","sts:AssumeRoleWithWebIdentity","sts:TagSession"])"),
                  trust),
            Paths{});
}

TEST(CheckActionsTest, OldVersionVariables) {
  const std::string no_version = Identity(
      R"("s3:GetObject")", R"(["arn:aws:s3:::b/${aws:username}/*","arn:aws:s3:::b/x"])", "");
  EXPECT_EQ(Found("old-version-variables", no_version), Paths{"/Statement/0/Resource/0"});
  EXPECT_EQ(Found("old-version-variables",
                  Identity(R"("s3:GetObject")", R"("arn:aws:s3:::b/${aws:username}/*")")),
            Paths{});
}

TEST(CheckActionsTest, PolicyWithoutStatementIsLinted) {
  EXPECT_EQ(Found("missing-element", R"({"Version":"2012-10-17"})"), Paths{""});
  LintOptions options;
  EXPECT_FALSE(LintText("x.json", R"({"Version":"1.0","Name":"app"})", options).recognized);
}

}  // namespace
}  // namespace iamsim
