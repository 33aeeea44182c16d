// File: policy/conditions/binary.h
//
// The BinaryEquals condition operator (IAM "Condition operators", Binary):
// the policy value is the base64 encoding of the bytes, compared byte for
// byte with the request value (also base64, as simulate-custom-policy takes
// binary context values). A policy value that is not base64 is an
// invalid-condition-value error. Policy variables are not allowed.
#ifndef IAMSIM_POLICY_CONDITIONS_BINARY_H_
#define IAMSIM_POLICY_CONDITIONS_BINARY_H_

#include "absl/strings/string_view.h"
#include "policy/conditions/compiled_condition.h"

namespace iamsim {

// Standard base64 (RFC 4648 §4), padding optional.
bool IsBase64(absl::string_view text);

const char* CompileBinaryValue(absl::string_view text, ConditionValue* value);

bool MatchBinary(absl::string_view policy_value, absl::string_view request_value);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_CONDITIONS_BINARY_H_
