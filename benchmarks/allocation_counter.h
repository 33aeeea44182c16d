// File: benchmarks/allocation_counter.h
//
// Counts heap allocations made by this thread, by replacing the global
// operator new in the binary that links allocation_counter.cc. Used by the
// zero-allocation test and the benchmarks (allocations per decision).
#ifndef IAMSIM_BENCHMARKS_ALLOCATION_COUNTER_H_
#define IAMSIM_BENCHMARKS_ALLOCATION_COUNTER_H_

#include <cstdint>

namespace iamsim {

// Allocations made so far by the calling thread.
uint64_t ThreadAllocationCount();

}  // namespace iamsim

#endif  // IAMSIM_BENCHMARKS_ALLOCATION_COUNTER_H_
