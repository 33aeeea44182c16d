// Decision latency for workload W1 (benchmarks/WORKLOADS.md): cross-account
// lambda:InvokeFunction, caller role with 3 identity statements, a
// 5-statement function policy (API Gateway + ArnLike aws:SourceArn +
// StringEquals aws:SourceAccount, ...), FullAWSAccess SCP; allow,
// explicit-deny, implicit-deny and service-caller paths. Also W5 (explain on)
// and the unindexed oracle. Everything is compared with a baseline measured
// in the same run: one absl::flat_hash_map<std::string, int>::find on 1024 keys.
//
//   bazel run -c opt //benchmarks:decision_benchmark
//
// BM_W1_Latency times single decisions with the TSC and reports p50/p99 in
// ns and as a ratio to the baseline probe timed the same way.
#include <x86intrin.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "benchmarks/allocation_counter.h"
#include "benchmarks/workload.h"
#include "policy/evaluate/evaluator.h"

namespace iamsim {
namespace {

const char* const kPaths[] = {
    "testdata/workloads/w1-allow.json", "testdata/workloads/w1-explicit-deny.json",
    "testdata/workloads/w1-implicit-deny.json", "testdata/workloads/w1-service.json"};

const Simulation& Workload(int path) {
  static std::vector<Simulation>* workloads = [] {
    auto* w = new std::vector<Simulation>();
    for (const char* p : kPaths) w->push_back(LoadWorkload(p));
    return w;
  }();
  return (*workloads)[path];
}

struct HashProbe {
  absl::flat_hash_map<std::string, int> map;
  std::vector<std::string> keys;
  HashProbe() {
    for (int i = 0; i < 1024; ++i) {
      keys.push_back(absl::StrCat("lambda:invokefunction-", i));
      map[keys.back()] = i;
    }
  }
};

const HashProbe& Probe() {
  static const HashProbe* probe = new HashProbe();
  return *probe;
}

void BM_Baseline_HashProbe(benchmark::State& state) {
  const HashProbe& probe = Probe();
  size_t i = 0;
  for (auto _ : state) {
    auto it = probe.map.find(absl::string_view(probe.keys[i++ & 1023]));
    benchmark::DoNotOptimize(it);
  }
}
BENCHMARK(BM_Baseline_HashProbe);

// The gateway path: prepare the request, then decide.
void BM_W1_PrepareAndDecide(benchmark::State& state) {
  const Simulation& sim = Workload(static_cast<int>(state.range(0)));
  const Assembly assembly = sim.assembly();
  const Request request = sim.request();
  const uint64_t allocations_before = ThreadAllocationCount();
  for (auto _ : state) {
    PreparedRequest prepared;
    benchmark::DoNotOptimize(PreparedRequest::Prepare(request, &prepared).ok());
    Decision d = Evaluate(assembly, prepared);
    benchmark::DoNotOptimize(d);
  }
  state.counters["allocs_per_decision"] =
      static_cast<double>(ThreadAllocationCount() - allocations_before) /
      static_cast<double>(state.iterations());
  state.SetLabel(sim.name);
}
BENCHMARK(BM_W1_PrepareAndDecide)->DenseRange(0, 3)->ThreadRange(1, 2);

// The request half alone: parse the principal and resource ARNs, lower-case
// the action.
void BM_W1_PrepareOnly(benchmark::State& state) {
  const Simulation& sim = Workload(static_cast<int>(state.range(0)));
  const Assembly assembly = sim.assembly();
  const Request request = sim.request();
  for (auto _ : state) {
    PreparedRequest prepared;
    benchmark::DoNotOptimize(PreparedRequest::Prepare(request, &prepared).ok());
    benchmark::DoNotOptimize(prepared);
  }
}
BENCHMARK(BM_W1_PrepareOnly)->DenseRange(0, 3);

void BM_W1_DecideOnly(benchmark::State& state) {
  const Simulation& sim = Workload(static_cast<int>(state.range(0)));
  const Assembly assembly = sim.assembly();
  PreparedRequest prepared;
  PreparedRequest::Prepare(sim.request(), &prepared).IgnoreError();
  for (auto _ : state) {
    Decision d = Evaluate(assembly, prepared);
    benchmark::DoNotOptimize(d);
  }
}
BENCHMARK(BM_W1_DecideOnly)->DenseRange(0, 3);

void BM_W1_Unindexed(benchmark::State& state) {
  const Simulation& sim = Workload(static_cast<int>(state.range(0)));
  const Assembly assembly = sim.assembly();
  PreparedRequest prepared;
  PreparedRequest::Prepare(sim.request(), &prepared).IgnoreError();
  for (auto _ : state) {
    Decision d = Evaluate(assembly, prepared, EvaluateOptions{false});
    benchmark::DoNotOptimize(d);
  }
}
BENCHMARK(BM_W1_Unindexed)->DenseRange(0, 3);

// W5: the explanation on.
void BM_W5_Explain(benchmark::State& state) {
  const Simulation& sim = Workload(static_cast<int>(state.range(0)));
  const Assembly assembly = sim.assembly();
  PreparedRequest prepared;
  PreparedRequest::Prepare(sim.request(), &prepared).IgnoreError();
  for (auto _ : state) {
    Explanation explanation;
    Decision d = Evaluate(assembly, prepared, {}, &explanation);
    benchmark::DoNotOptimize(d);
  }
}
BENCHMARK(BM_W5_Explain)->DenseRange(0, 3);

// Per-call latency distribution, timed with the TSC.
double NanosecondsPerTick() {
  static const double ns_per_tick = [] {
    const auto t0 = std::chrono::steady_clock::now();
    const uint64_t c0 = __rdtsc();
    while (std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(50)) {
    }
    const uint64_t c1 = __rdtsc();
    const auto t1 = std::chrono::steady_clock::now();
    return std::chrono::duration<double, std::nano>(t1 - t0).count() / static_cast<double>(c1 - c0);
  }();
  return ns_per_tick;
}

template <typename Fn>
std::vector<double> SampleNanoseconds(int samples, Fn fn) {
  std::vector<double> ns;
  ns.reserve(samples);
  unsigned aux;
  for (int i = 0; i < samples; ++i) {
    const uint64_t start = __rdtscp(&aux);
    fn();
    const uint64_t end = __rdtscp(&aux);
    ns.push_back(static_cast<double>(end - start) * NanosecondsPerTick());
  }
  std::sort(ns.begin(), ns.end());
  return ns;
}

double Percentile(const std::vector<double>& sorted, double p) {
  return sorted[static_cast<size_t>(p * static_cast<double>(sorted.size() - 1))];
}

void BM_W1_Latency(benchmark::State& state) {
  const Simulation& sim = Workload(static_cast<int>(state.range(0)));
  const Assembly assembly = sim.assembly();
  const Request request = sim.request();
  const HashProbe& probe = Probe();
  constexpr int kSamples = 200000;
  std::vector<double> decide, baseline, empty;
  for (auto _ : state) {
    empty = SampleNanoseconds(kSamples, [] {});
    size_t i = 0;
    baseline = SampleNanoseconds(kSamples, [&] {
      benchmark::DoNotOptimize(probe.map.find(absl::string_view(probe.keys[i++ & 1023])));
    });
    decide = SampleNanoseconds(kSamples, [&] {
      PreparedRequest prepared;
      benchmark::DoNotOptimize(PreparedRequest::Prepare(request, &prepared).ok());
      Decision d = Evaluate(assembly, prepared);
      benchmark::DoNotOptimize(d);
    });
  }
  const double overhead = Percentile(empty, 0.5);
  const double base = Percentile(baseline, 0.5) - overhead;
  state.counters["p50_ns"] = Percentile(decide, 0.5) - overhead;
  state.counters["p99_ns"] = Percentile(decide, 0.99) - overhead;
  state.counters["baseline_p50_ns"] = base;
  state.counters["p50_ratio_to_probe"] = (Percentile(decide, 0.5) - overhead) / base;
  state.SetLabel(sim.name);
}
BENCHMARK(BM_W1_Latency)->DenseRange(0, 3)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace iamsim

BENCHMARK_MAIN();
