// Residual conditions: MinimiseAssignments on known functions, and
// DecideResidual on small simulations, one row per shape of answer.
#include "policy/evaluate/residual.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "policy/simulation/simulation.h"

namespace iamsim {
namespace {

using Terms = std::vector<std::vector<std::pair<size_t, bool>>>;

TEST(MinimiseAssignmentsTest, KnownFunctions) {
  // a (bit 0) alone: {a=1} -> assignments 1, 3 with 2 atoms.
  EXPECT_EQ(MinimiseAssignments(2, {1, 3}), (Terms{{{0, true}}}));
  // a and b.
  EXPECT_EQ(MinimiseAssignments(2, {3}), (Terms{{{0, true}, {1, true}}}));
  // a or b: two single-literal alternatives.
  EXPECT_EQ(MinimiseAssignments(2, {1, 2, 3}), (Terms{{{0, true}}, {{1, true}}}));
  // not a.
  EXPECT_EQ(MinimiseAssignments(1, {0}), (Terms{{{0, false}}}));
  // a xor b: no simplification.
  EXPECT_EQ(MinimiseAssignments(2, {1, 2}),
            (Terms{{{0, true}, {1, false}}, {{0, false}, {1, true}}}));
  // (a and not c) or b, 3 atoms: minterms where b=1, or a=1 and c=0.
  std::vector<uint32_t> allowed;
  for (uint32_t m = 0; m < 8; ++m) {
    if ((m & 2) || ((m & 1) && !(m & 4))) allowed.push_back(m);
  }
  EXPECT_EQ(MinimiseAssignments(3, allowed), (Terms{{{1, true}}, {{0, true}, {2, false}}}));
}

std::string Describe(const Residual& r) {
  if (!r.status.ok()) return std::string(r.status.message());
  if (!r.allowed) return "denied";
  if (r.alternatives.empty()) return "always";
  std::vector<std::string> terms;
  for (const ResidualTerm& t : r.alternatives) {
    std::vector<std::string> literals;
    for (const ResidualLiteral& l : t) {
      literals.push_back(absl::StrCat(l.holds ? "" : "!", l.condition->key.name));
    }
    terms.push_back(absl::StrJoin(literals, "&"));
  }
  return absl::StrJoin(terms, " | ");
}

struct Row {
  const char* name;
  const char* identity;  // Statements of the caller's identity policy.
  const char* expected;
};

// The caller is a role of the function's account (same account: the
// identity policy alone decides); free keys: aws:SourceIp,
// aws:MultiFactorAuthPresent, aws:SourceVpc.
const Row kRows[] = {
    {"unconditional", R"({"Effect":"Allow","Action":"*","Resource":"*"})", "always"},
    {"no grant", R"({"Effect":"Allow","Action":"s3:*","Resource":"*"})", "denied"},
    {"one condition",
     R"({"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}})",
     "aws:MultiFactorAuthPresent"},
    {"deny negated",
     R"({"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}})",
     "!aws:SourceIp"},
    {"two grants: or",
     R"({"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}},{"Effect":"Allow","Action":"lambda:*","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-1"}}})",
     "aws:SourceVpc | aws:MultiFactorAuthPresent"},  // In the order the index visits them.
    {"two conditions: and",
     R"({"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"},"StringEquals":{"aws:SourceVpc":"vpc-1"}}})",
     "aws:MultiFactorAuthPresent&aws:SourceVpc"},
    {"determined key is no atom",
     R"({"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}})",
     "always"},
    {"a statement for another action adds no atom",
     R"({"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}})",
     "always"},
    {"same condition twice is one atom",
     R"({"Effect":"Allow","Action":"lambda:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}},{"Effect":"Allow","Action":"lambda:Invoke*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}})",
     "aws:MultiFactorAuthPresent"},
};

TEST(DecideResidualTest, Rows) {
  for (const Row& row : kRows) {
    SCOPED_TRACE(row.name);
    const std::string text = absl::StrCat(
        R"({"request":{"principal":"arn:aws:sts::111122223333:assumed-role/app/s","action":"lambda:InvokeFunction","resource":"arn:aws:lambda:us-east-1:111122223333:function:f"},)",
        R"("identityPolicies":[{"name":"id","document":{"Version":"2012-10-17","Statement":[)",
        row.identity, "]}}]}");
    SimulationLoadResult loaded = LoadSimulation(text, "row.json");
    ASSERT_TRUE(loaded.simulation) << FormatDiagnostics(loaded.diagnostics);
    PreparedRequest request;
    ASSERT_TRUE(PreparedRequest::Prepare(loaded.simulation->request(), &request).ok());
    auto is_free = [](const ContextKey& key) {
      return key.lower_name == "aws:sourceip" || key.lower_name == "aws:multifactorauthpresent" ||
             key.lower_name == "aws:sourcevpc";
    };
    EXPECT_EQ(Describe(DecideResidual(loaded.simulation->assembly(), request, is_free)),
              row.expected);
  }
}

TEST(DecideResidualTest, TooManyAtomsIsAnError) {
  std::string statements;
  for (int i = 0; i < 5; ++i) {
    absl::StrAppend(&statements, i == 0 ? "" : ",",
                    R"({"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-)",
                    i, R"("}}})");
  }
  const std::string text = absl::StrCat(
      R"({"request":{"principal":"arn:aws:sts::111122223333:assumed-role/app/s","action":"lambda:InvokeFunction","resource":"arn:aws:lambda:us-east-1:111122223333:function:f"},)",
      R"("identityPolicies":[{"name":"id","document":{"Version":"2012-10-17","Statement":[)",
      statements, "]}}]}");
  SimulationLoadResult loaded = LoadSimulation(text, "row.json");
  ASSERT_TRUE(loaded.simulation) << FormatDiagnostics(loaded.diagnostics);
  PreparedRequest request;
  ASSERT_TRUE(PreparedRequest::Prepare(loaded.simulation->request(), &request).ok());
  auto is_free = [](const ContextKey& key) { return key.lower_name == "aws:sourcevpc"; };
  const Residual r = DecideResidual(loaded.simulation->assembly(), request, is_free, 4);
  EXPECT_FALSE(r.status.ok());
  EXPECT_EQ(Describe(DecideResidual(loaded.simulation->assembly(), request, is_free, 5)),
            "aws:SourceVpc | aws:SourceVpc | aws:SourceVpc | aws:SourceVpc | aws:SourceVpc");
}

}  // namespace
}  // namespace iamsim
