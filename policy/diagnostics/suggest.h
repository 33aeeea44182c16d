// File: policy/diagnostics/suggest.h
//
// "Did you mean ...?" for element names, operators and values.
#ifndef IAMSIM_POLICY_DIAGNOSTICS_SUGGEST_H_
#define IAMSIM_POLICY_DIAGNOSTICS_SUGGEST_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace iamsim {

// The candidate closest to `word`: a case-insensitive equal first, otherwise
// the smallest edit distance when it is at most max(2, |word| / 4).
// "" when none is close enough.
std::string ClosestMatch(absl::string_view word, const std::vector<absl::string_view>& candidates);

// Levenshtein distance, case-insensitive.
size_t EditDistance(absl::string_view a, absl::string_view b);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_DIAGNOSTICS_SUGGEST_H_
