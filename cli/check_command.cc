// iamsim check: parse policy files, print every diagnostic.
#include <iostream>

#include "cli/commands.h"
#include "policy/parse/policy_parser.h"

namespace iamsim::cli {

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
      std::cout << file << ": ok (" << PolicyTypeName(type) << " policy, "
                << result.document->statements.size() << " statements)\n";
    } else if (exit_code == kExitOk) {
      exit_code = kExitFailed;
    }
  }
  return exit_code;
}

}  // namespace iamsim::cli
