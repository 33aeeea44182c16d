#include "policy/compile/arn_pattern.h"

#include <algorithm>

#include "absl/container/inlined_vector.h"
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

size_t CountColons(absl::string_view text) {
  size_t colons = 0;
  ForEachChar(text, ':', [&colons](size_t) {
    ++colons;
    return true;
  });
  return colons;
}

}  // namespace

// Before the pattern's fifth colon a wildcard stays within its segment,
// except a `*` that ends the pattern, and (Resource element) a `*` that ends
// its segment. In the resource part wildcards take any character.
ArnPattern::Tokens ArnPattern::Tokenize(absl::string_view pattern, ArnMatchMode mode) {
  Tokens tokens;
  size_t colons = 0;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    const bool in_resource = colons >= 5;
    if (c == '\\' && i + 1 < pattern.size()) {
      tokens.push_back({Token::kLiteral, pattern[++i], false});
    } else if (c == '*') {
      const bool last = i + 1 == pattern.size();
      const bool segment_final =
          mode == ArnMatchMode::kResourceElement && !last && pattern[i + 1] == ':';
      tokens.push_back({Token::kAny, 0, in_resource || last || segment_final});
    } else if (c == '?') {
      tokens.push_back({Token::kOne, 0, in_resource});
    } else {
      if (c == ':') ++colons;
      tokens.push_back({Token::kLiteral, c, false});
    }
  }
  return tokens;
}

// The reference matcher: the whole ARN against the tokens, by dynamic
// programming over (token, text position): O(|pattern| * |arn|), no
// backtracking. Wildcards take whole UTF-8 characters.
bool ArnPattern::MatchTokens(absl::Span<const Token> tokens, absl::string_view text) {
  const size_t n = text.size();
  auto boundary = [&](size_t t) {
    return t == n || (static_cast<unsigned char>(text[t]) & 0xC0) != 0x80;
  };
  absl::InlinedVector<char, 256> cur(n + 1, 0), next(n + 1, 0);
  cur[0] = 1;
  for (const Token& token : tokens) {
    std::fill(next.begin(), next.end(), 0);
    switch (token.kind) {
      case Token::kLiteral:
        for (size_t t = 0; t < n; ++t) next[t + 1] = cur[t] && text[t] == token.literal;
        break;
      case Token::kOne:
        for (size_t t = 0; t < n; ++t) {
          if (!cur[t] || (!token.crosses_colon && text[t] == ':')) continue;
          size_t end = t + 1;
          while (end < n && !boundary(end)) ++end;
          next[end] = 1;
        }
        break;
      case Token::kAny: {
        char reach = 0;
        for (size_t t = 0; t <= n; ++t) {
          // Reached by also taking text[t-1], unless that is a colon this `*` cannot take.
          if (t > 0 && !token.crosses_colon && text[t - 1] == ':') reach = 0;
          reach = reach || cur[t];
          next[t] = reach && boundary(t);
        }
        break;
      }
    }
    if (std::none_of(next.begin(), next.end(), [](char v) { return v != 0; })) return false;
    cur.swap(next);
  }
  return cur[n] != 0;
}

ArnPattern::ArnPattern(absl::string_view pattern, ArnMatchMode mode) {
  ArnParts parts;
  if (pattern == "*") {
    whole_ = Glob("*", false);
    whole_decides_ = true;
    return;
  }
  Tokens tokens = Tokenize(pattern, mode);
  segmented_ = SplitPattern(pattern, &parts);
  // Fewer than six parts (rare), or a `*` that ends one of the first five
  // segments and can take colons: keep the tokens for the reference matcher.
  bool general = !segmented_;
  for (size_t i = 0; i + 1 < tokens.size() && !general; ++i) {
    general = tokens[i].kind == Token::kAny && tokens[i].crosses_colon &&
              tokens[i + 1].kind == Token::kLiteral && tokens[i + 1].literal == ':';
  }
  if (general) {
    tokens_.assign(tokens.begin(), tokens.end());
    pattern_colons_ = std::count_if(tokens_.begin(), tokens_.end(), [](const Token& t) {
      return t.kind == Token::kLiteral && t.literal == ':';
    });
    if (!segmented_) return;
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
  if (!segmented_) return MatchTokens(tokens_, arn);
  bool matches = is_arn;
  for (int i = 0; i < 6 && matches; ++i) matches = segments_[i].Matches(parts[i]);
  // The six segment tests miss only matches where a segment-final `*` takes
  // colons, and the ARN then has more colons than the pattern.
  if (!matches && !tokens_.empty() &&
      (is_arn ? 5 + CountColons(parts[5]) : CountColons(arn)) > pattern_colons_) {
    matches = MatchTokens(tokens_, arn);
  }
  return matches;
}

bool ArnPattern::MatchRendered(absl::string_view pattern, absl::string_view arn,
                               ArnMatchMode mode) {
  if (pattern == "*") return true;
  return MatchTokens(Tokenize(pattern, mode), arn);
}

}  // namespace iamsim
