// libFuzzer target: policy text -> parse (every policy type) -> compile ->
// evaluate. Checks that nothing crashes or hangs and that the parser's
// contract holds: a document iff no error; every diagnostic located inside
// the text. Built by tools/fuzz (clang, -fsanitize=fuzzer,address,undefined)
// and replayed over testdata/fuzz/policy by //policy:policy_parser_fuzz_test.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "policy/compile/decision_graph.h"
#include "policy/evaluate/evaluator.h"
#include "policy/parse/policy_parser.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace iamsim;
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (PolicyType type : {PolicyType::kIdentity, PolicyType::kResource, PolicyType::kRoleTrust,
                          PolicyType::kPermissionsBoundary, PolicyType::kSession,
                          PolicyType::kServiceControl, PolicyType::kResourceControl}) {
    PolicyParseResult result = ParsePolicy(text, "fuzz.json", type);
    Check(result.document.has_value() == !HasErrors(result.diagnostics));
    for (const Diagnostic& d : result.diagnostics) {
      Check(d.span.begin.offset <= size && d.span.end.offset <= size);
      Check(d.span.begin.line >= 1 && d.span.begin.column >= 1);
      Check(!d.message.empty());
    }
    if (!result.document) continue;
    PolicyBundle bundle;
    if (type == PolicyType::kIdentity) {
      bundle.identity.push_back(NamedPolicy{"fuzz", std::move(*result.document)});
    } else if (type == PolicyType::kResource) {
      bundle.resource = NamedPolicy{"fuzz", std::move(*result.document)};
    } else {
      continue;
    }
    absl::StatusOr<std::shared_ptr<const DecisionGraph>> graph =
        DecisionGraph::Compile(std::move(bundle));
    Check(graph.ok());
    RequestContext context;
    context.Set("aws:SourceArn", "arn:aws:execute-api:us-east-1:444455556666:abc/prod/GET/x");
    context.SetList("aws:TagKeys", {"a", "b"});
    Request request{"arn:aws:sts::111122223333:assumed-role/app/s", "lambda:InvokeFunction",
                    "arn:aws:lambda:us-east-1:444455556666:function:QiitaSample", "", &context};
    PreparedRequest prepared;
    Check(PreparedRequest::Prepare(request, &prepared).ok());
    Explanation explanation;
    const Decision with_index = Evaluate(**graph, prepared);
    const Decision traced = Evaluate(**graph, prepared, {}, &explanation);
    Check(with_index.kind == traced.kind);
  }
  return 0;
}
