#include "policy/conditions/condition_test_util.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "policy/evaluate/evaluator.h"
#include "policy/simulation/simulation.h"

namespace iamsim {

void ExpectRowHolds(const Row& r) {
  const std::string sim = absl::StrCat(
      R"({"request":{"principal":")", r.principal,
      R"(","action":"s3:GetObject","resource":"arn:aws:s3:::b/k","resourceAccount":"111122223333","context":)",
      r.context, R"(},"identityPolicies":[{"name":"p","document":{"Version":")", r.version,
      R"(","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":)", r.condition,
      "}]}}]}");
  SimulationLoadResult loaded = LoadSimulation(sim, r.name);
  ASSERT_TRUE(loaded.simulation) << FormatDiagnostics(loaded.diagnostics);
  PreparedRequest request;
  ASSERT_TRUE(PreparedRequest::Prepare(loaded.simulation->request(), &request).ok());
  const Decision d = Evaluate(loaded.simulation->assembly(), request);
  EXPECT_EQ(d.kind == DecisionKind::kAllow, r.holds) << r.condition << " with " << r.context;
}

void ExpectInvalidValue(const InvalidValue& v) {
  // A Deny holding the invalid value, in each slot where a policy can be.
  const std::string statement =
      absl::StrCat(R"({"Effect":"Deny","Action":"*","Resource":"*","Condition":{")", v.op,
                   R"(":{"aws:SourceIp":)", v.value, "}}}");
  const std::string principal_statement =
      absl::StrCat(R"({"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{")",
                   v.op, R"(":{"aws:SourceIp":)", v.value, "}}}");
  const std::string allow =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})";
  struct Slot {
    std::string field;    // The simulation file member.
    std::string json;     // Its value.
    std::string pointer;  // Of the policy document.
  };
  auto doc = [](const std::string& s) {
    return absl::StrCat(R"({"Version":"2012-10-17","Statement":[)", s, "]}");
  };
  const Slot slots[] = {
      {"identityPolicies", absl::StrCat(R"([{"name":"p","document":)", doc(statement), "}]"),
       "/identityPolicies/0/document"},
      {"resourcePolicy", doc(principal_statement), "/resourcePolicy"},
      {"permissionsBoundary", doc(statement), "/permissionsBoundary"},
      {"sessionPolicy", doc(statement), "/sessionPolicy"},
      {"serviceControlPolicies",
       absl::StrCat(R"([[{"name":"s","document":)", doc(statement), "}]]"),
       "/serviceControlPolicies/0/0/document"},
      {"resourceControlPolicies",
       absl::StrCat(R"([[{"name":"r","document":)", doc(principal_statement), "}]]"),
       "/resourceControlPolicies/0/0/document"},
  };
  for (const Slot& slot : slots) {
    std::string sim = absl::StrCat(
        R"({"request":{"principal":"arn:aws:sts::111122223333:assumed-role/app/s",)",
        R"("action":"s3:GetObject","resource":"arn:aws:s3:::b/k","resourceAccount":"111122223333"},)");
    if (slot.field != "identityPolicies") {
      absl::StrAppend(&sim, R"("identityPolicies":[{"name":"a","document":)", allow, "}],");
    }
    absl::StrAppend(&sim, "\"", slot.field, "\":", slot.json, "}");
    SimulationLoadResult loaded = LoadSimulation(sim, "sim.json");
    EXPECT_FALSE(loaded.simulation) << v.name << " in " << slot.field << " was accepted";
    const std::string path = absl::StrCat("/Statement/0/Condition/", v.op, "/aws:SourceIp",
                                          v.index >= 0 ? absl::StrCat("/", v.index) : "");
    bool found = false;
    for (const Diagnostic& d : loaded.diagnostics) {
      if (d.rule != Rule::kInvalidConditionValue || d.severity != Severity::kError) continue;
      found = true;
      EXPECT_EQ(d.location.document, slot.pointer) << v.name;
      EXPECT_EQ(d.location.path, path) << v.name;
      EXPECT_EQ(d.location.span.begin.line, 1u) << v.name;
      EXPECT_GT(d.location.span.begin.column, 1u) << v.name;
    }
    EXPECT_TRUE(found) << v.name << " in " << slot.field << ":\n"
                       << FormatDiagnostics(loaded.diagnostics);
  }
}

TEST_P(ConditionTest, Holds) { ExpectRowHolds(GetParam()); }
TEST_P(InvalidValueTest, IsAnErrorInEverySlot) { ExpectInvalidValue(GetParam()); }
// Each family's test binary instantiates the suites it has rows for.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ConditionTest);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(InvalidValueTest);

}  // namespace iamsim
