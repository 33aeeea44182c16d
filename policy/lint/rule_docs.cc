// RuleDocs and the Markdown pages (rule_docs.h).
#include "policy/lint/rule_docs.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "policy/explain/json_writer.h"
#include "policy/json/json_tree.h"

namespace iamsim {
namespace rule_docs_internal {
extern const char kRuleDocsJson[];
extern const char kRulesIntroMd[];
}  // namespace rule_docs_internal
namespace overreach_data_internal {
extern const char kEscalationJson[];
extern const char kDataExfiltrationJson[];
extern const char kResourceExposureJson[];
extern const char kCredentialsExposureJson[];
}  // namespace overreach_data_internal

namespace {

void Write(const JsonValue& v, JsonWriter* out) {
  switch (v.type) {
    case JsonType::kObject:
      out->BeginObject();
      for (const JsonMember& m : v.members) {
        out->Key(m.key);
        Write(m.value, out);
      }
      out->EndObject();
      return;
    case JsonType::kArray:
      out->BeginArray();
      for (const JsonValue& item : v.items) Write(item, out);
      out->EndArray();
      return;
    case JsonType::kString:
      out->String(v.text);
      return;
    default:
      out->Raw(v.text);
  }
}

std::string Pretty(const JsonValue& v) {
  if (v.is_string()) return v.text;  // An example that is not JSON (json-syntax) is kept as is.
  JsonWriter out;
  Write(v, &out);
  return out.str();
}

std::vector<RuleDoc> Parse() {
  std::vector<RuleDoc> docs;
  JsonParseResult parsed =
      ParseJson(rule_docs_internal::kRuleDocsJson, "rule_docs.json", JsonLimits{8 << 20, 64});
  if (!parsed.root || !parsed.root->is_array()) return docs;
  for (const JsonValue& item : parsed.root->items) {
    RuleDoc d;
    d.id = item.StringMember("id");
    d.severity = item.StringMember("severity");
    d.category = item.StringMember("category");
    d.summary = item.StringMember("summary");
    d.why = item.StringMember("why");
    d.fix = item.StringMember("fix");
    d.policy_type = item.StringMember("policyType");
    d.resource_type = item.StringMember("resourceType");
    d.resource_account = item.StringMember("resourceAccount");
    if (const JsonValue* v = item.Find("failing")) d.failing = Pretty(*v);
    d.failing_path = item.StringMember("failingPath");
    if (const JsonValue* v = item.Find("passing")) d.passing = Pretty(*v);
    d.aws_page = item.StringMember("awsPage");
    docs.push_back(std::move(d));
  }
  return docs;
}

// "- `a`, `b`" lists of a data file's actions and its sources.
std::string DataSection(absl::string_view rule, const char* json) {
  JsonParseResult parsed = ParseJson(json, rule, JsonLimits{8 << 20, 64});
  if (!parsed.root) return "";
  const JsonValue& root = *parsed.root;
  std::string out = absl::StrCat("### Actions behind `", rule, "`\n\n");
  if (const std::string scope = root.StringMember("scope"); !scope.empty()) {
    absl::StrAppend(&out, "Reported ", scope.substr(0, 9) == "reported " ? scope.substr(9) : scope,
                    ".\n\n");
  }
  if (const JsonValue* actions = root.Find("actions")) {
    std::vector<std::string> names;
    for (const JsonValue& a : actions->items) names.push_back(absl::StrCat("`", a.text, "`"));
    absl::StrAppend(&out, absl::StrJoin(names, ", "), "\n\n");
  }
  if (const JsonValue* combos = root.Find("combinations")) {
    out += "| Combination | Actions | Source |\n|---|---|---|\n";
    for (const JsonValue& c : combos->items) {
      std::vector<std::string> actions;
      if (const JsonValue* a = c.Find("actions")) {
        for (const JsonValue& x : a->items) actions.push_back(absl::StrCat("`", x.text, "`"));
      }
      absl::StrAppend(&out, "| ", c.StringMember("name"), " | ", absl::StrJoin(actions, " + "),
                      " | ", c.StringMember("source"), " |\n");
    }
    out += "\n";
  }
  if (const JsonValue* sources = root.Find("source")) {
    out += "Sources:\n";
    for (const JsonValue& s : sources->items) absl::StrAppend(&out, "- ", s.text, "\n");
    out += "\n";
  }
  return out;
}

}  // namespace

const std::vector<RuleDoc>& RuleDocs() {
  static const std::vector<RuleDoc>* docs = new std::vector<RuleDoc>(Parse());
  return *docs;
}

const RuleDoc* FindRuleDoc(absl::string_view id) {
  for (const RuleDoc& d : RuleDocs()) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

std::string RulePageMarkdown(const RuleDoc& d) {
  std::string out =
      absl::StrCat("## ", d.id, "\n\n", "Severity: **", d.severity, "** · category: ", d.category);
  if (!d.policy_type.empty()) absl::StrAppend(&out, " · examples linted as ", d.policy_type);
  if (!d.resource_type.empty()) absl::StrAppend(&out, " (", d.resource_type, ")");
  if (!d.resource_account.empty()) {
    absl::StrAppend(&out, " of account ", d.resource_account, " (`--resource-account`)");
  }
  absl::StrAppend(&out, "\n\n**Trigger.** ", d.summary, "\n\n**Why it matters.** ", d.why,
                  "\n\n**Fix.** ", d.fix, "\n\n");
  absl::StrAppend(&out, "Failing (reported at `", d.failing_path, "`):\n\n```json\n", d.failing,
                  "\n```\n\nPassing:\n\n```json\n", d.passing, "\n```\n\n");
  absl::StrAppend(&out, "AWS: ", d.aws_page, "\n");
  return out;
}

std::string RulesMarkdown() {
  std::string out =
      "<!-- Generated by `iamsim lint --explain all` from policy/lint/rule_docs.json and "
      "policy/lint/data/*.json; //policy:rule_docs_test checks that it is current. -->\n"
      "# iamsim lint rules\n\n";
  absl::StrAppend(&out, rule_docs_internal::kRulesIntroMd, "\n");
  out += "| Rule | Severity | Trigger |\n|---|---|---|\n";
  for (const RuleDoc& d : RuleDocs()) {
    absl::StrAppend(&out, "| [", d.id, "](#", d.id, ") | ", d.severity, " | ", d.summary, " |\n");
  }
  out += "\n";
  for (const RuleDoc& d : RuleDocs()) absl::StrAppend(&out, RulePageMarkdown(d), "\n");
  out += "## Action lists of the data-driven rules\n\n";
  absl::StrAppend(
      &out, DataSection("privilege-escalation", overreach_data_internal::kEscalationJson),
      DataSection("data-exfiltration", overreach_data_internal::kDataExfiltrationJson),
      DataSection("resource-exposure", overreach_data_internal::kResourceExposureJson),
      DataSection("credentials-exposure", overreach_data_internal::kCredentialsExposureJson));
  return out;
}

}  // namespace iamsim
