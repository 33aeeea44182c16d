// ClosestMatch: case-insensitive equality first, then the nearest candidate
// within max(2, |word| / 4) edits; the bounded distance must agree with the
// full one wherever it is within the bound.
#include "policy/diagnostics/suggest.h"

#include "gtest/gtest.h"

namespace iamsim {
namespace {

TEST(SuggestTest, ClosestMatch) {
  const std::vector<absl::string_view> elements = {
      "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource"};
  EXPECT_EQ(ClosestMatch("Acton", elements), "Action");
  EXPECT_EQ(ClosestMatch("action", elements), "Action");
  EXPECT_EQ(ClosestMatch("Principle", elements), "Principal");
  EXPECT_EQ(ClosestMatch("NotPrincipals", elements), "NotPrincipal");
  EXPECT_EQ(ClosestMatch("Conditions", elements), "");
  EXPECT_EQ(ClosestMatch("", elements), "");
  EXPECT_EQ(ClosestMatch("serviceControlPolicy", {"serviceControlPolicies", "sessionPolicy"}),
            "serviceControlPolicies");
}

TEST(SuggestTest, BoundedAgreesWithFullDistance) {
  const std::vector<absl::string_view> words = {
      "StringEquals", "StringEqual", "stringequals", "StringNotEquals", "NumericLessThan", "x", ""};
  for (absl::string_view a : words) {
    for (absl::string_view b : words) {
      if (b.empty()) continue;  // An empty candidate cannot be told from "no match".
      const size_t full = EditDistance(a, b);
      const size_t limit = std::max<size_t>(2, a.size() / 4);
      const std::string got = ClosestMatch(a, {b});
      EXPECT_EQ(!got.empty(), full <= limit) << a << " vs " << b << " distance " << full;
    }
  }
}

}  // namespace
}  // namespace iamsim
