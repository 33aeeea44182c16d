// iamsim simulate: decide and explain each simulation file (or AWS
// simulate-custom-policy request, with --aws-request).
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/commands.h"
#include "policy/evaluate/evaluator.h"
#include "policy/explain/aws_report.h"
#include "policy/explain/expectation.h"
#include "policy/explain/json_writer.h"
#include "policy/explain/report.h"
#include "policy/simulation/aws_request.h"
#include "policy/simulation/simulation.h"

namespace iamsim::cli {
namespace {

// One question to decide: a request against an assembly, from either input
// kind.
struct Question {
  std::string source;
  std::string name;
  Assembly assembly;
  Request request;
  const Expectation* expected = nullptr;
};

class Renderer {
 public:
  explicit Renderer(const std::string& format) : format_(format) {}

  // Returns false when an expectation failed.
  bool Render(const Question& q, const PreparedRequest& request, const Decision& decision,
              const Explanation& explanation, const std::vector<Diagnostic>& diagnostics) {
    ReportInput report{q.source,  q.name,       &q.assembly, &request,
                       &decision, &explanation, q.expected,  &diagnostics};
    if (format_ == "json") {
      JsonWriter json;
      WriteJsonReport(report, &json);
      json_reports_.push_back(json.str());
    } else if (format_ == "text") {
      std::cout << RenderText(report) << "\n";
    }
    return q.expected == nullptr || CheckExpectation(*q.expected, q.assembly, decision).passed;
  }

  // Output that needs every answer of a file first.
  void FinishFile(const Assembly& assembly, const std::vector<AwsEvaluation>& evaluations,
                  const StatementSpanFn& spans) {
    if (format_ != "aws") return;
    JsonWriter json;
    WriteAwsEvaluationResults(assembly, evaluations, spans, &json);
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
    absl::StatusOr<std::string> text = ReadInput(file, kSimulationLimits.max_bytes);
    if (!text.ok()) {
      std::cerr << text.status().message() << "\n";
      exit_code = kExitInputError;
      continue;
    }
    const std::string name = file == "-" ? "<stdin>" : file;
    std::vector<Question> questions;
    std::optional<Simulation> simulation;
    std::optional<AwsSimulation> aws;
    std::vector<Diagnostic> diagnostics;
    bool recognized = true;
    if (options.aws_request) {
      AwsRequestLoadResult loaded = LoadAwsRequest(*text, name);
      diagnostics = std::move(loaded.diagnostics);
      aws = std::move(loaded.simulation);
      recognized = loaded.recognized;
      if (aws) {
        for (size_t a = 0; a < aws->actions.size(); ++a) {
          for (size_t r = 0; r < aws->resources.size(); ++r) {
            questions.push_back(Question{name,
                                         absl::StrCat(aws->actions[a], " on ", aws->resources[r]),
                                         aws->assembly(), aws->request(a, r), nullptr});
          }
        }
      }
    } else {
      SimulationLoadResult loaded = LoadSimulation(*text, name);
      diagnostics = std::move(loaded.diagnostics);
      simulation = std::move(loaded.simulation);
      recognized = loaded.recognized;
      if (simulation) {
        questions.push_back(Question{name, simulation->name, simulation->assembly(),
                                     simulation->request(),
                                     simulation->expect.empty() ? nullptr : &simulation->expect});
      }
    }
    std::cerr << FormatDiagnostics(diagnostics);
    if (questions.empty()) {
      exit_code = WorseExit(exit_code,
                            recognized ? WorseExit(ExitCodeForDiagnostics(diagnostics), kExitFailed)
                                       : kExitInputError);
      continue;
    }
    std::vector<AwsEvaluation> evaluations;
    for (const Question& q : questions) {
      PreparedRequest request;
      absl::Status status = PreparedRequest::Prepare(q.request, &request);
      if (!status.ok()) {  // The loaders validated requests already.
        std::cerr << name << ": " << status.message() << "\n";
        exit_code = WorseExit(exit_code, kExitFailed);
        continue;
      }
      Explanation explanation;
      const Decision decision = Evaluate(q.assembly, request, {}, &explanation);
      if (!renderer.Render(q, request, decision, explanation, diagnostics)) {
        exit_code = WorseExit(exit_code, kExitFailed);
      }
      evaluations.push_back(
          AwsEvaluation{std::string(q.request.action), std::string(q.request.resource), decision});
    }
    StatementSpanFn spans;
    if (aws) {
      spans = [&aws](const CompiledPolicy& policy, const Statement& statement) {
        return aws->SpanInPolicyString(policy.id(), statement.index);
      };
    }
    renderer.FinishFile(questions[0].assembly, evaluations, spans);
  }
  renderer.Finish();
  return exit_code;
}

}  // namespace iamsim::cli
