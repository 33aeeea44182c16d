// File: policy/explain/expectation.h
//
// Checks a simulation's expectation ("expect") against its decision: the
// decision; for an Allow or ExplicitDeny, the deciding statements as a set
// (each named "NAME#INDEX" — see StatementInfo::label — or by a Sid that is
// unique among the simulation's statements); for an ImplicitDeny, the
// policy type AWS's sentence names.
#ifndef IAMSIM_POLICY_EXPLAIN_EXPECTATION_H_
#define IAMSIM_POLICY_EXPLAIN_EXPECTATION_H_

#include <string>
#include <vector>

#include "policy/compile/assembly.h"
#include "policy/evaluate/decision.h"
#include "policy/simulation/simulation.h"

namespace iamsim {

struct ExpectationCheck {
  bool passed = true;
  // One line per failed part: "deciding: expected [a, b], got [a]".
  std::vector<std::string> failures;
};

ExpectationCheck CheckExpectation(const Expectation& expected, const Assembly& assembly,
                                  const Decision& decision);

// The deciding statements as an expectation would name them: the Sid when it
// is unique among the assembly's statements, otherwise "NAME#INDEX".
std::vector<std::string> DecidingNames(const Assembly& assembly, const Decision& decision);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EXPLAIN_EXPECTATION_H_
