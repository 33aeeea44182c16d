// iamsim test: run every simulation file with an expectation; summarize.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "absl/strings/match.h"
#include "cli/commands.h"
#include "policy/evaluate/evaluator.h"
#include "policy/explain/expectation.h"
#include "policy/explain/report.h"
#include "policy/simulation/simulation.h"

namespace iamsim::cli {

int RunTest(const TestOptions& options) {
  std::vector<std::string> files;
  int passed = 0, failed = 0, errors = 0, without_expectation = 0;
  for (const std::string& dir : options.directories) {
    if (!CollectFiles(dir, {".json"}, &files)) ++errors;
  }
  std::sort(files.begin(), files.end());
  for (const std::string& file : files) {
    absl::StatusOr<std::string> text = ReadInput(file, kSimulationLimits.max_bytes);
    if (!text.ok()) {
      std::cerr << text.status().message() << "\n";
      ++errors;
      continue;
    }
    SimulationLoadResult loaded = LoadSimulation(*text, file);
    std::cerr << FormatDiagnostics(loaded.diagnostics);
    if (!loaded.simulation) {
      // Not a simulation file at all is an input error; a simulation file
      // with errors is a failed test.
      if (!loaded.recognized || ExitCodeForDiagnostics(loaded.diagnostics) == kExitInputError) {
        ++errors;
      } else {
        ++failed;
        std::cout << "FAIL " << file << ": the file has errors (above)\n";
      }
      continue;
    }
    const Simulation& sim = *loaded.simulation;
    if (sim.expect.empty()) {  // Not a test.
      ++without_expectation;
      continue;
    }
    PreparedRequest request;
    if (!PreparedRequest::Prepare(sim.request(), &request).ok()) {
      ++errors;
      continue;
    }
    const Assembly assembly = sim.assembly();
    Explanation explanation;
    const Decision decision = Evaluate(assembly, request, {}, &explanation);
    const ExpectationCheck check = CheckExpectation(sim.expect, assembly, decision);
    if (check.passed) {
      ++passed;
      if (options.verbose) std::cout << "PASS " << file << "\n";
      continue;
    }
    ++failed;
    std::cout << "FAIL " << file << "\n";
    for (const std::string& failure : check.failures) std::cout << "  " << failure << "\n";
    if (options.verbose) {
      ReportInput report{sim.source, sim.name,     &assembly,   &request,
                         &decision,  &explanation, &sim.expect, &loaded.diagnostics};
      std::cout << RenderText(report) << "\n";
    }
  }
  std::cout << passed << " passed, " << failed << " failed";
  if (errors > 0) std::cout << ", " << errors << (errors == 1 ? " input error" : " input errors");
  if (without_expectation > 0)
    std::cout << " (" << without_expectation << " files without \"expect\")";
  std::cout << "\n";
  if (errors > 0) return kExitInputError;
  if (passed + failed == 0) {
    std::cerr << "no simulation file with an \"expect\" was found\n";
    return kExitInputError;
  }
  return failed > 0 ? kExitFailed : kExitOk;
}

}  // namespace iamsim::cli
