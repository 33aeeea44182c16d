// ParsePrincipalArn and PrincipalArnProblem, one row per form and per way a
// principal ARN can be wrong.
#include "policy/arn/principal_arn.h"

#include <string>

#include "gtest/gtest.h"

namespace iamsim {
namespace {

struct Row {
  const char* text;
  bool valid;
  PrincipalArnKind kind;
  const char* path;
  const char* name;
  const char* session;
  const char* problem;  // A fragment of PrincipalArnProblem when invalid.
};

constexpr PrincipalArnKind kRoot = PrincipalArnKind::kRoot;
constexpr PrincipalArnKind kUser = PrincipalArnKind::kUser;
constexpr PrincipalArnKind kRole = PrincipalArnKind::kRole;
constexpr PrincipalArnKind kSession = PrincipalArnKind::kAssumedRole;
constexpr PrincipalArnKind kFederated = PrincipalArnKind::kFederatedUser;

const Row kRows[] = {
    {"arn:aws:iam::111122223333:root", true, kRoot, "", "", "", ""},
    {"arn:aws:iam::111122223333:user/alice", true, kUser, "", "alice", "", ""},
    {"arn:aws:iam::111122223333:user/ops/team/alice", true, kUser, "ops/team/", "alice", "", ""},
    {"arn:aws:iam::111122223333:role/Name+=,.@_-9", true, kRole, "", "Name+=,.@_-9", "", ""},
    {"arn:aws-cn:iam::111122223333:role/p~!/r", true, kRole, "p~!/", "r", "", ""},
    {"arn:aws:sts::111122223333:assumed-role/app/i-0abc", true, kSession, "", "app", "i-0abc", ""},
    {"arn:aws:sts::111122223333:federated-user/bob@example.com", true, kFederated, "",
     "bob@example.com", "", ""},
    // Names IAM would not accept.
    {"arn:aws:iam::111122223333:role/my role", false, kRole, "", "", "", "\"my role\" has a character"},
    {"arn:aws:iam::111122223333:user/a\x1b[2J", false, kUser, "", "", "", "has a character"},
    {"arn:aws:iam::111122223333:user/p th/alice", false, kUser, "", "", "", "\"p th\" has"},
    {"arn:aws:iam::111122223333:user/\xc3\xa9t\xc3\xa9", false, kUser, "", "", "", "has a character"},
    {"arn:aws:sts::111122223333:assumed-role/app/my session", false, kSession, "", "", "",
     "\"my session\" has"},
    {"arn:aws:sts::111122223333:assumed-role/app", false, kSession, "", "", "",
     "assumed-role/ROLE/SESSION"},
    {"arn:aws:sts::111122223333:federated-user/a/b", false, kFederated, "", "", "",
     "federated-user/NAME"},
    {"arn:aws:iam::111122223333:role/", false, kRole, "", "", "", "role/NAME"},
    // Not principals at all.
    {"arn:aws:iam::111122223333:group/devs", false, kRoot, "", "", "", "groups are not"},
    {"arn:aws:iam::11112222333:root", false, kRoot, "", "", "", "twelve digits"},
    {"arn:aws:iam:us-east-1:111122223333:root", false, kRoot, "", "", "", "no region"},
    {"arn:aws:iam::111122223333:role/*", false, kRole, "", "", "", "no wildcards"},
    {"arn:aws:s3:::bucket", false, kRoot, "", "", "", "not \"s3\""},
    {"not-an-arn", false, kRoot, "", "", "", "arn:PARTITION:SERVICE"},
};

TEST(PrincipalArnTest, EachForm) {
  for (const Row& row : kRows) {
    SCOPED_TRACE(row.text);
    const std::optional<PrincipalArn> arn = ParsePrincipalArn(row.text);
    EXPECT_EQ(arn.has_value(), row.valid);
    const std::string problem = PrincipalArnProblem(row.text);
    if (!row.valid) {
      EXPECT_NE(problem.find(row.problem), std::string::npos) << problem;
      continue;
    }
    EXPECT_EQ(problem, "");
    EXPECT_EQ(arn->kind, row.kind);
    EXPECT_EQ(arn->account, "111122223333");
    EXPECT_EQ(arn->path, row.path);
    EXPECT_EQ(arn->name, row.name);
    EXPECT_EQ(arn->session, row.session);
  }
}

}  // namespace
}  // namespace iamsim
