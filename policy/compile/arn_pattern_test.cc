// Resource patterns: IAM matches the six ARN parts separately; `*` and `?`
// never cross a colon in the first five parts but may in the resource part.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
// The compiled matcher's fast paths (whole-literal, literal-prefix) are
// checked against the plain per-segment matcher on random inputs.
#include "policy/compile/arn_pattern.h"

#include <random>
#include <string>

#include "gtest/gtest.h"
#include "policy/compile/glob.h"

namespace iamsim {
namespace {

struct Row {
  std::string pattern;
  std::string arn;
  bool matches;
};

class ArnPatternTest : public ::testing::TestWithParam<Row> {};

TEST_P(ArnPatternTest, MatchesAsIamDoes) {
  const Row& r = GetParam();
  const ArnPattern compiled(GlobFromPolicyText(r.pattern));
  EXPECT_EQ(compiled.Matches(r.arn), r.matches) << r.pattern << " vs " << r.arn;
  EXPECT_EQ(ArnPattern::MatchRendered(GlobFromPolicyText(r.pattern), r.arn), r.matches);
}

constexpr char kFn[] = "arn:aws:lambda:us-east-1:444455556666:function:QiitaSample";

INSTANTIATE_TEST_SUITE_P(
    Patterns, ArnPatternTest,
    ::testing::Values(
        Row{kFn, kFn, true},
        Row{"arn:aws:lambda:us-east-1:444455556666:function:Qiita*", kFn, true},
        Row{"arn:aws:lambda:us-east-1:444455556666:function:qiita*", kFn, false},  // Case-sensitive.
        Row{"arn:aws:lambda:us-east-1:444455556666:*", kFn, true},
        Row{"arn:aws:lambda:us-east-1:444455556666:function:QiitaSample*",
            "arn:aws:lambda:us-east-1:444455556666:function:QiitaSample:prod", true},
        Row{kFn, "arn:aws:lambda:us-east-1:444455556666:function:QiitaSample:prod", false},
        Row{"arn:aws:lambda:*:444455556666:function:QiitaSample", kFn, true},
        // `*` in the region cannot take the colon that follows it.
        Row{"arn:aws:lambda:us-*:function:QiitaSample", kFn, false},
        Row{"arn:aws:lambda:us-east-?:444455556666:function:Qiita?ample", kFn, true},
        Row{"arn:aws:lambda:us-east-1:4444555566?:function:QiitaSample", kFn, false},  // One char short.
        Row{"*", kFn, true},
        Row{"arn:aws:lambda:*", kFn, true},
        Row{"arn:aws:lambda:us-east-1:444455556666", kFn, false},
        Row{"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b.txt", true},
        Row{"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", false},
        Row{"arn:aws:s3:::bucket*", "arn:aws:s3:::bucket/a", true},
        Row{"arn:aws:s3:::b?cket/*.txt", "arn:aws:s3:::bucket/x/y.txt", true},
        Row{"arn:aws:s3:::bucket/*.txt", "arn:aws:s3:::bucket/x/y.csv", false}));

// Random patterns over a small alphabet: the compiled matcher (with its fast
// paths) and the per-segment matcher agree.
TEST(ArnPatternPropertyTest, CompiledAgreesWithPerSegmentMatching) {
  std::mt19937 rng(7);
  const std::vector<std::string> fields[] = {
      {"arn", "ar*", "*"},
      {"aws", "a?s", "*", ""},
      {"lambda", "s3", "lam*", "*"},
      {"us-east-1", "", "us-*", "*"},
      {"444455556666", "", "4444*", "*"},
      {"function:f", "function:f*", "function:*", "*", "bucket/*", "bucket/a?c", "f", ""}};
  const std::vector<std::string> arns = {
      "arn:aws:lambda:us-east-1:444455556666:function:f",
      "arn:aws:lambda:us-east-1:444455556666:function:f:1",
      "arn:aws:lambda:us-west-2:444455556666:function:g",
      "arn:aws:s3:::bucket/abc",
      "arn:aws:s3:::bucket/a/c",
      "arn:aws:lambda:us-east-1:444455556666:",
      "arn:aws:lambda",
      "*"};
  for (int round = 0; round < 5000; ++round) {
    std::string pattern;
    for (int i = 0; i < 6; ++i) {
      const auto& choices = fields[i];
      if (i > 0) pattern += ":";
      pattern += choices[rng() % choices.size()];
    }
    if (rng() % 8 == 0) pattern = pattern.substr(0, rng() % (pattern.size() + 1));
    const std::string internal = GlobFromPolicyText(pattern);
    const ArnPattern compiled(internal);
    for (const std::string& arn : arns) {
      ArnParts parts;
      const bool is_arn = SplitArn(arn, &parts);
      ASSERT_EQ(compiled.Matches(arn, parts, is_arn), ArnPattern::MatchRendered(internal, arn))
          << pattern << " vs " << arn;
    }
  }
}

}  // namespace
}  // namespace iamsim
