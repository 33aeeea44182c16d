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

// Levenshtein distance when it is at most `limit`, otherwise limit + 1.
// Only the diagonal band of width 2 * limit + 1 is computed, and the rows
// stop as soon as every entry exceeds the limit: O(limit * |a|).
size_t BoundedEditDistance(absl::string_view a, absl::string_view b, size_t limit) {
  const size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap > limit) return limit + 1;
  constexpr size_t kFar = static_cast<size_t>(-1) / 2;
  std::vector<size_t> previous(b.size() + 1, kFar), current(b.size() + 1, kFar);
  for (size_t j = 0; j <= std::min(b.size(), limit); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    const size_t from = i > limit ? i - limit : 1;
    const size_t to = std::min(b.size(), i + limit);
    // Entries just outside the band read as "too far"; the rest are not read.
    current[from - 1] = i <= limit ? i : kFar;
    if (to < b.size()) current[to + 1] = kFar;
    size_t row_min = current[from - 1];
    for (size_t j = from; j <= to; ++j) {
      const bool same = absl::ascii_tolower(a[i - 1]) == absl::ascii_tolower(b[j - 1]);
      current[j] =
          std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
      row_min = std::min(row_min, current[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(previous, current);
  }
  return std::min(previous[b.size()], limit + 1);
}

std::string NearMiss(absl::string_view word, const std::vector<absl::string_view>& candidates,
                     size_t max_distance) {
  for (absl::string_view candidate : candidates) {
    if (absl::EqualsIgnoreCase(word, candidate)) return std::string(candidate);
  }
  size_t best_distance = max_distance + 1;
  absl::string_view best;
  for (absl::string_view candidate : candidates) {
    if (best_distance == 0) break;
    const size_t distance = BoundedEditDistance(word, candidate, best_distance - 1);
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
