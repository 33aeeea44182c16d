// iamsim simulate: decide and explain each simulation file (or AWS
// simulate-custom-policy request, with --aws-request). Output is streamed:
// each question is rendered as soon as it is decided, and the AWS format
// holds one action's resources at a time, so that a request of a million
// questions runs in bounded memory.
#include <iostream>

#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "policy/diagnostics/limits.h"
#include "policy/evaluate/evaluator.h"
#include "policy/explain/aws_report.h"
#include "policy/explain/expectation.h"
#include "policy/explain/json_writer.h"
#include "policy/explain/report.h"
#include "policy/fix/fix_finder.h"
#include "policy/json/json_patch.h"
#include "policy/simulation/aws_request.h"
#include "policy/simulation/simulation.h"

namespace iamsim::cli {
namespace {

// Writes reports to stdout as they come. --format json: one object per
// question, or an array of them when there are several; --format aws: one
// {"EvaluationResults": [...]} per file (an array of them for several files).
class Output {
 public:
  Output(const std::string& format, bool several) : format_(format), several_(several) {}

  // A question's report (text or json); returns false when its expectation failed.
  bool Question(const ReportInput& report) {
    if (format_ == "text") {
      std::cout << RenderText(report) << "\n";
    } else if (format_ == "json") {
      JsonWriter json(several_ ? 1 : 0);
      WriteJsonReport(report, &json);
      Item(json.str());
    }
    return report.expected == nullptr ||
           CheckExpectation(*report.expected, *report.assembly, *report.decision).passed;
  }

  // --format aws: a file's results, one action at a time.
  void BeginFile() {
    if (format_ != "aws") return;
    Item("{\n" + Indent(1) + "\"EvaluationResults\": [");
    first_action_ = true;
  }
  void Action(const Assembly& assembly, const std::vector<AwsEvaluation>& evaluations,
              const StatementSpanFn& spans) {
    if (format_ != "aws" || evaluations.empty()) return;
    JsonWriter json(Depth() + 2);
    WriteAwsActionResult(assembly, evaluations, spans, &json);
    std::cout << (first_action_ ? "\n" : ",\n") << Indent(Depth() + 2) << json.str();
    first_action_ = false;
  }
  void EndFile() {
    if (format_ != "aws") return;
    std::cout << (first_action_ ? "]" : "\n" + Indent(Depth() + 1) + "]") << "\n"
              << Indent(Depth()) << "}";
  }

  void Finish() {
    if (format_ == "text" || items_ == 0) return;
    std::cout << (several_ ? "\n]\n" : "\n");
  }

 private:
  int Depth() const { return several_ ? 1 : 0; }
  static std::string Indent(int depth) { return std::string(2 * depth, ' '); }
  void Item(const std::string& text) {
    if (several_) std::cout << (items_ == 0 ? "[\n" : ",\n") << Indent(1);
    std::cout << text;
    ++items_;
  }

  std::string format_;
  bool several_;
  size_t items_ = 0;
  bool first_action_ = true;
};

// Decides and renders one question.
// `fix_input` (optional): where fixes for a deny come from.
bool DecideOne(const std::string& source, const std::string& name, const Assembly& assembly,
               const Request& request, const Expectation* expected,
               const std::vector<Diagnostic>& diagnostics, bool explain, Output* output,
               Decision* decision, const FixInput* fix_input = nullptr) {
  PreparedRequest prepared;
  absl::Status status = PreparedRequest::Prepare(request, &prepared);
  if (!status.ok()) {  // The loaders validated requests already.
    std::cerr << source << ": " << status.message() << "\n";
    return false;
  }
  Explanation explanation;
  *decision = Evaluate(assembly, prepared, {}, explain ? &explanation : nullptr);
  if (!explain) return true;
  FixReport fixes;
  if (fix_input != nullptr && decision->kind != DecisionKind::kAllow) {
    fixes = FindFixes(*fix_input);
  }
  ReportInput report{source,   name,         &assembly,     &prepared, decision,
                     &explanation, expected, &diagnostics, &fixes};
  return output->Question(report);
}

// Fixes are searched for the denied questions of a request of at most this
// many questions (each search decides the question again a few times).
constexpr size_t kMaxQuestionsWithFixes = 64;

int SimulateAwsRequest(const AwsSimulation& sim, const std::string& text,
                       const std::vector<Diagnostic>& diagnostics, const std::string& format,
                       Output* output) {
  int exit_code = kExitOk;
  const Assembly assembly = sim.assembly();
  const StatementSpanFn spans = [&sim](const CompiledPolicy& policy, const Statement& statement) {
    return sim.SpanInPolicyString(policy.id(), statement.index);
  };
  const bool explain = format != "aws";  // The AWS shape has no explanation.
  output->BeginFile();
  for (size_t a = 0; a < sim.actions.size(); ++a) {
    std::vector<AwsEvaluation> evaluations;
    for (size_t r = 0; r < sim.resources.size(); ++r) {
      Decision decision;
      const FixInput fix_input{FixInputKind::kAwsRequest, sim.source, text, a, r};
      const bool fixes =
          explain && sim.actions.size() * sim.resources.size() <= kMaxQuestionsWithFixes;
      if (!DecideOne(sim.source, absl::StrCat(sim.actions[a], " on ", sim.resources[r]), assembly,
                     sim.request(a, r), nullptr, diagnostics, explain, output, &decision,
                     fixes ? &fix_input : nullptr)) {
        exit_code = kExitFailed;
        continue;
      }
      if (!explain) {
        evaluations.push_back(AwsEvaluation{sim.actions[a], sim.resources[r], decision});
      }
    }
    output->Action(assembly, evaluations, spans);
  }
  output->EndFile();
  return exit_code;
}

// --apply-fix N: the file with fix N of its (first denied) question applied;
// every byte the fix does not touch is unchanged.
int ApplyFix(const std::string& name, const std::string& text, const AwsSimulation* aws,
             int number) {
  FixInput input{aws != nullptr ? FixInputKind::kAwsRequest : FixInputKind::kSimulation, name,
                 text};
  if (aws != nullptr) {
    // The first denied question.
    bool found = false;
    for (size_t a = 0; a < aws->actions.size() && !found; ++a) {
      for (size_t r = 0; r < aws->resources.size() && !found; ++r) {
        PreparedRequest prepared;
        if (!PreparedRequest::Prepare(aws->request(a, r), &prepared).ok()) continue;
        if (Evaluate(aws->assembly(), prepared).kind != DecisionKind::kAllow) {
          input.action = a;
          input.resource = r;
          found = true;
        }
      }
    }
  }
  const FixReport report = FindFixes(input);
  if (number < 1 || static_cast<size_t>(number) > report.fixes.size()) {
    std::cerr << name << ": no fix " << number << "; iamsim has " << report.fixes.size()
              << " for it (iamsim simulate " << name << " lists them)\n";
    return kExitInputError;
  }
  std::string out = text;
  for (const FixEdit& edit : report.fixes[number - 1].edits) {
    absl::StatusOr<std::string> next = ApplyJsonPatch(out, edit.patch);
    if (!next.ok()) {  // Cannot happen: the fix was verified by applying it.
      std::cerr << name << ": " << next.status().message() << "\n";
      return kExitInputError;
    }
    out = std::move(*next);
  }
  std::cout << out;
  return kExitOk;
}

}  // namespace

int RunSimulate(const SimulateOptions& options) {
  int exit_code = kExitOk;
  // Several files, or a request of several questions, make a JSON array.
  bool several = options.files.size() > 1;
  struct Loaded {
    std::string name;
    std::string text;
    std::vector<Diagnostic> diagnostics;
    std::optional<Simulation> simulation;
    std::optional<AwsSimulation> aws;
    bool recognized = true;
  };
  std::vector<Loaded> loaded;
  for (const std::string& file : options.files) {
    Loaded& l = loaded.emplace_back();
    l.name = file == "-" ? "<stdin>" : file;
    absl::StatusOr<std::string> text = ReadInput(file, kSimulationLimits.max_bytes);
    if (!text.ok()) {
      std::cerr << text.status().message() << "\n";
      exit_code = kExitInputError;
      loaded.pop_back();
      continue;
    }
    l.text = std::move(*text);
    if (options.aws_request) {
      AwsRequestLoadResult r = LoadAwsRequest(l.text, l.name);
      l.diagnostics = std::move(r.diagnostics);
      l.aws = std::move(r.simulation);
      l.recognized = r.recognized;
      several |=
          l.aws && l.aws->actions.size() * l.aws->resources.size() > 1 && options.format == "json";
    } else {
      SimulationLoadResult r = LoadSimulation(l.text, l.name);
      l.diagnostics = std::move(r.diagnostics);
      l.simulation = std::move(r.simulation);
      l.recognized = r.recognized;
    }
  }
  if (options.apply_fix > 0) {
    if (loaded.size() != 1 || (!loaded[0].simulation && !loaded[0].aws)) {
      std::cerr << FormatDiagnostics(loaded.empty() ? std::vector<Diagnostic>{}
                                                    : loaded[0].diagnostics);
      std::cerr << "--apply-fix needs exactly one file without errors\n";
      return kExitInputError;
    }
    return ApplyFix(loaded[0].name, loaded[0].text, loaded[0].aws ? &*loaded[0].aws : nullptr,
                    options.apply_fix);
  }
  Output output(options.format, several);
  for (const Loaded& l : loaded) {
    std::cerr << FormatDiagnostics(l.diagnostics);
    if (l.aws) {
      exit_code = WorseExit(
          exit_code, SimulateAwsRequest(*l.aws, l.text, l.diagnostics, options.format, &output));
    } else if (l.simulation) {
      const Simulation& sim = *l.simulation;
      const Assembly assembly = sim.assembly();
      Decision decision;
      const FixInput fix_input{FixInputKind::kSimulation, l.name, l.text};
      const bool passed = DecideOne(l.name, sim.name, assembly, sim.request(),
                                    sim.expect.empty() ? nullptr : &sim.expect, l.diagnostics, true,
                                    &output, &decision,
                                    options.format == "aws" ? nullptr : &fix_input);
      if (!passed) exit_code = WorseExit(exit_code, kExitFailed);
      if (options.format == "aws") {
        output.BeginFile();
        output.Action(assembly, {AwsEvaluation{sim.action, sim.resource, decision}}, nullptr);
        output.EndFile();
      }
    } else {
      exit_code = WorseExit(
          exit_code, l.recognized ? WorseExit(ExitCodeForDiagnostics(l.diagnostics), kExitFailed)
                                  : kExitInputError);
    }
  }
  output.Finish();
  return exit_code;
}

}  // namespace iamsim::cli
