#include "policy/compile/decision_graph.h"

#include "absl/strings/str_cat.h"
#include "policy/compile/statement_compiler.h"

namespace iamsim {

absl::Status DecisionGraph::AddPolicy(NamedPolicy policy, PolicyType expected, int level,
                                      PolicySet* set) {
  if (policy.document.type != expected) {
    return absl::InvalidArgumentError(absl::StrCat(
        "policy \"", policy.name, "\" was parsed as a ", PolicyTypeName(policy.document.type),
        " policy but is used as a ", PolicyTypeName(expected), " policy"));
  }
  const uint32_t policy_index = static_cast<uint32_t>(policies_.size());
  auto document = std::make_unique<const PolicyDocument>(std::move(policy.document));
  for (const Statement& statement : document->statements) {
    const uint32_t id = static_cast<uint32_t>(set->statements.size());
    set->statements.push_back(CompileStatement(*document, statement, policy_index, &diagnostics_));
    set->index.Add(id, set->statements.back(), &actions_);
  }
  policies_.push_back(PolicyInfo{std::move(policy.name), expected, level, std::move(document)});
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<const DecisionGraph>> DecisionGraph::Compile(PolicyBundle bundle) {
  std::shared_ptr<DecisionGraph> graph(new DecisionGraph());
  for (NamedPolicy& policy : bundle.identity) {
    absl::Status s =
        graph->AddPolicy(std::move(policy), PolicyType::kIdentity, -1, &graph->identity_);
    if (!s.ok()) return s;
  }
  if (bundle.resource) {
    graph->has_resource_policy_ = true;
    const PolicyType type = bundle.resource->document.type == PolicyType::kRoleTrust
                                ? PolicyType::kRoleTrust
                                : PolicyType::kResource;
    graph->resource_policy_type_ = type;
    absl::Status s = graph->AddPolicy(std::move(*bundle.resource), type, -1, &graph->resource_);
    if (!s.ok()) return s;
  }
  if (bundle.boundary) {
    graph->has_boundary_ = true;
    absl::Status s = graph->AddPolicy(std::move(*bundle.boundary), PolicyType::kPermissionsBoundary,
                                      -1, &graph->boundary_);
    if (!s.ok()) return s;
  }
  if (bundle.session) {
    graph->has_session_policy_ = true;
    absl::Status s =
        graph->AddPolicy(std::move(*bundle.session), PolicyType::kSession, -1, &graph->session_);
    if (!s.ok()) return s;
  }
  auto add_levels = [&](std::vector<std::vector<NamedPolicy>>& levels, PolicyType type,
                        std::vector<PolicySet>* sets) -> absl::Status {
    sets->resize(levels.size());
    for (size_t level = 0; level < levels.size(); ++level) {
      if (levels[level].empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat(PolicyTypeName(type), " level ", level,
                         " has no policies; in AWS every root, OU and account has at least one"));
      }
      for (NamedPolicy& policy : levels[level]) {
        absl::Status s =
            graph->AddPolicy(std::move(policy), type, static_cast<int>(level), &(*sets)[level]);
        if (!s.ok()) return s;
      }
    }
    return absl::OkStatus();
  };
  if (bundle.service_control) {
    graph->in_organization_ = true;
    absl::Status s =
        add_levels(*bundle.service_control, PolicyType::kServiceControl, &graph->scp_levels_);
    if (!s.ok()) return s;
  }
  absl::Status s =
      add_levels(bundle.resource_control, PolicyType::kResourceControl, &graph->rcp_levels_);
  if (!s.ok()) return s;
  graph->management_account_ = std::move(bundle.management_account);
  graph->actions_.LinkServices();
  return std::shared_ptr<const DecisionGraph>(std::move(graph));
}

}  // namespace iamsim
