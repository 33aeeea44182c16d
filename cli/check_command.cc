// iamsim check: parse and compile policy files, print every diagnostic.
#include <iostream>

#include "cli/commands.h"
#include "policy/compile/policy_store.h"
#include "policy/parse/policy_parser.h"

namespace iamsim::cli {

int RunCheck(const CheckOptions& options) {
  const PolicyType type = *ParsePolicyTypeName(options.type);
  int exit_code = kExitOk;
  for (const std::string& file : options.files) {
    absl::StatusOr<std::string> text = ReadInput(file, kPolicyLimits.max_bytes);
    if (!text.ok()) {
      std::cerr << text.status().message() << "\n";
      exit_code = kExitInputError;
      continue;
    }
    const std::string name = file == "-" ? "<stdin>" : file;
    PolicyParseResult result = ParsePolicy(*text, name, type, kPolicyLimits);
    std::vector<Diagnostic> diagnostics = std::move(result.diagnostics);
    if (result.document) {
      // Compiling finds what parsing cannot, such as condition values of the
      // wrong type ("abc" for NumericEquals).
      const size_t statements = result.document->statements.size();
      PolicyStoreBuilder store;
      const CompiledPolicy& policy = store.policy(store.Add(name, std::move(*result.document)));
      diagnostics.insert(diagnostics.end(), policy.diagnostics().begin(),
                         policy.diagnostics().end());
      SortByPosition(&diagnostics);
      if (!HasErrors(diagnostics)) {
        std::cerr << FormatDiagnostics(diagnostics);
        std::cout << name << ": ok (" << PolicyTypeName(type) << " policy, " << statements
                  << " statements)" << std::endl;  // Flushed: keeps stdout and stderr in order.
        continue;
      }
    }
    std::cerr << FormatDiagnostics(diagnostics);
    exit_code = WorseExit(exit_code, result.recognized ? WorseExit(ExitCodeForDiagnostics(diagnostics),
                                                                   kExitFailed)
                                                       : kExitInputError);
  }
  return exit_code;
}

}  // namespace iamsim::cli
