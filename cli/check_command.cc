// iamsim check: parse and compile policy files, print every diagnostic.
#include <iostream>

#include "cli/commands.h"
#include "policy/compile/decision_graph.h"
#include "policy/parse/policy_parser.h"

namespace iamsim::cli {
namespace {

// Compiling finds what parsing cannot, such as condition values that can
// never match their operator ("abc" for NumericEquals).
std::vector<Diagnostic> CompileDiagnostics(PolicyDocument document, const std::string& name) {
  PolicyBundle bundle;
  NamedPolicy policy{name, std::move(document)};
  switch (policy.document.type) {
    case PolicyType::kIdentity:
      bundle.identity.push_back(std::move(policy));
      break;
    case PolicyType::kResource:
    case PolicyType::kRoleTrust:
      bundle.resource = std::move(policy);
      break;
    case PolicyType::kPermissionsBoundary:
      bundle.boundary = std::move(policy);
      break;
    case PolicyType::kSession:
      bundle.session = std::move(policy);
      break;
    case PolicyType::kServiceControl:
      bundle.service_control.emplace();
      bundle.service_control->emplace_back();
      bundle.service_control->back().push_back(std::move(policy));
      break;
    case PolicyType::kResourceControl:
      bundle.resource_control.emplace_back();
      bundle.resource_control.back().push_back(std::move(policy));
      break;
  }
  absl::StatusOr<std::shared_ptr<const DecisionGraph>> graph =
      DecisionGraph::Compile(std::move(bundle));
  if (!graph.ok()) return {};
  return (*graph)->diagnostics();
}

}  // namespace

int RunCheck(const CheckOptions& options) {
  const PolicyType type = *ParsePolicyTypeName(options.type);
  int exit_code = kExitOk;
  for (const std::string& file : options.files) {
    absl::StatusOr<std::string> text = ReadFile(file);
    if (!text.ok()) {
      std::cerr << text.status().message() << "\n";
      exit_code = kExitInputError;
      continue;
    }
    PolicyParseResult result = ParsePolicy(*text, file, type);
    std::cerr << FormatDiagnostics(result.diagnostics);
    if (result.document) {
      const size_t statements = result.document->statements.size();
      std::cerr << FormatDiagnostics(CompileDiagnostics(std::move(*result.document), file));
      std::cout << file << ": ok (" << PolicyTypeName(type) << " policy, " << statements
                << " statements)" << std::endl;  // Flushed: keeps stdout and stderr in order.
    } else if (exit_code == kExitOk) {
      exit_code = kExitFailed;
    }
  }
  return exit_code;
}

}  // namespace iamsim::cli
