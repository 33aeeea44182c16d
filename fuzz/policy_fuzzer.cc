// libFuzzer target: policy text -> JSON tree (once) -> every policy type ->
// compile -> evaluate. Checks that nothing crashes or hangs and that the
// parser's contract holds: a document iff no error, every diagnostic located
// inside the text, the indexed and unindexed evaluators agree.
//
//   tools/fuzz policy 60      (bazel build --config=fuzz //fuzz:policy_fuzzer)
// Replayed over testdata/fuzz/policy by //fuzz:policy_fuzzer_replay_test.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz/fuzz_checks.h"
#include "policy/compile/policy_store.h"
#include "policy/evaluate/evaluator.h"
#include "policy/json/json_tree.h"
#include "policy/parse/policy_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace iamsim;
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  const SourceText file("fuzz.json", std::string(text));
  JsonParseResult json = ParseJson(file, kPolicyLimits);
  fuzz::CheckDiagnostics(json.diagnostics, size);
  fuzz::Check(json.root.has_value() == !HasErrors(json.diagnostics));
  if (!json.root) return 0;
  PolicyStoreBuilder store;
  std::vector<const CompiledPolicy*> identity;
  const CompiledPolicy* resource = nullptr;
  for (PolicyType type : {PolicyType::kIdentity, PolicyType::kResource, PolicyType::kRoleTrust,
                          PolicyType::kPermissionsBoundary, PolicyType::kSession,
                          PolicyType::kServiceControl, PolicyType::kResourceControl}) {
    PolicyParseResult result = ParsePolicyJson(
        *json.root, DocumentRef{file.name(), "", DocumentEncoding::kObject}, type, text);
    fuzz::CheckDiagnostics(result.diagnostics, size);
    fuzz::Check(result.document.has_value() == !HasErrors(result.diagnostics));
    if (!result.document) continue;
    const PolicyId id = store.Add("fuzz", std::move(*result.document));
    fuzz::CheckDiagnostics(store.policy(id).diagnostics(), size);
    if (HasErrors(store.policy(id).diagnostics())) continue;
    if (type == PolicyType::kIdentity) identity.push_back(&store.policy(id));
    if (type == PolicyType::kResource) resource = &store.policy(id);
  }
  const std::shared_ptr<const PolicyStore> built = std::move(store).Build();
  Assembly assembly;
  assembly.store = built.get();
  assembly.identity = identity;
  assembly.resource = resource;
  fuzz::CheckEvaluators(assembly);
  return 0;
}
