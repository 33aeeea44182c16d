// The offline custom checks (custom_checks.h) on the fixtures of
// testdata/lint-checks/: a PASS and a FAIL row for each kind of change each
// check must see, with the statements a FAIL must name.
#include "policy/lint/custom_checks.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_join.h"
#include "gtest/gtest.h"

namespace iamsim {
namespace {

std::string Fixture(const std::string& name) {
  std::ifstream in("testdata/lint-checks/" + name, std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  EXPECT_FALSE(out.str().empty()) << name;
  return out.str();
}

enum class Check { kNoNewAccess, kAccessNotGranted, kNoPublicAccess };

struct Row {
  const char* name;
  Check check;
  const char* policy;
  const char* reference;               // no-new-access.
  std::vector<std::string> actions;    // access-not-granted.
  std::vector<std::string> resources;  // access-not-granted.
  const char* resource_type;           // no-public-access.
  bool pass;
  std::vector<int> statements;  // FAIL: the statements the reasons name.
};

CustomCheckOutcome RunCheck(const Row& row) {
  LintOptions options;
  options.resource_type = row.resource_type;
  const std::string policy = std::string(row.policy) + ".json";
  switch (row.check) {
    case Check::kNoNewAccess: {
      const std::string reference = std::string(row.reference) + ".json";
      return CheckNoNewAccess(reference, Fixture(reference), policy, Fixture(policy), options);
    }
    case Check::kAccessNotGranted:
      return CheckAccessNotGranted(policy, Fixture(policy), row.actions, row.resources, options);
    case Check::kNoPublicAccess:
      return CheckNoPublicAccess(policy, Fixture(policy), options);
  }
  return {};
}

// clang-format off
const Row kRows[] = {
    // no-new-access: {name, check, new, reference, -, -, -, pass, statements}.
    {"same policy", Check::kNoNewAccess, "bucket-read", "bucket-read", {}, {}, "", true, {}},
    {"condition narrowing", Check::kNoNewAccess, "bucket-read-vpce", "bucket-read", {}, {}, "", true, {}},
    {"condition dropped", Check::kNoNewAccess, "bucket-read", "bucket-read-vpce", {}, {}, "", false, {0}},
    {"second condition value", Check::kNoNewAccess, "bucket-read-two-vpces", "bucket-read-vpce", {}, {}, "", false, {0}},
    {"first condition value kept", Check::kNoNewAccess, "bucket-read-vpce", "bucket-read-two-vpces", {}, {}, "", true, {}},
    {"widened resource", Check::kNoNewAccess, "bucket-read-widened", "bucket-read", {}, {}, "", false, {0}},
    {"narrowed resource", Check::kNoNewAccess, "bucket-read", "bucket-read-widened", {}, {}, "", true, {}},
    {"resource star", Check::kNoNewAccess, "bucket-read-star", "bucket-read", {}, {}, "", false, {0}},
    {"added action", Check::kNoNewAccess, "bucket-read-write", "bucket-read", {}, {}, "", false, {1}},
    {"notaction allow", Check::kNoNewAccess, "notaction-allow", "s3-all", {}, {}, "", false, {0}},
    {"notaction allow narrowed to s3", Check::kNoNewAccess, "s3-all", "notaction-allow", {}, {}, "", true, {}},
    {"admin from s3", Check::kNoNewAccess, "admin", "s3-all", {}, {}, "", false, {0}},
    {"admin unchanged", Check::kNoNewAccess, "admin", "admin", {}, {}, "", true, {}},
    {"admin to notaction", Check::kNoNewAccess, "notaction-allow", "admin", {}, {}, "", true, {}},
    {"deny removed", Check::kNoNewAccess, "s3-all", "s3-all-deny-delete", {}, {}, "", false, {0}},
    {"deny added", Check::kNoNewAccess, "s3-all-deny-delete", "s3-all", {}, {}, "", true, {}},
    {"numeric bound raised", Check::kNoNewAccess, "max-keys-100", "max-keys-10", {}, {}, "", false, {0}},
    {"numeric bound lowered", Check::kNoNewAccess, "max-keys-10", "max-keys-100", {}, {}, "", true, {}},
    {"principal widened", Check::kNoNewAccess, "bucket-policy-account-and-public", "bucket-policy-account", {}, {}, "", false, {1}},
    {"principal narrowed", Check::kNoNewAccess, "bucket-policy-account", "bucket-policy-account-and-public", {}, {}, "", true, {}},
    {"public pinned to org", Check::kNoNewAccess, "bucket-policy-org", "bucket-policy-public", {}, {}, "", true, {}},
    {"org pin removed", Check::kNoNewAccess, "bucket-policy-public", "bucket-policy-org", {}, {}, "", false, {0}},
    // access-not-granted: {name, check, policy, -, actions, resources, -, pass, statements}.
    {"delete elsewhere only", Check::kAccessNotGranted, "s3-delete-prod", nullptr, {"s3:Delete*"}, {"arn:aws:s3:::prod/*"}, "", true, {}},
    {"delete anywhere", Check::kAccessNotGranted, "s3-delete-prod", nullptr, {"s3:Delete*"}, {}, "", false, {1}},
    {"delete on scratch", Check::kAccessNotGranted, "s3-delete-prod", nullptr, {"s3:DeleteObject"}, {"arn:aws:s3:::scratch/tmp/*"}, "", false, {1}},
    {"deny removes delete", Check::kAccessNotGranted, "s3-all-deny-delete", nullptr, {"s3:Delete*"}, {}, "", true, {}},
    {"s3 star grants delete", Check::kAccessNotGranted, "s3-all", nullptr, {"s3:DeleteObject"}, {}, "", false, {0}},
    {"notaction leaves iam out", Check::kAccessNotGranted, "notaction-allow", nullptr, {"iam:CreateUser", "iam:Put*"}, {}, "", true, {}},
    {"notaction grants ec2", Check::kAccessNotGranted, "notaction-allow", nullptr, {"ec2:RunInstances"}, {}, "", false, {0}},
    // no-public-access: {name, check, policy, -, -, -, resource type, pass, statements}.
    {"principal star", Check::kNoPublicAccess, "bucket-policy-public", nullptr, {}, {}, "AWS::S3::Bucket", false, {0}},
    {"principal star pinned by org", Check::kNoPublicAccess, "bucket-policy-org", nullptr, {}, {}, "AWS::S3::Bucket", true, {}},
    {"principal star pinned by source account", Check::kNoPublicAccess, "queue-policy-source-account", nullptr, {}, {}, "AWS::SQS::Queue", true, {}},
    {"deny removes public", Check::kNoPublicAccess, "bucket-policy-public-denied", nullptr, {}, {}, "AWS::S3::Bucket", true, {}},
    {"named account", Check::kNoPublicAccess, "bucket-policy-account", nullptr, {}, {}, "AWS::S3::Bucket", true, {}},
    {"aws star", Check::kNoPublicAccess, "bucket-policy-account-and-public", nullptr, {}, {}, "AWS::S3::Bucket", false, {1}},
    {"any address", Check::kNoPublicAccess, "bucket-policy-any-ip", nullptr, {}, {}, "AWS::S3::Bucket", false, {0}},
    {"office addresses", Check::kNoPublicAccess, "bucket-policy-office-ip", nullptr, {}, {}, "AWS::S3::Bucket", true, {}},
    {"any endpoint", Check::kNoPublicAccess, "bucket-policy-any-vpce", nullptr, {}, {}, "AWS::S3::Bucket", false, {0}},
    {"our endpoint", Check::kNoPublicAccess, "bucket-policy-our-vpce", nullptr, {}, {}, "AWS::S3::Bucket", true, {}},
    {"role name of any account", Check::kNoPublicAccess, "bucket-policy-deploy-any-account", nullptr, {}, {}, "AWS::S3::Bucket", false, {0}},
    {"role names of our account", Check::kNoPublicAccess, "bucket-policy-deploy-our-account", nullptr, {}, {}, "AWS::S3::Bucket", true, {}},
    {"trust anyone with external id", Check::kNoPublicAccess, "trust-any-external-id", nullptr, {}, {}, "AWS::IAM::Role", false, {0}},
    {"trust partner account", Check::kNoPublicAccess, "trust-account", nullptr, {}, {}, "AWS::IAM::Role", true, {}},
    // Service keys that say who and where the caller is (caller_keys.h): no stranger sets them.
    {"kms caller account", Check::kNoPublicAccess, "key-policy-caller-account", nullptr, {}, {}, "AWS::KMS::Key", true, {}},
    {"access point account", Check::kNoPublicAccess, "bucket-policy-access-point-account", nullptr, {}, {}, "AWS::S3::Bucket", true, {}},
};
// clang-format on

void PrintTo(const Row& row, std::ostream* os) { *os << row.name; }

class CustomChecksTest : public testing::TestWithParam<Row> {};

TEST_P(CustomChecksTest, Decides) {
  const Row& row = GetParam();
  const CustomCheckOutcome outcome = RunCheck(row);
  for (const Diagnostic& d : outcome.diagnostics) ADD_FAILURE() << FormatDiagnostic(d);
  ASSERT_TRUE(outcome.result.has_value());
  const CustomCheckResult& result = *outcome.result;
  const std::string json = CustomCheckJson(result);
  EXPECT_EQ(result.pass, row.pass) << json;
  EXPECT_FALSE(result.exhausted) << json;
  EXPECT_LT(result.questions, kMaxCustomCheckQuestions) << json;
  std::vector<int> statements;
  for (const CustomCheckReason& r : result.reasons) {
    statements.push_back(r.statement_index);
    EXPECT_FALSE(r.description.empty());
    EXPECT_GT(r.location.span.begin.line, 0) << r.description;
  }
  EXPECT_EQ(statements, row.statements) << json;
  std::cerr << row.name << ": " << result.questions << " questions\n";
  EXPECT_EQ(result.witness.empty(), row.pass) << json;
  EXPECT_EQ(json.find("\"witness\""), row.pass ? std::string::npos : json.find("\"witness\""));
}

INSTANTIATE_TEST_SUITE_P(Rows, CustomChecksTest, testing::ValuesIn(kRows),
                         [](const testing::TestParamInfo<Row>& info) {
                           std::string name;
                           for (const char* c = info.param.name; *c != '\0'; ++c) {
                             name.push_back(isalnum(static_cast<unsigned char>(*c)) ? *c : '_');
                           }
                           return name;
                         });

TEST(CustomChecks, InputErrorsGiveNoResult) {
  const CustomCheckOutcome outcome =
      CheckNoPublicAccess("broken.json", Fixture("broken.json"), LintOptions());
  EXPECT_FALSE(outcome.result.has_value());
  ASSERT_FALSE(outcome.diagnostics.empty());
  EXPECT_EQ(outcome.diagnostics[0].location.file, "broken.json");
  EXPECT_GT(outcome.diagnostics[0].location.span.begin.line, 0);
}

TEST(CustomChecks, JsonShape) {
  CustomCheckResult pass;
  EXPECT_EQ(CustomCheckJson(pass), R"({"result": "PASS", "reasons": []})");
  CustomCheckResult fail;
  fail.pass = false;
  fail.reasons.push_back({"Statement 0 allows it", 0, "Read", {}});
  fail.witness = R"({"principal": "anonymous"})";
  EXPECT_EQ(CustomCheckJson(fail),
            R"({"result": "FAIL", "reasons": [{"description": "Statement 0 allows it", )"
            R"("statementIndex": 0, "sid": "Read"}], "witness": {"principal": "anonymous"}})");
}

TEST(CustomChecks, WitnessNamesTheRequest) {
  const CustomCheckOutcome outcome = CheckNoPublicAccess(
      "bucket-policy-public.json", Fixture("bucket-policy-public.json"), LintOptions());
  ASSERT_TRUE(outcome.result.has_value());
  const std::string& w = outcome.result->witness;
  EXPECT_NE(w.find("\"principal\": \"anonymous\""), std::string::npos) << w;
  EXPECT_NE(w.find("\"action\": \"s3:GetObject\""), std::string::npos) << w;
  EXPECT_NE(w.find("arn:aws:s3:::website/"), std::string::npos) << w;
  EXPECT_EQ(w.find('\n'), std::string::npos) << w;
}

}  // namespace
}  // namespace iamsim
