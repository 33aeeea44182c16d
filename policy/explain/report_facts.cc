#include "policy/explain/report_facts.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace iamsim {

std::vector<TypeRow> TypeRows(const ReportInput& input) {
  const Decision& d = *input.decision;
  const std::string caller(input.request->caller().account);
  const std::string owner(input.request->resource_account());
  std::vector<TypeRow> rows = {
      {PolicyType::kIdentity, caller, d.identity, ""},
      {PolicyType::kPermissionsBoundary, caller, d.boundary, ""},
      {PolicyType::kSession, caller, d.session, ""},
      {PolicyType::kServiceControl, caller, d.service_control,
       d.failing_scp_level >= 0 ? absl::StrCat("no Allow at level ", d.failing_scp_level,
                                               d.failing_scp_level == 0 ? " (root)" : "")
                                : ""},
      {input.assembly->resource_policy_type(), owner, d.resource, ""},
      {PolicyType::kResourceControl, owner, d.resource_control,
       d.failing_rcp_level >= 0 ? absl::StrCat("no Allow at level ", d.failing_rcp_level) : ""},
  };
  return rows;
}

std::string StatementLabel(const StatementInfo& info) {
  return info.sid.empty() ? absl::StrCat("statement #", info.index)
                          : absl::StrCat("Sid \"", info.sid, "\"");
}

namespace {

std::string Quoted(const std::vector<std::string>& values) {
  std::vector<std::string> quoted;
  for (const std::string& v : values) quoted.push_back(absl::StrCat("\"", v, "\""));
  return absl::StrCat("[", absl::StrJoin(quoted, ", "), "]");
}

// The values of an Action/Resource element as written: ["a", "b"].
std::string Written(const std::optional<StringListElement>& element) {
  std::vector<std::string> values;
  if (element) {
    for (const LocatedString& v : element->values) values.push_back(v.value);
  }
  return Quoted(values);
}

std::string Written(const std::optional<PrincipalElement>& element) {
  if (!element) return "[]";
  if (element->everyone) return "\"*\"";
  std::vector<std::string> values;
  for (const PrincipalValue& v : element->values) values.push_back(v.value.value);
  return Quoted(values);
}

}  // namespace

std::string WhyNotApplied(const StatementTrace& trace) {
  if (trace.applies) return "";
  const Statement& s = *trace.statement->source;
  if (trace.action == MatchState::kNoMatch) {
    return trace.statement->not_action
               ? absl::StrCat("the action is excluded by NotAction ", Written(s.not_action))
               : absl::StrCat("the action is not in Action ", Written(s.action));
  }
  if (trace.resource == MatchState::kNoMatch) {
    return trace.statement->resource_mode == ResourceMode::kNotResource
               ? absl::StrCat("the resource is excluded by NotResource ", Written(s.not_resource))
               : absl::StrCat("the resource is not in Resource ", Written(s.resource));
  }
  if (trace.principal == MatchState::kNoMatch) {
    return trace.statement->principal.mode == PrincipalMatcher::Mode::kNotPrincipal
               ? absl::StrCat("the caller is listed in NotPrincipal ", Written(s.not_principal))
               : absl::StrCat("the caller is not in Principal ", Written(s.principal));
  }
  for (const ConditionTrace& c : trace.conditions) {
    if (c.result != MatchState::kNoMatch) continue;
    const std::string head = absl::StrCat("condition ", c.condition->source->operator_name.value,
                                          " ", c.condition->key.name, ": ");
    if (!c.key_present) {
      return absl::StrCat(head, "the request has no value for the key (policy wants ",
                          Quoted(c.policy_values), ")");
    }
    if (c.condition->op.negated()) {
      return absl::StrCat(head, "request ", Quoted(c.request_values), " matches policy ",
                          Quoted(c.policy_values), ", which this negated operator excludes");
    }
    return absl::StrCat(head, "request ", Quoted(c.request_values), " vs policy ",
                        Quoted(c.policy_values));
  }
  return "it does not apply";
}

std::vector<std::string> WhyConditionsHold(const StatementTrace& trace) {
  std::vector<std::string> lines;
  for (const ConditionTrace& c : trace.conditions) {
    if (c.result != MatchState::kMatch) continue;
    const std::string head = absl::StrCat("condition ", c.condition->source->operator_name.value,
                                          " ", c.condition->key.name, ": ");
    lines.push_back(c.key_present
                        ? absl::StrCat(head, "request ", Quoted(c.request_values), " vs policy ",
                                       Quoted(c.policy_values), ": holds")
                        : absl::StrCat(head, "the request has no value for the key, so it holds"));
  }
  return lines;
}

}  // namespace iamsim
