// iamsim simulate: decide and explain each simulation file (or AWS
// simulate-custom-policy request, with --aws-request).
#include <iostream>

#include "absl/strings/str_join.h"
#include "cli/commands.h"
#include "policy/evaluate/evaluator.h"
#include "policy/explain/aws_report.h"
#include "policy/explain/json_writer.h"
#include "policy/explain/report.h"
#include "policy/simulation/aws_request.h"
#include "policy/simulation/simulation.h"

namespace iamsim::cli {
namespace {

// One question to decide: a request against a graph, from either input kind.
struct Question {
  std::string source;
  std::string name;
  const DecisionGraph* graph;
  Request request;
  std::optional<DecisionKind> expected;
};

class Renderer {
 public:
  explicit Renderer(const std::string& format) : format_(format) {}

  // Returns false when an expectation failed.
  bool Render(const Question& q, const PreparedRequest& request, const Decision& decision,
              const Explanation& explanation) {
    ReportInput report{q.source, q.name, q.graph, &request, &decision, &explanation, q.expected};
    if (format_ == "json") {
      JsonWriter json;
      WriteJsonReport(report, &json);
      json_reports_.push_back(json.str());
    } else if (format_ == "text") {
      std::cout << RenderText(report) << "\n";
    }
    return !q.expected || *q.expected == decision.kind;
  }

  // Output that needs every answer of a file first.
  void FinishFile(const DecisionGraph& graph, const std::vector<AwsEvaluation>& evaluations) {
    if (format_ != "aws") return;
    JsonWriter json;
    WriteAwsEvaluationResults(graph, evaluations, &json);
    json_reports_.push_back(json.str());
  }

  void Finish() {
    if ((format_ != "json" && format_ != "aws") || json_reports_.empty()) return;
    // One object per question (json) or file (aws); several become an array.
    if (json_reports_.size() == 1) {
      std::cout << json_reports_[0] << "\n";
    } else {
      std::cout << "[\n" << absl::StrJoin(json_reports_, ",\n") << "\n]\n";
    }
  }

 private:
  std::string format_;
  std::vector<std::string> json_reports_;
};

}  // namespace

int RunSimulate(const SimulateOptions& options) {
  int exit_code = kExitOk;
  Renderer renderer(options.format);
  for (const std::string& file : options.files) {
    absl::StatusOr<std::string> text = ReadFile(file);
    if (!text.ok()) {
      std::cerr << text.status().message() << "\n";
      exit_code = kExitInputError;
      continue;
    }
    std::vector<Question> questions;
    std::optional<Simulation> simulation;
    std::optional<AwsSimulation> aws;
    std::vector<Diagnostic> diagnostics;
    if (options.aws_request) {
      AwsRequestLoadResult loaded = LoadAwsRequest(*text, file);
      diagnostics = std::move(loaded.diagnostics);
      aws = std::move(loaded.simulation);
      if (aws) {
        for (size_t a = 0; a < aws->actions.size(); ++a) {
          for (size_t r = 0; r < aws->resources.size(); ++r) {
            questions.push_back(Question{file, aws->actions[a] + " on " + aws->resources[r],
                                         aws->graph.get(), aws->request(a, r), std::nullopt});
          }
        }
      }
    } else {
      SimulationLoadResult loaded = LoadSimulation(*text, file);
      diagnostics = std::move(loaded.diagnostics);
      simulation = std::move(loaded.simulation);
      if (simulation) {
        questions.push_back(Question{file, simulation->name, simulation->graph.get(),
                                     simulation->request(), simulation->expected_decision});
      }
    }
    std::cerr << FormatDiagnostics(diagnostics);
    if (questions.empty()) {
      exit_code = kExitInputError;
      continue;
    }
    std::vector<AwsEvaluation> evaluations;
    for (const Question& q : questions) {
      PreparedRequest request;
      absl::Status status = PreparedRequest::Prepare(q.request, &request);
      if (!status.ok()) {  // The loaders validated requests already.
        std::cerr << file << ": " << status.message() << "\n";
        exit_code = kExitInputError;
        continue;
      }
      Explanation explanation;
      const Decision decision = Evaluate(*q.graph, request, {}, &explanation);
      if (!renderer.Render(q, request, decision, explanation) && exit_code == kExitOk) {
        exit_code = kExitFailed;
      }
      evaluations.push_back(
          AwsEvaluation{std::string(q.request.action), std::string(q.request.resource), decision});
    }
    renderer.FinishFile(*questions[0].graph, evaluations);
  }
  renderer.Finish();
  return exit_code;
}

}  // namespace iamsim::cli
