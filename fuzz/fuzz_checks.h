// File: fuzz/fuzz_checks.h
//
// Invariants the fuzz targets check on every input; a violation aborts, so
// that libFuzzer saves the input.
#ifndef IAMSIM_FUZZ_FUZZ_CHECKS_H_
#define IAMSIM_FUZZ_FUZZ_CHECKS_H_

#include <vector>

#include "policy/compile/assembly.h"
#include "policy/diagnostics/diagnostic.h"

namespace iamsim::fuzz {

void Check(bool condition);

// Every diagnostic is located inside a text of `size` bytes, with a line
// and column, and says something.
void CheckDiagnostics(const std::vector<Diagnostic>& diagnostics, size_t size);

// The indexed, unindexed and explained evaluations of a few requests agree.
void CheckEvaluators(const Assembly& assembly);

}  // namespace iamsim::fuzz

#endif  // IAMSIM_FUZZ_FUZZ_CHECKS_H_
