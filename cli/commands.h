// File: cli/commands.h
//
// The iamsim subcommands. Each returns the process exit code:
//   0  everything ran and every expectation present matched (check: no errors)
//   1  an expectation failed (check: errors found in a policy)
//   2  usage or input error (unreadable or malformed file), with located messages
// Output goes to stdout; diagnostics to stderr.
#ifndef IAMSIM_CLI_COMMANDS_H_
#define IAMSIM_CLI_COMMANDS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace iamsim::cli {

enum ExitCode { kExitOk = 0, kExitFailed = 1, kExitInputError = 2 };

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

// The whole file, or NotFound/PermissionDenied naming it.
// The whole file, or an error naming it; files above kMaxInputBytes are
// refused without being read further. (Each policy inside is limited to
// 1 MiB by the JSON parser.)
inline constexpr size_t kMaxInputBytes = 16 * 1024 * 1024;
absl::StatusOr<std::string> ReadFile(const std::string& path);

}  // namespace iamsim::cli

#endif  // IAMSIM_CLI_COMMANDS_H_
