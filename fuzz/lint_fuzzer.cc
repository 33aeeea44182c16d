// libFuzzer target: any file -> `iamsim lint`'s readers (JSON and YAML:
// policies, get-policy output, account dumps, CloudFormation templates,
// Terraform plans) -> every lint rule, the exposure rules' evaluator
// questions included. Checks that nothing crashes or hangs and that every
// finding is located inside the text. The first byte picks the file name
// (and so JSON or YAML) and the --policy-type, so one corpus covers both.
//
//   tools/fuzz 60 lint        (bazel build --config=fuzz //fuzz:lint_fuzzer)
// Replayed over testdata/fuzz/lint by //fuzz:lint_fuzzer_replay_test.
#include <cstdint>
#include <string>

#include "fuzz/fuzz_checks.h"
#include "policy/lint/lint.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace iamsim;
  if (size == 0) return 0;
  const uint8_t selector = data[0];
  const absl::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  static constexpr const char* kNames[] = {"fuzz.json", "fuzz.yaml", "fuzz.template", "fuzz.json"};
  LintOptions options;
  static constexpr PolicyType kTypes[] = {PolicyType::kIdentity, PolicyType::kResource,
                                          PolicyType::kRoleTrust, PolicyType::kServiceControl};
  if (selector & 4) options.policy_type = kTypes[(selector >> 3) & 3];
  if (selector & 32) options.resource_type = "AWS::Lambda::Function";
  const LintReport report = LintText(kNames[selector & 3], text, options);
  fuzz::CheckDiagnostics(report.findings, text.size());
  fuzz::Check(report.sids.size() == report.findings.size());
  return 0;
}
