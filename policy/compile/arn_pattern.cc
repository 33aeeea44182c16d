#include "policy/compile/arn_pattern.h"

namespace iamsim {
namespace {

// Splits at the first five colons (unescaped ones, for a pattern in internal
// glob syntax). False if there are fewer.
bool SplitSegments(absl::string_view text, bool escaped, std::array<absl::string_view, 6>* parts) {
  size_t begin = 0;
  int found = 0;
  for (size_t i = 0; i < text.size() && found < 5; ++i) {
    if (escaped && text[i] == '\\') {
      ++i;
      continue;
    }
    if (text[i] == ':') {
      (*parts)[found++] = text.substr(begin, i - begin);
      begin = i + 1;
    }
  }
  if (found < 5) return false;
  (*parts)[5] = text.substr(begin);
  return true;
}

// A pattern with fewer than six parts: only a trailing `*` may expand past
// the segment boundaries ("arn:aws:lambda:*"); otherwise wildcards cannot
// reach the missing segments, so it matches only identical text.
std::string ShortPatternGlob(absl::string_view pattern) {
  const bool trailing_star = !pattern.empty() && pattern.back() == '*' &&
                             (pattern.size() < 2 || pattern[pattern.size() - 2] != '\\');
  if (trailing_star) return std::string(pattern);
  std::string literal;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\' && i + 1 < pattern.size()) ++i;
    AppendGlobLiteral(pattern.substr(i, 1), &literal);
  }
  return literal;
}

}  // namespace

ArnPattern::ArnPattern(absl::string_view pattern) {
  std::array<absl::string_view, 6> parts;
  if (pattern == "*" || !SplitSegments(pattern, true, &parts)) {
    whole_ = Glob(ShortPatternGlob(pattern), false);
    return;
  }
  segmented_ = true;
  for (int i = 0; i < 6; ++i) segments_[i] = Glob(std::string(parts[i]), false);
}

bool ArnPattern::Matches(absl::string_view arn) const {
  if (!segmented_) return whole_.Matches(arn);
  std::array<absl::string_view, 6> parts;
  if (!SplitSegments(arn, false, &parts)) return false;
  for (int i = 0; i < 6; ++i) {
    if (!segments_[i].Matches(parts[i])) return false;
  }
  return true;
}

bool ArnPattern::MatchRendered(absl::string_view pattern, absl::string_view arn) {
  std::array<absl::string_view, 6> pattern_parts, arn_parts;
  if (pattern == "*" || !SplitSegments(pattern, true, &pattern_parts)) {
    return GlobMatch(ShortPatternGlob(pattern), arn, false);
  }
  if (!SplitSegments(arn, false, &arn_parts)) return false;
  for (int i = 0; i < 6; ++i) {
    if (!GlobMatch(pattern_parts[i], arn_parts[i], false)) return false;
  }
  return true;
}

}  // namespace iamsim
