// WriteJsonReport: iamsim's stable JSON object for one simulation.
#include "absl/strings/str_cat.h"
#include "policy/explain/access_denied.h"
#include "policy/explain/blockers.h"
#include "policy/explain/expectation.h"
#include "policy/explain/near_miss.h"
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

void WriteStatement(const Assembly& assembly, StatementRef ref, JsonWriter* json) {
  const StatementInfo info = DescribeStatement(assembly, ref);
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
  json->Field("name", info.label);
  json->Field("effect", EffectName(info.effect));
  WriteLocationFields(info.location, json);
}

void WriteStringArray(const std::vector<std::string>& values, JsonWriter* json) {
  json->BeginArray();
  for (const std::string& v : values) json->String(v);
  json->EndArray();
}

void WriteStrings(absl::string_view key, const std::vector<std::string>& values, JsonWriter* json) {
  json->Key(key);
  WriteStringArray(values, json);
}

void WriteExplanation(const ReportInput& in, JsonWriter* json) {
  json->Key("explain");
  json->BeginObject();
  WriteStrings("notes", in.explanation->notes, json);
  json->Key("statements");
  json->BeginArray();
  for (const StatementTrace& trace : in.explanation->statements) {
    json->BeginObject();
    WriteStatement(*in.assembly, trace.ref, json);
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

// "expected": {"decision", "deciding", "reason"} or null; "passed": bool or
// null; "expectationFailures": one line per failed part.
void WriteExpectation(const ReportInput& in, JsonWriter* json) {
  json->Key("expected");
  const bool has = in.expected != nullptr && !in.expected->empty();
  if (!has) {
    json->Null();
  } else {
    const Expectation& e = *in.expected;
    json->BeginObject();
    OptionalString(json, "decision", e.decision ? DecisionKindName(*e.decision) : "");
    json->Key("deciding");
    if (e.deciding)
      WriteStringArray(*e.deciding, json);
    else
      json->Null();
    OptionalString(json, "reason", e.reason ? *e.reason : "");
    json->EndObject();
  }
  const ExpectationCheck check =
      has ? CheckExpectation(*in.expected, *in.assembly, *in.decision) : ExpectationCheck{};
  json->Key("passed");
  if (has)
    json->Bool(check.passed);
  else
    json->Null();
  json->Key("expectationFailures");
  WriteStringArray(check.failures, json);
}

const StatementTrace* TraceOf(const ReportInput& in, StatementRef ref) {
  if (in.explanation == nullptr) return nullptr;
  for (const StatementTrace& t : in.explanation->statements) {
    if (t.ref == ref) return &t;
  }
  return nullptr;
}

void WriteBlockers(const ReportInput& in, JsonWriter* json) {
  json->Key("blockers");
  json->BeginArray();
  for (const Blocker& b : FindBlockers(in)) {
    json->BeginObject();
    json->Field("policyType", PolicyTypeName(b.type));
    OptionalString(json, "account", b.account);
    json->Key("level");
    if (b.level >= 0)
      json->Int(b.level);
    else
      json->Null();
    OptionalString(json, "target", b.target);
    json->Field("reason", BlockerReasonName(b.reason));
    json->Key("alternatives");
    json->BeginArray();
    for (PolicyType t : b.alternatives) json->String(PolicyTypeName(t));
    json->EndArray();
    json->Key("statements");
    json->BeginArray();
    for (StatementRef ref : b.statements) {
      json->BeginObject();
      WriteStatement(*in.assembly, ref, json);
      const StatementTrace* trace = TraceOf(in, ref);
      if (trace != nullptr && !trace->applies) {
        OptionalString(json, "why", WhyNotApplied(*trace));
        // The value that failed, at its own position.
        json->Key("failingValue");
        const CompiledPolicy& policy = in.assembly->store->policy(ref.policy);
        if (std::optional<ElementLocation> at = FailingValue(*trace, *in.request)) {
          json->BeginObject();
          WriteLocationFields(policy.document().LocationOf(*at), json);
          json->EndObject();
        } else {
          json->Null();
        }
        std::optional<NearMiss> miss = FindNearMiss(*trace, *in.request);
        OptionalString(json, "difference", miss ? miss->difference : "");
        OptionalString(json, "note", TrapNote(*trace, *in.request));
      }
      json->EndObject();
    }
    json->EndArray();
    json->EndObject();
  }
  json->EndArray();
}

void WriteFixes(const ReportInput& in, JsonWriter* json) {
  json->Key("fixes");
  json->BeginArray();
  if (in.fixes != nullptr) {
    for (const Fix& fix : in.fixes->fixes) {
      json->BeginObject();
      json->Field("summary", fix.summary);
      json->Key("edits");
      json->BeginArray();
      for (const FixEdit& edit : fix.edits) {
        json->BeginObject();
        json->Key("owner");
        json->BeginObject();
        json->Field("kind", FixOwnerKindName(edit.owner.kind));
        OptionalString(json, "account", edit.owner.account);
        OptionalString(json, "target", edit.owner.target);
        json->EndObject();
        if (!edit.file.empty()) {
          json->Field("file", edit.file);
          json->Key("patch");
          json->Raw(JsonPatchText(edit.patch));
        }
        OptionalString(json, "command", edit.command);
        // Only where there is no file to patch (world fixes).
        if (!edit.instruction.empty()) json->Field("instruction", edit.instruction);
        json->EndObject();
      }
      json->EndArray();
      json->EndObject();
    }
  }
  json->EndArray();
  json->Key("unfixable");
  WriteStringArray(in.fixes != nullptr ? in.fixes->unfixable : std::vector<std::string>{}, json);
}

}  // namespace

void WriteLocationFields(const Location& location, JsonWriter* json) {
  json->Field("file", location.file);
  json->Field("line", static_cast<int64_t>(location.span.begin.line));
  json->Field("column", static_cast<int64_t>(location.span.begin.column));
  json->Field("endLine", static_cast<int64_t>(location.span.end.line));
  json->Field("endColumn", static_cast<int64_t>(location.span.end.column));
  json->Field("document", location.document);
  json->Field("path", location.path);
}

void WriteDiagnostic(const Diagnostic& d, JsonWriter* json) {
  json->BeginObject();
  json->Field("rule", RuleId(d.rule));
  json->Field("severity", SeverityName(d.severity));
  WriteLocationFields(d.location, json);
  json->Field("message", d.message);
  OptionalString(json, "suggestion", d.suggestion);
  json->Key("related");
  json->BeginArray();
  for (const Location& related : d.related) {
    json->BeginObject();
    WriteLocationFields(related, json);
    json->EndObject();
  }
  json->EndArray();
  json->EndObject();
}

void WriteJsonReport(const ReportInput& in, JsonWriter* json) {
  const Decision& d = *in.decision;
  json->BeginObject();
  json->Field("file", in.source);
  OptionalString(json, "name", in.name);
  json->Field("decision", DecisionKindName(d.kind));
  // Every key is always present (null when it does not apply): one schema.
  WriteExpectation(in, json);
  OptionalString(json, "message", AccessDeniedMessage(*in.request, d));  // null for Allow
  // The policy type AWS's sentence names for an implicit deny (null otherwise).
  OptionalString(json, "denyReason",
                 d.kind == DecisionKind::kImplicitDeny ? DenyReasonName(d.reason) : "");
  json->Field("crossAccount", d.cross_account);
  json->Key("decidingStatements");
  json->BeginArray();
  for (StatementRef ref : d.deciding) {
    json->BeginObject();
    WriteStatement(*in.assembly, ref, json);
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
  WriteBlockers(in, json);
  WriteFixes(in, json);
  json->Key("diagnostics");
  json->BeginArray();
  if (in.diagnostics != nullptr) {
    for (const Diagnostic& diagnostic : *in.diagnostics) WriteDiagnostic(diagnostic, json);
  }
  json->EndArray();
  if (in.explanation != nullptr) WriteExplanation(in, json);
  json->EndObject();
}

}  // namespace iamsim
