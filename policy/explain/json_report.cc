// WriteJsonReport: iamsim's stable JSON object for one simulation.
#include "absl/strings/str_cat.h"
#include "policy/explain/report.h"
#include "policy/explain/report_facts.h"

namespace iamsim {
namespace {

// "key": "value", or "key": null for an empty value.
void OptionalString(JsonWriter* json, absl::string_view key, absl::string_view value) {
  json->Key(key);
  if (value.empty())
    json->Null();
  else
    json->String(value);
}

void WritePosition(absl::string_view key, const SourcePosition& p, JsonWriter* json) {
  json->Key(key);
  json->BeginObject();
  json->Field("line", static_cast<int64_t>(p.line));
  json->Field("column", static_cast<int64_t>(p.column));
  json->Field("offset", static_cast<int64_t>(p.offset));
  json->EndObject();
}

void WriteStatement(const DecisionGraph& graph, StatementRef ref, JsonWriter* json) {
  const StatementInfo info = DescribeStatement(graph, ref);
  json->Field("policy", info.policy_name);
  json->Field("policyType", PolicyTypeName(info.type));
  json->Key("level");  // SCP/RCP level (0 = root); null for other types.
  if (info.level >= 0)
    json->Int(info.level);
  else
    json->Null();
  json->Key("sid");
  if (info.sid.empty())
    json->Null();
  else
    json->String(info.sid);
  json->Field("statementIndex", static_cast<int64_t>(info.index));
  json->Field("effect", EffectName(info.effect));
  json->Field("file", info.source);
  WritePosition("start", info.span.begin, json);
  WritePosition("end", info.span.end, json);
  json->Field("pointer", info.pointer);
}

void WriteStrings(absl::string_view key, const std::vector<std::string>& values, JsonWriter* json) {
  json->Key(key);
  json->BeginArray();
  for (const std::string& v : values) json->String(v);
  json->EndArray();
}

void WriteExplanation(const ReportInput& in, JsonWriter* json) {
  json->Key("explain");
  json->BeginObject();
  WriteStrings("notes", in.explanation->notes, json);
  json->Key("statements");
  json->BeginArray();
  for (const StatementTrace& trace : in.explanation->statements) {
    json->BeginObject();
    WriteStatement(*in.graph, trace.ref, json);
    json->Field("applies", trace.applies);
    json->Field("principal", MatchStateName(trace.principal));
    OptionalString(json, "principalNote", trace.principal_note);
    json->Field("action", MatchStateName(trace.action));
    json->Field("resource", MatchStateName(trace.resource));
    json->Key("conditions");
    json->BeginArray();
    for (const ConditionTrace& c : trace.conditions) {
      json->BeginObject();
      json->Field("operator", c.condition->source->operator_name.value);
      json->Field("key", c.condition->key.name);
      WriteStrings("policyValues", c.policy_values, json);
      json->Field("keyPresent", c.key_present);
      WriteStrings("requestValues", c.request_values, json);
      json->Field("result", c.key_present || c.result == MatchState::kMatch
                                ? MatchStateName(c.result)
                                : absl::string_view("key missing"));
      json->EndObject();
    }
    json->EndArray();
    OptionalString(json, "why", WhyNotApplied(trace));  // null when it applies
    json->EndObject();
  }
  json->EndArray();
  json->EndObject();
}

}  // namespace

void WriteJsonReport(const ReportInput& in, JsonWriter* json) {
  const Decision& d = *in.decision;
  json->BeginObject();
  json->Field("file", in.source);
  OptionalString(json, "name", in.name);
  json->Field("decision", DecisionKindName(d.kind));
  // Every key is always present (null when it does not apply): one schema.
  json->Key("expected");
  if (in.expected)
    json->String(DecisionKindName(*in.expected));
  else
    json->Null();
  json->Key("passed");
  if (in.expected)
    json->Bool(*in.expected == d.kind);
  else
    json->Null();
  OptionalString(json, "message", AccessDeniedMessage(*in.request, d));  // null for Allow
  json->Field("crossAccount", d.cross_account);
  json->Key("decidingStatements");
  json->BeginArray();
  for (StatementRef ref : d.deciding) {
    json->BeginObject();
    WriteStatement(*in.graph, ref, json);
    json->EndObject();
  }
  json->EndArray();
  json->Key("policyTypes");
  json->BeginArray();
  for (const TypeRow& row : TypeRows(in)) {
    json->BeginObject();
    json->Field("type", PolicyTypeName(row.type));
    json->Key("account");
    if (row.account.empty())
      json->Null();
    else
      json->String(row.account);
    json->Field("verdict", VerdictName(row.verdict));
    OptionalString(json, "detail", row.detail);
    json->EndObject();
  }
  json->EndArray();
  json->Key("missingContextKeys");
  json->BeginArray();
  for (const ContextKey* key : d.missing_keys) json->String(key->name);
  json->EndArray();
  const std::string fix = SuggestFix(*in.request, d);
  OptionalString(json, "suggestedFix", fix);
  if (in.explanation != nullptr) WriteExplanation(in, json);
  json->EndObject();
}

}  // namespace iamsim
