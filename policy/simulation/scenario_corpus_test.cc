// Runs every simulation file under testdata/scenarios and testdata/seed:
// the decision, deciding statements and deny reason must be those the
// file's "expect" names, and evaluating with the action index switched off
// (every statement checked) must give the same decision, deciding statements
// and reason.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "policy/evaluate/evaluator.h"
#include "policy/explain/expectation.h"
#include "policy/explain/report.h"
#include "policy/simulation/simulation.h"

namespace iamsim {
namespace {

std::vector<std::string> ScenarioFiles() {
  std::vector<std::string> files;
  for (const char* dir : {"testdata/seed", "testdata/scenarios"}) {
    if (!std::filesystem::exists(dir)) continue;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
      if (entry.is_regular_file() && absl::EndsWith(entry.path().string(), ".json")) {
        files.push_back(entry.path().string());
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

class ScenarioTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ScenarioTest, DecisionMatchesExpectationAndTheUnindexedOracle) {
  std::ifstream in(GetParam());
  std::stringstream text;
  text << in.rdbuf();
  SimulationLoadResult loaded = LoadSimulation(text.str(), GetParam());
  ASSERT_TRUE(loaded.simulation) << FormatDiagnostics(loaded.diagnostics);
  const Simulation& sim = *loaded.simulation;
  ASSERT_TRUE(sim.expect.decision) << "scenario files must have an expected decision";
  PreparedRequest request;
  ASSERT_TRUE(PreparedRequest::Prepare(sim.request(), &request).ok());

  const Assembly assembly = sim.assembly();
  Explanation explanation;
  const Decision indexed = Evaluate(assembly, request);
  const Decision traced = Evaluate(assembly, request, {}, &explanation);
  const Decision unindexed = Evaluate(assembly, request, EvaluateOptions{/*use_index=*/false});
  ReportInput report{sim.source, sim.name,     &assembly,   &request,
                     &traced,    &explanation, &sim.expect, &loaded.diagnostics};
  const ExpectationCheck check = CheckExpectation(sim.expect, assembly, indexed);
  EXPECT_TRUE(check.passed) << absl::StrJoin(check.failures, "\n") << "\n" << RenderText(report);
  EXPECT_EQ(indexed.kind, unindexed.kind);
  EXPECT_EQ(indexed.kind, traced.kind);
  EXPECT_TRUE(indexed.deciding == unindexed.deciding);
  EXPECT_TRUE(indexed.deciding == traced.deciding);
  EXPECT_EQ(indexed.reason, traced.reason);
  EXPECT_EQ(indexed.reason, unindexed.reason);
}

std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name) {
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, ScenarioTest, ::testing::ValuesIn(ScenarioFiles()), TestName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ScenarioTest);

}  // namespace
}  // namespace iamsim
