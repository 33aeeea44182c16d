// WriteAwsEvaluationResults: AWS's SimulateCustomPolicy response shape.
#include "policy/explain/aws_report.h"

#include "absl/strings/str_cat.h"

namespace iamsim {
namespace {

absl::string_view AwsDecision(DecisionKind kind) {
  switch (kind) {
    case DecisionKind::kAllow:
      return "allowed";
    case DecisionKind::kExplicitDeny:
      return "explicitDeny";
    case DecisionKind::kImplicitDeny:
      return "implicitDeny";
  }
  return "implicitDeny";
}

int Restrictiveness(DecisionKind kind) {
  return kind == DecisionKind::kExplicitDeny ? 2 : kind == DecisionKind::kImplicitDeny ? 1 : 0;
}

void WriteMatched(const Assembly& assembly, const Decision& d, const StatementSpanFn& spans,
                  JsonWriter* json) {
  json->Key("MatchedStatements");
  json->BeginArray();
  for (StatementRef ref : d.deciding) {
    const CompiledPolicy& policy = assembly.store->policy(ref.policy);
    const Statement& s = policy.document().statements[ref.statement];
    json->BeginObject();
    json->Field("SourcePolicyId", policy.name());
    json->Field("SourcePolicyType",
                policy.type() == PolicyType::kResource || policy.type() == PolicyType::kRoleTrust
                    ? "resource"
                    : "none");
    // Start: the statement's "{"; end: its "}" (the span's end is one past
    // it, on the same line). AWS's own simulator reports both one column
    // further right.
    const SourceSpan span = spans ? spans(policy, s) : s.location.span;
    SourcePosition last = span.end;
    last.column -= 1;
    for (const auto& [key, position] :
         {std::pair<const char*, SourcePosition>{"StartPosition", span.begin},
          {"EndPosition", last}}) {
      json->Key(key);
      json->BeginObject();
      json->Field("Line", static_cast<int64_t>(position.line));
      json->Field("Column", static_cast<int64_t>(position.column));
      json->EndObject();
    }
    json->EndObject();
  }
  json->EndArray();
}

void WriteMissing(const Decision& d, JsonWriter* json) {
  json->Key("MissingContextValues");
  json->BeginArray();
  for (const ContextKey* key : d.missing_keys) json->String(key->name);
  json->EndArray();
}

// EvalDecisionDetails only for cross-account simulations, the boundary
// detail only when there is a boundary (API_EvaluationResult).
void WriteDetails(const Assembly& assembly, const Decision& d, JsonWriter* json) {
  if (d.cross_account) {
    auto side = [](Verdict v) {
      return v == Verdict::kExplicitDeny ? "explicitDeny"
             : v == Verdict::kAllow      ? "allowed"
                                         : "implicitDeny";
    };
    json->Key("EvalDecisionDetails");
    json->BeginObject();
    json->Field("IAM Policy", side(d.identity));
    json->Field("Resource Policy", side(d.resource));
    json->EndObject();
  }
  if (assembly.boundary != nullptr) {
    json->Key("PermissionsBoundaryDecisionDetail");
    json->BeginObject();
    json->Field("AllowedByPermissionsBoundary",
                d.boundary == Verdict::kAllow || d.boundary == Verdict::kNotApplicable);
    json->EndObject();
  }
}

}  // namespace

void WriteAwsActionResult(const Assembly& assembly, const std::vector<AwsEvaluation>& evaluations,
                          const StatementSpanFn& spans, JsonWriter* json) {
  if (evaluations.empty()) return;
  size_t worst = 0;
  for (size_t i = 0; i < evaluations.size(); ++i) {
    if (Restrictiveness(evaluations[i].decision.kind) >
        Restrictiveness(evaluations[worst].decision.kind))
      worst = i;
  }
  const Decision& top = evaluations[worst].decision;
  json->BeginObject();
  json->Field("EvalActionName", evaluations[0].action);
  json->Field("EvalResourceName",
              evaluations.size() == 1 ? evaluations[0].resource : std::string("*"));
  json->Field("EvalDecision", AwsDecision(top.kind));
  WriteMatched(assembly, top, spans, json);
  WriteMissing(top, json);
  if (assembly.scp != nullptr) {  // "Only applies if the simulated user's account is part of an
                                  // organization".
    json->Key("OrganizationsDecisionDetail");
    json->BeginObject();
    json->Field("AllowedByOrganizations", top.service_control != Verdict::kExplicitDeny &&
                                              top.service_control != Verdict::kNoMatch);
    json->EndObject();
  }
  WriteDetails(assembly, top, json);
  json->Key("ResourceSpecificResults");
  json->BeginArray();
  for (const AwsEvaluation& e : evaluations) {
    json->BeginObject();
    json->Field("EvalResourceName", e.resource);
    json->Field("EvalResourceDecision", AwsDecision(e.decision.kind));
    WriteMatched(assembly, e.decision, spans, json);
    WriteMissing(e.decision, json);
    WriteDetails(assembly, e.decision, json);
    json->EndObject();
  }
  json->EndArray();
  json->EndObject();
}

void WriteAwsEvaluationResults(const Assembly& assembly,
                               const std::vector<AwsEvaluation>& evaluations,
                               const StatementSpanFn& spans, JsonWriter* json) {
  json->BeginObject();
  json->Key("EvaluationResults");
  json->BeginArray();
  for (size_t begin = 0; begin < evaluations.size();) {
    size_t end = begin;
    while (end < evaluations.size() && evaluations[end].action == evaluations[begin].action) ++end;
    WriteAwsActionResult(
        assembly,
        std::vector<AwsEvaluation>(evaluations.begin() + begin, evaluations.begin() + end), spans,
        json);
    begin = end;
  }
  json->EndArray();
  json->EndObject();
}

}  // namespace iamsim
