// Table-driven checks of PreparedRequest::Prepare: which principals, actions and
// resources a request may name, and what it derives from them (caller type,
// account, the resource's account). Principal forms: IAM User Guide,
// reference_policies_elements_principal.html; ARN format:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
#include "policy/evaluate/request.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace iamsim {
namespace {

using ::testing::HasSubstr;

struct Row {
  std::string name;
  std::string principal;
  std::string action;
  std::string resource;
  std::string error;  // Substring of the error; empty when the request is valid.
  std::string resource_account = "";
  CallerType caller = CallerType::kRole;
};
void PrintTo(const Row& r, std::ostream* os) { *os << r.name; }

class PrepareRequestTest : public ::testing::TestWithParam<Row> {};

TEST_P(PrepareRequestTest, AcceptsValidAndExplainsInvalid) {
  const Row& r = GetParam();
  PreparedRequest prepared;
  const absl::Status status =
      PreparedRequest::Prepare(Request{r.principal, r.action, r.resource, "", nullptr}, &prepared);
  if (r.error.empty()) {
    ASSERT_TRUE(status.ok()) << status;
    EXPECT_EQ(prepared.resource_account(), r.resource_account);
    EXPECT_EQ(static_cast<int>(prepared.caller().type), static_cast<int>(r.caller));
  } else {
    ASSERT_FALSE(status.ok());
    EXPECT_THAT(std::string(status.message()), HasSubstr(r.error));
  }
}

constexpr char kSession[] = "arn:aws:sts::111122223333:assumed-role/app/s1";
constexpr char kFn[] = "arn:aws:lambda:us-east-1:444455556666:function:QiitaSample";

INSTANTIATE_TEST_SUITE_P(
    Requests, PrepareRequestTest,
    ::testing::Values(
        Row{"RoleSession", kSession, "lambda:InvokeFunction", kFn, "", "444455556666"},
        Row{"User", "arn:aws:iam::111122223333:user/alice", "lambda:InvokeFunction", kFn, "",
            "444455556666", CallerType::kUser},
        Row{"Root", "arn:aws:iam::111122223333:root", "lambda:InvokeFunction", kFn, "",
            "444455556666", CallerType::kRoot},
        Row{"Service", "apigateway.amazonaws.com", "lambda:InvokeFunction", kFn, "", "444455556666",
            CallerType::kService},
        Row{"Anonymous", "anonymous", "s3:GetObject", "arn:aws:s3:::bucket/key", "", "",
            CallerType::kAnonymous},
        // An S3 ARN has no account: the resource account stays unknown here and
        // the caller's account is assumed later, as AWS's simulator does.
        Row{"ObjectKeyWithLiteralStar", kSession, "s3:GetObject", "arn:aws:s3:::bucket/star*.txt",
            "", "111122223333"},
        Row{"ObjectKeyWithLiteralQuestionMark", kSession, "s3:GetObject",
            "arn:aws:s3:::bucket/why?.txt", "", "111122223333"},
        Row{"ResourceStar", kSession, "s3:ListAllMyBuckets", "*", "", "111122223333"},
        Row{"WildcardInRegion", kSession, "lambda:InvokeFunction",
            "arn:aws:lambda:*:444455556666:function:QiitaSample", "outside its resource part"},
        Row{"WildcardInAccount", kSession, "lambda:InvokeFunction",
            "arn:aws:lambda:us-east-1:*:function:F", "twelve digits"},
        Row{"ShortAccount", kSession, "lambda:InvokeFunction",
            "arn:aws:lambda:us-east-1:4444:function:F", "twelve digits"},
        Row{"NotAnArn", kSession, "lambda:InvokeFunction", "QiitaSample", "arn:PARTITION:SERVICE"},
        Row{"EmptyResource", kSession, "lambda:InvokeFunction", "", "request.resource is empty"},
        Row{"WildcardAction", kSession, "lambda:*", kFn, "no wildcards"},
        Row{"ActionWithoutService", kSession, "InvokeFunction", kFn, "no wildcards"},
        Row{"WildcardPrincipal", "arn:aws:iam::111122223333:role/*", "lambda:InvokeFunction", kFn,
            "no wildcards"},
        Row{"PrincipalBadAccount", "arn:aws:iam::1111:role/app", "lambda:InvokeFunction", kFn,
            "twelve digits"},
        Row{"PrincipalNotAPrincipal", "app", "lambda:InvokeFunction", kFn, "is not a principal"}),
    [](const ::testing::TestParamInfo<Row>& info) { return info.param.name; });

}  // namespace
}  // namespace iamsim
