#include "policy/lint/escalation.h"

#include <algorithm>
#include <limits>

namespace iamsim {
namespace {

// The AWS managed policy that grants everything: an iam:PolicyARN condition
// that allows it does not narrow an Attach*Policy grant at all.
constexpr absl::string_view kAdministratorAccess = "arn:aws:iam::aws:policy/AdministratorAccess";

// One way a statement grants one action of a combination.
struct Candidate {
  size_t statement;
  const std::string* glob;  // The entry as a plain glob (ReachedEntry::glob).
};

Reach MinimumReach(EscalationScope scope) {
  switch (scope) {
    case EscalationScope::kOpen:
      return Reach::kOpen;
    case EscalationScope::kOpenOrSelf:
      return Reach::kSelf;
    case EscalationScope::kAny:
      return Reach::kNamed;
  }
  return Reach::kOpen;
}

bool IsPassRole(const ActionFacts& action) {
  return action.service == "iam" && action.name_lower == "passrole";
}

// Whether the statement's conditions leave the path open (header comment).
bool ConditionsLeaveOpen(const CompiledStatement& statement, const ActionFacts& action,
                         const EscalationCombination& combination) {
  if (IsPassRole(action) && !combination.passed_to_service.empty() &&
      !ConditionsOnKeyAllow(statement, action.action, "iam:passedtoservice",
                            combination.passed_to_service)) {
    return false;
  }
  if (action.HasConditionKey("iam:policyarn") &&
      ConditionOnKeyNamesValues(statement, "iam:policyarn") &&
      !ConditionsOnKeyAllow(statement, action.action, "iam:policyarn", kAdministratorAccess)) {
    return false;
  }
  if (action.HasConditionKey("iam:permissionsboundary") &&
      ConditionOnKeyNamesValues(statement, "iam:permissionsboundary")) {
    return false;
  }
  return true;
}

// Chooses one candidate per step, minimizing the latest statement, such
// that linked steps' entries intersect. Steps without links take their
// earliest candidate.
class Chooser {
 public:
  Chooser(const std::vector<std::vector<Candidate>>& candidates,
          const std::vector<std::vector<size_t>>& links)
      : candidates_(candidates), links_(links), chosen_(candidates.size(), nullptr) {}

  // False when no choice satisfies the links.
  bool Choose(std::vector<size_t>* statements) {
    Search(0, 0);
    if (budget_ <= 0 && best_.empty()) {
      // Too many choices to try: judge each action on its own.
      for (const std::vector<Candidate>& c : candidates_) best_.push_back(c.front().statement);
    }
    if (best_.empty()) return false;
    *statements = best_;
    return true;
  }

 private:
  void Search(size_t step, size_t latest) {
    if (--budget_ <= 0) return;
    if (!best_.empty() && latest >= best_latest_) return;
    if (step == candidates_.size()) {
      best_latest_ = latest;
      best_.clear();
      for (const Candidate* c : chosen_) best_.push_back(c->statement);
      return;
    }
    for (const Candidate& candidate : candidates_[step]) {
      bool fits = true;
      for (size_t other : links_[step]) {
        if (other < step && !ResourceGlobsIntersect(*candidate.glob, *chosen_[other]->glob)) {
          fits = false;
          break;
        }
      }
      if (!fits) continue;
      chosen_[step] = &candidate;
      Search(step + 1, std::max(latest, candidate.statement));
      // Unlinked steps: the earliest candidate is the best one.
      if (links_[step].empty()) break;
    }
  }

  const std::vector<std::vector<Candidate>>& candidates_;
  const std::vector<std::vector<size_t>>& links_;
  std::vector<const Candidate*> chosen_;
  std::vector<size_t> best_;
  size_t best_latest_ = std::numeric_limits<size_t>::max();
  long budget_ = 100000;
};

bool ShareFormat(const ActionFacts& a, const ActionFacts& b) {
  for (const std::string& format : a.formats) {
    if (format != "*" && std::find(b.formats.begin(), b.formats.end(), format) != b.formats.end()) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<EscalationMatch> FindEscalations(const CompiledPolicy& policy,
                                             const std::vector<EscalationCombination>& combinations,
                                             GrantScope* scope) {
  const std::vector<CompiledStatement>& statements = policy.statements();
  const bool variables = policy.document().variables_enabled();
  std::vector<EscalationMatch> out;
  // Reached entries, kept alive for the candidates that point at their globs.
  std::vector<std::vector<ReachedEntry>> reached;
  for (const EscalationCombination& combination : combinations) {
    const size_t steps = combination.steps.size();
    std::vector<const ActionFacts*> facts;
    for (const EscalationStep& step : combination.steps)
      facts.push_back(&scope->Facts(step.action));
    reached.clear();
    reached.reserve(steps * statements.size());
    std::vector<std::vector<Candidate>> candidates(steps);
    bool possible = true;
    for (size_t k = 0; k < steps && possible; ++k) {
      const ActionFacts& action = *facts[k];
      const Reach minimum = MinimumReach(combination.steps[k].scope);
      for (size_t i = 0; i < statements.size(); ++i) {
        const CompiledStatement& s = statements[i];
        if (!StatementNamesAction(s, action)) continue;
        if (s.effect == Effect::kDeny) {
          if (s.conditions.empty() && scope->CoversEveryResource(s, action, variables)) {
            candidates[k].clear();  // Removed on every resource, whatever allows it.
            break;
          }
          continue;
        }
        if (!ConditionsLeaveOpen(s, action, combination)) continue;
        reached.push_back(scope->Reached(s, action, variables));
        for (const ReachedEntry& entry : reached.back()) {
          if (entry.reach >= minimum) candidates[k].push_back(Candidate{i, &entry.glob});
        }
      }
      possible = !candidates[k].empty();
    }
    if (!possible) continue;
    // Open steps on a common resource type must reach a common resource.
    std::vector<std::vector<size_t>> links(steps);
    for (size_t a = 0; a < steps; ++a) {
      for (size_t b = 0; b < steps; ++b) {
        if (a == b || combination.steps[a].scope == EscalationScope::kAny ||
            combination.steps[b].scope == EscalationScope::kAny ||
            !ShareFormat(*facts[a], *facts[b])) {
          continue;
        }
        links[a].push_back(b);
      }
    }
    std::vector<size_t> used;
    if (!Chooser(candidates, links).Choose(&used)) continue;
    std::sort(used.begin(), used.end());
    used.erase(std::unique(used.begin(), used.end()), used.end());
    EscalationMatch match;
    match.combination = &combination;
    match.completing = used.back();
    match.statements = std::move(used);
    out.push_back(std::move(match));
  }
  std::stable_sort(out.begin(), out.end(), [](const EscalationMatch& a, const EscalationMatch& b) {
    return a.completing < b.completing;
  });
  return out;
}

}  // namespace iamsim
