// File: policy/simulation/simulation.h
//
// A simulation: one request, the policies that take part, and optional
// expectations. Loaded from iamsim's simulation file format (README,
// "Simulation files") or built from an AWS simulate-custom-policy request
// (policy/simulation/aws_request.h).
//
// Ownership: a Simulation owns its strings, context and compiled graph; the
// Request returned by request() points into it.
#ifndef IAMSIM_POLICY_SIMULATION_SIMULATION_H_
#define IAMSIM_POLICY_SIMULATION_SIMULATION_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "policy/compile/decision_graph.h"
#include "policy/evaluate/decision.h"
#include "policy/evaluate/request.h"
#include "policy/json/diagnostic.h"

namespace iamsim {

struct Simulation {
  std::string source;  // File name.
  std::string name;
  std::string principal;
  std::string action;
  std::string resource;
  std::string resource_account;
  RequestContext context;
  std::shared_ptr<const DecisionGraph> graph;
  std::optional<DecisionKind> expected_decision;

  Request request() const {
    return Request{principal, action, resource, resource_account, &context};
  }
};

struct SimulationLoadResult {
  std::optional<Simulation> simulation;  // Present iff no error.
  std::vector<Diagnostic> diagnostics;   // Errors and warnings of the file and its policies.
};

// Parses a simulation file. Every problem is reported with file, line:column
// and JSON pointer; unknown top-level fields (such as "why") are ignored.
SimulationLoadResult LoadSimulation(absl::string_view text, absl::string_view source);

// Whether `action` on `resource` is decided by a role trust policy (any sts:
// action on an IAM role); the resource policy is then parsed as one.
bool IsRoleTrustRequest(absl::string_view action, absl::string_view resource);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_SIMULATION_SIMULATION_H_
