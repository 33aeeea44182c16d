// ParseLintConfig and ApplyLintConfig (lint_config.h).
#include "policy/lint/lint_config.h"

#include <fnmatch.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "policy/arn/arn.h"
#include "policy/diagnostics/suggest.h"
#include "policy/json/json_pointer.h"
#include "policy/json/json_reader.h"
#include "policy/json/json_tree.h"

namespace iamsim {
namespace {

// A rule id, or nullopt with a diagnostic (and "did you mean").
std::optional<Rule> ReadRule(JsonReader* reader, const JsonValue& v, const std::string& path) {
  const std::string* id = reader->String(v, path, "a rule");
  if (id == nullptr) return std::nullopt;
  if (std::optional<Rule> rule = FindRule(*id)) return rule;
  std::vector<absl::string_view> ids;
  for (const RuleInfo& info : AllRules()) ids.push_back(info.id);
  const std::string near = ClosestMatch(*id, ids);
  Diagnostic& d = reader->Report(
      Rule::kInvalidInput, v.span, path,
      absl::StrCat("unknown rule ", Quote(*id), near.empty() ? "" : "; did you mean ",
                   near.empty() ? "" : Quote(near), "?"));
  d.suggestion = near;
  return std::nullopt;
}

void ReadSuppressions(JsonReader* reader, const JsonValue& list, LintConfig* config) {
  if (reader->Array(list, "/suppressions", "suppressions") == nullptr) return;
  for (size_t i = 0; i < list.items.size(); ++i) {
    const JsonValue& item = list.items[i];
    const std::string path = absl::StrCat("/suppressions/", i);
    if (reader->Object(item, path, "a suppression") == nullptr) continue;
    reader->CheckMembers(item, path, {"rule", "file", "sid", "reason"}, "suppression");
    LintSuppression s;
    bool ok = true;
    if (const JsonValue* rule = reader->Require(item, path, "rule", "the suppression")) {
      std::optional<Rule> r = ReadRule(reader, *rule, path + "/rule");
      ok &= r.has_value();
      if (r) s.rule = *r;
    } else {
      ok = false;
    }
    for (auto [key, out] :
         {std::pair<const char*, std::string*>{"file", &s.file_glob}, {"sid", &s.sid}}) {
      if (const JsonValue* v = item.Find(key)) {
        const std::string* text = reader->String(*v, absl::StrCat(path, "/", key), key);
        ok &= text != nullptr;
        if (text != nullptr) *out = *text;
      }
    }
    const JsonValue* reason = item.Find("reason");
    const std::string* text =
        reason == nullptr ? nullptr : reader->String(*reason, path + "/reason", "reason");
    if (reason == nullptr || (text != nullptr && absl::StripAsciiWhitespace(*text).empty())) {
      reader->Report(Rule::kMissingElement, item.span, path,
                     "a suppression needs a reason: say why the finding is accepted");
      ok = false;
    }
    if (!ok || text == nullptr) continue;
    s.reason = *text;
    s.location = reader->At(item.span, path);
    config->suppressions.push_back(std::move(s));
  }
}

void ReadSeverities(JsonReader* reader, const JsonValue& map, LintConfig* config) {
  if (reader->Object(map, "/severity", "severity") == nullptr) return;
  for (const JsonMember& m : map.members) {
    const std::string path = JsonPointerAppend("/severity", m.key);
    JsonValue key;
    key.type = JsonType::kString;
    key.text = m.key;
    key.span = m.key_span;
    std::optional<Rule> rule = ReadRule(reader, key, path);
    const std::string* level = reader->String(m.value, path, "a severity");
    if (!rule || level == nullptr) continue;
    if (*level == "off") {
      config->severity[*rule] = std::nullopt;
    } else if (std::optional<Severity> s = ParseSeverity(*level)) {
      config->severity[*rule] = *s;
    } else {
      reader->Report(Rule::kInvalidInput, m.value.span, path,
                     absl::StrCat("severity ", Quote(*level),
                                  " must be error, security, warning, suggestion or off"));
    }
  }
}

// `valid` tells a well-formed entry; `what` names one in the message.
void ReadIdList(JsonReader* reader, const JsonValue& list, const std::string& path,
                bool (*valid)(absl::string_view), absl::string_view what,
                std::vector<std::string>* out) {
  if (reader->Array(list, path, path.substr(1)) == nullptr) return;
  for (size_t i = 0; i < list.items.size(); ++i) {
    const std::string item_path = absl::StrCat(path, "/", i);
    const std::string* text = reader->String(list.items[i], item_path, what);
    if (text == nullptr) continue;
    if (!valid(*text)) {
      reader->Report(Rule::kInvalidInput, list.items[i].span, item_path,
                     absl::StrCat(Quote(*text), " is not ", what));
      continue;
    }
    out->push_back(*text);
  }
}

bool IsOrganizationId(absl::string_view id) {
  if (id.size() < 12 || id.size() > 34 || id.substr(0, 2) != "o-") return false;
  return std::all_of(id.begin() + 2, id.end(),
                     [](char c) { return absl::ascii_islower(c) || absl::ascii_isdigit(c); });
}

bool Suppresses(const LintSuppression& s, const Diagnostic& d, const std::string& sid) {
  if (s.rule != d.rule) return false;
  if (!s.file_glob.empty() && fnmatch(s.file_glob.c_str(), d.location.file.c_str(), 0) != 0) {
    return false;
  }
  return s.sid.empty() || s.sid == sid;
}

}  // namespace

LintConfigResult ParseLintConfig(const SourceText& file) {
  LintConfigResult result;
  JsonParseResult parsed = ParseJson(file);
  result.diagnostics = std::move(parsed.diagnostics);
  if (!parsed.root) return result;
  JsonReader reader(file.name(), "", DocumentEncoding::kObject, &result.diagnostics);
  const JsonValue& root = *parsed.root;
  if (reader.Object(root, "", "the lint configuration") == nullptr) return result;
  reader.CheckMembers(root, "",
                      {"suppressions", "severity", "trustedAccounts", "trustedOrganizations"},
                      "the lint configuration");
  LintConfig config;
  if (const JsonValue* v = root.Find("suppressions")) ReadSuppressions(&reader, *v, &config);
  if (const JsonValue* v = root.Find("severity")) ReadSeverities(&reader, *v, &config);
  if (const JsonValue* v = root.Find("trustedAccounts")) {
    ReadIdList(&reader, *v, "/trustedAccounts", IsAccountId, "a 12-digit account id",
               &config.trusted_accounts);
  }
  if (const JsonValue* v = root.Find("trustedOrganizations")) {
    ReadIdList(&reader, *v, "/trustedOrganizations", IsOrganizationId, "an organization id (o-...)",
               &config.trusted_organizations);
  }
  if (!HasErrors(result.diagnostics)) result.config = std::move(config);
  return result;
}

void ApplyLintConfig(const LintConfig& config, LintReport* report, std::vector<size_t>* uses) {
  uses->resize(std::max(uses->size(), config.suppressions.size()));
  std::vector<Diagnostic> kept;
  std::vector<std::string> kept_sids;
  for (size_t i = 0; i < report->findings.size(); ++i) {
    Diagnostic& d = report->findings[i];
    const std::string& sid = i < report->sids.size() ? report->sids[i] : std::string();
    if (auto it = config.severity.find(d.rule); it != config.severity.end()) {
      if (!it->second) continue;
      d.severity = *it->second;
    }
    bool suppressed = false;
    for (size_t s = 0; s < config.suppressions.size(); ++s) {
      if (Suppresses(config.suppressions[s], d, sid)) {
        ++(*uses)[s];
        suppressed = true;
      }
    }
    if (suppressed) continue;
    kept.push_back(std::move(d));
    kept_sids.push_back(sid);
  }
  report->findings = std::move(kept);
  report->sids = std::move(kept_sids);
}

}  // namespace iamsim
