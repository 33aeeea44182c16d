// The linter's JSON and SARIF output (lint_output.h).
#include "policy/lint/lint_output.h"

#include <cstdint>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "policy/explain/json_writer.h"
#include "policy/json/json_reader.h"
#include "policy/json/json_tree.h"
#include "policy/json/percent_encoding.h"
#include "policy/lint/rule_docs.h"

namespace iamsim {
namespace {

constexpr absl::string_view kSarifSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr absl::string_view kSourceRoot = "%SRCROOT%";

absl::string_view SarifLevel(Severity severity) {
  switch (severity) {
    case Severity::kError:
    case Severity::kSecurity:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kSuggestion:
      return "note";
  }
  return "note";
}

// GitHub's scale: over 7.0 is "high", 4.0-6.9 "medium".
absl::string_view SecuritySeverity(Severity severity) {
  return severity == Severity::kSecurity ? "8.0" : severity == Severity::kError ? "5.0" : "";
}

std::string EncodePath(absl::string_view path) {
  std::vector<std::string> segments;
  for (absl::string_view s : absl::StrSplit(path, '/')) segments.push_back(PercentEncode(s));
  return absl::StrJoin(segments, "/");
}

// FNV-1a: a fingerprint stable across runs and builds (absl::Hash is seeded per process).
uint64_t Fnv1a(absl::string_view text) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

// The URI of `file` relative to `working_directory` (percent-encoded
// segments), or "" when the file is outside it (then `absolute` is its
// file:// URI).
std::string RelativeUri(absl::string_view file, absl::string_view working_directory,
                        std::string* absolute) {
  absl::string_view path = file;
  while (absl::StartsWith(path, "./")) path.remove_prefix(2);
  if (!absl::StartsWith(path, "/")) return EncodePath(path);
  std::string base(working_directory);
  if (!absl::EndsWith(base, "/")) base += '/';
  if (absl::StartsWith(path, base)) return EncodePath(path.substr(base.size()));
  *absolute = absl::StrCat("file://", EncodePath(path));
  return "";
}

void WriteRegion(const SourceSpan& span, JsonWriter* w) {
  w->Key("region");
  w->BeginObject();
  w->Field("startLine", static_cast<int64_t>(span.begin.line));
  w->Field("startColumn", static_cast<int64_t>(span.begin.column));
  if (span.end.line != 0) {
    w->Field("endLine", static_cast<int64_t>(span.end.line));
    w->Field("endColumn", static_cast<int64_t>(span.end.column));
  }
  w->EndObject();
}

void WriteRule(const RuleInfo& info, JsonWriter* w) {
  const RuleDoc* doc = FindRuleDoc(info.id);
  w->BeginObject();
  w->Field("id", info.id);
  w->Key("shortDescription");
  w->BeginObject();
  w->Field("text", info.summary);
  w->EndObject();
  w->Key("fullDescription");
  w->BeginObject();
  w->Field("text", doc != nullptr ? doc->summary : std::string(info.summary));
  w->EndObject();
  w->Key("help");
  w->BeginObject();
  if (doc != nullptr) {
    w->Field("text", absl::StrCat(doc->why, "\n\nFix: ", doc->fix, "\n\nAWS: ", doc->aws_page));
    w->Field("markdown", RulePageMarkdown(*doc));
  } else {
    w->Field("text", info.help);
  }
  w->EndObject();
  if (doc != nullptr && !doc->aws_page.empty()) w->Field("helpUri", doc->aws_page);
  w->Key("defaultConfiguration");
  w->BeginObject();
  w->Field("level", SarifLevel(info.severity));
  w->EndObject();
  w->Key("properties");
  w->BeginObject();
  w->Key("tags");
  w->BeginArray();
  if (info.severity == Severity::kSecurity || info.category == "exposure" ||
      info.category == "overreach") {
    w->String("security");
  }
  w->String(info.category);
  w->EndArray();
  w->Field("precision", "high");
  if (const absl::string_view s = SecuritySeverity(info.severity); !s.empty()) {
    w->Field("security-severity", s);
  }
  w->EndObject();
  w->EndObject();
}

void WriteResult(const Diagnostic& d, const LintRun& run, JsonWriter* w) {
  w->BeginObject();
  w->Field("ruleId", RuleId(d.rule));
  w->Field("ruleIndex", static_cast<int64_t>(d.rule));
  w->Field("level", SarifLevel(d.severity));
  w->Key("message");
  w->BeginObject();
  w->Field("text", d.message);
  w->EndObject();
  w->Key("locations");
  w->BeginArray();
  w->BeginObject();
  w->Key("physicalLocation");
  w->BeginObject();
  w->Key("artifactLocation");
  w->BeginObject();
  std::string absolute;
  const std::string relative = RelativeUri(d.location.file, run.working_directory, &absolute);
  if (!relative.empty()) {
    w->Field("uri", relative);
    w->Field("uriBaseId", kSourceRoot);
  } else {
    w->Field("uri", absolute);
  }
  w->EndObject();
  if (d.location.span.known()) WriteRegion(d.location.span, w);
  w->EndObject();
  w->Key("logicalLocations");
  w->BeginArray();
  w->BeginObject();
  w->Field("fullyQualifiedName", d.location.DisplayPointer());
  w->Field("kind", "member");
  w->EndObject();
  w->EndArray();
  w->EndObject();
  w->EndArray();
  w->Key("partialFingerprints");
  w->BeginObject();
  w->Field(
      "iamsimFinding/v1",
      absl::StrFormat("%016x", Fnv1a(absl::StrCat(RuleId(d.rule), "\n", d.location.file, "\n",
                                                  d.location.document, "\n", d.location.path))));
  w->EndObject();
  if (d.severity != GetRuleInfo(d.rule).severity) {
    w->Key("properties");
    w->BeginObject();
    w->Field("severity", SeverityName(d.severity));
    w->EndObject();
  }
  w->EndObject();
}

std::string BaselineKey(absl::string_view rule, absl::string_view file, absl::string_view document,
                        absl::string_view path) {
  return absl::StrCat(rule, "\n", file, "\n", document, "\n", path);
}

}  // namespace

std::optional<LintBaseline> ReadLintBaseline(const SourceText& file,
                                             std::vector<Diagnostic>* diagnostics) {
  JsonParseResult parsed = ParseJson(file, JsonLimits{64 << 20, 16});
  diagnostics->insert(diagnostics->end(), parsed.diagnostics.begin(), parsed.diagnostics.end());
  if (!parsed.root) return std::nullopt;
  JsonReader reader(file.name(), "", DocumentEncoding::kObject, diagnostics);
  const size_t errors_before = diagnostics->size();
  if (reader.Object(*parsed.root, "", "a baseline (iamsim lint --format json output)") == nullptr) {
    return std::nullopt;
  }
  const JsonValue* list = reader.Require(*parsed.root, "", "findings", "the baseline");
  if (list == nullptr || reader.Array(*list, "/findings", "findings") == nullptr) {
    return std::nullopt;
  }
  LintBaseline baseline;
  for (size_t i = 0; i < list->items.size(); ++i) {
    const JsonValue& f = list->items[i];
    const std::string path = absl::StrCat("/findings/", i);
    if (reader.Object(f, path, "a finding") == nullptr) continue;
    std::string parts[4];
    const char* keys[4] = {"rule", "file", "document", "path"};
    bool ok = true;
    for (int k = 0; k < 4; ++k) {
      const JsonValue* v = reader.Require(f, path, keys[k], "the finding");
      const std::string* text =
          v == nullptr ? nullptr : reader.String(*v, absl::StrCat(path, "/", keys[k]), keys[k]);
      ok &= text != nullptr;
      if (text != nullptr) parts[k] = *text;
    }
    if (ok) ++baseline.counts[BaselineKey(parts[0], parts[1], parts[2], parts[3])];
  }
  if (diagnostics->size() != errors_before) return std::nullopt;
  return baseline;
}

std::vector<Diagnostic> NewFindings(std::vector<Diagnostic> findings, LintBaseline baseline) {
  std::vector<Diagnostic> out;
  for (Diagnostic& d : findings) {
    auto it = baseline.counts.find(
        BaselineKey(RuleId(d.rule), d.location.file, d.location.document, d.location.path));
    if (it != baseline.counts.end() && it->second > 0) {
      --it->second;
      continue;
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::string LintJsonOutput(const std::vector<Diagnostic>& findings, const LintRun& run) {
  JsonWriter w;
  w.BeginObject();
  w.Field("catalog", run.catalog_version);
  w.Key("findings");
  w.BeginArray();
  for (const Diagnostic& d : findings) {
    w.BeginObject();
    w.Field("rule", RuleId(d.rule));
    w.Field("severity", SeverityName(d.severity));
    w.Field("file", d.location.file);
    w.Field("line", static_cast<int64_t>(d.location.span.begin.line));
    w.Field("column", static_cast<int64_t>(d.location.span.begin.column));
    w.Field("endLine", static_cast<int64_t>(d.location.span.end.line));
    w.Field("endColumn", static_cast<int64_t>(d.location.span.end.column));
    w.Field("document", d.location.document);
    w.Field("path", d.location.path);
    w.Field("message", d.message);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.str() + "\n";
}

std::string LintSarifOutput(const std::vector<Diagnostic>& findings, const LintRun& run) {
  JsonWriter w;
  w.BeginObject();
  w.Field("$schema", kSarifSchema);
  w.Field("version", "2.1.0");
  w.Key("runs");
  w.BeginArray();
  w.BeginObject();
  w.Key("tool");
  w.BeginObject();
  w.Key("driver");
  w.BeginObject();
  w.Field("name", "iamsim");
  w.Field("version", run.tool_version);
  w.Field("semanticVersion", run.tool_version);
  w.Field("informationUri",
          "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html");
  w.Key("rules");
  w.BeginArray();
  for (const RuleInfo& info : AllRules()) WriteRule(info, &w);  // ruleIndex = registry order.
  w.EndArray();
  w.Key("properties");
  w.BeginObject();
  w.Field("catalog", run.catalog_version);
  w.EndObject();
  w.EndObject();
  w.EndObject();
  w.Key("originalUriBaseIds");
  w.BeginObject();
  w.Key(kSourceRoot);
  w.BeginObject();
  w.Field("uri", absl::StrCat("file://", EncodePath(run.working_directory),
                              absl::EndsWith(run.working_directory, "/") ? "" : "/"));
  w.EndObject();
  w.EndObject();
  w.Field("columnKind", "unicodeCodePoints");
  w.Key("results");
  w.BeginArray();
  for (const Diagnostic& d : findings) WriteResult(d, run, &w);
  w.EndArray();
  w.EndObject();
  w.EndArray();
  w.EndObject();
  return w.str() + "\n";
}

}  // namespace iamsim
