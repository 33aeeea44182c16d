#include "policy/conditions/binary.h"

#include <string>

#include "absl/strings/escaping.h"

namespace iamsim {

bool IsBase64(absl::string_view text) {
  std::string decoded;
  return !text.empty() && absl::Base64Unescape(text, &decoded);
}

const char* CompileBinaryValue(absl::string_view text, ConditionValue*) {
  return IsBase64(text) ? nullptr : "base64-encoded bytes such as \"QmluYXJ5VmFsdWU=\"";
}

bool MatchBinary(absl::string_view policy_value, absl::string_view request_value) {
  return policy_value == request_value;
}

}  // namespace iamsim
