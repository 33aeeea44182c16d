#include "benchmarks/workload.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace iamsim {

Simulation LoadWorkload(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  SimulationLoadResult loaded = LoadSimulation(text.str(), path);
  if (!loaded.simulation) {
    std::cerr << path << ": cannot load\n" << FormatDiagnostics(loaded.diagnostics);
    std::abort();
  }
  return std::move(*loaded.simulation);
}

}  // namespace iamsim
