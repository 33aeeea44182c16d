// Hostile inputs (benchmarks/WORKLOADS.md W4 and issue #8): each must stay
// well under a second and 1 GiB.
//   W4: "*" actions and resources, NotAction/NotResource, 100 StringLike
//       values, ForAnyValue over 50-element lists, patterns like *a*a*a*a*b
//       against long ARNs — one decision.
//   An unterminated [[[... of 100,000 levels — parsing to its error.
//   simulate-custom-policy with 1,000 actions x 1,000 resources — loading and
//       deciding every question (the AWS output shape, no explanation).
//   A simulation file with 50,000 context keys — loading and deciding.
// With the same-run hash-probe baseline, as every benchmark here.
//
//   bazel run -c opt //benchmarks:adversarial_benchmark
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "benchmark/benchmark.h"
#include "policy/evaluate/evaluator.h"
#include "policy/json/json_tree.h"
#include "policy/simulation/aws_request.h"
#include "policy/simulation/simulation.h"

namespace iamsim {
namespace {

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

// `length`: of the request's resource name and s3:prefix value.
std::string W4Simulation(int length) {
  std::vector<std::string> like;
  for (int i = 0; i < 100; ++i) like.push_back(absl::StrCat("\"*a*a*a*a*b", i, "*\""));
  std::vector<std::string> any;
  for (int i = 0; i < 50; ++i) any.push_back(absl::StrCat("\"tag-", i, "\""));
  const std::string long_name = std::string(length, 'a');
  return absl::StrCat(
      R"({"request":{"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject",)",
      R"("resource":"arn:aws:s3:::bucket/)", long_name, R"(","resourceAccount":"111122223333",)",
      R"("context":{"s3:prefix":")", long_name, R"(","aws:TagKeys":[)", absl::StrJoin(any, ","),
      R"(]}},"identityPolicies":[{"name":"p","document":{"Version":"2012-10-17","Statement":[)",
      R"({"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringLike":{"s3:prefix":[)",
      absl::StrJoin(like, ","), R"(]}}},)",
      R"({"Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:s3:::*a*a*a*a*a*a*a*b"},)",
      R"({"Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::*a*a*a*a*a*a*a*a*b*",)",
      R"("Condition":{"ForAnyValue:StringLike":{"aws:TagKeys":[)", absl::StrJoin(like, ","),
      R"(]}}}]}}]})");
}

void BM_W4_AdversarialDecision(benchmark::State& state) {
  SimulationLoadResult loaded =
      LoadSimulation(W4Simulation(static_cast<int>(state.range(0))), "w4.json");
  if (!loaded.simulation) {
    state.SkipWithError(FormatDiagnostics(loaded.diagnostics).c_str());
    return;
  }
  const Simulation& sim = *loaded.simulation;
  const Assembly assembly = sim.assembly();
  PreparedRequest prepared;
  if (!PreparedRequest::Prepare(sim.request(), &prepared).ok()) state.SkipWithError("prepare");
  for (auto _ : state) benchmark::DoNotOptimize(Evaluate(assembly, prepared));
}
// 64: names of a usual length; 3000: near iamsim's cap for one value.
BENCHMARK(BM_W4_AdversarialDecision)->Arg(64)->Arg(3000)->Unit(benchmark::kMicrosecond);

void BM_UnterminatedNesting100K(benchmark::State& state) {
  const std::string text(100000, '[');
  for (auto _ : state) benchmark::DoNotOptimize(ParseJson(text, "deep.json"));
}
BENCHMARK(BM_UnterminatedNesting100K)->Unit(benchmark::kMillisecond);

std::string AwsRequest(int actions, int resources) {
  std::vector<std::string> a, r;
  for (int i = 0; i < actions; ++i) a.push_back(absl::StrCat("\"s3:Action", i, "\""));
  for (int i = 0; i < resources; ++i) r.push_back(absl::StrCat("\"arn:aws:s3:::bucket/k", i, "\""));
  return absl::StrCat(
      R"({"PolicyInputList":["{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",)",
      R"(\"Action\":\"s3:Action1*\",\"Resource\":\"arn:aws:s3:::bucket/k1*\"}]}"],"ActionNames":[)",
      absl::StrJoin(a, ","), R"(],"ResourceArns":[)", absl::StrJoin(r, ","), "]}");
}

void BM_AwsRequest1000x1000(benchmark::State& state) {
  const std::string text = AwsRequest(1000, 1000);
  size_t allowed = 0;
  for (auto _ : state) {
    AwsRequestLoadResult loaded = LoadAwsRequest(text, "req.json");
    const AwsSimulation& sim = *loaded.simulation;
    const Assembly assembly = sim.assembly();
    for (size_t a = 0; a < sim.actions.size(); ++a) {
      for (size_t r = 0; r < sim.resources.size(); ++r) {
        PreparedRequest prepared;
        PreparedRequest::Prepare(sim.request(a, r), &prepared).IgnoreError();
        allowed += Evaluate(assembly, prepared).kind == DecisionKind::kAllow;
      }
    }
  }
  state.counters["questions"] = 1e6;
  benchmark::DoNotOptimize(allowed);
}
BENCHMARK(BM_AwsRequest1000x1000)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_ContextKeys50K(benchmark::State& state) {
  std::string context;
  for (int i = 0; i < 50000; ++i) {
    absl::StrAppend(&context, i == 0 ? "" : ",", "\"ec2:ResourceTag/k", i, "\":\"v", i, "\"");
  }
  const std::string text = absl::StrCat(
      R"({"request":{"principal":"arn:aws:iam::111122223333:user/alice","action":"ec2:StartInstances",)",
      R"("resource":"arn:aws:ec2:us-east-1:111122223333:instance/i-1","context":{)", context,
      R"(}},"identityPolicies":[{"name":"p","document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*","Condition":{"StringEquals":{"ec2:ResourceTag/k49999":"v49999"}}}]}}]})");
  for (auto _ : state) {
    SimulationLoadResult loaded = LoadSimulation(text, "ctx.json");
    if (!loaded.simulation) {
      state.SkipWithError(FormatDiagnostics(loaded.diagnostics).c_str());
      return;
    }
    PreparedRequest prepared;
    PreparedRequest::Prepare(loaded.simulation->request(), &prepared).IgnoreError();
    benchmark::DoNotOptimize(Evaluate(loaded.simulation->assembly(), prepared));
  }
}
BENCHMARK(BM_ContextKeys50K)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace iamsim

BENCHMARK_MAIN();
