#include "fuzz/fuzz_checks.h"

#include <cstdlib>

#include "policy/evaluate/evaluator.h"

namespace iamsim::fuzz {

void Check(bool condition) {
  if (!condition) std::abort();
}

void CheckDiagnostics(const std::vector<Diagnostic>& diagnostics, size_t size) {
  for (const Diagnostic& d : diagnostics) {
    const SourceSpan& span = d.location.span;
    Check(span.begin.offset <= size && span.end.offset <= size);
    Check(span.begin.line >= 1 && span.begin.column >= 1);
    Check(span.begin.offset <= span.end.offset);
    Check(!d.message.empty());
  }
}

void CheckEvaluators(const Assembly& assembly) {
  RequestContext context;
  context.Set("aws:SourceArn", "arn:aws:execute-api:us-east-1:444455556666:abc/prod/GET/x");
  context.Set("aws:SourceIp", "203.0.113.7");
  context.SetList("aws:TagKeys", {"a", "b"});
  const Request requests[] = {
      {"arn:aws:sts::111122223333:assumed-role/app/s", "lambda:InvokeFunction",
       "arn:aws:lambda:us-east-1:444455556666:function:QiitaSample", "", &context},
      {"apigateway.amazonaws.com", "lambda:InvokeFunction",
       "arn:aws:lambda:us-east-1:444455556666:function:QiitaSample", "", &context},
      {"arn:aws:iam::444455556666:user/alice", "s3:GetObject", "arn:aws:s3:::b/k", "444455556666",
       &context},
  };
  for (const Request& request : requests) {
    PreparedRequest prepared;
    Check(PreparedRequest::Prepare(request, &prepared).ok());
    Explanation explanation;
    const Decision indexed = Evaluate(assembly, prepared);
    const Decision unindexed = Evaluate(assembly, prepared, EvaluateOptions{false});
    const Decision traced = Evaluate(assembly, prepared, {}, &explanation);
    Check(indexed.kind == unindexed.kind && indexed.kind == traced.kind);
    Check(indexed.deciding == unindexed.deciding && indexed.deciding == traced.deciding);
  }
}

}  // namespace iamsim::fuzz
