// File: benchmarks/workload.h
//
// Loads a workload simulation file (testdata/workloads) for benchmarks and
// allocation tests. Aborts with the diagnostics if the file is broken: a
// benchmark on a broken input would measure nothing.
#ifndef IAMSIM_BENCHMARKS_WORKLOAD_H_
#define IAMSIM_BENCHMARKS_WORKLOAD_H_

#include <string>

#include "policy/simulation/simulation.h"

namespace iamsim {

Simulation LoadWorkload(const std::string& path);

}  // namespace iamsim

#endif  // IAMSIM_BENCHMARKS_WORKLOAD_H_
