// iamsim: answers AWS authorization questions the way AWS does, and says why.
// This file only wires command-line arguments to the commands in commands.h.
#include <functional>
#include <iostream>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/commands.h"
#include "policy/catalog/catalog.h"
#include "policy/lint/lint.h"
#include "policy/version.h"

int main(int argc, char** argv) {
  using namespace iamsim::cli;
  using iamsim::Catalog;
  using iamsim::kIamsimVersion;
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
  app.fallthrough();  // --catalog may follow the subcommand.

  SimulateOptions simulate;
  CLI::App* simulate_cmd = app.add_subcommand(
      "simulate", "Decide the request of each simulation file and explain the decision.");
  simulate_cmd->add_option("files", simulate.files, "Simulation files (- for standard input)")
      ->required();
  simulate_cmd->add_option("--format", simulate.format, "Output: text, json or aws")
      ->check(CLI::IsMember({"text", "json", "aws"}));
  simulate_cmd->add_flag("--aws-request", simulate.aws_request,
                         "Files are `aws iam simulate-custom-policy --cli-input-json` requests");
  simulate_cmd
      ->add_option("--apply-fix", simulate.apply_fix,
                   "Print the file with fix N of its report applied (fixes count from 1)")
      ->check(CLI::PositiveNumber);

  TestOptions test;
  CLI::App* test_cmd = app.add_subcommand(
      "test",
      "Run every simulation file with an \"expect\" under the directories; print a summary.");
  test_cmd->add_option("directories", test.directories, "Directories")->required();
  test_cmd->add_flag("-v,--verbose", test.verbose, "Print every file, not only failures");

  std::string catalog_path;
  app.add_option("--catalog", catalog_path,
                 "A catalog file (iamsim catalog update) instead of the built-in service "
                 "catalog; also $IAMSIM_CATALOG");
  app.set_version_flag("--version", std::function<std::string()>([&catalog_path] {
                         absl::StatusOr<const Catalog*> catalog = Catalog::Select(catalog_path);
                         return absl::StrCat(
                             "iamsim ", kIamsimVersion, "\nservice catalog: ",
                             catalog.ok() ? (*catalog)->version() : catalog.status().message(),
                             "\n");
                       }));

  LintCommandOptions lint;
  CLI::App* lint_cmd = app.add_subcommand(
      "lint",
      "Lint policies: grammar, references, conditions, overreach, exposure and logic rules.\n"
      "PATH: a policy, a directory (*.json, *.yaml, *.yml, *.template), an account dump,\n"
      "get-policy output, a CloudFormation template or a terraform show -json plan; - is stdin.\n"
      "Exit: 0 when no finding reaches --fail-on, 1 when one does, 2 on a usage, input or\n"
      "configuration error.");
  lint_cmd->alias("check");
  lint_cmd->add_option("paths", lint.paths, "Files and directories (- for standard input)");
  lint_cmd
      ->add_option("--policy-type,--type", lint.policy_type,
                   "identity, resource, trust, boundary, session, scp or rcp (default: "
                   "inferred per document)")
      ->check(
          CLI::IsMember({"identity", "resource", "trust", "boundary", "session", "scp", "rcp"}));
  lint_cmd->add_option("--resource-type", lint.resource_type,
                       absl::StrCat("The CloudFormation type owning a resource policy: ",
                                    absl::StrJoin(iamsim::KnownResourceTypes(), ", ")));
  lint_cmd->add_option("--resource-account", lint.resource_account,
                       "The resource's account (default: from its ARN or the template)");
  lint_cmd->add_option("--format", lint.format, "Output: text, json or sarif")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  lint_cmd
      ->add_option("--fail-on", lint.fail_on,
                   "Exit 1 when a finding is at least this severe: error, security (default), "
                   "warning or suggestion")
      ->check(CLI::IsMember({"error", "security", "warning", "suggestion"}));
  lint_cmd->add_option("--config", lint.config,
                       "Suppressions, severities, trusted accounts (default: .iamsim.json when "
                       "present)");
  lint_cmd->add_option("--baseline", lint.baseline,
                       "A previous --format json output: fail only on new findings");
  lint_cmd->add_flag("--include-aws-managed", lint.include_aws_managed,
                     "Account dumps: lint AWS-managed policies too");
  lint_cmd->add_option("--explain", lint.explain, "Print a rule's page (all: every page)");
  lint_cmd
      ->add_option("--check", lint.check,
                   "A custom check instead of the rules: no-new-access (--reference OLD), "
                   "access-not-granted (--actions), no-public-access (--resource-type)")
      ->check(CLI::IsMember({"no-new-access", "access-not-granted", "no-public-access"}));
  lint_cmd->add_option("--reference", lint.reference, "no-new-access: the policy before");
  lint_cmd->add_option("--actions", lint.actions, "access-not-granted: actions (A,B)")
      ->delimiter(',');
  lint_cmd->add_option("--resources", lint.resources, "access-not-granted: resource ARNs (R,S)")
      ->delimiter(',');

  std::string catalog_dir, catalog_out;
  CLI::App* catalog_cmd =
      app.add_subcommand("catalog", "The service catalog (actions, resources, condition keys).");
  catalog_cmd->require_subcommand(1);
  CLI::App* update_cmd = catalog_cmd->add_subcommand(
      "update", "Compile a directory of AWS's service reference files into a catalog file.");
  update_cmd->add_option("directory", catalog_dir, "AWS's per-service JSON files")->required();
  update_cmd->add_option("--out", catalog_out, "The catalog file to write")->required();

  CanOptions can;
  CLI::App* can_cmd = app.add_subcommand(
      "can", "May PRINCIPAL do ACTION on RESOURCE in a world? Explained like simulate.");
  can_cmd
      ->add_option("principal", can.principal,
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
  can_cmd
      ->add_option("--apply-fix", can.apply_fix,
                   "Print the world file that fix N edits, with the fix applied (fixes count "
                   "from 1; a fix that edits several files or none is refused)")
      ->check(CLI::PositiveNumber);

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
  if (*catalog_cmd) return RunCatalogUpdate(catalog_dir, catalog_out);
  if (absl::Status selected = Catalog::SelectDefault(catalog_path); !selected.ok()) {
    std::cerr << "iamsim: " << selected.message() << "\n";
    return kExitInputError;
  }
  if (*lint_cmd) {
    if (lint.paths.empty() && lint.explain.empty()) {
      std::cerr << "iamsim lint: give at least one PATH (- for standard input)\n";
      return kExitInputError;
    }
    return RunLint(lint);
  }
  if (*simulate_cmd) return RunSimulate(simulate);
  if (*test_cmd) return RunTest(test);
  if (*can_cmd) return RunCan(can);
  if (*who_cmd) return RunWhoCan(who);
  return RunPaths(paths);
}
