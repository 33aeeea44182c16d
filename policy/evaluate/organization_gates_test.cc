// Who SCPs and RCPs apply to, one row per documented case and exemption.
// SCPs: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
//   ("SCPs don't affect users or roles in the management account", "service-linked
//   roles", "they affect ... the root user" of member accounts)
// RCPs: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
//   ("RCPs apply only to the services listed", not to resources in the management account,
//   not to service-linked roles, and the RCP evaluation page's kms:RetireGrant exception)
#include "policy/evaluate/organization_gates.h"

#include "gtest/gtest.h"

namespace iamsim {
namespace {

constexpr char kManagement[] = "999999999999";

struct ExemptionRow {
  std::string name;
  std::string principal, action, resource;
  bool exempt;
};
void PrintTo(const ExemptionRow& r, std::ostream* os) { *os << r.name; }

class ScpExemptionTest : public ::testing::TestWithParam<ExemptionRow> {};
class RcpExemptionTest : public ::testing::TestWithParam<ExemptionRow> {};

PreparedRequest* Prepare(const ExemptionRow& r, PreparedRequest* out) {
  const Request request{r.principal, r.action, r.resource, "", nullptr};
  EXPECT_TRUE(PreparedRequest::Prepare(request, out).ok()) << r.name;
  return out;
}

TEST_P(ScpExemptionTest, AppliesOrNot) {
  PreparedRequest request;
  Prepare(GetParam(), &request);
  EXPECT_EQ(ScpExemption(request.caller(), kManagement) != nullptr, GetParam().exempt);
}

TEST_P(RcpExemptionTest, AppliesOrNot) {
  PreparedRequest request;
  Prepare(GetParam(), &request);
  EXPECT_EQ(RcpExemption(request, kManagement) != nullptr, GetParam().exempt);
}

constexpr char kFn[] = "arn:aws:lambda:us-east-1:444455556666:function:f";
constexpr char kBucket[] = "arn:aws:s3:::bucket/key";

INSTANTIATE_TEST_SUITE_P(
    Rows, ScpExemptionTest,
    ::testing::Values(
        ExemptionRow{"MemberUser", "arn:aws:iam::111122223333:user/alice", "s3:GetObject", kBucket,
                     false},
        ExemptionRow{"MemberRoleSession", "arn:aws:sts::111122223333:assumed-role/app/s",
                     "s3:GetObject", kBucket, false},
        ExemptionRow{"MemberRootUser", "arn:aws:iam::111122223333:root", "s3:GetObject", kBucket,
                     false},
        ExemptionRow{"ManagementAccountUser", "arn:aws:iam::999999999999:user/admin",
                     "s3:GetObject", kBucket, true},
        ExemptionRow{"ManagementAccountRoot", "arn:aws:iam::999999999999:root", "s3:GetObject",
                     kBucket, true},
        ExemptionRow{"ServiceLinkedRolePath",
                     "arn:aws:iam::111122223333:role/aws-service-role/"
                     "elasticmapreduce.amazonaws.com/AWSServiceRoleForEMR",
                     "s3:GetObject", kBucket, true},
        ExemptionRow{"ServiceLinkedRoleSession",
                     "arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForLambda/s",
                     "s3:GetObject", kBucket, true},
        ExemptionRow{"ServicePrincipal", "apigateway.amazonaws.com", "lambda:InvokeFunction", kFn,
                     true},
        ExemptionRow{"Anonymous", "anonymous", "s3:GetObject", kBucket, true}),
    [](const auto& info) { return info.param.name; });

INSTANTIATE_TEST_SUITE_P(
    Rows, RcpExemptionTest,
    ::testing::Values(
        ExemptionRow{"S3FromAnotherAccount", "arn:aws:iam::111122223333:user/alice", "s3:GetObject",
                     kBucket, false},
        ExemptionRow{"ServicePrincipalOnS3", "cloudtrail.amazonaws.com", "s3:PutObject", kBucket,
                     false},
        ExemptionRow{"StsAssumeRoleOfAnIamRole", "arn:aws:iam::111122223333:user/alice",
                     "sts:AssumeRole", "arn:aws:iam::444455556666:role/deploy", false},
        ExemptionRow{"LambdaIsNotCovered", "arn:aws:iam::111122223333:user/alice",
                     "lambda:InvokeFunction", kFn, true},
        ExemptionRow{"ManagementAccountResource", "arn:aws:iam::111122223333:user/alice",
                     "sqs:SendMessage", "arn:aws:sqs:us-east-1:999999999999:q", true},
        ExemptionRow{
            "ServiceLinkedRoleCaller",
            "arn:aws:iam::111122223333:role/aws-service-role/x.amazonaws.com/AWSServiceRoleForX",
            "s3:GetObject", kBucket, true},
        ExemptionRow{"KmsRetireGrant", "arn:aws:iam::111122223333:user/alice", "kms:RetireGrant",
                     "arn:aws:kms:us-east-1:444455556666:key/k", true},
        ExemptionRow{"KmsDecryptIsCovered", "arn:aws:iam::111122223333:user/alice", "kms:Decrypt",
                     "arn:aws:kms:us-east-1:444455556666:key/k", false},
        ExemptionRow{"ServiceAssumingItsServiceLinkedRole", "elasticmapreduce.amazonaws.com",
                     "sts:AssumeRole",
                     "arn:aws:iam::444455556666:role/aws-service-role/"
                     "elasticmapreduce.amazonaws.com/AWSServiceRoleForEMR",
                     true}),
    [](const auto& info) { return info.param.name; });

// SCP evaluation page: an Allow is needed at every level; a level without
// one denies, whatever the lower levels say.
TEST(CombineLevelsTest, AnAllowIsNeededAtEveryLevel) {
  EXPECT_TRUE(CombineLevels({}).passes);
  EXPECT_TRUE(CombineLevels({{true, false}, {true, false}, {true, false}}).passes);
  const GateResult ou_without_allow = CombineLevels({{true, false}, {false, false}, {true, false}});
  EXPECT_FALSE(ou_without_allow.passes);
  EXPECT_EQ(ou_without_allow.first_failing_level, 1);
  const GateResult deny = CombineLevels({{true, false}, {true, true}});
  EXPECT_TRUE(deny.passes);  // The Deny is an explicit deny, found with all others.
  EXPECT_TRUE(deny.any_deny);
}

}  // namespace
}  // namespace iamsim
