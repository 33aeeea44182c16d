#include "policy/diagnostics/suggest.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace iamsim {

size_t EditDistance(absl::string_view a, absl::string_view b) {
  std::vector<size_t> previous(b.size() + 1), current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const bool same = absl::ascii_tolower(a[i - 1]) == absl::ascii_tolower(b[j - 1]);
      current[j] =
          std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

namespace {

std::string NearMiss(absl::string_view word, const std::vector<absl::string_view>& candidates,
                     size_t max_distance) {
  for (absl::string_view candidate : candidates) {
    if (absl::EqualsIgnoreCase(word, candidate)) return std::string(candidate);
  }
  size_t best_distance = max_distance + 1;
  absl::string_view best;
  for (absl::string_view candidate : candidates) {
    // Lengths that differ by more than the limit cannot be within it.
    const size_t gap = word.size() > candidate.size() ? word.size() - candidate.size()
                                                      : candidate.size() - word.size();
    if (gap >= best_distance) continue;
    const size_t distance = EditDistance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return std::string(best);
}

}  // namespace

std::string ClosestMatch(absl::string_view word, const std::vector<absl::string_view>& candidates) {
  return NearMiss(word, candidates, std::max<size_t>(2, word.size() / 4));
}

}  // namespace iamsim
