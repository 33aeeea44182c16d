// File: policy/lint/lint_logic_test.cc
//
// Table-driven tests of the wildcard containment the logic rules rest on
// (policy/lint/patterns.h): PatternCovers is exact, ActionCovers ignores
// case, ResourceCovers does not. Each row is checked against brute force
// over short strings as well, so a wrong row in the table cannot hide a bug.
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "gtest/gtest.h"
#include "policy/compile/glob.h"
#include "policy/lint/patterns.h"

namespace iamsim {
namespace {

struct CoverCase {
  const char* a;
  const char* b;
  bool ignore_case;
  bool covers;
};

const CoverCase kPatternCases[] = {
    {"", "", false, true},
    {"*", "", false, true},
    {"", "*", false, false},
    {"*", "*", false, true},
    {"**", "*", false, true},
    {"?", "*", false, false},
    {"*", "?*", false, true},
    {"*?", "?*", false, true},  // A token-by-token comparison misses this one.
    {"?*", "*?", false, true},
    {"??*", "*??", false, true},
    {"*?*", "?", false, true},
    {"a*", "?*", false, false},
    {"?*", "a*", false, true},
    {"a?c", "abc", false, true},
    {"abc", "a?c", false, false},
    {"a*", "a", false, true},
    {"*a*", "*a*a*", false, true},
    {"*a*a*", "*a*", false, false},
    {"*ab*", "*aab*", false, true},
    {"*ab*", "*a*b*", false, false},
    {"*a*b*", "*ab*", false, true},
    {"a*b*c", "a*bb*c", false, true},
    {"a*b", "a*?b", false, true},
    {"a*?b", "a*b", false, false},
    {"Get*", "GetCredentialReport", false, true},
    {"Get*", "*CredentialReport", true, false},
    {"*CredentialReport", "Get*", true, false},
    {"get*", "GETOBJECT", true, true},
    {"get*", "GETOBJECT", false, false},
    {"Terminate*", "TerminateInstances", true, true},
    {"caf?", "caf\xc3\xa9", false, true},  // `?` is one code point.
    {"caf?", "cafe?", false, false},
    {"prod-data/*", "prod-data/exports/*", false, true},
    {"prod-data/*", "prod-data", false, false},
};

// Whether `pattern` matches `text` (IAM syntax).
bool Match(const std::string& pattern, const std::string& text, bool ignore_case) {
  return GlobMatch(GlobFromPolicyText(pattern), text, ignore_case);
}

// All strings over `alphabet` up to `length` characters.
std::vector<std::string> Strings(const std::string& alphabet, size_t length) {
  std::vector<std::string> out = {""};
  for (size_t from = 0, n = 1; n <= length; ++n) {
    const size_t to = out.size();
    for (size_t i = from; i < to; ++i) {
      for (char c : alphabet) out.push_back(out[i] + c);
    }
    from = to;
  }
  return out;
}

// Brute force: whether no string of up to `length` characters over the
// patterns' letters and one other letter is matched by `b` and not by `a`.
// nullopt when the patterns use too many letters to try every string.
std::optional<bool> CoversOnShortStrings(const std::string& a, const std::string& b,
                                         bool ignore_case, size_t length) {
  std::string alphabet = "#";
  for (char c : a + b) {
    if (!absl::ascii_isprint(c)) return std::nullopt;
    if (c != '*' && c != '?' && alphabet.find(c) == std::string::npos) alphabet += c;
  }
  if (alphabet.size() > 4) return std::nullopt;
  for (const std::string& s : Strings(alphabet, length)) {
    if (Match(b, s, ignore_case) && !Match(a, s, ignore_case)) return false;
  }
  return true;
}

TEST(LintLogicTest, PatternCoversIsExact) {
  for (const CoverCase& c : kPatternCases) {
    SCOPED_TRACE(std::string(c.a) + " covers " + c.b);
    EXPECT_EQ(PatternCovers(c.a, c.b, c.ignore_case), c.covers);
    const std::optional<bool> brute = CoversOnShortStrings(c.a, c.b, c.ignore_case, 7);
    if (brute) {
      EXPECT_EQ(*brute, c.covers);
    }
  }
}

TEST(LintLogicTest, PatternCoversAgreesWithBruteForce) {
  // Every pair of patterns of up to 3 tokens over {a, b, ?, *}.
  const std::vector<std::string> patterns = Strings("ab?*", 3);
  for (const std::string& a : patterns) {
    for (const std::string& b : patterns) {
      SCOPED_TRACE(a + " covers " + b);
      EXPECT_EQ(PatternCovers(a, b, false), CoversOnShortStrings(a, b, false, 6).value());
    }
  }
}

const CoverCase kActionCases[] = {
    {"*", "s3:GetObject", true, true},
    {"s3:*", "S3:GetObject", true, true},
    {"s3:Get*", "s3:getobject", true, true},
    {"s3:GetObject", "s3:getobject", true, true},
    {"s3:Get*", "ec2:GetConsoleOutput", true, false},
    {"s3:GetObject", "s3:Get*", true, false},
    {"s3:GetObject", "*", true, false},
    {"iam:Get*", "iam:*CredentialReport", true, false},
    {"{{Fn::Sub}}", "s3:GetObject", true, false},
    {"s3:GetObject", "s3:GetObject{{Fn::Sub}}", true, false},
};

TEST(LintLogicTest, ActionCovers) {
  for (const CoverCase& c : kActionCases) {
    SCOPED_TRACE(std::string(c.a) + " covers " + c.b);
    EXPECT_EQ(ActionCovers(c.a, c.b), c.covers);
  }
}

const CoverCase kResourceCases[] = {
    {"*", "arn:aws:s3:::prod-data/x", false, true},
    {"arn:aws:s3:::prod-data/*", "arn:aws:s3:::prod-data/exports/*", false, true},
    {"arn:aws:s3:::prod-data/*", "arn:aws:s3:::staging-data/exports/*", false, false},
    {"arn:aws:s3:::prod-data/*", "arn:aws:s3:::Prod-data/x", false, false},  // Case counts.
    {"arn:aws:s3:::prod-data", "arn:aws:s3:::prod-data/*", false, false},
    {"arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", false, true},
    {"arn:aws:s3:::prod-data/*", "*", false, false},
};

TEST(LintLogicTest, ResourceCovers) {
  for (const CoverCase& c : kResourceCases) {
    SCOPED_TRACE(std::string(c.a) + " covers " + c.b);
    EXPECT_EQ(ResourceCovers(c.a, c.b, /*variables_enabled=*/true), c.covers);
  }
}

TEST(LintLogicTest, ResourceVariables) {
  // A variable in the covered value may be anything; in the covering one,
  // only the same text is certain to cover.
  EXPECT_TRUE(ResourceCovers("arn:aws:s3:::home/*", "arn:aws:s3:::home/${aws:username}/*", true));
  EXPECT_FALSE(
      ResourceCovers("arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/bob/x", true));
  EXPECT_TRUE(ResourceCovers("arn:aws:s3:::home/${aws:username}/*",
                             "arn:aws:s3:::home/${aws:username}/*", true));
}

}  // namespace
}  // namespace iamsim
