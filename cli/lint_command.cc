// iamsim lint: findings for every policy in the given files and directories,
// as text, JSON or SARIF; the custom checks; rule pages (--explain).
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <iostream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/commands.h"
#include "policy/catalog/catalog.h"
#include "policy/diagnostics/suggest.h"
#include "policy/json/json_tree.h"
#include "policy/lint/custom_checks.h"
#include "policy/lint/lint.h"
#include "policy/lint/lint_config.h"
#include "policy/lint/lint_output.h"
#include "policy/lint/rule_docs.h"
#include "policy/parse/policy_parser.h"
#include "policy/version.h"

namespace iamsim::cli {
namespace {

constexpr absl::string_view kDefaultConfig = ".iamsim.json";

// A file to lint: its name as shown and its text.
struct Input {
  std::string name;
  std::string text;
};

int Explain(const std::string& id) {
  if (id == "all") {
    std::cout << RulesMarkdown();
    return kExitOk;
  }
  if (const RuleDoc* doc = FindRuleDoc(id)) {
    std::cout << RulePageMarkdown(*doc);
    return kExitOk;
  }
  std::vector<absl::string_view> ids;
  for (const RuleDoc& d : RuleDocs()) ids.push_back(d.id);
  const std::string near = ClosestMatch(id, ids);
  std::cerr << "iamsim lint: no rule " << Quote(id)
            << (near.empty() ? "" : absl::StrCat("; did you mean ", Quote(near), "?"))
            << " (iamsim lint --explain all lists every rule)\n";
  return kExitInputError;
}

// The configuration: --config, else .iamsim.json when present. False on an
// error (printed).
bool LoadConfig(const std::string& path, LintConfig* config) {
  std::string chosen = path;
  if (chosen.empty()) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(std::string(kDefaultConfig), error)) return true;
    chosen = std::string(kDefaultConfig);
  }
  absl::StatusOr<std::string> text = ReadInput(chosen, 1 << 20);
  if (!text.ok()) {
    std::cerr << text.status().message() << "\n";
    return false;
  }
  LintConfigResult parsed = ParseLintConfig(SourceText(chosen, *text));
  std::cerr << FormatDiagnostics(parsed.diagnostics);
  if (!parsed.config) return false;
  *config = std::move(*parsed.config);
  return true;
}

bool LoadBaseline(const std::string& path, std::optional<LintBaseline>* baseline) {
  if (path.empty()) return true;
  absl::StatusOr<std::string> text = ReadInput(path, 64 << 20);
  if (!text.ok()) {
    std::cerr << text.status().message() << "\n";
    return false;
  }
  std::vector<Diagnostic> diagnostics;
  *baseline = ReadLintBaseline(SourceText(path, *text), &diagnostics);
  std::cerr << FormatDiagnostics(diagnostics);
  return baseline->has_value();
}

struct Path {
  std::string file;
  bool found_in_directory;  // Not named by the user: a file of another kind is only a note.
};

// The files PATHs name: files as given, directories walked for policy-like
// extensions (sorted), "-" as standard input. False when one cannot be read.
bool CollectInputs(const std::vector<std::string>& paths, std::vector<Path>* files) {
  bool ok = true;
  if (std::count(paths.begin(), paths.end(), "-") > 1) {
    std::cerr << "iamsim lint: - (standard input) given more than once\n";
    return false;
  }
  for (const std::string& path : paths) {
    std::error_code error;
    if (path != "-" && std::filesystem::is_directory(path, error)) {
      std::vector<std::string> found;
      ok &= CollectFiles(path, {".json", ".yaml", ".yml", ".template"}, &found);
      std::sort(found.begin(), found.end());
      for (std::string& f : found) files->push_back(Path{std::move(f), true});
    } else {
      files->push_back(Path{path, false});
    }
  }
  return ok;
}

std::optional<Input> Read(const std::string& file) {
  absl::StatusOr<std::string> text = ReadInput(file, kWorldFileLimits.max_bytes);
  if (!text.ok()) {
    std::cerr << text.status().message() << "\n";
    return std::nullopt;
  }
  return Input{file == "-" ? "<stdin>" : file, std::move(*text)};
}

std::string Summary(const std::vector<Diagnostic>& findings, size_t files, size_t policies) {
  size_t counts[4] = {0, 0, 0, 0};
  for (const Diagnostic& d : findings) ++counts[static_cast<int>(d.severity)];
  return absl::StrCat("iamsim lint: ", findings.size(), " findings (", counts[0], " error, ",
                      counts[1], " security, ", counts[2], " warning, ", counts[3],
                      " suggestion) in ", files, " files, ", policies, " policies\n");
}

void PrintUnusedSuppressions(const LintConfig& config, const std::vector<size_t>& uses) {
  for (size_t i = 0; i < config.suppressions.size(); ++i) {
    if (i < uses.size() && uses[i] > 0) continue;
    const LintSuppression& s = config.suppressions[i];
    std::cerr << s.location.file << ":" << FormatPosition(s.location.span.begin)
              << ": note: the suppression of " << RuleId(s.rule)
              << " matched no finding; remove it (at " << s.location.path << ")\n";
  }
}

::iamsim::LintOptions LibraryOptions(const LintCommandOptions& o, const LintConfig& config) {
  ::iamsim::LintOptions options;
  if (!o.policy_type.empty()) options.policy_type = ParsePolicyTypeName(o.policy_type);
  options.resource_type = o.resource_type;
  options.resource_account = o.resource_account;
  options.include_aws_managed = o.include_aws_managed;
  options.trusted_accounts = config.trusted_accounts;
  options.trusted_organizations = config.trusted_organizations;
  return options;
}

// One file read and linted, or why it could not be read.
struct Linted {
  std::string name;  // As findings name it ("<stdin>" for -).
  std::optional<LintReport> report;
  std::string read_error;
};

// Lints every file on all cores (LintText is reentrant), results in file
// order. Standard input is read by the first worker to reach it, once.
std::vector<Linted> LintAll(const std::vector<Path>& files, const ::iamsim::LintOptions& options) {
  std::vector<Linted> out(files.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < files.size(); i = next++) {
      absl::StatusOr<std::string> text = ReadInput(files[i].file, kWorldFileLimits.max_bytes);
      if (!text.ok()) {
        out[i].read_error = std::string(text.status().message());
        continue;
      }
      out[i].name = files[i].file == "-" ? "<stdin>" : files[i].file;
      out[i].report = LintText(out[i].name, *text, options);
    }
  };
  const size_t threads =
      std::min<size_t>(files.size(), std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  return out;
}

// Prints what could not be read or recognized, applies the configuration
// and collects the findings of every file in order. False on an input error.
bool Gather(const std::vector<Path>& files, std::vector<Linted> linted, const LintConfig& config,
            std::vector<Diagnostic>* findings, std::vector<size_t>* uses, size_t* policies) {
  bool inputs_ok = true;
  for (size_t i = 0; i < files.size(); ++i) {
    const Path& path = files[i];
    if (!linted[i].report) {
      std::cerr << linted[i].read_error << "\n";
      inputs_ok = false;
      continue;
    }
    LintReport& report = *linted[i].report;
    if (!report.recognized) {
      if (!path.found_in_directory && !report.findings.empty()) {
        std::cerr << FormatDiagnostics(report.findings);  // E.g. an array where a policy belongs.
      } else {
        std::cerr << linted[i].name << (path.found_in_directory ? ": note: " : ": error: ")
                  << "not a policy, get-policy output, account dump, CloudFormation template or "
                     "Terraform plan"
                  << (path.found_in_directory ? "; skipped\n" : "\n");
      }
      inputs_ok &= path.found_in_directory;
      continue;
    }
    // Not JSON (or YAML), or over a cap: an input error, still reported as a finding.
    if (ExitCodeForDiagnostics(report.findings) == kExitInputError) inputs_ok = false;
    *policies += report.policies;
    ApplyLintConfig(config, &report, uses);
    for (Diagnostic& d : report.findings) findings->push_back(std::move(d));
  }
  return inputs_ok;
}

int RunCustomCheck(const LintCommandOptions& o, const ::iamsim::LintOptions& options) {
  std::vector<Path> files;
  if (!CollectInputs(o.paths, &files)) return kExitInputError;
  if (files.size() != 1) {
    std::cerr << "iamsim lint --check " << o.check << ": give exactly one policy file\n";
    return kExitInputError;
  }
  std::optional<Input> input = Read(files[0].file);
  if (!input) return kExitInputError;
  CustomCheckOutcome outcome;
  if (o.check == "no-new-access") {
    if (o.reference.empty()) {
      std::cerr << "iamsim lint --check no-new-access: --reference OLD is required\n";
      return kExitInputError;
    }
    std::optional<Input> reference = Read(o.reference);
    if (!reference) return kExitInputError;
    outcome = CheckNoNewAccess(reference->name, reference->text, input->name, input->text, options);
  } else if (o.check == "access-not-granted") {
    if (o.actions.empty()) {
      std::cerr << "iamsim lint --check access-not-granted: --actions A,B is required\n";
      return kExitInputError;
    }
    outcome = CheckAccessNotGranted(input->name, input->text, o.actions, o.resources, options);
  } else {
    if (o.resource_type.empty()) {
      std::cerr << "iamsim lint --check no-public-access: --resource-type is required\n";
      return kExitInputError;
    }
    outcome = CheckNoPublicAccess(input->name, input->text, options);
  }
  std::cerr << FormatDiagnostics(outcome.diagnostics);
  if (!outcome.result) return kExitInputError;
  std::cout << CustomCheckJson(*outcome.result);
  return outcome.result->pass ? kExitOk : kExitFailed;
}

}  // namespace

int RunLint(const LintCommandOptions& o) {
  if (!o.explain.empty()) return Explain(o.explain);
  if (!o.resource_type.empty() && !PolicyTypeOfResourceType(o.resource_type)) {
    const std::string near = ClosestMatch(o.resource_type, KnownResourceTypes());
    std::cerr << "iamsim lint: --resource-type " << Quote(o.resource_type)
              << " is not a type iamsim lints"
              << (near.empty() ? "" : absl::StrCat("; did you mean ", Quote(near), "?"))
              << " (iamsim lint --help lists them)\n";
    return kExitInputError;
  }
  LintConfig config;
  if (!LoadConfig(o.config, &config)) return kExitInputError;
  const ::iamsim::LintOptions options = LibraryOptions(o, config);
  if (!o.check.empty()) return RunCustomCheck(o, options);
  std::optional<LintBaseline> baseline;
  if (!LoadBaseline(o.baseline, &baseline)) return kExitInputError;
  std::vector<Path> files;
  bool inputs_ok = CollectInputs(o.paths, &files);
  std::vector<Diagnostic> findings;
  std::vector<size_t> uses;
  size_t policies = 0;
  inputs_ok &= Gather(files, LintAll(files, options), config, &findings, &uses, &policies);
  PrintUnusedSuppressions(config, uses);
  if (baseline) findings = NewFindings(std::move(findings), std::move(*baseline));
  const LintRun run{kIamsimVersion, std::string(Catalog::Default().version()),
                    std::filesystem::current_path().string()};
  if (o.format == "json") {
    std::cout << LintJsonOutput(findings, run);
  } else if (o.format == "sarif") {
    std::cout << LintSarifOutput(findings, run);
  } else {
    std::cout << FormatDiagnostics(findings);
  }
  std::cout.flush();
  std::cerr << Summary(findings, files.size(), policies);
  if (!inputs_ok) return kExitInputError;
  const Severity threshold = *ParseSeverity(o.fail_on);
  const bool fails = std::any_of(findings.begin(), findings.end(), [&](const Diagnostic& d) {
    return AtLeast(d.severity, threshold);
  });
  return fails ? kExitFailed : kExitOk;
}

}  // namespace iamsim::cli
