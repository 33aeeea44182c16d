// ARN patterns. ArnLike checks the six parts one by one; the Resource element
// does too, except that "if the * wildcard is the last character of a
// resource ARN segment, it can expand to match beyond the colon boundaries".
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
// The compiled matcher's fast paths are checked against the uncompiled
// matchers on random inputs.
#include "policy/compile/arn_pattern.h"

#include <optional>
#include <random>
#include <string>

#include "gtest/gtest.h"
#include "policy/compile/glob.h"

namespace iamsim {
namespace {

struct Row {
  std::string pattern;
  std::string arn;
  bool matches;                                 // As a Resource element and as an ArnLike value...
  std::optional<bool> arn_like = std::nullopt;  // ...unless ArnLike differs.
};

class ArnPatternTest : public ::testing::TestWithParam<Row> {};

TEST_P(ArnPatternTest, MatchesAsIamDoes) {
  const Row& r = GetParam();
  const std::string internal = GlobFromPolicyText(r.pattern);
  const bool arn_like = r.arn_like.value_or(r.matches);
  EXPECT_EQ(ArnPattern(internal, ArnMatchMode::kResourceElement).Matches(r.arn), r.matches)
      << r.pattern << " vs " << r.arn;
  EXPECT_EQ(ArnPattern::MatchRendered(internal, r.arn, ArnMatchMode::kResourceElement), r.matches);
  EXPECT_EQ(ArnPattern(internal, ArnMatchMode::kArnCondition).Matches(r.arn), arn_like)
      << "ArnLike " << r.pattern << " vs " << r.arn;
  EXPECT_EQ(ArnPattern::MatchRendered(internal, r.arn, ArnMatchMode::kArnCondition), arn_like);
}

constexpr char kFn[] = "arn:aws:lambda:us-east-1:444455556666:function:QiitaSample";

INSTANTIATE_TEST_SUITE_P(
    Patterns, ArnPatternTest,
    ::testing::Values(Row{kFn, kFn, true},
                      Row{"arn:aws:lambda:us-east-1:444455556666:function:Qiita*", kFn, true},
                      Row{"arn:aws:lambda:us-east-1:444455556666:function:qiita*", kFn,
                          false},  // Case-sensitive.
                      Row{"arn:aws:lambda:us-east-1:444455556666:*", kFn, true},
                      Row{"arn:aws:lambda:us-east-1:444455556666:function:QiitaSample*",
                          "arn:aws:lambda:us-east-1:444455556666:function:QiitaSample:prod", true},
                      Row{kFn, "arn:aws:lambda:us-east-1:444455556666:function:QiitaSample:prod",
                          false},
                      Row{"arn:aws:lambda:*:444455556666:function:QiitaSample", kFn, true},
                      // `*` in the region cannot take the colon that follows it.
                      Row{"arn:aws:lambda:us-*:function:QiitaSample", kFn, true, false},
                      Row{"arn:aws:lambda:us-east-?:444455556666:function:Qiita?ample", kFn, true},
                      Row{"arn:aws:lambda:us-east-1:4444555566?:function:QiitaSample", kFn,
                          false},  // One char short.
                      Row{"*", kFn, true}, Row{"arn:aws:lambda:*", kFn, true},
                      Row{"arn:aws:lambda:us-east-1:444455556666", kFn, false},
                      Row{"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b.txt", true},
                      Row{"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", false},
                      Row{"arn:aws:s3:::bucket*", "arn:aws:s3:::bucket/a", true},
                      Row{"arn:aws:s3:::b?cket/*.txt", "arn:aws:s3:::bucket/x/y.txt", true},
                      Row{"arn:aws:s3:::bucket/*.txt", "arn:aws:s3:::bucket/x/y.csv", false},
                      // A segment-final `*` may take colons in a Resource element only.
                      Row{"arn:aws:lambda:*:function:QiitaSample", kFn, true, false},
                      Row{"arn:aws:dynamodb:*:table/prod-*",
                          "arn:aws:dynamodb:us-east-1:111122223333:table/prod-x", true, false},
                      Row{"arn:aws:dynamodb:*:table/prod-*",
                          "arn:aws:dynamodb:us-east-1:111122223333:table/dev-x", false},
                      Row{"arn:aws:lambda:us-east-1:*:QiitaSample", kFn, true, false},
                      // ...but not a `*` in the middle of a segment.
                      Row{"arn:aws:lambda:us*3333:function:QiitaSample", kFn, false},
                      Row{"arn:aws:lambda:us-east-?:function:QiitaSample", kFn, false}));

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
      {"function:f", "function:f*", "function:*", "*", "bucket/*", "bucket/a?c", "f", "", "f:1"}};
  const std::vector<std::string> arns = {"arn:aws:lambda:us-east-1:444455556666:function:f",
                                         "arn:aws:lambda:us-east-1:444455556666:function:f:1",
                                         "arn:aws:lambda:us-west-2:444455556666:function:g",
                                         "arn:aws:s3:::bucket/abc",
                                         "arn:aws:s3:::bucket/a/c",
                                         "arn:aws:lambda:us-east-1:444455556666:",
                                         "arn:aws:lambda",
                                         "arn:aws:lambda:us-east-1:444455556666:x:function:f",
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
    const ArnPattern resource(internal, ArnMatchMode::kResourceElement);
    const ArnPattern arn_like(internal, ArnMatchMode::kArnCondition);
    for (const std::string& arn : arns) {
      ArnParts parts;
      const bool is_arn = SplitArn(arn, &parts);
      const bool as_resource = resource.Matches(arn, parts, is_arn);
      const bool as_arn_like = arn_like.Matches(arn, parts, is_arn);
      ASSERT_EQ(as_resource,
                ArnPattern::MatchRendered(internal, arn, ArnMatchMode::kResourceElement))
          << pattern << " vs " << arn;
      ASSERT_EQ(as_arn_like, ArnPattern::MatchRendered(internal, arn, ArnMatchMode::kArnCondition))
          << pattern << " vs " << arn;
      // The Resource element only ever adds matches.
      ASSERT_TRUE(as_resource || !as_arn_like) << pattern << " vs " << arn;
    }
  }
}

}  // namespace
}  // namespace iamsim
