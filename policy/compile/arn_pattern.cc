#include "policy/compile/arn_pattern.h"

#include "absl/strings/str_cat.h"

namespace iamsim {
namespace {

// Splits a pattern in internal glob syntax at its first five unescaped
// colons. False if there are fewer.
bool SplitPattern(absl::string_view text, ArnParts* parts) {
  size_t begin = 0;
  int found = 0;
  for (size_t i = 0; i < text.size() && found < 5; ++i) {
    if (text[i] == '\\') {
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
  ArnParts parts;
  if (pattern == "*" || !SplitPattern(pattern, &parts)) {
    whole_ = Glob(ShortPatternGlob(pattern), false);
    whole_decides_ = true;
    return;
  }
  bool first_five_literal = true;
  for (int i = 0; i < 6; ++i) {
    segments_[i] = Glob(std::string(parts[i]), false);
    if (i < 5) first_five_literal = first_five_literal && segments_[i].is_literal();
  }
  if (!first_five_literal) return;
  const Glob& resource = segments_[5];
  if (resource.is_literal()) {
    whole_ = Glob(std::string(pattern), false);
    whole_decides_ = true;
  } else if (resource.is_prefix() || resource.matches_everything()) {
    // Five literal parts fix the first five colons, so a prefix of the whole
    // ARN is the same test as the six segment tests.
    std::string prefix;
    for (int i = 0; i < 5; ++i) {
      AppendGlobLiteral(absl::StrCat(segments_[i].literal(), ":"), &prefix);
    }
    if (resource.is_prefix()) AppendGlobLiteral(resource.literal(), &prefix);
    whole_ = Glob(prefix + "*", false);
    whole_decides_ = true;
  }
}

bool ArnPattern::Matches(absl::string_view arn) const {
  ArnParts parts;
  const bool is_arn = SplitArn(arn, &parts);
  return Matches(arn, parts, is_arn);
}

bool ArnPattern::Matches(absl::string_view arn, const ArnParts& parts, bool is_arn) const {
  if (whole_decides_) return whole_.Matches(arn);
  if (!is_arn) return false;
  for (int i = 0; i < 6; ++i) {
    if (!segments_[i].Matches(parts[i])) return false;
  }
  return true;
}

bool ArnPattern::MatchRendered(absl::string_view pattern, absl::string_view arn) {
  ArnParts pattern_parts, arn_parts;
  if (pattern == "*" || !SplitPattern(pattern, &pattern_parts)) {
    return GlobMatch(ShortPatternGlob(pattern), arn, false);
  }
  if (!SplitArn(arn, &arn_parts)) return false;
  for (int i = 0; i < 6; ++i) {
    if (!GlobMatch(pattern_parts[i], arn_parts[i], false)) return false;
  }
  return true;
}

}  // namespace iamsim
