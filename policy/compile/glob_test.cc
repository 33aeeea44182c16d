// IAM wildcards: `*` any run of characters, `?` exactly one character.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// ("?" is one character, so one UTF-8 code point, not one byte).
#include "policy/compile/glob.h"

#include <random>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "gtest/gtest.h"

namespace iamsim {
namespace {

struct Row {
  std::string pattern;  // Policy text.
  std::string text;
  bool ignore_case;
  bool matches;
};

class GlobTest : public ::testing::TestWithParam<Row> {};

TEST_P(GlobTest, MatchesLikeIam) {
  const Row& r = GetParam();
  const std::string internal = GlobFromPolicyText(r.pattern);
  EXPECT_EQ(GlobMatch(internal, r.text, r.ignore_case), r.matches) << r.pattern << " vs " << r.text;
  EXPECT_EQ(Glob(internal, r.ignore_case).Matches(r.text), r.matches)
      << r.pattern << " vs " << r.text;
}

INSTANTIATE_TEST_SUITE_P(
    Wildcards, GlobTest,
    ::testing::Values(
        Row{"*", "", false, true}, Row{"a*", "a:b/c", false, true}, Row{"a?c", "abc", false, true},
        Row{"a?c", "ac", false, false}, Row{"a?c", "abbc", false, false},
        Row{"*a*a*a*a*b", std::string(200, 'a'), false, false},  // No exponential backtracking.
        Row{"*a*a*a*a*b", std::string(200, 'a') + "b", false, true},
        Row{"ABC", "abc", false, false}, Row{"ABC", "abc", true, true},
        Row{"a\\b", "a\\b", false, true},  // A backslash in policy text is an ordinary character.
        // One character, not one byte: é is two bytes, 日 three, 😀 four.
        Row{"caf?.txt", "café.txt", false, true}, Row{"caf??.txt", "café.txt", false, false},
        Row{"?", "日", false, true}, Row{"??", "日", false, false}, Row{"x?y", "x😀y", false, true},
        Row{"*?", "é", false, true}, Row{"*??", "é", false, false}, Row{"é*", "éa", false, true},
        Row{"a*é", "aüé", false, true}),
    [](const ::testing::TestParamInfo<Row>& info) { return std::to_string(info.index); });

TEST(GlobTest, InternalEscapesKeepWildcardsLiteral) {
  std::string pattern;
  AppendGlobLiteral("a*b?", &pattern);
  EXPECT_TRUE(GlobMatch(pattern, "a*b?", false));
  EXPECT_FALSE(GlobMatch(pattern, "axbz", false));
}

}  // namespace
}  // namespace iamsim

namespace iamsim {
namespace {

// The reference: a plain dynamic program over (pattern, text) positions, in
// characters, with `*` any run and `?` one character. The fast matcher must
// agree with it on random patterns and texts.
bool ReferenceMatch(absl::string_view pattern, absl::string_view text, bool ignore_case) {
  struct Unit {
    char kind;  // 'l' literal, '*', '?'
    char c;
  };
  std::vector<Unit> units;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\' && i + 1 < pattern.size()) {
      units.push_back({'l', pattern[++i]});
    } else if (pattern[i] == '*' || pattern[i] == '?') {
      units.push_back({pattern[i], 0});
    } else {
      units.push_back({'l', pattern[i]});
    }
  }
  std::vector<size_t> starts;  // Character starts of the text.
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  starts.push_back(text.size());
  // reach[t]: the units so far can consume text up to byte t.
  std::vector<char> reach(text.size() + 1, 0);
  reach[0] = 1;
  for (const Unit& u : units) {
    std::vector<char> next(text.size() + 1, 0);
    if (u.kind == '*') {
      bool on = false;
      for (size_t k = 0; k < starts.size(); ++k) {
        on = on || reach[starts[k]];
        if (on) next[starts[k]] = 1;
      }
    } else if (u.kind == '?') {
      for (size_t k = 0; k + 1 < starts.size(); ++k) {
        if (reach[starts[k]]) next[starts[k + 1]] = 1;
      }
    } else {
      for (size_t t = 0; t < text.size(); ++t) {
        const bool same = text[t] == u.c ||
                          (ignore_case && absl::ascii_tolower(text[t]) == absl::ascii_tolower(u.c));
        if (reach[t] && same) next[t + 1] = 1;
      }
    }
    reach = std::move(next);
  }
  return reach[text.size()] != 0;
}

TEST(GlobTest, AgreesWithTheReferenceOnRandomInputs) {
  std::mt19937 random(20261202);
  const std::vector<std::string> alphabet = {"a", "b", ":", "/", "é", "A", "\\*", "\\?"};
  for (int round = 0; round < 20000; ++round) {
    std::string pattern, text;
    const int pattern_units = random() % 9;
    for (int i = 0; i < pattern_units; ++i) {
      const int pick = random() % 11;
      pattern += pick < 8 ? alphabet[pick] : pick == 8 ? "*" : pick == 9 ? "?" : "ab";
    }
    const int text_chars = random() % 10;
    for (int i = 0; i < text_chars; ++i) {
      const std::string c = alphabet[random() % 6];
      text += c;
    }
    if (random() % 5 == 0) text += "*?";
    const bool ignore_case = random() % 3 == 0;
    const bool expected = ReferenceMatch(pattern, text, ignore_case);
    EXPECT_EQ(glob_internal::SegmentMatch(pattern, text, ignore_case), expected)
        << pattern << " vs " << text << (ignore_case ? " (ignoring case)" : "");
    EXPECT_EQ(glob_internal::BacktrackingMatch(pattern, text, ignore_case), expected)
        << pattern << " vs " << text << (ignore_case ? " (ignoring case)" : "");
  }
}

// Long literal pieces are found in linear time; the answers stay right.
TEST(GlobTest, LongPieces) {
  const std::string text = std::string(5000, 'a') + "needle" + std::string(5000, 'a') + "end";
  EXPECT_TRUE(GlobMatch("*needle*end", text, false));
  EXPECT_FALSE(GlobMatch("*needle*needle*", text, false));
  EXPECT_TRUE(GlobMatch("*" + std::string(100, 'a') + "n*", text, false));
  EXPECT_FALSE(GlobMatch("*" + std::string(100, 'a') + "b*", text, false));
}

}  // namespace
}  // namespace iamsim
