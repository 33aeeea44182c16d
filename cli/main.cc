// iamsim: answers AWS authorization questions the way AWS does, and says why.
// This file only wires command-line arguments to the commands in commands.h.
#include <iostream>

#include "CLI/CLI.hpp"
#include "cli/commands.h"

int main(int argc, char** argv) {
  using namespace iamsim::cli;
  CLI::App app{
      "iamsim: AWS IAM and resource-policy authorization simulator.\n"
      "Exit codes, for every command:\n"
      "  0  no error and no failed expectation\n"
      "  1  an input parsed but has errors (policy grammar, invalid condition values, a\n"
      "     request AWS could not make), or an expectation failed\n"
      "  2  usage error, or an input that cannot be read, is not JSON, exceeds iamsim's\n"
      "     limits or is not of the kind the command reads\n"
      "FILE may be - for standard input."};
  app.require_subcommand(1);

  SimulateOptions simulate;
  CLI::App* simulate_cmd = app.add_subcommand(
      "simulate", "Decide the request of each simulation file and explain the decision.");
  simulate_cmd->add_option("files", simulate.files, "Simulation files (- for standard input)")->required();
  simulate_cmd->add_option("--format", simulate.format, "Output: text, json or aws")
      ->check(CLI::IsMember({"text", "json", "aws"}));
  simulate_cmd->add_flag("--aws-request", simulate.aws_request,
                         "Files are `aws iam simulate-custom-policy --cli-input-json` requests");

  TestOptions test;
  CLI::App* test_cmd = app.add_subcommand(
      "test",
      "Run every simulation file with an \"expect\" under the directories; print a summary.");
  test_cmd->add_option("directories", test.directories, "Directories")->required();
  test_cmd->add_flag("-v,--verbose", test.verbose, "Print every file, not only failures");

  CheckOptions check;
  CLI::App* check_cmd = app.add_subcommand("check", "Parse policy files and report every problem.");
  check_cmd->add_option("files", check.files, "Policy files")->required();
  check_cmd
      ->add_option("--type", check.type,
                   "Policy type: identity, resource, trust, boundary, session, scp or rcp")
      ->check(
          CLI::IsMember({"identity", "resource", "trust", "boundary", "session", "scp", "rcp"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitInputError;
  }
  if (*simulate_cmd) return RunSimulate(simulate);
  if (*test_cmd) return RunTest(test);
  return RunCheck(check);
}
