// IAM wildcards: `*` any run of characters, `?` exactly one character.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// ("?" is one character, so one UTF-8 code point, not one byte).
#include "policy/compile/glob.h"

#include <string>

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
  EXPECT_EQ(Glob(internal, r.ignore_case).Matches(r.text), r.matches) << r.pattern << " vs " << r.text;
}

INSTANTIATE_TEST_SUITE_P(
    Wildcards, GlobTest,
    ::testing::Values(
        Row{"*", "", false, true},
        Row{"a*", "a:b/c", false, true},
        Row{"a?c", "abc", false, true},
        Row{"a?c", "ac", false, false},
        Row{"a?c", "abbc", false, false},
        Row{"*a*a*a*a*b", std::string(200, 'a'), false, false},  // No exponential backtracking.
        Row{"*a*a*a*a*b", std::string(200, 'a') + "b", false, true},
        Row{"ABC", "abc", false, false},
        Row{"ABC", "abc", true, true},
        Row{"a\\b", "a\\b", false, true},  // A backslash in policy text is an ordinary character.
        // One character, not one byte: é is two bytes, 日 three, 😀 four.
        Row{"caf?.txt", "café.txt", false, true},
        Row{"caf??.txt", "café.txt", false, false},
        Row{"?", "日", false, true},
        Row{"??", "日", false, false},
        Row{"x?y", "x😀y", false, true},
        Row{"*?", "é", false, true},
        Row{"*??", "é", false, false},
        Row{"é*", "éa", false, true},
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
