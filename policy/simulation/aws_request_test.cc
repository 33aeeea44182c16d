// simulate-custom-policy requests: AWS's input shape in, AWS's output shape out.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html
#include "policy/simulation/aws_request.h"

#include <fstream>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "policy/evaluate/evaluator.h"
#include "policy/explain/aws_report.h"

namespace iamsim {
namespace {

using ::testing::HasSubstr;

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(AwsRequestTest, DecidesEveryActionOnEveryResource) {
  AwsRequestLoadResult loaded =
      LoadAwsRequest(Read("testdata/aws/simulate-custom-policy.json"), "req.json");
  ASSERT_TRUE(loaded.simulation) << FormatDiagnostics(loaded.diagnostics);
  const AwsSimulation& sim = *loaded.simulation;
  EXPECT_EQ(sim.resource_account, "444455556666");
  std::vector<AwsEvaluation> evaluations;
  std::vector<DecisionKind> kinds;
  for (size_t a = 0; a < sim.actions.size(); ++a) {
    for (size_t r = 0; r < sim.resources.size(); ++r) {
      PreparedRequest request;
      ASSERT_TRUE(PreparedRequest::Prepare(sim.request(a, r), &request).ok());
      evaluations.push_back(
          AwsEvaluation{sim.actions[a], sim.resources[r], Evaluate(sim.assembly(), request)});
      kinds.push_back(evaluations.back().decision.kind);
    }
  }
  // Only InvokeFunction on the unqualified ARN is granted by both sides.
  EXPECT_EQ(kinds,
            (std::vector<DecisionKind>{DecisionKind::kAllow, DecisionKind::kImplicitDeny,
                                       DecisionKind::kImplicitDeny, DecisionKind::kImplicitDeny}));
  JsonWriter json;
  WriteAwsEvaluationResults(
      sim.assembly(), evaluations,
      [&sim](const CompiledPolicy& p, const Statement& s) {
        return sim.SpanInPolicyString(p.id(), s.index);
      },
      &json);
  const std::string out = json.str();
  EXPECT_THAT(out, HasSubstr(R"("EvalActionName": "lambda:GetFunction")"));
  EXPECT_THAT(out, HasSubstr(R"("EvalResourceDecision": "allowed")"));
  // The statement's exact position inside the PolicyInputList.1 string.
  EXPECT_THAT(out, HasSubstr(R"("SourcePolicyId": "PolicyInputList.1",
              "SourcePolicyType": "none",
              "StartPosition": {
                "Line": 4,
                "Column": 5
              })"));
}

TEST(AwsRequestTest, ListContextTypesAreMultivalued) {
  AwsRequestLoadResult loaded = LoadAwsRequest(R"({
    "PolicyInputList": ["{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"a\",\"b\"]}}}}"],
    "ActionNames": ["s3:PutObjectTagging"],
    "CallerArn": "arn:aws:iam::111122223333:user/alice",
    "ContextEntries": [{"ContextKeyName": "aws:TagKeys", "ContextKeyValues": ["a", "c"], "ContextKeyType": "stringList"}]
  })",
                                               "req.json");
  ASSERT_TRUE(loaded.simulation) << FormatDiagnostics(loaded.diagnostics);
  PreparedRequest request;
  ASSERT_TRUE(PreparedRequest::Prepare(loaded.simulation->request(0, 0), &request).ok());
  EXPECT_EQ(Evaluate(loaded.simulation->assembly(), request).kind, DecisionKind::kImplicitDeny);
}

TEST(AwsRequestTest, ErrorsInsidePolicyStringsAreLocatedInTheString) {
  AwsRequestLoadResult loaded = LoadAwsRequest(R"({
    "PolicyInputList": ["{\"Version\":\"2012-10-17\",\n\"Statement\":{\"Effect\":\"allow\",\"Action\":\"*\",\"Resource\":\"*\"}}"],
    "ActionNames": ["s3:GetObject"],
    "ContextEntries": [{"ContextKeyName": "aws:SourceIp", "ContextKeyValues": ["1.2.3.4"], "ContextKeyType": "ipaddress"}]
  })",
                                               "req.json");
  EXPECT_FALSE(loaded.simulation);
  ASSERT_EQ(loaded.diagnostics.size(), 2u);
  // The policy is a JSON string on line 2 of the file; its Effect is there
  // (column counted independently), whatever lines the string's own \n make.
  EXPECT_EQ(FormatDiagnostic(loaded.diagnostics[0]),
            "req.json:2:82: error invalid-effect: Effect must be \"Allow\" or \"Deny\", not "
            "\"allow\"; did you mean \"Allow\"? (at /PolicyInputList/0 /Statement/Effect)");
  EXPECT_EQ(loaded.diagnostics[0].location.document, "/PolicyInputList/0");
  EXPECT_EQ(loaded.diagnostics[0].location.path, "/Statement/Effect");
  EXPECT_EQ(
      FormatDiagnostic(loaded.diagnostics[1]),
      "req.json:4:110: error invalid-input: unknown ContextKeyType \"ipaddress\"; AWS's types are "
      "string, stringList, numeric, numericList, boolean, booleanList, ip, ipList, binary, "
      "binaryList, date, dateList (at /ContextEntries/0/ContextKeyType)");
}

// Without CallerArn AWS simulates the policies alone: no principal keys, and
// the resource counts as the stand-in caller's (no cross-account rule).
TEST(AwsRequestTest, WithoutCallerArnPrincipalKeysAreMissing) {
  AwsRequestLoadResult loaded = LoadAwsRequest(R"({
    "PolicyInputList": ["{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalAccount\":\"123456789012\"}}}}"],
    "ActionNames": ["s3:GetObject"],
    "ResourceArns": ["arn:aws:s3:::bucket/key"]
  })",
                                               "req.json");
  ASSERT_TRUE(loaded.simulation) << FormatDiagnostics(loaded.diagnostics);
  PreparedRequest request;
  ASSERT_TRUE(PreparedRequest::Prepare(loaded.simulation->request(0, 0), &request).ok());
  const Decision d = Evaluate(loaded.simulation->assembly(), request);
  EXPECT_EQ(d.kind, DecisionKind::kImplicitDeny);
  ASSERT_EQ(d.missing_keys.size(), 1u);
  EXPECT_EQ(d.missing_keys[0]->name, "aws:PrincipalAccount");
}

// Columns below were counted independently of iamsim (Python str.index + 1).
struct BadRequest {
  std::string name;
  std::string members;  // Added to a valid request's members.
  std::string error;    // The first diagnostic, formatted.
};
void PrintTo(const BadRequest& b, std::ostream* os) { *os << b.name; }

class AwsRequestErrorTest : public ::testing::TestWithParam<BadRequest> {};

TEST_P(AwsRequestErrorTest, RejectedWithALocatedMessage) {
  const BadRequest& b = GetParam();
  const std::string text =
      "{\"PolicyInputList\": [\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":"
      "{\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":\\\"*\\\",\\\"Resource\\\":\\\"*\\\"}}\"],\n" +
      b.members + "}";
  AwsRequestLoadResult loaded = LoadAwsRequest(text, "req.json");
  EXPECT_FALSE(loaded.simulation) << text;
  ASSERT_FALSE(loaded.diagnostics.empty()) << text;
  EXPECT_EQ(FormatDiagnostic(loaded.diagnostics[0]), b.error) << text;
}

INSTANTIATE_TEST_SUITE_P(
    Requests, AwsRequestErrorTest,
    ::testing::Values(
        BadRequest{
            "ValuesNotAnArray",
            R"("ActionNames": ["s3:GetObject"], "ContextEntries": [{"ContextKeyName": "aws:TagKeys", "ContextKeyValues": "a", "ContextKeyType": "stringList"}])",
            "req.json:2:107: error json-type: ContextKeyValues must be an array, not a string (at "
            "/ContextEntries/0/ContextKeyValues)"},
        BadRequest{"UnknownMember",
                   R"("ActionNames": ["s3:GetObject"], "ResourceArn": ["arn:aws:s3:::b/k"])",
                   "req.json:2:34: error unknown-element: unknown element \"ResourceArn\" in a "
                   "simulate-custom-policy request; did you mean \"ResourceArns\"? (at "
                   "/ResourceArn)"},
        BadRequest{
            "ResourcePolicyWithoutCaller",
            R"("ActionNames": ["s3:GetObject"], "ResourcePolicy": "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}}")",
            "req.json:1:1: error missing-element: CallerArn is required with a ResourcePolicy: it "
            "is the principal the resource policy is evaluated for (at /)"},
        BadRequest{
            "NumericValue",
            R"("ActionNames": ["s3:GetObject"], "ContextEntries": [{"ContextKeyName": "s3:max-keys", "ContextKeyValues": ["ten"], "ContextKeyType": "numeric"}])",
            "req.json:2:108: error invalid-request: \"ten\" is not a number (ContextKeyType "
            "numeric) (at "
            "/ContextEntries/0/ContextKeyValues/0)"},
        BadRequest{
            "DateValue",
            R"("ActionNames": ["s3:GetObject"], "ContextEntries": [{"ContextKeyName": "aws:CurrentTime", "ContextKeyValues": ["2021-13-45"], "ContextKeyType": "date"}])",
            "req.json:2:112: error invalid-request: \"2021-13-45\" is not an ISO 8601 date or "
            "epoch seconds "
            "(ContextKeyType date) (at /ContextEntries/0/ContextKeyValues/0)"},
        BadRequest{"WildcardAction", R"("ActionNames": ["s3:GetObject", "s3:*"])",
                   "req.json:2:33: error invalid-request: ActionNames entry \"s3:*\" is not an "
                   "action; write "
                   "\"service:Action\" (one colon; letters, digits and - only), "
                   "for example \"lambda:InvokeFunction\" (no wildcards) (at /ActionNames/1)"},
        BadRequest{"DuplicateAction", R"("ActionNames": ["s3:GetObject", "S3:GetObject"])",
                   "req.json:2:33: error invalid-request: \"S3:GetObject\" is listed twice in "
                   "ActionNames (at "
                   "/ActionNames/1)"},
        BadRequest{
            "DuplicateContextKey",
            R"("ActionNames": ["s3:GetObject"], "ContextEntries": [{"ContextKeyName": "aws:SourceIp", "ContextKeyValues": ["1.2.3.4"], "ContextKeyType": "ip"}, {"ContextKeyName": "AWS:SourceIp", "ContextKeyValues": ["1.2.3.5"], "ContextKeyType": "ip"}])",
            "req.json:2:165: error invalid-request: context key \"AWS:SourceIp\" is given twice "
            "(keys are case-insensitive) (at /ContextEntries/1/ContextKeyName)"}),
    [](const ::testing::TestParamInfo<BadRequest>& info) { return info.param.name; });

TEST(AwsRequestTest, PolicyInputListIsRequired) {
  AwsRequestLoadResult loaded = LoadAwsRequest(R"({"ActionNames": ["s3:GetObject"]})", "req.json");
  EXPECT_FALSE(loaded.simulation);
  ASSERT_FALSE(loaded.diagnostics.empty());
  EXPECT_THAT(FormatDiagnostic(loaded.diagnostics[0]), HasSubstr("PolicyInputList is required"));
}

}  // namespace
}  // namespace iamsim
