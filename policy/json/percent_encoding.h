// File: policy/json/percent_encoding.h
//
// RFC 3986 percent-encoding, as IAM returns policy documents through its API
// (and as account dumps keep them): decoding turns only "%XY" into a byte
// ('+' stays '+'; a '%' not followed by two hex digits stays); encoding
// escapes every byte but the unreserved A-Z a-z 0-9 - . _ ~.
#ifndef IAMSIM_POLICY_JSON_PERCENT_ENCODING_H_
#define IAMSIM_POLICY_JSON_PERCENT_ENCODING_H_

#include <string>

#include "absl/strings/string_view.h"

namespace iamsim {

std::string PercentDecode(absl::string_view text);
std::string PercentEncode(absl::string_view text);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_JSON_PERCENT_ENCODING_H_
