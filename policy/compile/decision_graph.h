// File: policy/compile/decision_graph.h
//
// Every policy that takes part in one authorization setup, compiled into an
// immutable graph the evaluator walks: the caller's identity policies, the
// resource's policy, a permissions boundary, a session policy, the SCP levels
// of the caller's account (root first) and the RCP levels of the resource's
// account. Each policy set carries an ActionIndex.
//
//   PolicyBundle bundle;  // filled from parsed PolicyDocuments
//   absl::StatusOr<std::shared_ptr<const DecisionGraph>> graph =
//       DecisionGraph::Compile(std::move(bundle));
//
// Ownership: the graph owns the documents it was built from; statements and
// explanations point into them. Thread-safety: immutable after Compile(); any
// number of threads may evaluate against one graph without locking.
#ifndef IAMSIM_POLICY_COMPILE_DECISION_GRAPH_H_
#define IAMSIM_POLICY_COMPILE_DECISION_GRAPH_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "policy/compile/action_index.h"
#include "policy/compile/compiled_statement.h"
#include "policy/json/diagnostic.h"
#include "policy/parse/policy_document.h"

namespace iamsim {

struct NamedPolicy {
  std::string name;  // Shown in explanations, e.g. "InvokeQiita" or a file name.
  PolicyDocument document;
};

struct PolicyBundle {
  std::vector<NamedPolicy> identity;
  std::optional<NamedPolicy> resource;
  std::optional<NamedPolicy> boundary;
  std::optional<NamedPolicy> session;
  // The caller account's SCPs, one list per level (root, OUs, account).
  // nullopt: the account is not in an organization.
  std::optional<std::vector<std::vector<NamedPolicy>>> service_control;
  // The resource account's RCPs, one list per level. Empty: none.
  std::vector<std::vector<NamedPolicy>> resource_control;
  // The organization's management account, to which SCPs and RCPs do not apply.
  std::string management_account;
};

// The statements of one or more policies of one type, with their index.
struct PolicySet {
  std::vector<CompiledStatement> statements;
  ActionIndex index;
};

struct PolicyInfo {
  std::string name;
  PolicyType type;
  int level = -1;  // SCP/RCP level (0 = root); -1 otherwise.
  std::unique_ptr<const PolicyDocument> document;
};

class DecisionGraph {
 public:
  // Fails (InvalidArgument) when a document's type does not match its slot,
  // or when an SCP/RCP level is empty.
  static absl::StatusOr<std::shared_ptr<const DecisionGraph>> Compile(PolicyBundle bundle);

  const std::vector<PolicyInfo>& policies() const { return policies_; }
  // Every action and service named by the graph's policies.
  const ActionDictionary& actions() const { return actions_; }
  const PolicySet& identity() const { return identity_; }
  const PolicySet& resource() const { return resource_; }
  const PolicySet& boundary() const { return boundary_; }
  const PolicySet& session() const { return session_; }
  const std::vector<PolicySet>& scp_levels() const { return scp_levels_; }
  const std::vector<PolicySet>& rcp_levels() const { return rcp_levels_; }

  bool has_resource_policy() const { return has_resource_policy_; }
  // kResource, or kRoleTrust when the resource policy is a role trust policy.
  PolicyType resource_policy_type() const { return resource_policy_type_; }
  bool has_boundary() const { return has_boundary_; }
  bool has_session_policy() const { return has_session_policy_; }
  bool in_organization() const { return in_organization_; }
  const std::string& management_account() const { return management_account_; }

  // Warnings found while compiling (e.g. condition values of the wrong type).
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  DecisionGraph() = default;
  absl::Status AddPolicy(NamedPolicy policy, PolicyType expected, int level, PolicySet* set);

  std::vector<PolicyInfo> policies_;
  ActionDictionary actions_;
  PolicySet identity_, resource_, boundary_, session_;
  std::vector<PolicySet> scp_levels_, rcp_levels_;
  bool has_resource_policy_ = false;
  PolicyType resource_policy_type_ = PolicyType::kResource;
  bool has_boundary_ = false;
  bool has_session_policy_ = false;
  bool in_organization_ = false;
  std::string management_account_;
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_COMPILE_DECISION_GRAPH_H_
