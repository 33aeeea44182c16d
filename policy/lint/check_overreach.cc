// Overreach and escalation rules: admin-access, service-wildcard,
// notaction-allow, notresource-allow, passrole-wildcard,
// privilege-escalation, data-exfiltration, resource-exposure,
// credentials-exposure (policy/lint/rule_docs.json).
//
// Which policies: notaction-allow judges every policy that grants
// (identity and resource-based, role trust policies included); the others
// judge identity policies only. Boundaries, session policies, SCPs and RCPs
// grant nothing, so a broad Allow there only stops restricting.
//
// A statement reported as admin-access ("*" on "*") is not reported again
// for passrole-wildcard and the three action-list rules: what they would say
// is part of "every action on every resource".
#include <algorithm>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "policy/lint/checks.h"
#include "policy/lint/escalation.h"
#include "policy/lint/grant_scope.h"
#include "policy/lint/overreach_data.h"

namespace iamsim {
namespace {

// A service no iam:PassedToService condition names unless it allows any
// service ("*", "*.amazonaws.com", StringNotEquals ...).
constexpr absl::string_view kProbeService = "iamsim-lint-probe.amazonaws.com";

class OverreachChecker {
 public:
  OverreachChecker(const LintTarget& target, Findings* findings)
      : target_(target),
        findings_(findings),
        document_(target.document()),
        variables_(document_.variables_enabled()),
        scope_(target.catalog) {}

  void Run() {
    const bool identity = target_.type == PolicyType::kIdentity;
    const bool grants =
        identity || target_.type == PolicyType::kResource || target_.type == PolicyType::kRoleTrust;
    if (!grants) return;
    for (const CompiledStatement& statement : target_.policy.statements()) {
      if (statement.effect != Effect::kAllow) continue;
      const Statement& source = *statement.source;
      if (source.not_action) {
        findings_->Add(Rule::kNotActionAllow, source.not_action->location,
                       "Allow with NotAction grants every action not listed, of every service "
                       "(including services added later); list the actions with Action instead");
      }
      if (!identity) continue;
      if (source.not_resource) {
        findings_->Add(
            Rule::kNotResourceAllow, source.not_resource->location,
            "Allow with NotResource grants the actions on every resource not listed, "
            "in every account they reach; list the resources, or Deny the excluded ones");
      }
      CheckServiceWildcards(statement);
      if (CheckAdminAccess(statement)) continue;
      CheckPassRole(statement);
      const absl::StatusOr<OverreachData>& data = EmbeddedOverreachData();
      if (!data.ok()) continue;
      CheckActionList(statement, data->data_exfiltration, Rule::kDataExfiltration,
                      "that read data out");
      CheckActionList(statement, data->resource_exposure, Rule::kResourceExposure,
                      "that change who can access a resource");
      CheckActionList(statement, data->credentials_exposure, Rule::kCredentialsExposure,
                      "that return credentials");
    }
    if (identity) CheckEscalation();
  }

 private:
  // admin-access: Action "*" on Resource "*" (conditions or not).
  bool CheckAdminAccess(const CompiledStatement& statement) {
    if (statement.not_action || statement.resource_mode != ResourceMode::kResource) return false;
    const bool every_action = std::any_of(statement.actions.begin(), statement.actions.end(),
                                          [](const ActionPattern& a) { return a.all; });
    if (!every_action) return false;
    for (const LocatedString& entry : statement.source->resource->values) {
      if (!IsEveryResource(entry.value)) continue;
      findings_->Add(
          Rule::kAdminAccess, statement.source->location,
          absl::StrCat("the statement allows every action (\"*\") on every resource (",
                       Quote(entry.value), "): full administrator access",
                       statement.conditions.empty()
                           ? ""
                           : "; its conditions narrow when it applies, not what it grants"));
      return true;
    }
    return false;
  }

  // service-wildcard: "s3:*" (a service name with only wildcards for the
  // action) that matches every action the catalog lists for the service.
  void CheckServiceWildcards(const CompiledStatement& statement) {
    if (statement.not_action) return;
    const std::vector<LocatedString>& values = statement.source->action->values;
    for (size_t i = 0; i < values.size() && i < statement.actions.size(); ++i) {
      const ActionPattern& pattern = statement.actions[i];
      const std::string& text = values[i].value;
      const size_t colon = text.find(':');
      if (pattern.all || colon == std::string::npos || IsTemplatePlaceholder(text)) continue;
      const absl::string_view name = absl::string_view(text).substr(colon + 1);
      if (name.find('*') == absl::string_view::npos ||
          name.find_first_not_of("*?") != absl::string_view::npos) {
        continue;
      }
      const std::vector<Catalog::Action> actions = target_.catalog.ServiceActions(pattern.service);
      if (actions.empty()) continue;  // unknown-service says what is wrong.
      const bool all = std::all_of(actions.begin(), actions.end(), [&](const Catalog::Action& a) {
        return pattern.name.Matches(absl::AsciiStrToLower(a.name));
      });
      if (!all) continue;
      findings_->Add(Rule::kServiceWildcard, values[i].location,
                     absl::StrCat(Quote(text), " allows every action of ", pattern.service, " (",
                                  actions.size(),
                                  " today, including destructive and permission-changing ones, "
                                  "and every action AWS adds later)"));
    }
  }

  // passrole-wildcard: iam:PassRole on "*", NotResource or a wildcard role
  // pattern, with no iam:PassedToService condition that limits the service.
  void CheckPassRole(const CompiledStatement& statement) {
    const ActionFacts& pass_role = scope_.Facts("iam:PassRole");
    if (!StatementNamesAction(statement, pass_role)) return;
    const std::vector<ReachedEntry> reached = scope_.Reached(statement, pass_role, variables_);
    const ReachedEntry* open = nullptr;
    for (const ReachedEntry& entry : reached) {
      if (entry.reach >= Reach::kOpen) {
        open = &entry;
        break;
      }
    }
    if (open == nullptr) return;
    if (!ConditionsOnKeyAllow(statement, pass_role.action, "iam:passedtoservice", kProbeService)) {
      return;
    }
    findings_->Add(Rule::kPassRoleWildcard, statement.source->location,
                   absl::StrCat("the statement allows iam:PassRole on ", Where(statement, *open),
                                " with no iam:PassedToService condition: any role it reaches can "
                                "be handed to any service that runs code"));
  }

  // data-exfiltration, resource-exposure, credentials-exposure: an action of
  // the list allowed on every resource of its type.
  void CheckActionList(const CompiledStatement& statement, const std::vector<std::string>& list,
                       Rule rule, absl::string_view what) {
    std::vector<std::string> hits;
    const ReachedEntry* first = nullptr;
    std::vector<ReachedEntry> first_reached;
    for (const std::string& action : list) {
      const ActionFacts& facts = scope_.Facts(action);
      if (!StatementNamesAction(statement, facts) || RemovedByDeny(facts)) continue;
      std::vector<ReachedEntry> reached = scope_.Reached(statement, facts, variables_);
      const auto all = std::find_if(reached.begin(), reached.end(),
                                    [](const ReachedEntry& e) { return e.reach == Reach::kAll; });
      if (all == reached.end()) continue;
      if (hits.empty()) {
        const size_t at = all - reached.begin();
        first_reached = std::move(reached);
        first = &first_reached[at];
      }
      hits.push_back(action);
    }
    if (hits.empty()) return;
    findings_->Add(rule, statement.source->location,
                   absl::StrCat("the statement allows actions ", what,
                                " on every resource of "
                                "their type (",
                                Where(statement, *first), "): ", ListSome(hits)));
  }

  // privilege-escalation, at the statement that completes each combination.
  void CheckEscalation() {
    const absl::StatusOr<OverreachData>& data = EmbeddedOverreachData();
    if (!data.ok()) return;
    const std::vector<EscalationMatch> matches =
        FindEscalations(target_.policy, data->escalations, &scope_);
    const std::vector<CompiledStatement>& statements = target_.policy.statements();
    for (size_t i = 0; i < matches.size();) {
      const size_t completing = matches[i].completing;
      std::vector<std::string> paths;
      std::vector<size_t> others;
      for (; i < matches.size() && matches[i].completing == completing; ++i) {
        const EscalationCombination& c = *matches[i].combination;
        std::vector<std::string> actions;
        for (const EscalationStep& step : c.steps) actions.push_back(step.action);
        paths.push_back(absl::StrCat(c.name, " (", absl::StrJoin(actions, " + "), ")"));
        for (size_t s : matches[i].statements) {
          if (s != completing) others.push_back(s);
        }
      }
      std::sort(others.begin(), others.end());
      others.erase(std::unique(others.begin(), others.end()), others.end());
      Diagnostic& d = findings_->Add(
          Rule::kPrivilegeEscalation, statements[completing].source->location,
          absl::StrCat(
              paths.size() == 1
                  ? "the policy allows a privilege-escalation path"
                  : absl::StrCat("the policy allows ", paths.size(), " privilege-escalation paths"),
              others.empty() ? "" : " completed by this statement", ": ", ListSome(paths)));
      for (size_t s : others)
        d.related.push_back(document_.LocationOf(statements[s].source->location));
    }
  }

  // Whether an unconditional Deny of the policy removes the action on every
  // resource of its types.
  bool RemovedByDeny(const ActionFacts& action) {
    if (auto it = removed_.find(action.action); it != removed_.end()) return it->second;
    bool removed = false;
    for (const CompiledStatement& s : target_.policy.statements()) {
      if (s.effect == Effect::kDeny && s.conditions.empty() && StatementNamesAction(s, action) &&
          scope_.CoversEveryResource(s, action, variables_)) {
        removed = true;
        break;
      }
    }
    removed_.emplace(action.action, removed);
    return removed;
  }

  // How a reached entry is shown: the entry, or "NotResource".
  static std::string Where(const CompiledStatement& statement, const ReachedEntry& entry) {
    if (statement.resource_mode == ResourceMode::kNotResource) return "through NotResource";
    if (statement.resource_mode == ResourceMode::kAny) return "every resource";
    return Quote(statement.source->resource->values[entry.index].value);
  }

  const LintTarget& target_;
  Findings* findings_;
  const PolicyDocument& document_;
  const bool variables_;
  GrantScope scope_;
  std::map<std::string, bool, std::less<>> removed_;
};

}  // namespace

void CheckOverreach(const LintTarget& target, Findings* findings) {
  OverreachChecker(target, findings).Run();
}

}  // namespace iamsim
