// Preparing and deciding a W1 request with the explanation off must not
// touch the heap once warm (benchmarks/WORKLOADS.md, W1: 0 allocations).
#include "benchmarks/allocation_counter.h"
#include "benchmarks/workload.h"
#include "gtest/gtest.h"
#include "policy/evaluate/evaluator.h"

namespace iamsim {
namespace {

class NoAllocationTest : public ::testing::TestWithParam<std::string> {};

TEST_P(NoAllocationTest, PrepareAndEvaluateDoNotAllocate) {
  const Simulation sim = LoadWorkload(GetParam());
  const Request request = sim.request();
  const Assembly assembly = sim.assembly();
  DecisionKind kind = DecisionKind::kAllow;
  for (int warm = 0; warm < 3; ++warm) {
    PreparedRequest prepared;
    ASSERT_TRUE(PreparedRequest::Prepare(request, &prepared).ok());
    kind = Evaluate(assembly, prepared).kind;
  }
  ASSERT_EQ(kind, *sim.expect.decision);
  const uint64_t before = ThreadAllocationCount();
  for (int i = 0; i < 1000; ++i) {
    PreparedRequest prepared;
    const bool ok = PreparedRequest::Prepare(request, &prepared).ok();
    const Decision d = Evaluate(assembly, prepared);
    if (!ok || d.kind != kind) FAIL();
  }
  EXPECT_EQ(ThreadAllocationCount() - before, 0u);
}

INSTANTIATE_TEST_SUITE_P(W1, NoAllocationTest,
                         ::testing::Values("testdata/workloads/w1-allow.json",
                                           "testdata/workloads/w1-explicit-deny.json",
                                           "testdata/workloads/w1-implicit-deny.json",
                                           "testdata/workloads/w1-service.json"));

TEST(AllocationCounterTest, CountsAllocations) {
  const uint64_t before = ThreadAllocationCount();
  void* p = ::operator new(16);  // A call, not a new-expression: cannot be elided.
  ::operator delete(p);
  EXPECT_EQ(ThreadAllocationCount() - before, 1u);
}

}  // namespace
}  // namespace iamsim
