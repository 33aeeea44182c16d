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
  simulate_cmd->add_option("--apply-fix", simulate.apply_fix,
                           "Print the file with fix N of its report applied (fixes count from 1)")
      ->check(CLI::PositiveNumber);

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

  CanOptions can;
  CLI::App* can_cmd = app.add_subcommand(
      "can", "May PRINCIPAL do ACTION on RESOURCE in a world? Explained like simulate.");
  can_cmd->add_option("principal", can.principal,
                      "An ARN, or role/NAME, user/NAME, ACCOUNT:role/NAME, ACCOUNT:root; a role "
                      "stands for a session of it")
      ->required();
  can_cmd->add_option("action", can.action, "The action, e.g. lambda:InvokeFunction")->required();
  can_cmd->add_option("resource", can.resource, "The resource ARN")->required();
  can_cmd->add_option("--world", can.world, "The world directory")->required();
  can_cmd->add_option("--context", can.context,
                      "KEY=VALUE, repeatable (a key given twice is a list); overrides what the "
                      "world determines");
  can_cmd->add_option("--session-name", can.session_name,
                      "The role session's name (default \"iamsim\")");
  can_cmd->add_option("--session-policy", can.session_policy, "A session policy file");
  can_cmd->add_option("--session-tag", can.session_tags, "KEY=VALUE, repeatable");
  can_cmd->add_option("--format", can.format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  can_cmd->add_flag("--emit-simulation", can.emit_simulation,
                    "Print the assembled simulation file instead of deciding");

  WhoCanCommandOptions who;
  CLI::App* who_cmd = app.add_subcommand(
      "who-can", "Every principal that may do ACTION on RESOURCE in a world, and when.");
  who_cmd->add_option("action", who.action, "The action (exact)")->required();
  who_cmd->add_option("resource", who.resource, "The resource ARN (exact)")->required();
  who_cmd->add_option("--world", who.world, "The world directory")->required();
  who_cmd->add_option("--context", who.context, "KEY=VALUE, repeatable: fixes a key");
  who_cmd->add_option("--format", who.format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  who_cmd->add_flag("--via-assume-role", who.via_assume_role,
                    "Add the principals that reach a listed role through trust policies");

  PathsOptions paths;
  CLI::App* paths_cmd =
      app.add_subcommand("paths", "Every way a Lambda function can be invoked in a world.");
  paths_cmd->add_option("function", paths.function, "An ARN, NAME or NAME:QUALIFIER")->required();
  paths_cmd->add_option("--world", paths.world, "The world directory")->required();
  paths_cmd->add_option("--format", paths.format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitInputError;
  }
  if (*simulate_cmd) return RunSimulate(simulate);
  if (*test_cmd) return RunTest(test);
  if (*can_cmd) return RunCan(can);
  if (*who_cmd) return RunWhoCan(who);
  if (*paths_cmd) return RunPaths(paths);
  return RunCheck(check);
}
