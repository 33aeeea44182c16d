// Property test: on randomly generated policies and requests, evaluation
// through the action index must agree with checking every statement (the
// oracle) on the decision, the reason, the deciding statements and the
// missing context keys. A fixed seed keeps failures reproducible; the
// failing simulation is printed.
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "policy/evaluate/evaluator.h"
#include "policy/simulation/simulation.h"

namespace iamsim {
namespace {

class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}

  std::string Simulation() {
    std::vector<std::string> parts = {Request()};
    std::vector<std::string> identity;
    for (int i = Int(0, 3); i > 0; --i) {
      identity.push_back(absl::StrCat(R"({"name":"id)", i, R"(","document":)", Policy(false), "}"));
    }
    parts.push_back(absl::StrCat(R"("identityPolicies":[)", absl::StrJoin(identity, ","), "]"));
    if (Chance(70)) parts.push_back(absl::StrCat(R"("resourcePolicy":)", Policy(true)));
    if (Chance(20)) parts.push_back(absl::StrCat(R"("permissionsBoundary":)", Policy(false)));
    if (Chance(20)) parts.push_back(absl::StrCat(R"("sessionPolicy":)", Policy(false)));
    if (Chance(40)) {
      std::vector<std::string> levels;
      for (int i = Int(1, 3); i > 0; --i) {
        levels.push_back(
            absl::StrCat(R"([{"name":"scp)", i, R"(","document":)", Policy(false), "}]"));
      }
      parts.push_back(
          absl::StrCat(R"("serviceControlPolicies":[)", absl::StrJoin(levels, ","), "]"));
    }
    return absl::StrCat("{", absl::StrJoin(parts, ","), "}");
  }

 private:
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(int percent) { return Int(1, 100) <= percent; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Int(0, static_cast<int>(v.size()) - 1)];
  }

  std::string Request() {
    const std::string principal = Pick<std::string>(
        {"arn:aws:sts::111122223333:assumed-role/app/s1", "arn:aws:iam::111122223333:user/alice",
         "arn:aws:iam::444455556666:user/bob", "arn:aws:iam::111122223333:root",
         "apigateway.amazonaws.com", "anonymous", "arn:aws:sts::111122223333:federated-user/f"});
    const std::string action = Pick<std::string>({"lambda:InvokeFunction", "lambda:GetFunction",
                                                  "s3:GetObject", "S3:PutObject", "iam:PassRole"});
    const std::string resource =
        Pick<std::string>({"arn:aws:lambda:us-east-1:444455556666:function:QiitaSample",
                           "arn:aws:lambda:us-east-1:111122223333:function:QiitaSample:prod",
                           "arn:aws:s3:::bucket/alice/x", "arn:aws:iam::111122223333:role/app"});
    std::vector<std::string> context;
    if (Chance(50))
      context.push_back(
          R"("aws:SourceArn":"arn:aws:execute-api:us-east-1:444455556666:abc/prod/GET/x")");
    if (Chance(50)) context.push_back(R"("aws:SourceAccount":"444455556666")");
    if (Chance(50)) context.push_back(R"("aws:TagKeys":["env","team"])");
    return absl::StrCat(R"("request":{"principal":")", principal, R"(","action":")", action,
                        R"(","resource":")", resource, R"(","context":{)",
                        absl::StrJoin(context, ","), "}}");
  }

  std::string List(const std::vector<std::string>& pool, int max) {
    std::vector<std::string> items;
    for (int i = Int(1, max); i > 0; --i) items.push_back(absl::StrCat("\"", Pick(pool), "\""));
    return absl::StrCat("[", absl::StrJoin(items, ","), "]");
  }

  std::string Statement(bool resource_policy, int index) {
    std::string s =
        absl::StrCat(R"({"Sid":"S)", index, R"(","Effect":")", Chance(25) ? "Deny" : "Allow", "\"");
    const std::vector<std::string> actions = {"lambda:InvokeFunction",
                                              "lambda:invoke*",
                                              "lambda:*",
                                              "*",
                                              "s3:Get*",
                                              "s3:PutObject",
                                              "S3:*Object",
                                              "iam:Pass?ole",
                                              "lambda:GetFunction",
                                              "sts:AssumeRole"};
    absl::StrAppend(&s, Chance(15) ? R"(,"NotAction":)" : R"(,"Action":)", List(actions, 3));
    const std::vector<std::string> resources = {
        "*",
        "arn:aws:lambda:*:444455556666:function:Qiita*",
        "arn:aws:lambda:us-east-1:111122223333:function:QiitaSample:*",
        "arn:aws:s3:::bucket/${aws:username}/*",
        "arn:aws:s3:::bucket/*",
        "arn:aws:iam::*:role/app"};
    absl::StrAppend(&s, Chance(10) ? R"(,"NotResource":)" : R"(,"Resource":)", List(resources, 2));
    if (resource_policy) {
      const std::vector<std::string> principals = {
          R"("*")",
          R"({"AWS":"111122223333"})",
          R"({"AWS":"arn:aws:iam::111122223333:role/app"})",
          R"({"AWS":"arn:aws:sts::111122223333:assumed-role/app/s1"})",
          R"({"Service":"apigateway.amazonaws.com"})",
          R"({"AWS":["arn:aws:iam::444455556666:root","111122223333"]})"};
      absl::StrAppend(&s, R"(,"Principal":)", Pick(principals));
    }
    if (Chance(40)) {
      const std::vector<std::string> conditions = {
          R"("ArnLike":{"aws:SourceArn":"arn:aws:execute-api:*:444455556666:abc/*"})",
          R"("StringEquals":{"aws:SourceAccount":"444455556666"})",
          R"("StringNotEquals":{"aws:PrincipalAccount":"999999999999"})",
          R"("ForAnyValue:StringLike":{"aws:TagKeys":"te*"})",
          R"("ForAllValues:StringEquals":{"aws:TagKeys":["env"]})",
          R"("Null":{"aws:SourceArn":"false"})",
          R"("BoolIfExists":{"aws:SecureTransport":"true"})"};
      absl::StrAppend(&s, R"(,"Condition":{)", Pick(conditions), "}");
    }
    return s + "}";
  }

  std::string Policy(bool resource_policy) {
    std::vector<std::string> statements;
    for (int i = Int(1, 4); i > 0; --i) statements.push_back(Statement(resource_policy, i));
    return absl::StrCat(R"({"Version":"2012-10-17","Statement":[)", absl::StrJoin(statements, ","),
                        "]}");
  }

  std::mt19937 rng_;
};

std::vector<std::string> KeyNames(const Decision& d) {
  std::vector<std::string> names;
  for (const ContextKey* key : d.missing_keys) names.push_back(key->lower_name);
  std::sort(names.begin(), names.end());
  return names;
}

TEST(IndexOracleTest, IndexedAndUnindexedEvaluationAgree) {
  Generator generator(20261125);
  int decided = 0, allowed = 0, explicit_denies = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string text = generator.Simulation();
    SimulationLoadResult loaded = LoadSimulation(text, "generated.json");
    if (!loaded.simulation) continue;  // e.g. a trust-policy request with Resource in the policy.
    PreparedRequest request;
    ASSERT_TRUE(PreparedRequest::Prepare(loaded.simulation->request(), &request).ok());
    const Assembly assembly = loaded.simulation->assembly();
    const Decision indexed = Evaluate(assembly, request);
    const Decision oracle = Evaluate(assembly, request, EvaluateOptions{/*use_index=*/false});
    ASSERT_EQ(indexed.kind, oracle.kind) << text;
    ASSERT_EQ(indexed.reason, oracle.reason) << text;
    ASSERT_TRUE(indexed.deciding == oracle.deciding) << text;
    ASSERT_EQ(KeyNames(indexed), KeyNames(oracle)) << text;
    ++decided;
    allowed += indexed.kind == DecisionKind::kAllow;
    explicit_denies += indexed.kind == DecisionKind::kExplicitDeny;
  }
  // The generator must exercise every outcome, or the property says little.
  EXPECT_GT(decided, 2500);
  EXPECT_GT(allowed, 100);
  EXPECT_GT(explicit_denies, 100);
  EXPECT_GT(decided - allowed - explicit_denies, 100);
}

}  // namespace
}  // namespace iamsim
