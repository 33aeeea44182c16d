#include "policy/evaluate/evaluator.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "policy/arn/byte_scan.h"
#include "policy/conditions/modifiers.h"
#include "policy/evaluate/allow_rules.h"
#include "policy/evaluate/context_resolver.h"
#include "policy/evaluate/deny_reason.h"
#include "policy/evaluate/organization_gates.h"
#include "policy/evaluate/principal_match.h"

namespace iamsim {

absl::string_view DecisionKindName(DecisionKind kind) {
  switch (kind) {
    case DecisionKind::kAllow:
      return "Allow";
    case DecisionKind::kExplicitDeny:
      return "ExplicitDeny";
    case DecisionKind::kImplicitDeny:
      return "ImplicitDeny";
  }
  return "?";
}

absl::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kNotApplicable:
      return "not applicable";
    case Verdict::kAbsent:
      return "absent";
    case Verdict::kAllow:
      return "allow";
    case Verdict::kExplicitDeny:
      return "explicit deny";
    case Verdict::kNoMatch:
      return "no match";
  }
  return "?";
}

namespace {

// What the statements of one policy type (or one SCP/RCP level) said.
struct SetOutcome {
  bool any_allow = false;
  bool any_deny = false;
  uint8_t allow_grants = kGrantNone;  // Resource policies: how Allows name the caller.
};

Verdict VerdictOf(const SetOutcome& outcome) {
  if (outcome.any_deny) return Verdict::kExplicitDeny;
  if (outcome.any_allow) return Verdict::kAllow;
  return Verdict::kNoMatch;
}

using Policies = absl::Span<const CompiledPolicy* const>;

class Evaluation {
 public:
  Evaluation(const Assembly& assembly, const PreparedRequest& request,
             const EvaluateOptions& options, Explanation* explanation, std::string* scratch)
      : assembly_(assembly),
        request_(request),
        caller_(request.caller()),
        options_(options),
        explanation_(explanation),
        context_(request),
        scratch_(scratch),
        ids_(
            assembly.store->actions().Find(request.action_lower(), request.service_lower().size())),
        has_boundary_(assembly.boundary != nullptr) {}

  Decision Run();

 private:
  // The steps of Run, in AWS's order.
  AllowFacts EvaluateCallerPolicies();
  void EvaluateResourcePolicy(AllowFacts* facts);
  // An SCP or RCP chain; `exemption` says why it does not apply (computed
  // only when there is a chain).
  template <typename Exemption>
  GateResult EvaluateChain(const OrgChain* chain, PolicyType type, const Exemption& exemption,
                           Verdict* verdict, int8_t* failing_level);
  void DecideExplicitDeny();
  void DecideAllow(const AllowFacts& facts, const GateResult& scp, const GateResult& rcp);
  void CollectDeciding();

  SetOutcome EvaluatePolicies(Policies policies, PolicyType type, int8_t level,
                              bool check_principal);
  // One statement. Without an explanation the cheap and selective checks
  // (action, then principal: in a resource policy most statements name
  // another principal) run inline and only survivors reach the rest; with
  // one, everything is checked to explain it.
  void EvaluateStatement(const CompiledStatement& s, bool action_known, PolicyType type,
                         int8_t level, bool check_principal, SetOutcome* outcome) {
    if (explanation_ != nullptr) {
      TraceStatement(s, type, level, check_principal, outcome);
      return;
    }
    if (!action_known && !ActionMatches(s)) return;
    PrincipalMatch principal{true, kGrantNone};
    if (check_principal) {
      principal = MatchPrincipal(s.principal, caller_, has_boundary_);
      if (!principal.applies) return;
    }
    FinishStatement(s, true, principal, type, level, nullptr, outcome);
  }
  [[gnu::noinline]] void TraceStatement(const CompiledStatement& s, PolicyType type, int8_t level,
                                        bool check_principal, SetOutcome* outcome);
  // Resource, conditions, and the record of an applicable statement.
  void FinishStatement(const CompiledStatement& s, bool action, const PrincipalMatch& principal,
                       PolicyType type, int8_t level, StatementTrace* trace, SetOutcome* outcome);
  bool ActionMatches(const CompiledStatement& s) const;
  // Sets *missing_variable to a policy variable's key that had no value.
  bool ResourceMatches(const CompiledStatement& s, const ContextKey** missing_variable) const;
  // The match states of one statement, for the explanation (off the
  // per-statement path when there is none).
  [[gnu::noinline]] void FillTrace(const CompiledStatement& s, bool action, bool resource,
                                   const PrincipalMatch& principal, bool applies,
                                   StatementTrace* trace) const;
  // Notes, from the traces, for decisions that surprise people. Kept out of
  // the per-statement path.
  void NoteSurprises();
  // Notes are built only when an explanation was asked for.
  template <typename... Pieces>
  void Note(const Pieces&... pieces) {
    if (explanation_ != nullptr) explanation_->notes.push_back(absl::StrCat(pieces...));
  }
  void AddMissingKey(const ContextKey* key) {
    for (const ContextKey* k : decision_.missing_keys) {
      if (k->lower_name == key->lower_name) return;
    }
    decision_.missing_keys.push_back(key);
  }

  const Assembly& assembly_;
  const PreparedRequest& request_;
  const Caller& caller_;
  const EvaluateOptions& options_;
  Explanation* explanation_;
  ContextResolver context_;
  std::string* scratch_;
  const ActionDictionary::Ids ids_;  // The request's action in the store's dictionary.
  const bool has_boundary_;
  Decision decision_;
  struct Applicable {
    StatementRef ref;
    Effect effect;
    PolicyType type;
  };
  absl::InlinedVector<Applicable, 8> applicable_;
};

bool Evaluation::ActionMatches(const CompiledStatement& s) const {
  bool any = false;
  for (const ActionPattern& a : s.actions) {
    if (a.all || (ShortEquals(a.service, request_.service_lower()) &&
                  a.name.Matches(request_.action_name_lower()))) {
      any = true;
      break;
    }
  }
  return any != s.not_action;
}

bool Evaluation::ResourceMatches(const CompiledStatement& s,
                                 const ContextKey** missing_variable) const {
  if (s.resource_mode == ResourceMode::kAny) return true;
  bool any = false;
  for (const ResourcePattern& r : s.resources) {
    if (!r.source.has_variables()) {
      any = r.compiled.Matches(request_.resource(), request_.resource_parts(),
                               request_.resource_is_arn());
    } else {
      auto lookup = [this, missing_variable](const ContextKey& key) {
        std::optional<absl::string_view> value = context_.Single(key);
        if (!value) *missing_variable = &key;
        return value;
      };
      // A variable without a value: this entry matches no resource.
      any =
          r.source.Render(lookup, scratch_) &&
          ArnPattern::MatchRendered(*scratch_, request_.resource(), ArnMatchMode::kResourceElement);
    }
    if (any) break;
  }
  return any != (s.resource_mode == ResourceMode::kNotResource);
}

void Evaluation::TraceStatement(const CompiledStatement& s, PolicyType type, int8_t level,
                                bool check_principal, SetOutcome* outcome) {
  StatementTrace* trace = &explanation_->statements.emplace_back();
  trace->ref = StatementRef{s.policy, static_cast<uint32_t>(s.source->index), level};
  trace->type = type;
  trace->statement = &s;
  PrincipalMatch principal{true, kGrantNone};
  if (check_principal) principal = MatchPrincipal(s.principal, caller_, has_boundary_);
  FinishStatement(s, ActionMatches(s), principal, type, level, trace, outcome);
}

void Evaluation::FinishStatement(const CompiledStatement& s, bool action,
                                 const PrincipalMatch& principal, PolicyType type, int8_t level,
                                 StatementTrace* trace, SetOutcome* outcome) {
  const ContextKey* missing_variable = nullptr;
  const bool resource = ResourceMatches(s, &missing_variable);
  if (!resource && trace == nullptr) return;
  const bool others = action && resource && principal.applies;
  bool conditions = true;
  // Missing keys that decided this statement: when it fails, those whose
  // absence made a condition fail (named at once); when it applies, those
  // whose absence let a condition hold (IfExists, negated, Null,
  // ForAllValues), named once it is known to apply. A missing key whose
  // condition held while the statement failed anyway changes nothing.
  const ContextKey* held_missing[4];
  size_t held_count = 0;
  for (const CompiledCondition& c : s.conditions) {
    if (!conditions && trace == nullptr) {
      // The statement already fails: no need to evaluate the rest, but a key
      // whose absence alone would also fail its condition is named.
      if (c.op.base != BaseOperator::kNull && !HoldsWhenKeyMissing(c.op) &&
          !context_.Lookup(c.key).present) {
        AddMissingKey(&c.key);
      }
      continue;
    }
    ConditionTrace* condition_trace = nullptr;
    if (trace != nullptr) condition_trace = &trace->conditions.emplace_back();
    bool key_missing = false;
    const ContextKey* missing_variable_key = nullptr;
    std::optional<bool> forced;
    if (options_.forced != nullptr) forced = options_.forced->Outcome(c);
    const bool result = forced ? *forced
                               : EvaluateCondition(c, context_, scratch_, &key_missing,
                                                   condition_trace, &missing_variable_key);
    // A policy variable without a value counts when the result hinges on it:
    // a positive operator failed, or a negated one held.
    const ContextKey* absent = key_missing ? &c.key
                               : missing_variable_key != nullptr && result == c.op.negated()
                                   ? missing_variable_key
                                   : nullptr;
    if (absent != nullptr && others) {
      if (!result) {
        AddMissingKey(absent);
      } else if (held_count < std::size(held_missing)) {
        held_missing[held_count++] = absent;
      }
    }
    conditions = conditions && result;
  }
  const bool applies = others && conditions;
  if (applies) {
    for (size_t i = 0; i < held_count; ++i) AddMissingKey(held_missing[i]);
  }
  if (!resource && action && principal.applies && missing_variable != nullptr) {
    AddMissingKey(missing_variable);  // A policy variable in Resource had no value.
  }
  if (trace != nullptr) FillTrace(s, action, resource, principal, applies, trace);
  if (!applies) return;
  // Filled in place: building a temporary and copying it stalls.
  Applicable& a = applicable_.emplace_back();
  a.ref = StatementRef{s.policy, static_cast<uint32_t>(s.source->index), level};
  a.effect = s.effect;
  a.type = type;
  if (s.effect == Effect::kDeny) {
    outcome->any_deny = true;
  } else {
    outcome->any_allow = true;
    outcome->allow_grants |= principal.grants;
  }
}

SetOutcome Evaluation::EvaluatePolicies(Policies policies, PolicyType type, int8_t level,
                                        bool check_principal) {
  SetOutcome outcome;
  const bool indexed = options_.use_index && explanation_ == nullptr;
  for (const CompiledPolicy* policy : policies) {
    const std::vector<CompiledStatement>& statements = policy->statements();
    if (indexed) {
      policy->index().ForEachCandidate(ids_.action, ids_.service, [&](uint32_t id, bool known) {
        EvaluateStatement(statements[id], known, type, level, check_principal, &outcome);
      });
    } else {
      for (const CompiledStatement& s : statements) {
        EvaluateStatement(s, false, type, level, check_principal, &outcome);
      }
    }
  }
  return outcome;
}

// Identity policies, permissions boundary and session policy of an IAM
// caller.
AllowFacts Evaluation::EvaluateCallerPolicies() {
  AllowFacts facts;
  facts.caller_type = caller_.type;
  facts.cross_account = request_.cross_account();
  if (caller_.is_iam()) {
    const SetOutcome identity =
        EvaluatePolicies(assembly_.identity, PolicyType::kIdentity, -1, false);
    const bool has_identity =
        std::any_of(assembly_.identity.begin(), assembly_.identity.end(),
                    [](const CompiledPolicy* p) { return !p->statements().empty(); });
    decision_.identity = has_identity ? VerdictOf(identity) : Verdict::kAbsent;
    facts.identity_allows = caller_.type == CallerType::kRoot || identity.any_allow;
  } else {
    decision_.identity = Verdict::kNotApplicable;
  }

  const bool bounded = caller_.type == CallerType::kUser || caller_.type == CallerType::kRole;
  if (assembly_.boundary != nullptr && bounded) {
    const SetOutcome boundary = EvaluatePolicies(Policies(&assembly_.boundary, 1),
                                                 PolicyType::kPermissionsBoundary, -1, false);
    decision_.boundary = VerdictOf(boundary);
    facts.boundary_allows = boundary.any_allow;
  } else if (assembly_.boundary != nullptr) {
    decision_.boundary = Verdict::kNotApplicable;
    Note("The permissions boundary does not apply: only IAM users and roles have boundaries.");
  }
  const bool session_caller =
      caller_.type == CallerType::kRole || caller_.type == CallerType::kFederatedUser;
  if (!assembly_.session.empty() && session_caller) {
    const SetOutcome session = EvaluatePolicies(assembly_.session, PolicyType::kSession, -1, false);
    decision_.session = VerdictOf(session);
    facts.session_allows = session.any_allow;
  } else {
    if (!assembly_.session.empty()) {
      decision_.session = Verdict::kNotApplicable;
      Note("The session policy does not apply: only role and federated-user sessions have one.");
    }
    // GetFederationToken sessions have no permissions without a session policy.
    facts.session_allows = caller_.type != CallerType::kFederatedUser;
  }
  return facts;
}

void Evaluation::EvaluateResourcePolicy(AllowFacts* facts) {
  facts->resource_policy_required = ResourcePolicyMustAllow(request_);
  if (assembly_.resource == nullptr) return;
  const SetOutcome resource = EvaluatePolicies(Policies(&assembly_.resource, 1),
                                               assembly_.resource_policy_type(), -1, true);
  decision_.resource = VerdictOf(resource);
  facts->resource_allows = resource.any_allow;
  facts->resource_grants = resource.allow_grants;
}

template <typename Exemption>
GateResult Evaluation::EvaluateChain(const OrgChain* chain, PolicyType type,
                                     const Exemption& exemption, Verdict* verdict,
                                     int8_t* failing_level) {
  if (chain == nullptr || chain->levels.empty()) return GateResult{};
  if (const char* why = exemption()) {
    *verdict = Verdict::kNotApplicable;
    Note(why);
    return GateResult{};
  }
  absl::InlinedVector<LevelOutcome, 4> levels;
  for (size_t level = 0; level < chain->levels.size(); ++level) {
    // RCPs carry Principal "*"; SCPs have no Principal.
    const SetOutcome o =
        EvaluatePolicies(chain->levels[level].policies, type, static_cast<int8_t>(level),
                         type == PolicyType::kResourceControl);
    // AWS attaches RCPFullAWSAccess to every root, OU and account, and it
    // cannot be detached: an RCP level always allows unless it denies.
    const bool rcp_default = type == PolicyType::kResourceControl && !o.any_allow;
    if (rcp_default) {
      Note("RCP level ", level,
           " lists no Allow for this request; RCPFullAWSAccess, attached by AWS to every root, "
           "OU and account, allows it there.");
    }
    levels.push_back(LevelOutcome{o.any_allow || rcp_default, o.any_deny});
  }
  const GateResult gate = CombineLevels(levels);
  *verdict = gate.any_deny ? Verdict::kExplicitDeny
             : gate.passes ? Verdict::kAllow
                           : Verdict::kNoMatch;
  *failing_level = gate.first_failing_level;
  return gate;
}

void Evaluation::DecideExplicitDeny() {
  decision_.kind = DecisionKind::kExplicitDeny;
  int best = 99;
  for (const Applicable& a : applicable_) {
    if (a.effect == Effect::kDeny && ExplicitDenyRank(a.type) < best) {
      best = ExplicitDenyRank(a.type);
      decision_.deny_type = a.type;
    }
  }
}

void Evaluation::DecideAllow(const AllowFacts& facts, const GateResult& scp,
                             const GateResult& rcp) {
  const bool root_assume_role = RootCannotAssumeRole(request_);
  if (root_assume_role) {
    Note("The account root user cannot assume a role, whatever the policies say.");
  }
  if (facts.cross_account) {
    Note("Cross-account request: the caller's account (", caller_.account,
         ") must allow it in identity policies and the resource's account (",
         request_.resource_account(), ") in the resource-based policy.");
  } else if (caller_.is_iam() && facts.resource_policy_required) {
    Note(
        "Role trust policies and KMS key policies must allow the caller even within the "
        "account.");
  }
  const AllowResult allow = ApplyAllowRules(facts);
  decision_.unmet_requirements = allow.unmet;
  decision_.reason = ImplicitDenyReason(root_assume_role, scp, rcp, allow);
  decision_.kind =
      decision_.reason == DenyReason::kNone ? DecisionKind::kAllow : DecisionKind::kImplicitDeny;
  if (decision_.kind == DecisionKind::kAllow && caller_.is_iam() && !facts.cross_account &&
      (facts.resource_grants & kGrantDirect)) {
    Note(
        "Same account: the resource-based policy names the caller directly, so no identity "
        "policy is needed and boundary and session policy do not limit it.");
  }
}

// Allow: the applicable Allows; ExplicitDeny: the applicable Denies.
void Evaluation::CollectDeciding() {
  if (decision_.kind == DecisionKind::kImplicitDeny) return;
  const Effect wanted =
      decision_.kind == DecisionKind::kExplicitDeny ? Effect::kDeny : Effect::kAllow;
  for (const Applicable& a : applicable_) {
    if (a.effect == wanted) decision_.deciding.push_back(a.ref);
  }
  if (!std::is_sorted(decision_.deciding.begin(), decision_.deciding.end())) {
    std::sort(decision_.deciding.begin(), decision_.deciding.end());
  }
}

Decision Evaluation::Run() {
  AllowFacts facts = EvaluateCallerPolicies();
  decision_.cross_account = facts.cross_account;
  EvaluateResourcePolicy(&facts);
  const absl::string_view management = assembly_.management_account;
  const GateResult scp = EvaluateChain(
      assembly_.scp, PolicyType::kServiceControl, [&] { return ScpExemption(caller_, management); },
      &decision_.service_control, &decision_.failing_scp_level);
  const GateResult rcp = EvaluateChain(
      assembly_.rcp, PolicyType::kResourceControl,
      [&] { return RcpExemption(request_, management); }, &decision_.resource_control,
      &decision_.failing_rcp_level);
  const bool any_deny = std::any_of(applicable_.begin(), applicable_.end(),
                                    [](const Applicable& a) { return a.effect == Effect::kDeny; });
  if (any_deny) {
    DecideExplicitDeny();
    // What would still be missing without the deny: every blocker is
    // reported when explaining.
    if (explanation_ != nullptr) decision_.unmet_requirements = ApplyAllowRules(facts).unmet;
  } else {
    DecideAllow(facts, scp, rcp);
  }
  CollectDeciding();
  if (explanation_ != nullptr) NoteSurprises();
  return std::move(decision_);
}

void Evaluation::FillTrace(const CompiledStatement& s, bool action, bool resource,
                           const PrincipalMatch& principal, bool applies,
                           StatementTrace* trace) const {
  trace->action = action ? MatchState::kMatch : MatchState::kNoMatch;
  trace->resource = s.resource_mode == ResourceMode::kAny
                        ? MatchState::kNotChecked
                        : (resource ? MatchState::kMatch : MatchState::kNoMatch);
  trace->principal = s.principal.mode == PrincipalMatcher::Mode::kNone
                         ? MatchState::kNotChecked
                         : (principal.applies ? MatchState::kMatch : MatchState::kNoMatch);
  trace->applies = applies;
  if (!principal.applies || s.principal.mode != PrincipalMatcher::Mode::kPrincipal) return;
  const bool star =
      std::any_of(s.principal.entries.begin(), s.principal.entries.end(),
                  [](const PrincipalEntry& e) { return e.form == PrincipalForm::kEveryone; });
  const bool federated = caller_.type == CallerType::kFederatedUser;
  trace->principal_note =
      principal.grants & kGrantDirect ? (star ? "\"*\": every caller" : "names the caller directly")
      : principal.grants & kGrantEntity
          ? (federated ? "\"*\" does not name a federated-user session: its session policy "
                         "still limits it"
                       : "names the caller's role (limited by boundary and session policy)")
          : "names the caller's account (delegates to identity policies)";
}

void Evaluation::NoteSurprises() {
  if (decision_.kind == DecisionKind::kImplicitDeny && caller_.type == CallerType::kFederatedUser &&
      assembly_.session.empty()) {
    Note(
        "A federated-user session (GetFederationToken) has no permissions without a session "
        "policy, except what a resource policy grants to the session itself.");
  }
  if (caller_.type == CallerType::kRoot && !decision_.cross_account &&
      decision_.kind == DecisionKind::kAllow) {
    Note(
        "The account root user has full access to its own account: no identity policy is "
        "needed (explicit denies and SCPs still apply).");
  }
  const bool bounded = assembly_.boundary != nullptr &&
                       (caller_.type == CallerType::kUser || caller_.type == CallerType::kRole);
  for (const StatementTrace& trace : explanation_->statements) {
    if (bounded && trace.applies && trace.statement->effect == Effect::kDeny &&
        trace.statement->principal.mode == PrincipalMatcher::Mode::kNotPrincipal) {
      Note(
          "A Deny with NotPrincipal applies to every IAM user or role that has a permissions "
          "boundary, whether or not NotPrincipal lists it (permissions boundaries page).");
      return;
    }
  }
}

}  // namespace

Decision Evaluate(const Assembly& assembly, const PreparedRequest& request,
                  const EvaluateOptions& options, Explanation* explanation) {
  // Reused across calls on this thread, so variable substitution does not
  // allocate once warm.
  thread_local std::string scratch;
  return Evaluation(assembly, request, options, explanation, &scratch).Run();
}

}  // namespace iamsim
