// File: policy/world/simulation_export.h
//
// A world question written as a simulation file (`iamsim can
// --emit-simulation`): every policy that takes part, verbatim, and the
// request with every context key the world determined, so that `iamsim
// simulate` of the file gives the same decision and deciding statements —
// a self-contained, reproducible bug report.
//
// Names: identity policies and SCP/RCP levels keep their world names; the
// resource policy, boundary and session policy are single slots of the
// simulation format and keep only their documents.
#ifndef IAMSIM_POLICY_WORLD_SIMULATION_EXPORT_H_
#define IAMSIM_POLICY_WORLD_SIMULATION_EXPORT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "policy/world/world.h"

namespace iamsim {

// The simulation file's JSON text; `name` becomes its "name".
std::string SimulationJson(const WorldQuestion& question, absl::string_view name);

// Each policy document SimulationJson writes: its JSON Pointer in the
// simulation file ("/identityPolicies/0/document", "/resourcePolicy",
// "/permissionsBoundary", "/sessionPolicy",
// "/serviceControlPolicies/LEVEL/I/document", ...) and the world's policy
// it is a copy of (whose document().origin locates it in the world's
// files). Used to carry fixes found on the file back to the world.
struct SimulationSlot {
  std::string pointer;
  const CompiledPolicy* policy = nullptr;
  std::string target;  // SCPs and RCPs: the level's r-..., ou-... or account; else "".
};
std::vector<SimulationSlot> SimulationSlots(const WorldQuestion& question);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_WORLD_SIMULATION_EXPORT_H_
