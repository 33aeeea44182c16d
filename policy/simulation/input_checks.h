// File: policy/simulation/input_checks.h
//
// Checks shared by the two input formats (simulation files and AWS's
// simulate-custom-policy requests): members an object should not have, and
// one part of a request validated on its own so that an error can point at
// the field that holds it.
//
// Thread-safety: pure functions.
#ifndef IAMSIM_POLICY_SIMULATION_INPUT_CHECKS_H_
#define IAMSIM_POLICY_SIMULATION_INPUT_CHECKS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "policy/json/json_tree.h"

namespace iamsim {

// A member of an object that is not among the known names, with the closest
// known name ("" when none is close).
struct UnknownMember {
  const JsonMember* member;
  std::string suggestion;
};
std::vector<UnknownMember> FindUnknownMembers(const JsonValue& object,
                                              const std::vector<absl::string_view>& known);

enum class RequestPart { kPrincipal, kAction, kResource, kResourceAccount };

// Why `value` cannot be that part of a request (PreparedRequest::Prepare's
// rules, the other parts being valid stand-ins), or "" when it can. The text
// follows the field's name: ` "s3:*" is not an action; ...`.
std::string RequestPartProblem(RequestPart part, absl::string_view value);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_SIMULATION_INPUT_CHECKS_H_
