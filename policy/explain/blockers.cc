#include "policy/explain/blockers.h"

#include <algorithm>

#include "policy/evaluate/allow_rules.h"
#include "policy/explain/near_miss.h"

namespace iamsim {
namespace {

// AWS's order of policy types for blockers.
int Rank(PolicyType type) {
  switch (type) {
    case PolicyType::kResourceControl: return 0;
    case PolicyType::kServiceControl: return 1;
    case PolicyType::kResource:
    case PolicyType::kRoleTrust: return 2;
    case PolicyType::kIdentity: return 3;
    case PolicyType::kPermissionsBoundary: return 4;
    case PolicyType::kSession: return 5;
  }
  return 6;
}

bool OnCallerSide(PolicyType type) {
  return type == PolicyType::kIdentity || type == PolicyType::kPermissionsBoundary ||
         type == PolicyType::kSession || type == PolicyType::kServiceControl;
}

bool SameType(PolicyType a, PolicyType b) {
  auto resource = [](PolicyType t) {
    return t == PolicyType::kResource || t == PolicyType::kRoleTrust;
  };
  return a == b || (resource(a) && resource(b));
}

}  // namespace

absl::string_view BlockerReasonName(BlockerReason reason) {
  switch (reason) {
    case BlockerReason::kExplicitDeny: return "explicit-deny";
    case BlockerReason::kNoAllow: return "no-allow";
    case BlockerReason::kRootCannotAssumeRole: return "root-cannot-assume-role";
  }
  return "?";
}

std::vector<Blocker> FindBlockers(const ReportInput& in) {
  std::vector<Blocker> out;
  const Decision& d = *in.decision;
  if (d.kind == DecisionKind::kAllow || in.explanation == nullptr) return out;
  const Assembly& a = *in.assembly;
  const std::string caller(in.request->caller().account);
  const std::string owner(in.request->resource_account());
  auto account_of = [&](PolicyType type) { return OnCallerSide(type) ? caller : owner; };
  auto target_of = [&](PolicyType type, int level) -> std::string {
    const OrgChain* chain = type == PolicyType::kServiceControl ? a.scp
                            : type == PolicyType::kResourceControl ? a.rcp
                                                                   : nullptr;
    if (chain == nullptr || level < 0 || level >= static_cast<int>(chain->levels.size())) return "";
    return chain->levels[level].target;
  };

  // Explicit denies: every applying Deny, one blocker per policy type and level.
  for (const StatementTrace& t : in.explanation->statements) {
    if (!t.applies || t.statement->effect != Effect::kDeny) continue;
    auto it = std::find_if(out.begin(), out.end(), [&](const Blocker& b) {
      return SameType(b.type, t.type) && b.level == t.ref.level;
    });
    if (it == out.end()) {
      Blocker& b = out.emplace_back();
      b.type = t.type;
      b.level = t.ref.level;
      b.account = account_of(t.type);
      b.target = target_of(t.type, t.ref.level);
      b.reason = BlockerReason::kExplicitDeny;
      it = out.end() - 1;
    }
    it->statements.push_back(t.ref);
  }
  std::stable_sort(out.begin(), out.end(), [](const Blocker& x, const Blocker& y) {
    return Rank(x.type) != Rank(y.type) ? Rank(x.type) < Rank(y.type) : x.level < y.level;
  });

  // Types that failed to allow.
  auto nearest = [&](PolicyType type, int level) {
    std::vector<StatementRef> refs;
    for (const StatementTrace& t : in.explanation->statements) {
      if (!t.applies && SameType(t.type, type) && t.ref.level == level &&
          t.statement->effect == Effect::kAllow &&
          (t.action == MatchState::kMatch || FindNearMiss(t, *in.request))) {
        refs.push_back(t.ref);
      }
    }
    return refs;
  };
  auto no_allow = [&](PolicyType type, int level, std::vector<PolicyType> alternatives = {}) {
    Blocker& b = out.emplace_back();
    b.type = type;
    b.level = level;
    b.account = account_of(type);
    b.target = target_of(type, level);
    b.reason = BlockerReason::kNoAllow;
    b.statements = nearest(type, level);
    b.alternatives = std::move(alternatives);
  };
  if (d.reason == DenyReason::kRootAssumeRole) {
    Blocker& b = out.emplace_back();
    b.type = a.resource_policy_type();
    b.account = owner;
    b.reason = BlockerReason::kRootCannotAssumeRole;
    return out;
  }
  // SCP levels without an Allow (only when SCPs apply: a verdict of no match).
  if ((d.service_control == Verdict::kNoMatch || d.service_control == Verdict::kExplicitDeny) &&
      a.scp != nullptr) {
    for (size_t level = 0; level < a.scp->levels.size(); ++level) {
      bool allowed = false;
      for (const StatementTrace& t : in.explanation->statements) {
        allowed |= t.applies && t.type == PolicyType::kServiceControl &&
                   t.ref.level == static_cast<int>(level) && t.statement->effect == Effect::kAllow;
      }
      if (!allowed) no_allow(PolicyType::kServiceControl, static_cast<int>(level));
    }
  }
  const uint8_t unmet = d.unmet_requirements;
  const PolicyType resource_type = a.resource_policy_type();
  if (unmet & kNeedResource) no_allow(resource_type, -1);
  if (unmet & kNeedIdentity) {
    // Same account, IAM caller, no trust/key policy rule: a resource grant
    // naming the caller would do as well.
    const bool either = !d.cross_account && in.request->caller().is_iam() &&
                        !(unmet & kNeedResource) && !ResourcePolicyMustAllow(*in.request);
    if (either) {
      no_allow(PolicyType::kIdentity, -1, {PolicyType::kIdentity, resource_type});
    } else {
      no_allow(PolicyType::kIdentity, -1);
    }
  }
  if (unmet & kNeedBoundary) no_allow(PolicyType::kPermissionsBoundary, -1);
  if (unmet & kNeedSession) no_allow(PolicyType::kSession, -1);
  return out;
}

}  // namespace iamsim
