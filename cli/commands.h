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
  int apply_fix = 0;            // >0: print the one file with fix N applied
};
int RunSimulate(const SimulateOptions& options);

struct TestOptions {
  std::vector<std::string> directories;
  bool verbose = false;
};
int RunTest(const TestOptions& options);

// iamsim lint (README, "Lint"). Exit codes of its own: 0 when no finding
// reaches --fail-on, 1 when one does, 2 on a usage, input or configuration
// error.
struct LintCommandOptions {
  std::vector<std::string> paths;
  std::string policy_type;  // "" inferred per document.
  std::string resource_type, resource_account;
  std::string format = "text";  // text | json | sarif
  std::string fail_on = "security";
  std::string config;    // "" -> .iamsim.json when present.
  std::string baseline;  // A previous --format json output.
  bool include_aws_managed = false;
  std::string explain;  // A rule id, or "all" (docs/rules.md).
  // Custom checks (README, "Custom checks").
  std::string check;  // no-new-access | access-not-granted | no-public-access
  std::string reference;
  std::vector<std::string> actions, resources;
};
int RunLint(const LintCommandOptions& options);

// iamsim catalog update DIR --out FILE.
int RunCatalogUpdate(const std::string& directory, const std::string& out);

// Questions about a world (README, "Worlds"). Exit 0 whatever the
// decision; 2 when the world cannot be loaded, a principal or function is
// unknown or ambiguous, or a document the question needs is missing or
// malformed.
struct CanOptions {
  std::string world, principal, action, resource;
  std::vector<std::string> context;  // KEY=VALUE; a key given twice is a list.
  std::string session_name = "iamsim";
  std::string session_policy;             // A file.
  std::vector<std::string> session_tags;  // KEY=VALUE.
  std::string format = "text";            // text | json
  bool emit_simulation = false;
  int apply_fix = 0;  // >0: print the world file that fix N edits, with the fix applied
};
int RunCan(const CanOptions& options);

struct WhoCanCommandOptions {
  std::string world, action, resource;
  std::vector<std::string> context;
  std::string format = "text";
  bool via_assume_role = false;
};
int RunWhoCan(const WhoCanCommandOptions& options);

struct PathsOptions {
  std::string world, function;
  std::string format = "text";
};
int RunPaths(const PathsOptions& options);

// Reading inputs. "-" is standard input. Regular files only: named pipes,
// devices and directories are refused at once. At most `max_bytes` are
// read; a larger input is an error naming the cap.
absl::StatusOr<std::string> ReadInput(const std::string& path, size_t max_bytes);

// Appends the regular files under `dir` whose names end with one of
// `extensions`, in directory order (callers sort). Symbolic links to
// directories are not followed (a link loop would never end). False, with a
// message on stderr, when a directory cannot be read.
bool CollectFiles(const std::string& dir, const std::vector<std::string>& extensions,
                  std::vector<std::string>* files);

}  // namespace iamsim::cli

#endif  // IAMSIM_CLI_COMMANDS_H_
