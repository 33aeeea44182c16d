// testdata/lint/RULE/cases.json: for every rule, policies that must trigger
// it (at the exact pointer recorded beside each file) and near misses that
// must not. Each row: {"file", "policyType", "resourceType",
// "resourceAccount", "expect": [{"rule", "path"}], "absent": [rules]}.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "policy/json/json_tree.h"
#include "policy/lint/lint.h"

namespace iamsim {
namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Text(const JsonValue& o, absl::string_view key) {
  const JsonValue* v = o.Find(key);
  return v != nullptr && v->is_string() ? v->text : "";
}

TEST(LintCasesTest, EveryRuleTriggersAndNearMissesDoNot) {
  size_t rows = 0, rules = 0;
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator("testdata/lint")) {
    if (e.is_directory() && fs::exists(e.path() / "cases.json")) dirs.push_back(e.path());
  }
  std::sort(dirs.begin(), dirs.end());
  for (const fs::path& dir : dirs) {
    ++rules;
    JsonParseResult cases = ParseJson(Read(dir / "cases.json"), (dir / "cases.json").string());
    ASSERT_TRUE(cases.root) << dir;
    for (const JsonValue& row : cases.root->items) {
      ++rows;
      const fs::path file = dir / Text(row, "file");
      SCOPED_TRACE(file.string());
      LintOptions options;
      if (const std::string t = Text(row, "policyType"); !t.empty()) {
        options.policy_type = ParsePolicyTypeName(t);
      }
      options.resource_type = Text(row, "resourceType");
      options.resource_account = Text(row, "resourceAccount");
      const LintReport report = LintText(file.string(), Read(file), options);
      std::vector<std::string> got;
      for (const Diagnostic& d : report.findings) {
        got.push_back(absl::StrCat(RuleId(d.rule), " ", d.location.path));
      }
      if (const JsonValue* expect = row.Find("expect")) {
        for (const JsonValue& e : expect->items) {
          const std::string want = absl::StrCat(Text(e, "rule"), " ", Text(e, "path"));
          EXPECT_NE(std::find(got.begin(), got.end(), want), got.end())
              << "missing " << want << "; got: " << absl::StrJoin(got, ", ");
        }
      }
      if (const JsonValue* absent = row.Find("absent")) {
        for (const JsonValue& rule : absent->items) {
          for (const Diagnostic& d : report.findings) {
            EXPECT_NE(RuleId(d.rule), rule.text)
                << "near miss reported " << rule.text << " at " << d.location.path;
          }
        }
      }
    }
  }
  EXPECT_GT(rules, 40u);
  EXPECT_GT(rows, 100u);
}

}  // namespace
}  // namespace iamsim
