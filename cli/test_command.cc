// iamsim test: run every simulation file with an expectation; summarize.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "absl/strings/match.h"
#include "cli/commands.h"
#include "policy/evaluate/evaluator.h"
#include "policy/explain/report.h"
#include "policy/simulation/simulation.h"

namespace iamsim::cli {

int RunTest(const TestOptions& options) {
  std::vector<std::string> files;
  for (const std::string& dir : options.directories) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
      if (entry.is_regular_file() && absl::EndsWith(entry.path().string(), ".json")) {
        files.push_back(entry.path().string());
      }
    }
  }
  std::sort(files.begin(), files.end());
  int passed = 0, failed = 0, errors = 0;
  for (const std::string& file : files) {
    absl::StatusOr<std::string> text = ReadFile(file);
    if (!text.ok()) {
      std::cerr << text.status().message() << "\n";
      ++errors;
      continue;
    }
    SimulationLoadResult loaded = LoadSimulation(*text, file);
    if (!loaded.simulation) {
      std::cerr << FormatDiagnostics(loaded.diagnostics);
      ++errors;
      continue;
    }
    const Simulation& sim = *loaded.simulation;
    if (!sim.expected_decision) continue;  // Not a test.
    PreparedRequest request;
    if (!PreparedRequest::Prepare(sim.request(), &request).ok()) {
      ++errors;
      continue;
    }
    Explanation explanation;
    const Decision decision = Evaluate(*sim.graph, request, {}, &explanation);
    if (decision.kind == *sim.expected_decision) {
      ++passed;
      if (options.verbose) std::cout << "PASS " << file << "\n";
    } else {
      ++failed;
      std::cout << "FAIL " << file << ": expected " << DecisionKindName(*sim.expected_decision)
                << ", got " << DecisionKindName(decision.kind) << "\n";
      if (options.verbose) {
        ReportInput report{sim.source, sim.name, sim.graph.get(), &request, &decision,
                           &explanation, sim.expected_decision};
        std::cout << RenderText(report) << "\n";
      }
    }
  }
  std::cout << passed << " passed, " << failed << " failed";
  if (errors > 0) std::cout << ", " << errors << " input errors";
  std::cout << "\n";
  if (errors > 0) return kExitInputError;
  return failed > 0 ? kExitFailed : kExitOk;
}

}  // namespace iamsim::cli
