// File: cli/commands.h
//
// The iamsim subcommands. Every command follows one exit-code rule:
//   0  everything ran; no error, no failed expectation
//   1  an input parsed as JSON but has errors (policy grammar, invalid
//      condition values, a request AWS could not make), or an expectation
//      failed
//   2  usage error, or an input that cannot be read, is not JSON, exceeds
//      iamsim's limits, or is not of the kind the command reads
// Output goes to stdout; diagnostics to stderr (and into --format json).
#ifndef IAMSIM_CLI_COMMANDS_H_
#define IAMSIM_CLI_COMMANDS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "policy/diagnostics/diagnostic.h"

namespace iamsim::cli {

enum ExitCode { kExitOk = 0, kExitFailed = 1, kExitInputError = 2 };

// The exit code for an input's diagnostics: 2 when the input is not JSON or
// exceeds a limit, 1 when it has other errors, 0 otherwise.
int ExitCodeForDiagnostics(const std::vector<Diagnostic>& diagnostics);
// The worse of two exit codes (2 > 1 > 0).
inline int WorseExit(int a, int b) { return a > b ? a : b; }

struct SimulateOptions {
  std::vector<std::string> files;
  std::string format = "text";  // text | json | aws
  bool aws_request = false;     // files are aws iam simulate-custom-policy requests
};
int RunSimulate(const SimulateOptions& options);

struct TestOptions {
  std::vector<std::string> directories;
  bool verbose = false;
};
int RunTest(const TestOptions& options);

struct CheckOptions {
  std::vector<std::string> files;
  std::string type = "identity";
};
int RunCheck(const CheckOptions& options);

// Reading inputs. "-" is standard input. Regular files only: named pipes,
// devices and directories are refused at once. At most `max_bytes` are
// read; a larger input is an error naming the cap.
absl::StatusOr<std::string> ReadInput(const std::string& path, size_t max_bytes);

}  // namespace iamsim::cli

#endif  // IAMSIM_CLI_COMMANDS_H_
