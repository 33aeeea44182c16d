// The exposure rules, judged by the evaluator: each row is one policy, the
// rule asked about, and whether it fires (and where). Rows cover every
// condition that pins "*" to known callers (organization, account, ARN,
// source account/ARN, VPC, endpoint, fixed IP ranges), a Deny that removes
// the exposure, and the ways each pin can fail to pin.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "policy/lint/lint.h"

namespace iamsim {
namespace {

struct Row {
  const char* name;
  const char* rule;
  bool fires;
  const char* path;  // Where it fires; "" when not checked.
  PolicyType type;
  const char* resource_type;
  const char* account;
  std::string policy;
  std::vector<std::string> trusted_accounts = {};
  std::vector<std::string> trusted_organizations = {};
};

// A one-statement policy: PRINCIPAL, ACTION, RESOURCE and CONDITION spliced in.
std::string One(absl::string_view principal, absl::string_view action, absl::string_view resource,
                absl::string_view condition = "") {
  std::string s = absl::StrCat(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)",
                               R"("Principal":)", principal, R"(,"Action":")", action, R"(")");
  if (!resource.empty()) absl::StrAppend(&s, R"(,"Resource":")", resource, R"(")");
  if (!condition.empty()) absl::StrAppend(&s, R"(,"Condition":)", condition);
  return absl::StrCat(s, "}]}");
}

constexpr char kBucket[] = "arn:aws:s3:::assets/*";
constexpr char kQueue[] = "arn:aws:sqs:us-east-1:111122223333:intake";
constexpr char kFunction[] = "arn:aws:lambda:us-east-1:111122223333:function:hook";
constexpr char kS3[] = "AWS::S3::Bucket";
constexpr char kSqs[] = "AWS::SQS::Queue";
constexpr char kLambda[] = "AWS::Lambda::Function";
constexpr char kOwn[] = "111122223333";
constexpr PolicyType kRes = PolicyType::kResource;
constexpr PolicyType kTrust = PolicyType::kRoleTrust;

std::vector<Row> Rows() {
  const std::string any = R"("*")";
  auto on_bucket = [&](absl::string_view condition) {
    return One(any, "s3:GetObject", kBucket, condition);
  };
  return {
      // public-access: pins honoured.
      {"open", "public-access", true, "/Statement/0", kRes, kS3, kOwn, on_bucket("")},
      {"org id", "public-access", false, "", kRes, kS3, kOwn,
       on_bucket(R"({"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}})")},
      {"org paths", "public-access", false, "", kRes, kS3, kOwn,
       on_bucket(R"({"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":"o-a1b2c3d4e5/*"}})")},
      {"principal account", "public-access", false, "", kRes, kS3, kOwn,
       on_bucket(R"({"StringEquals":{"aws:PrincipalAccount":"111122223333"}})")},
      {"principal arn", "public-access", false, "", kRes, kS3, kOwn,
       on_bucket(R"({"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/app-*"}})")},
      {"principal arn of any account", "public-access", true, "/Statement/0", kRes, kS3, kOwn,
       on_bucket(R"({"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/deploy"}})")},
      {"source account", "public-access", false, "", kRes, kSqs, kOwn,
       One(any, "sqs:SendMessage", kQueue,
           R"({"StringEquals":{"aws:SourceAccount":"111122223333"}})")},
      {"source arn", "public-access", false, "", kRes, kSqs, kOwn,
       One(any, "sqs:SendMessage", kQueue,
           R"({"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:t"}})")},
      {"source vpce", "public-access", false, "", kRes, kS3, kOwn,
       on_bucket(R"({"StringEquals":{"aws:SourceVpce":"vpce-0a1b2c3d4e5f67890"}})")},
      {"source vpc", "public-access", false, "", kRes, kS3, kOwn,
       on_bucket(R"({"StringEquals":{"aws:SourceVpc":"vpc-0a1b2c3d"}})")},
      {"fixed ip range", "public-access", false, "", kRes, kS3, kOwn,
       on_bucket(R"({"IpAddress":{"aws:SourceIp":["203.0.113.0/24","198.51.100.7/32"]}})")},
      {"deny outside org", "public-access", false, "", kRes, kS3, kOwn,
       R"({"Version":"2012-10-17","Statement":[
         {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::assets/*"},
         {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::assets/*",
          "Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}]})"},
      // public-access: what does not pin.
      {"any ip", "public-access", true, "/Statement/0", kRes, kS3, kOwn,
       on_bucket(R"({"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}})")},
      {"not a private range", "public-access", true, "/Statement/0", kRes, kS3, kOwn,
       on_bucket(R"({"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}})")},
      {"any endpoint", "public-access", true, "/Statement/0", kRes, kS3, kOwn,
       on_bucket(R"({"StringLike":{"aws:SourceVpce":"vpce-*"}})")},
      {"secure transport", "public-access", true, "/Statement/0", kRes, kS3, kOwn,
       on_bucket(R"({"Bool":{"aws:SecureTransport":"true"}})")},
      {"org not equals", "public-access", true, "/Statement/0", kRes, kS3, kOwn,
       on_bucket(R"({"StringNotEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}})")},
      {"partial deny", "public-access", true, "/Statement/0", kRes, kS3, kOwn,
       R"({"Version":"2012-10-17","Statement":[
         {"Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:PutObject"],
          "Resource":"arn:aws:s3:::assets/*"},
         {"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::assets/*"}]})"},
      {"star among others", "public-access", true, "/Statement/0/Principal/AWS/1", kRes, kS3, kOwn,
       One(R"({"AWS":["arn:aws:iam::111122223333:role/app","*"]})", "s3:GetObject", kBucket)},
      {"wildcard action", "public-access", true, "/Statement/0", kRes, kS3, kOwn,
       One(any, "s3:Get*", kBucket)},
      {"not action", "public-access", true, "/Statement/0", kRes, kS3, kOwn,
       R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",
          "NotAction":"s3:Delete*","Resource":"arn:aws:s3:::assets/*"}]})"},
      {"everything, type unknown", "public-access", true, "/Statement/0", kRes, "", kOwn,
       One(any, "*", "*")},
      {"not action, type unknown", "public-access", true, "/Statement/0", kRes, "", "",
       R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",
          "NotAction":"iam:*","Resource":"*"}]})"},
      {"key policy star", "public-access", true, "/Statement/0", kRes, "AWS::KMS::Key", kOwn,
       One(any, "kms:Decrypt", "*")},
      {"kms caller account", "public-access", false, "", kRes, "AWS::KMS::Key", kOwn,
       One(R"({"AWS":"*"})", "kms:Decrypt", "*",
           R"({"StringEquals":{"kms:CallerAccount":"111122223333",)"
           R"("kms:ViaService":"ec2.us-east-1.amazonaws.com"}})")},
      {"access point account", "public-access", false, "", kRes, kS3, kOwn,
       on_bucket(R"({"StringEquals":{"s3:DataAccessPointAccount":"111122223333"}})")},
      {"principal tag", "public-access", true, "/Statement/0", kRes, kS3, kOwn,
       on_bucket(R"({"StringEquals":{"aws:PrincipalTag/team":"data"}})")},
      {"trust external id", "public-access", true, "/Statement/0", kTrust, "", kOwn,
       One(R"({"AWS":"*"})", "sts:AssumeRole", "", R"({"StringEquals":{"sts:ExternalId":"x-1"}})")},
      {"trust own account", "public-access", false, "", kTrust, "", kOwn,
       One(R"({"AWS":"*"})", "sts:AssumeRole", "",
           R"({"StringEquals":{"aws:PrincipalAccount":"111122223333"}})")},
      // cross-account-access.
      {"partner", "cross-account-access", true, "/Statement/0", kRes, kS3, kOwn,
       One(R"({"AWS":"arn:aws:iam::444455556666:root"})", "s3:GetObject", kBucket)},
      {"trusted partner",
       "cross-account-access",
       false,
       "",
       kRes,
       kS3,
       kOwn,
       One(R"({"AWS":"arn:aws:iam::444455556666:root"})", "s3:GetObject", kBucket),
       {"444455556666"}},
      {"one of two", "cross-account-access", true, "/Statement/0/Principal/AWS/1", kRes, kS3, kOwn,
       One(R"({"AWS":["arn:aws:iam::111122223333:role/app","arn:aws:iam::444455556666:role/x"]})",
           "s3:GetObject", kBucket)},
      {"own role", "cross-account-access", false, "", kRes, kS3, kOwn,
       One(R"({"AWS":"arn:aws:iam::111122223333:role/app"})", "s3:GetObject", kBucket)},
      {"owner unknown", "cross-account-access", false, "", kRes, kS3, "",
       One(R"({"AWS":"arn:aws:iam::444455556666:root"})", "s3:GetObject", kBucket)},
      {"partner denied", "cross-account-access", false, "", kRes, kS3, kOwn,
       R"({"Version":"2012-10-17","Statement":[
         {"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:GetObject",
          "Resource":"arn:aws:s3:::assets/*"},
         {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::assets/*",
          "Condition":{"StringNotEquals":{"aws:PrincipalAccount":"111122223333"}}}]})"},
      {"pinned to partner", "cross-account-access", true, "/Statement/0", kRes, kS3, kOwn,
       on_bucket(R"({"StringEquals":{"aws:PrincipalAccount":"444455556666"}})")},
      {"untrusted org", "cross-account-access", true, "/Statement/0", kRes, kS3, kOwn,
       on_bucket(R"({"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}})")},
      {"trusted org",
       "cross-account-access",
       false,
       "",
       kRes,
       kS3,
       kOwn,
       on_bucket(R"({"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}})"),
       {},
       {"o-a1b2c3d4e5"}},
      // confused-deputy.
      {"no source", "confused-deputy", true, "/Statement/0", kRes, kSqs, kOwn,
       One(R"({"Service":"sns.amazonaws.com"})", "sqs:SendMessage", kQueue)},
      {"source account", "confused-deputy", false, "", kRes, kSqs, kOwn,
       One(R"({"Service":"sns.amazonaws.com"})", "sqs:SendMessage", kQueue,
           R"({"StringEquals":{"aws:SourceAccount":"111122223333"}})")},
      {"source arn", "confused-deputy", false, "", kRes, kSqs, kOwn,
       One(R"({"Service":"sns.amazonaws.com"})", "sqs:SendMessage", kQueue,
           R"({"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:111122223333:*"}})")},
      {"wildcard source arn", "confused-deputy", true, "/Statement/0", kRes, kSqs, kOwn,
       One(R"({"Service":"sns.amazonaws.com"})", "sqs:SendMessage", kQueue,
           R"({"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:*"}})")},
      {"s3 arn only", "confused-deputy", true, "/Statement/0", kRes, kSqs, kOwn,
       One(R"({"Service":"s3.amazonaws.com"})", "sqs:SendMessage", kQueue,
           R"({"ArnEquals":{"aws:SourceArn":"arn:aws:s3:::uploads"}})")},
      {"s3 arn and account", "confused-deputy", false, "", kRes, kSqs, kOwn,
       One(R"({"Service":"s3.amazonaws.com"})", "sqs:SendMessage", kQueue,
           R"({"ArnEquals":{"aws:SourceArn":"arn:aws:s3:::uploads"},)"
           R"("StringEquals":{"aws:SourceAccount":"111122223333"}})")},
      {"if exists", "confused-deputy", true, "/Statement/0", kRes, kSqs, kOwn,
       One(R"({"Service":"sns.amazonaws.com"})", "sqs:SendMessage", kQueue,
           R"({"StringEqualsIfExists":{"aws:SourceAccount":"111122223333"}})")},
      {"source org", "confused-deputy", false, "", kRes, kSqs, kOwn,
       One(R"({"Service":"sns.amazonaws.com"})", "sqs:SendMessage", kQueue,
           R"({"StringEquals":{"aws:SourceOrgID":"o-a1b2c3d4e5"}})")},
      {"trust of a service", "confused-deputy", false, "", kTrust, "", kOwn,
       One(R"({"Service":"lambda.amazonaws.com"})", "sts:AssumeRole", "")},
      // lambda-function-url-public.
      {"url none", "lambda-function-url-public", true, "/Statement/0", kRes, kLambda, kOwn,
       One(any, "lambda:InvokeFunctionUrl", kFunction,
           R"({"StringEquals":{"lambda:FunctionUrlAuthType":"NONE"}})")},
      {"url iam", "lambda-function-url-public", false, "", kRes, kLambda, kOwn,
       One(any, "lambda:InvokeFunctionUrl", kFunction,
           R"({"StringEquals":{"lambda:FunctionUrlAuthType":"AWS_IAM"}})")},
      {"url fixed ip", "lambda-function-url-public", false, "", kRes, kLambda, kOwn,
       One(any, "lambda:InvokeFunctionUrl", kFunction,
           R"({"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}})")},
      {"invoke only", "lambda-function-url-public", false, "", kRes, kLambda, kOwn,
       One(any, "lambda:InvokeFunction", kFunction)},
      // oidc-missing-condition.
      {"github any repo", "oidc-missing-condition", true, "/Statement/0", kTrust, "", kOwn,
       One(R"({"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"})",
           "sts:AssumeRoleWithWebIdentity", "",
           R"({"StringLike":{"token.actions.githubusercontent.com:sub":"repo:*"}})")},
      {"github repo", "oidc-missing-condition", false, "", kTrust, "", kOwn,
       One(R"({"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"})",
           "sts:AssumeRoleWithWebIdentity", "",
           R"({"StringLike":{"token.actions.githubusercontent.com:sub":"repo:octo/app:*"}})")},
      {"github any branch of any repo", "oidc-missing-condition", true, "/Statement/0", kTrust, "",
       kOwn,
       One(R"({"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"})",
           "sts:AssumeRoleWithWebIdentity", "",
           R"({"StringLike":{"token.actions.githubusercontent.com:sub":"repo:*/*:*"}})")},
      {"github aud only", "oidc-missing-condition", true, "/Statement/0", kTrust, "", kOwn,
       One(R"({"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"})",
           "sts:AssumeRoleWithWebIdentity", "",
           R"({"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}})")},
      {"google", "oidc-missing-condition", true, "/Statement/0", kTrust, "", kOwn,
       One(R"({"Federated":"accounts.google.com"})", "sts:AssumeRoleWithWebIdentity", "")},
      {"google aud", "oidc-missing-condition", false, "", kTrust, "", kOwn,
       One(R"({"Federated":"accounts.google.com"})", "sts:AssumeRoleWithWebIdentity", "",
           R"({"StringEquals":{"accounts.google.com:aud":"1234.apps.googleusercontent.com"}})")},
      {"saml", "oidc-missing-condition", false, "", kTrust, "", kOwn,
       One(R"({"Federated":"arn:aws:iam::111122223333:saml-provider/corp"})",
           "sts:AssumeRoleWithSAML", "")},
  };
}

class ExposureTest : public testing::TestWithParam<Row> {};

TEST_P(ExposureTest, FiresWhereExpected) {
  const Row& row = GetParam();
  LintOptions options;
  options.policy_type = row.type;
  options.resource_type = row.resource_type;
  options.resource_account = row.account;
  options.trusted_accounts = row.trusted_accounts;
  options.trusted_organizations = row.trusted_organizations;
  const LintReport report = LintText("policy.json", row.policy, options);
  std::vector<std::string> paths, all;
  for (const Diagnostic& d : report.findings) {
    all.push_back(absl::StrCat(RuleId(d.rule), " ", d.location.path, " ", d.message));
    if (RuleId(d.rule) == row.rule) paths.push_back(d.location.path);
  }
  const std::string got = absl::StrJoin(all, "\n");
  if (!row.fires) {
    EXPECT_TRUE(paths.empty()) << got;
    return;
  }
  ASSERT_FALSE(paths.empty()) << got;
  if (*row.path != '\0') {
    EXPECT_NE(std::find(paths.begin(), paths.end(), row.path), paths.end()) << got;
  }
}

INSTANTIATE_TEST_SUITE_P(Rows, ExposureTest, testing::ValuesIn(Rows()),
                         [](const testing::TestParamInfo<Row>& info) {
                           std::string name = absl::StrCat(info.param.rule, "_", info.param.name);
                           for (char& c : name) {
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// Allow with NotPrincipal is said once (by the parser), and is also public;
// Deny with NotPrincipal is deny-notprincipal.
TEST(NotPrincipalTest, SaidOnce) {
  LintOptions options;
  options.policy_type = PolicyType::kResource;
  options.resource_type = kS3;
  options.resource_account = kOwn;
  const LintReport report = LintText("policy.json",
                                     R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::444455556666:root"},
         "Action":"s3:GetObject","Resource":"arn:aws:s3:::assets/*"},
        {"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:role/admin"},
         "Action":"s3:DeleteObject","Resource":"arn:aws:s3:::assets/*"}]})",
                                     options);
  std::vector<std::string> got;
  for (const Diagnostic& d : report.findings) {
    got.push_back(absl::StrCat(RuleId(d.rule), " ", d.location.path));
  }
  auto count = [&](const std::string& want) { return std::count(got.begin(), got.end(), want); };
  const std::string all = absl::StrJoin(got, "\n");
  EXPECT_EQ(count("notprincipal-allow /Statement/0/NotPrincipal"), 1) << all;
  EXPECT_EQ(count("deny-notprincipal /Statement/1/NotPrincipal"), 1) << all;
  EXPECT_EQ(count("public-access /Statement/0"), 1) << all;
}

// Not a benchmark: a guard against the exposure questions growing without
// bound. Lints the rows' policies round-robin and reports the rate.
TEST(ExposureCostTest, SmallPoliciesLintFast) {
  const std::vector<Row> rows = Rows();
  const size_t n = 2000;
  const auto start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < n; ++i) {
    const Row& row = rows[i % rows.size()];
    LintOptions options;
    options.policy_type = row.type;
    options.resource_type = row.resource_type;
    options.resource_account = row.account;
    LintText("policy.json", row.policy, options);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "linted " << n << " policies in " << seconds << " s (" << n / seconds
            << " per second)\n";
  EXPECT_LT(seconds, 4.0);
}

}  // namespace
}  // namespace iamsim
