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
      evaluations.push_back(AwsEvaluation{sim.actions[a], sim.resources[r], Evaluate(*sim.graph, request)});
      kinds.push_back(evaluations.back().decision.kind);
    }
  }
  // Only InvokeFunction on the unqualified ARN is granted by both sides.
  EXPECT_EQ(kinds, (std::vector<DecisionKind>{DecisionKind::kAllow, DecisionKind::kImplicitDeny,
                                              DecisionKind::kImplicitDeny, DecisionKind::kImplicitDeny}));
  JsonWriter json;
  WriteAwsEvaluationResults(*sim.graph, evaluations, &json);
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
  })", "req.json");
  ASSERT_TRUE(loaded.simulation) << FormatDiagnostics(loaded.diagnostics);
  PreparedRequest request;
  ASSERT_TRUE(PreparedRequest::Prepare(loaded.simulation->request(0, 0), &request).ok());
  EXPECT_EQ(Evaluate(*loaded.simulation->graph, request).kind, DecisionKind::kImplicitDeny);
}

TEST(AwsRequestTest, ErrorsInsidePolicyStringsAreLocatedInTheString) {
  AwsRequestLoadResult loaded = LoadAwsRequest(R"({
    "PolicyInputList": ["{\"Version\":\"2012-10-17\",\n\"Statement\":{\"Effect\":\"allow\",\"Action\":\"*\",\"Resource\":\"*\"}}"],
    "ActionNames": ["s3:GetObject"],
    "ContextEntries": [{"ContextKeyName": "aws:SourceIp", "ContextKeyValues": ["1.2.3.4"], "ContextKeyType": "ipaddress"}]
  })", "req.json");
  EXPECT_FALSE(loaded.simulation);
  ASSERT_EQ(loaded.diagnostics.size(), 2u);
  EXPECT_EQ(FormatDiagnostic(loaded.diagnostics[0]),
            "req.json:4:110: error: unknown ContextKeyType \"ipaddress\"; AWS's types are string, "
            "stringList, numeric, numericList, boolean, booleanList, ip, ipList, binary, binaryList, "
            "date, dateList (at /ContextEntries/0/ContextKeyType)");
  EXPECT_THAT(FormatDiagnostic(loaded.diagnostics[1]),
              HasSubstr("req.json#PolicyInputList.1:2:23: error: Effect must be \"Allow\" or \"Deny\""));
}

}  // namespace
}  // namespace iamsim
