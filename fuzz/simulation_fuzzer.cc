// libFuzzer target: a simulation file and a simulate-custom-policy request
// (the same bytes read as both) -> loaded -> decided with an explanation ->
// rendered as text and JSON. Checks the loaders' contracts (a simulation iff
// no error; every diagnostic located inside the text) and that the indexed
// and unindexed evaluators agree.
//
//   tools/fuzz simulation 60  (bazel build --config=fuzz //fuzz:simulation_fuzzer)
// Replayed over testdata/fuzz/simulation by //fuzz:simulation_fuzzer_replay_test.
#include <cstdint>
#include <string>

#include "fuzz/fuzz_checks.h"
#include "policy/evaluate/evaluator.h"
#include "policy/explain/json_writer.h"
#include "policy/explain/report.h"
#include "policy/json/json_tree.h"
#include "policy/simulation/aws_request.h"
#include "policy/simulation/simulation.h"

namespace {

using namespace iamsim;

void Decide(const Assembly& assembly, const Request& request, const Expectation* expected) {
  PreparedRequest prepared;
  fuzz::Check(PreparedRequest::Prepare(request, &prepared).ok());
  Explanation explanation;
  const Decision decision = Evaluate(assembly, prepared, {}, &explanation);
  const Decision oracle = Evaluate(assembly, prepared, EvaluateOptions{false});
  fuzz::Check(decision.kind == oracle.kind && decision.deciding == oracle.deciding);
  const ReportInput report{"fuzz.json", "",           &assembly, &prepared,
                           &decision,   &explanation, expected,  nullptr};
  fuzz::Check(!RenderText(report).empty());
  JsonWriter json;
  WriteJsonReport(report, &json);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const SourceText file("fuzz.json", std::string(reinterpret_cast<const char*>(data), size));
  // Not JSON: both loaders would say the same.
  JsonParseResult json = ParseJson(file, kSimulationLimits);
  fuzz::CheckDiagnostics(json.diagnostics, size);
  if (!json.root) return 0;
  SimulationLoadResult simulation = LoadSimulation(file);
  fuzz::CheckDiagnostics(simulation.diagnostics, size);
  fuzz::Check(simulation.simulation.has_value() == !HasErrors(simulation.diagnostics));
  if (simulation.simulation) {
    const Simulation& sim = *simulation.simulation;
    Decide(sim.assembly(), sim.request(), &sim.expect);
  }
  AwsRequestLoadResult aws = LoadAwsRequest(file);
  fuzz::CheckDiagnostics(aws.diagnostics, size);
  fuzz::Check(aws.simulation.has_value() == !HasErrors(aws.diagnostics));
  if (aws.simulation) {
    const AwsSimulation& sim = *aws.simulation;
    // A bounded number of questions per input.
    for (size_t a = 0; a < sim.actions.size() && a < 4; ++a) {
      for (size_t r = 0; r < sim.resources.size() && r < 4; ++r) {
        Decide(sim.assembly(), sim.request(a, r), nullptr);
      }
    }
  }
  return 0;
}
