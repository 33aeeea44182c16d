// iamsim simulate: decide and explain each simulation file.
#include <iostream>

#include "cli/commands.h"
#include "policy/evaluate/evaluator.h"
#include "policy/explain/json_writer.h"
#include "policy/explain/report.h"
#include "policy/simulation/simulation.h"

namespace iamsim::cli {

int RunSimulate(const SimulateOptions& options) {
  int exit_code = kExitOk;
  JsonWriter json;
  const bool json_output = options.format == "json";
  if (json_output && options.files.size() > 1) json.BeginArray();
  for (const std::string& file : options.files) {
    absl::StatusOr<std::string> text = ReadFile(file);
    if (!text.ok()) {
      std::cerr << text.status().message() << "\n";
      exit_code = kExitInputError;
      continue;
    }
    SimulationLoadResult loaded = LoadSimulation(*text, file);
    std::cerr << FormatDiagnostics(loaded.diagnostics);
    if (!loaded.simulation) {
      exit_code = kExitInputError;
      continue;
    }
    const Simulation& sim = *loaded.simulation;
    PreparedRequest request;
    absl::Status status = PreparedRequest::Prepare(sim.request(), &request);
    if (!status.ok()) {  // LoadSimulation already validated the request.
      std::cerr << file << ": " << status.message() << "\n";
      exit_code = kExitInputError;
      continue;
    }
    Explanation explanation;
    const Decision decision = Evaluate(*sim.graph, request, {}, &explanation);
    ReportInput report{sim.source, sim.name, sim.graph.get(), &request, &decision, &explanation,
                       sim.expected_decision};
    if (json_output) {
      WriteJsonReport(report, &json);
    } else {
      std::cout << RenderText(report) << "\n";
    }
    if (sim.expected_decision && *sim.expected_decision != decision.kind &&
        exit_code == kExitOk) {
      exit_code = kExitFailed;
    }
  }
  if (json_output) {
    if (options.files.size() > 1) json.EndArray();
    std::cout << json.str() << "\n";
  }
  return exit_code;
}

}  // namespace iamsim::cli
