// The template readers (CloudFormation JSON/YAML, SAM, Terraform plan JSON)
// on fixtures in their real shapes (testdata/lint/inputs): the kind each
// file is recognized as, the policies found with their types, the exact
// file position and pointer of a planted problem in each, and no finding
// caused by an intrinsic function or an unknown value.
#include "policy/lint/lint_inputs.h"

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "policy/json/json_tree.h"
#include "policy/lint/lint.h"

namespace iamsim {
namespace {

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// "type resource-type pointer" of each policy FindPolicies finds in `path`.
std::vector<std::string> PoliciesOf(const std::string& path, std::string* kind) {
  const SourceText file(path, Read(path));
  std::vector<Diagnostic> diagnostics;
  std::optional<JsonValue> root;
  if (absl::EndsWith(path, ".yaml")) {
    root = ParseYamlTemplate(file, &diagnostics);
  } else {
    root = ParseJson(file, kWorldFileLimits).root;
  }
  EXPECT_TRUE(root) << FormatDiagnostics(diagnostics);
  if (!root) return {};
  std::optional<FoundPolicies> found = FindPolicies(file, *root, LintOptions{});
  EXPECT_TRUE(found);
  if (!found) return {};
  *kind = found->kind;
  std::vector<std::string> out;
  for (const EmbeddedPolicy& p : found->policies) {
    out.push_back(absl::StrCat(PolicyTypeName(p.type), " ", p.resource_type, " ", p.pointer));
  }
  return out;
}

// "line:column rule document path" of each finding of LintText on `path`.
std::vector<std::string> FindingsOf(const std::string& path) {
  const LintReport report = LintText(path, Read(path), LintOptions{});
  std::vector<std::string> out;
  for (const Diagnostic& d : report.findings) {
    out.push_back(absl::StrCat(FormatPosition(d.location.span.begin), " ", RuleId(d.rule), " ",
                               d.location.document, " ", d.location.path));
  }
  return out;
}

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr char kDir[] = "testdata/lint/inputs/";

std::vector<std::string> FindingsOfText(const std::string& name, const std::string& text) {
  const LintReport report = LintText(name, text, LintOptions{});
  std::vector<std::string> out;
  for (const Diagnostic& d : report.findings) {
    out.push_back(absl::StrCat(FormatPosition(d.location.span.begin), " ", RuleId(d.rule), " ",
                               d.location.document, " ", d.location.path));
  }
  return out;
}

TEST(LintInputsTest, CloudFormationYamlWithShortTags) {
  const std::string path = absl::StrCat(kDir, "cfn-template.yaml");
  std::string kind;
  EXPECT_THAT(
      PoliciesOf(path, &kind),
      ElementsAre("trust AWS::IAM::AssumeRolePolicyDocument "
                  "/Resources/WorkerRole/Properties/AssumeRolePolicyDocument",
                  "identity  /Resources/WorkerRole/Properties/Policies/0/PolicyDocument",
                  "boundary  /Resources/WorkerBoundary/Properties/PolicyDocument",
                  "resource AWS::SQS::Queue /Resources/OrdersQueuePolicy/Properties/PolicyDocument",
                  "resource AWS::KMS::Key /Resources/OrdersKey/Properties/KeyPolicy",
                  "resource AWS::Lambda::Function /Resources/WebhookUrlPermission/Properties",
                  "scp  /Resources/OrgGuardrails/Properties/Content"));
  EXPECT_EQ(kind, "cloudformation");
  const std::vector<std::string> findings = FindingsOf(path);
  // The typo in the role's inline policy, at its YAML line and column.
  EXPECT_THAT(findings, Contains("41:21 unknown-action "
                                 "/Resources/WorkerRole/Properties/Policies/0/PolicyDocument "
                                 "/Statement/0/Action/2"));
  // The public function URL, located at the permission's properties.
  EXPECT_THAT(findings, Contains("100:7 lambda-function-url-public "
                                 "/Resources/WebhookUrlPermission/Properties /Statement/0"));
  for (const std::string& f : findings) {
    EXPECT_TRUE(absl::StartsWith(f, "41:21 ") || absl::StartsWith(f, "100:7 ")) << f;
  }
}

TEST(LintInputsTest, CloudFormationJson) {
  const std::string path = absl::StrCat(kDir, "cfn-template.json");
  std::string kind;
  EXPECT_THAT(
      PoliciesOf(path, &kind),
      ElementsAre(
          "resource AWS::S3::Bucket /Resources/ReportsBucketPolicy/Properties/PolicyDocument",
          "trust AWS::IAM::AssumeRolePolicyDocument "
          "/Resources/ReplicationRole/Properties/AssumeRolePolicyDocument",
          "identity  /Resources/ReplicationPolicy/Properties/PolicyDocument",
          "resource AWS::Lambda::Function /Resources/ThumbnailPermission/Properties",
          "resource AWS::SNS::Topic /Resources/AlertsTopicPolicy/Properties/PolicyDocument"));
  EXPECT_EQ(kind, "cloudformation");
  EXPECT_THAT(FindingsOf(path),
              ElementsAre("33:49 unknown-action "
                          "/Resources/ReportsBucketPolicy/Properties/PolicyDocument "
                          "/Statement/1/Action/1"));
}

TEST(LintInputsTest, SamTemplate) {
  const std::string path = absl::StrCat(kDir, "sam-template.yaml");
  std::string kind;
  EXPECT_THAT(
      PoliciesOf(path, &kind),
      ElementsAre(
          "identity  /Resources/ThumbnailFunction/Properties/Policies/2",
          "resource AWS::S3::Bucket /Resources/UploadsBucketPolicy/Properties/PolicyDocument"));
  EXPECT_EQ(kind, "cloudformation");
  EXPECT_THAT(FindingsOf(path),
              ElementsAre("35:19 unknown-action /Resources/ThumbnailFunction/Properties/Policies/2 "
                          "/Statement/0/Action/0"));
}

TEST(LintInputsTest, TerraformPlan) {
  const std::string path = absl::StrCat(kDir, "terraform-plan.json");
  std::string kind;
  // The role policy whose document is unknown until apply, and the data
  // source, are not linted.
  EXPECT_THAT(
      PoliciesOf(path, &kind),
      ElementsAre("identity  /planned_values/root_module/resources/0/values/policy",
                  "trust AWS::IAM::AssumeRolePolicyDocument "
                  "/planned_values/root_module/resources/1/values/assume_role_policy",
                  "identity  /planned_values/root_module/resources/1/values/inline_policy/0/policy",
                  "resource AWS::Lambda::Function /planned_values/root_module/resources/3/values",
                  "scp  /planned_values/root_module/resources/4/values/content",
                  "resource AWS::SQS::Queue "
                  "/planned_values/root_module/child_modules/0/resources/0/values/policy"));
  EXPECT_EQ(kind, "terraform");
  // Positions inside the escaped JSON strings are those of the file.
  EXPECT_THAT(
      FindingsOf(path),
      ElementsAre("19:93 unknown-action /planned_values/root_module/resources/0/values/policy "
                  "/Statement/0/Action/2",
                  "32:165 empty-value "
                  "/planned_values/root_module/resources/1/values/assume_role_policy "
                  "/Statement/0/Sid"));
  // The permission's source_arn is unknown (after_unknown), not missing:
  // once known to be absent, the service principal is a confused deputy.
  std::string text = Read(path);
  const size_t at = text.find("\"source_arn\": true");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 18, "\"source_arn\": false");
  EXPECT_THAT(FindingsOfText(path, text),
              Contains("69:21 confused-deputy /planned_values/root_module/resources/3/values "
                       "/Statement/0"));
}

TEST(LintInputsTest, IntrinsicFunctionsCauseNoFindings) {
  const std::string path = absl::StrCat(kDir, "cfn-intrinsics.yaml");
  std::string kind;
  EXPECT_EQ(PoliciesOf(path, &kind).size(), 8u);  // The managed policy's document is unknown.
  EXPECT_THAT(FindingsOf(path), IsEmpty());
}

TEST(LintInputsTest, LambdaPermissionWithoutSourceIsJudged) {
  const std::string base =
      "Resources:\n"
      "  Perm:\n"
      "    Type: AWS::Lambda::Permission\n"
      "    Properties:\n"
      "      FunctionName: !GetAtt Fn.Arn\n"
      "      Action: lambda:InvokeFunction\n"
      "      Principal: sns.amazonaws.com\n";
  EXPECT_THAT(FindingsOfText("perm.yaml", base),
              ElementsAre("5:7 confused-deputy /Resources/Perm/Properties /Statement/0"));
  EXPECT_THAT(FindingsOfText("perm.yaml", base + "      SourceArn: !Ref Topic\n"), IsEmpty());
}

TEST(LintInputsTest, YamlProblemsAreLocated) {
  EXPECT_THAT(FindingsOfText("t.yaml", "Resources:\n  A:\n    Type: X\n  A:\n    Type: Y\n"),
              ElementsAre("4:3 duplicate-key  /Resources/A"));
  EXPECT_THAT(FindingsOfText("t.yaml", "Resources:\n  A: [1, 2\n  B: c\n"),
              ElementsAre("3:4 json-syntax  "));
  // Plain scalars are strings where IAM wants strings; a mapping is not.
  const std::string policy =
      "Version: 2012-10-17\n"
      "Statement:\n"
      "  - Effect: Allow\n"
      "    Action: {s3: GetObject}\n"
      "    Resource: '*'\n"
      "    Condition:\n"
      "      NumericLessThan: {aws:MultiFactorAuthAge: 3600}\n";
  EXPECT_THAT(FindingsOfText("policy.yaml", policy),
              ElementsAre("4:13 json-type  /Statement/0/Action"));
  // YAML that is not a template is not recognized.
  EXPECT_FALSE(LintText("ci.yaml", "on: push\njobs: {}\n", LintOptions{}).recognized);
}

}  // namespace
}  // namespace iamsim
