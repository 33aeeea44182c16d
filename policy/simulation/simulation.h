// File: policy/simulation/simulation.h
//
// A simulation: one request, the policies that take part, and optional
// expectations. Loaded from iamsim's simulation file format (README,
// "Simulation files") or built from an AWS simulate-custom-policy request
// (policy/simulation/aws_request.h). Its policies are compiled once into a
// PolicyStore; assembly() names them for the evaluator.
//
// Ownership: a Simulation owns its strings, context, store and chains; the
// Request and Assembly it returns point into it, so it must outlive them and
// must not be moved while they are in use.
#ifndef IAMSIM_POLICY_SIMULATION_SIMULATION_H_
#define IAMSIM_POLICY_SIMULATION_SIMULATION_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "policy/compile/assembly.h"
#include "policy/compile/policy_store.h"
#include "policy/diagnostics/diagnostic.h"
#include "policy/evaluate/decision.h"
#include "policy/evaluate/request.h"

namespace iamsim {

// What a simulation file's "expect" says.
struct Expectation {
  std::optional<DecisionKind> decision;
  // The deciding statements of an Allow or ExplicitDeny, as a set: each
  // "POLICY#INDEX" (statement_naming.h) or a Sid unique in the file.
  std::optional<std::vector<std::string>> deciding;
  // For an ImplicitDeny, the policy type AWS's sentence names: "identity",
  // "resource", "boundary", "session", "scp", "rcp", or "root-assume-role".
  std::optional<std::string> reason;
  ElementLocation location;  // Of the "expect" object.

  bool empty() const { return !decision && !deciding && !reason; }
};

// The policies of a simulation, compiled, and the slots they fill.
struct PolicySlots {
  std::shared_ptr<const PolicyStore> store;
  std::vector<const CompiledPolicy*> identity;
  const CompiledPolicy* resource = nullptr;
  const CompiledPolicy* boundary = nullptr;
  std::vector<const CompiledPolicy*> session;
  std::optional<OrgChain> scp;
  std::optional<OrgChain> rcp;
  std::string management_account;

  Assembly assembly() const {
    Assembly a;
    a.store = store.get();
    a.identity = identity;
    a.resource = resource;
    a.boundary = boundary;
    a.session = session;
    a.scp = scp ? &*scp : nullptr;
    a.rcp = rcp ? &*rcp : nullptr;
    a.management_account = management_account;
    return a;
  }
};

struct Simulation {
  std::string source;  // File name.
  std::string name;
  std::string principal;
  std::string action;
  std::string resource;
  std::string resource_account;
  RequestContext context;
  PolicySlots policies;
  Expectation expect;

  Request request() const {
    return Request{principal, action, resource, resource_account, &context};
  }
  Assembly assembly() const { return policies.assembly(); }
};

struct SimulationLoadResult {
  std::optional<Simulation> simulation;  // Present iff no error.
  std::vector<Diagnostic> diagnostics;   // Errors and warnings of the file and its policies.
  // False when the text is not a simulation file at all (not JSON, not an
  // object, no "request"): an input error rather than a file with errors.
  bool recognized = true;
};

// Parses a simulation file. Every problem is reported with file, line:column
// and JSON pointer. Unknown top-level fields (such as "why") are ignored,
// except near misses of known ones ("resourcePolicyy"), which are errors: a
// misspelled slot holding a Deny must not be ignored.
SimulationLoadResult LoadSimulation(absl::string_view text, absl::string_view source);
SimulationLoadResult LoadSimulation(const SourceText& file);

// Whether `action` on `resource` is decided by a role trust policy (any sts:
// action on an IAM role); the resource policy is then parsed as one.
bool IsRoleTrustRequest(absl::string_view action, absl::string_view resource);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_SIMULATION_SIMULATION_H_
