// W10 (lint half): `iamsim lint DIR` over 2,000 small policy files on disk, all rules, in
// a fresh process each iteration (what a CI job pays), and the same files
// linted in process (LintText) to separate start-up and I/O from the rules.
// Target: >= 2,000 files/s (goal 20,000).
//
//   bazel build -c opt //benchmarks:lint_benchmark //cli:iamsim
//   bazel-bin/benchmarks/lint_benchmark --iamsim=bazel-bin/cli/iamsim
//
// The files are generated once into a temporary directory: a mix of
// identity policies (with and without findings), Lambda and S3 resource
// policies, role trust policies and SCPs, 300-900 bytes each.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "benchmark/benchmark.h"
#include "policy/lint/lint.h"

extern char** environ;

namespace iamsim {
namespace {

namespace fs = std::filesystem;

constexpr int kFiles = 2000;
std::string iamsim_binary = "bazel-bin/cli/iamsim";  // --iamsim=PATH

std::string Policy(int i) {
  const std::string account = absl::StrFormat("%012d", 100000000000LL + i % 50);
  switch (i % 5) {
    case 0:  // Identity, clean.
      return absl::StrCat(
          R"({"Version": "2012-10-17", "Statement": [{"Sid": "Read", "Effect": "Allow",
  "Action": ["s3:GetObject", "s3:ListBucket"],
  "Resource": ["arn:aws:s3:::bucket-)",
          i, R"(", "arn:aws:s3:::bucket-)", i, R"(/*"]},
  {"Effect": "Allow", "Action": "lambda:InvokeFunction",
  "Resource": "arn:aws:lambda:us-east-1:)",
          account, R"(:function:f)", i, R"("}]})");
    case 1:  // Identity with findings: wildcard service, typo, PassRole on *.
      return absl::StrCat(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Action": ["ec2:*", "lambda:InvokeFunctions", "iam:PassRole"], "Resource": "*",
  "Condition": {"StringEquals": {"aws:PrincipalTag/team": "t)",
                          i, R"("}}}]})");
    case 2:  // Lambda function policy for a service.
      return absl::StrCat(
          R"({"Version": "2012-10-17", "Statement": [{"Sid": "S3Invoke", "Effect": "Allow",
  "Principal": {"Service": "s3.amazonaws.com"}, "Action": "lambda:InvokeFunction",
  "Resource": "arn:aws:lambda:us-east-1:)",
          account, R"(:function:f)", i, R"(",
  "Condition": {"StringEquals": {"aws:SourceAccount": ")",
          account, R"("},
  "ArnLike": {"aws:SourceArn": "arn:aws:s3:::uploads-)",
          i, R"("}}}]})");
    case 3:  // Role trust policy.
      return absl::StrCat(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Principal": {"AWS": "arn:aws:iam::)",
                          account, R"(:role/ci"}, "Action": "sts:AssumeRole",
  "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]})");
    default:  // S3 bucket policy open to an organization.
      return absl::StrCat(
          R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
  "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::shared-)",
          i, R"(/*",
  "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abcdefghij"}}}]})");
  }
}

const std::string& Corpus() {
  static const std::string* dir = [] {
    auto* path = new std::string(
        (fs::temp_directory_path() / absl::StrCat("iamsim-lint-bench-", getpid())).string());
    fs::create_directories(*path);
    for (int i = 0; i < kFiles; ++i) {
      std::ofstream(absl::StrCat(*path, "/p", i, ".json")) << Policy(i);
    }
    std::atexit([] { fs::remove_all(*dir); });
    return path;
  }();
  return *dir;
}

void BM_LintDirectoryFreshProcess(benchmark::State& state) {
  const std::string dir = Corpus();
  for (auto _ : state) {
    std::vector<std::string> args = {iamsim_binary, "lint", dir, "--format", "json"};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
      state.SkipWithError(absl::StrCat("cannot run ", iamsim_binary).c_str());
      break;
    }
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) == 2) {
      state.SkipWithError("iamsim lint failed (exit 2)");
      break;
    }
  }
  state.counters["files/s"] =
      benchmark::Counter(kFiles * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_LintDirectoryFreshProcess)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_LintTextInProcess(benchmark::State& state) {
  std::vector<std::pair<std::string, std::string>> files;
  for (int i = 0; i < kFiles; ++i) files.emplace_back(absl::StrCat("p", i, ".json"), Policy(i));
  LintOptions options;
  size_t findings = 0;
  for (auto _ : state) {
    for (const auto& [name, text] : files)
      findings += LintText(name, text, options).findings.size();
  }
  benchmark::DoNotOptimize(findings);
  state.counters["files/s"] =
      benchmark::Counter(kFiles * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_LintTextInProcess)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace iamsim

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--iamsim=", 9) == 0) iamsim::iamsim_binary = argv[i] + 9;
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
