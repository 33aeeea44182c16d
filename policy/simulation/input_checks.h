// File: policy/simulation/input_checks.h
//
// A check shared by the input formats (simulation files, AWS's
// simulate-custom-policy requests, worlds): one part of a request validated
// on its own, so that an error can point at the field that holds it.
//
// Thread-safety: pure functions.
#ifndef IAMSIM_POLICY_SIMULATION_INPUT_CHECKS_H_
#define IAMSIM_POLICY_SIMULATION_INPUT_CHECKS_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace iamsim {

enum class RequestPart { kPrincipal, kAction, kResource, kResourceAccount };

// Why `value` cannot be that part of a request (PreparedRequest::Prepare's
// rules, the other parts being valid stand-ins), or "" when it can. The text
// follows the field's name: ` "s3:*" is not an action; ...`.
std::string RequestPartProblem(RequestPart part, absl::string_view value);

// Why `value` cannot be a value of a condition key of type `types` (the
// catalog's KeyType bits), or "". Every form AWS's simulator takes for the
// type stays valid (dates as ISO 8601 or epoch seconds, booleans in any
// case, addresses with or without a prefix length).
std::string ContextValueProblem(uint16_t types, absl::string_view value);

// Why a request's action is not one AWS knows (the service catalog), with
// "did you mean", or "" when it is known. A typo such as
// lambda:InvokeFunctions is a valid action name that no policy grants by
// name, so the readers report it as a warning (unknown-action), not an error.
std::string UnknownActionProblem(absl::string_view action);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_SIMULATION_INPUT_CHECKS_H_
