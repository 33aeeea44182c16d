// W6 (benchmarks/WORKLOADS.md): parse and compile N generated policies
// (~1 KB, 5 statements each: actions with and without wildcards, resource
// ARNs, conditions of several families) into one PolicyStore, as loading a
// world or a gateway snapshot does. Reported per policy and in total, with
// the same-run hash-probe baseline for comparison across runs.
//
//   bazel run -c opt //benchmarks:compile_benchmark
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "policy/compile/policy_store.h"
#include "policy/parse/policy_parser.h"

namespace iamsim {
namespace {

// A deterministic ~1 KB identity policy with 5 statements.
std::string GeneratedPolicy(int i) {
  const std::string account = absl::StrCat(100000000000 + i % 97);
  return absl::StrCat(
      R"({"Version":"2012-10-17","Statement":[)",
      R"({"Sid":"Invoke","Effect":"Allow","Action":["lambda:InvokeFunction","lambda:GetFunction"],)",
      R"("Resource":"arn:aws:lambda:us-east-1:)", account, ":function:app-", i, R"(*"},)",
      R"({"Sid":"Read","Effect":"Allow","Action":"s3:Get*","Resource":["arn:aws:s3:::bucket-)", i,
      R"(/*","arn:aws:s3:::shared/*"],"Condition":{"StringEquals":{"aws:PrincipalTag/team":"t)",
      i % 7, R"("}}},)",
      R"({"Sid":"Logs","Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],)",
      R"("Resource":"arn:aws:logs:*:)", account, R"(:log-group:/aws/lambda/app-*"},)",
      R"({"Sid":"Network","Effect":"Deny","Action":"*","Resource":"*","Condition":{"NotIpAddress":)",
      R"({"aws:SourceIp":["10.0.0.0/8","192.0.2.0/24"]},"Bool":{"aws:ViaAWSService":"false"}}},)",
      R"({"Sid":"Dates","Effect":"Allow","Action":"dynamodb:Query","Resource":"arn:aws:dynamodb:us-east-1:)",
      account, ":table/t", i,
      R"(","Condition":{"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"},)",
      R"("NumericLessThanEquals":{"dynamodb:ReturnConsumedCapacity":"5"}}}]})");
}

const std::vector<std::string>& Policies(size_t n) {
  static auto* cache = new absl::flat_hash_map<size_t, std::vector<std::string>>();
  std::vector<std::string>& texts = (*cache)[n];
  if (texts.empty()) {
    for (size_t i = 0; i < n; ++i) texts.push_back(GeneratedPolicy(static_cast<int>(i)));
  }
  return texts;
}

void BM_Baseline_HashProbe(benchmark::State& state) {
  absl::flat_hash_map<std::string, int> map;
  std::vector<std::string> keys;
  for (int i = 0; i < 1024; ++i) {
    keys.push_back(absl::StrCat("lambda:invokefunction-", i));
    map[keys.back()] = i;
  }
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(map.find(keys[i++ & 1023]));
}
BENCHMARK(BM_Baseline_HashProbe);

void BM_W6_ParseAndCompile(benchmark::State& state) {
  const std::vector<std::string>& texts = Policies(static_cast<size_t>(state.range(0)));
  size_t bytes = 0;
  for (const std::string& t : texts) bytes += t.size();
  for (auto _ : state) {
    PolicyStoreBuilder builder;
    for (size_t i = 0; i < texts.size(); ++i) {
      PolicyParseResult parsed = ParsePolicy(texts[i], "p.json", PolicyType::kIdentity);
      if (!parsed.document) state.SkipWithError("a generated policy does not parse");
      builder.Add(absl::StrCat("p", i), std::move(*parsed.document));
    }
    std::shared_ptr<const PolicyStore> store = std::move(builder).Build();
    benchmark::DoNotOptimize(store);
    state.PauseTiming();  // Freeing the store is not part of compiling it.
    store.reset();
    state.ResumeTiming();
  }
  state.counters["policies"] = static_cast<double>(texts.size());
  state.counters["avg_policy_bytes"] = static_cast<double>(bytes) / texts.size();
  state.counters["policies_per_s"] = benchmark::Counter(
      static_cast<double>(texts.size()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_W6_ParseAndCompile)
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(5);

// Compile alone: the parse of the same policies done once, outside the loop.
void BM_W6_CompileOnly(benchmark::State& state) {
  const std::vector<std::string>& texts = Policies(static_cast<size_t>(state.range(0)));
  std::vector<PolicyDocument> documents;
  for (const std::string& t : texts) {
    documents.push_back(*ParsePolicy(t, "p.json", PolicyType::kIdentity).document);
  }
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<PolicyDocument> copies = documents;
    state.ResumeTiming();
    PolicyStoreBuilder builder;
    for (size_t i = 0; i < copies.size(); ++i) builder.Add("p", std::move(copies[i]));
    std::shared_ptr<const PolicyStore> store = std::move(builder).Build();
    benchmark::DoNotOptimize(store);
    state.PauseTiming();
    store.reset();
    copies.clear();
    state.ResumeTiming();
  }
}
BENCHMARK(BM_W6_CompileOnly)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace
}  // namespace iamsim

BENCHMARK_MAIN();
