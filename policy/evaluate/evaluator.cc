#include "policy/evaluate/evaluator.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "policy/arn/byte_scan.h"
#include "policy/evaluate/condition_evaluator.h"
#include "policy/evaluate/context_resolver.h"
#include "policy/evaluate/principal_match.h"
#include "policy/evaluate/rcp_services.h"

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

absl::string_view MatchStateName(MatchState state) {
  switch (state) {
    case MatchState::kMatch:
      return "match";
    case MatchState::kNoMatch:
      return "no match";
    case MatchState::kNotChecked:
      return "not checked";
  }
  return "?";
}

namespace {

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

// Which implicit-deny type AWS names first when several explicit denies exist.
int DenyTypePriority(PolicyType type) {
  switch (type) {
    case PolicyType::kServiceControl:
      return 0;
    case PolicyType::kResourceControl:
      return 1;
    case PolicyType::kIdentity:
      return 2;
    case PolicyType::kResource:
    case PolicyType::kRoleTrust:
      return 3;
    case PolicyType::kPermissionsBoundary:
      return 4;
    case PolicyType::kSession:
      return 5;
  }
  return 6;
}

class Evaluation {
 public:
  Evaluation(const DecisionGraph& graph, const PreparedRequest& request,
             const EvaluateOptions& options, Explanation* explanation, std::string* scratch)
      : graph_(graph),
        request_(request),
        caller_(request.caller()),
        options_(options),
        explanation_(explanation),
        context_(request),
        scratch_(scratch),
        ids_(graph.actions().Find(request.action_lower(), request.service_lower().size())) {}

  Decision Run();

 private:
  // Notes, from the traces, for decisions that surprise people. Kept out of
  // the per-statement path.
  void NoteSurprises();
  // The match states of one statement, for the explanation (off the
  // per-statement path when there is none).
  [[gnu::noinline]] void FillTrace(const CompiledStatement& s, bool action, bool resource,
                                   const PrincipalMatch& principal, bool applies,
                                   StatementTrace* trace) const;
  SetOutcome EvaluateSet(const PolicySet& set, PolicyType type, int level, bool check_principal);
  // SCP or RCP levels: an Allow is needed at every level. Returns whether
  // every level allows (true when `skip` says why they do not apply).
  bool EvaluateLevels(const std::vector<PolicySet>& levels, PolicyType type, const char* skip,
                      Verdict* verdict, int8_t* failing_level);
  bool ActionMatches(const CompiledStatement& s) const;
  // Sets *missing_variable to a policy variable's key that had no value.
  bool ResourceMatches(const CompiledStatement& s, const ContextKey** missing_variable) const;
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

  const DecisionGraph& graph_;
  const PreparedRequest& request_;
  const Caller& caller_;
  const EvaluateOptions& options_;
  Explanation* explanation_;
  ContextResolver context_;
  std::string* scratch_;
  const ActionDictionary::Ids ids_;  // The request's action in graph_.actions().
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

SetOutcome Evaluation::EvaluateSet(const PolicySet& set, PolicyType type, int level,
                                   bool check_principal) {
  SetOutcome outcome;
  auto visit = [&](uint32_t id, bool action_known) {
    const CompiledStatement& s = set.statements[id];
    StatementTrace* trace = nullptr;
    if (explanation_ != nullptr) {
      trace = &explanation_->statements.emplace_back();
      trace->ref = StatementRef{s.policy, static_cast<uint32_t>(s.source->index)};
      trace->type = type;
      trace->level = level;
      trace->statement = &s;
    }
    // Cheap and selective checks first (in a resource policy most statements
    // name another principal); with a trace, check everything to explain it.
    const bool action = action_known || ActionMatches(s);
    if (!action && trace == nullptr) return;
    PrincipalMatch principal{true, kGrantNone};
    if (check_principal) principal = MatchPrincipal(s.principal, caller_, graph_.has_boundary());
    if (!principal.applies && trace == nullptr) return;
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
    // (Without a trace only statements whose principal, action and resource
    // match get here.)
    for (const CompiledCondition& c : s.conditions) {
      if (!conditions && trace == nullptr) {
        // The statement already fails: no need to evaluate the rest, but a
        // key whose absence alone would also fail its condition is named.
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
      const bool result = EvaluateCondition(c, context_, scratch_, &key_missing, condition_trace,
                                            &missing_variable_key);
      // A policy variable without a value counts when the result hinges on
      // it: a positive operator failed, or a negated one held.
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
    a.ref.policy = s.policy;
    a.ref.statement = static_cast<uint32_t>(s.source->index);
    a.effect = s.effect;
    a.type = type;
    if (s.effect == Effect::kDeny) {
      outcome.any_deny = true;
    } else {
      outcome.any_allow = true;
      outcome.allow_grants |= principal.grants;
    }
  };
  if (options_.use_index && explanation_ == nullptr) {
    set.index.ForEachCandidate(ids_.action, ids_.service, visit);
  } else {
    for (uint32_t id = 0; id < set.statements.size(); ++id) visit(id, false);
  }
  return outcome;
}

bool Evaluation::EvaluateLevels(const std::vector<PolicySet>& levels, PolicyType type,
                                const char* skip, Verdict* verdict, int8_t* failing_level) {
  if (skip != nullptr) {
    *verdict = Verdict::kNotApplicable;
    Note(skip);
    return true;
  }
  bool any_deny = false;
  bool all_allow = true;
  for (size_t level = 0; level < levels.size(); ++level) {
    // RCPs carry Principal "*"; SCPs have no Principal.
    const SetOutcome o = EvaluateSet(levels[level], type, static_cast<int>(level),
                                     type == PolicyType::kResourceControl);
    any_deny |= o.any_deny;
    if (!o.any_allow && all_allow) {
      all_allow = false;
      *failing_level = static_cast<int8_t>(level);
    }
  }
  *verdict = any_deny ? Verdict::kExplicitDeny : all_allow ? Verdict::kAllow : Verdict::kNoMatch;
  return all_allow;
}

Decision Evaluation::Run() {
  const bool iam_caller = caller_.is_iam();
  const bool same_account = iam_caller && !request_.cross_account();
  decision_.cross_account = iam_caller && !same_account;

  // Identity side: identity policies, boundary, session policy.
  SetOutcome identity, boundary, session, resource;
  if (iam_caller) {
    identity = EvaluateSet(graph_.identity(), PolicyType::kIdentity, -1, false);
    decision_.identity =
        graph_.identity().statements.empty() ? Verdict::kAbsent : VerdictOf(identity);
  } else {
    decision_.identity = Verdict::kNotApplicable;
  }
  const bool boundary_applies = graph_.has_boundary() && (caller_.type == CallerType::kUser ||
                                                          caller_.type == CallerType::kRole);
  if (boundary_applies) {
    boundary = EvaluateSet(graph_.boundary(), PolicyType::kPermissionsBoundary, -1, false);
    decision_.boundary = VerdictOf(boundary);
  } else if (graph_.has_boundary()) {
    decision_.boundary = Verdict::kNotApplicable;
    Note("The permissions boundary does not apply: only IAM users and roles have boundaries.");
  }
  const bool session_caller =
      caller_.type == CallerType::kRole || caller_.type == CallerType::kFederatedUser;
  const bool session_applies = graph_.has_session_policy() && session_caller;
  if (session_applies) {
    session = EvaluateSet(graph_.session(), PolicyType::kSession, -1, false);
    decision_.session = VerdictOf(session);
  } else if (graph_.has_session_policy()) {
    decision_.session = Verdict::kNotApplicable;
    Note("The session policy does not apply: only role and federated-user sessions have one.");
  }
  if (graph_.has_resource_policy()) {
    resource = EvaluateSet(graph_.resource(), graph_.resource_policy_type(), -1, true);
    decision_.resource = VerdictOf(resource);
  }

  // Organizations: SCPs for the caller's account, RCPs for the resource's.
  const absl::string_view management = graph_.management_account();  // May be unknown ("").
  const char* scp_skip = nullptr;
  if (!iam_caller)
    scp_skip = "SCPs do not apply: they limit IAM principals of member accounts.";
  else if (!management.empty() && ShortEquals(caller_.account, management))
    scp_skip = "SCPs do not apply: the caller is in the organization's management account.";
  else if (caller_.service_linked_role)
    scp_skip = "SCPs do not apply to service-linked roles.";
  const bool scp_gate = !graph_.in_organization() ||
                        EvaluateLevels(graph_.scp_levels(), PolicyType::kServiceControl, scp_skip,
                                       &decision_.service_control, &decision_.failing_scp_level);
  const char* rcp_skip = nullptr;
  // The action's service decides: sts:AssumeRole on an IAM role is an STS
  // request, and STS supports RCPs.
  if (graph_.rcp_levels().empty()) {
    // No RCPs: nothing to skip.
  } else if (!RcpAppliesToService(request_.service_lower())) {
    rcp_skip = "RCPs do not apply: the action's service is not one RCPs support.";
  } else if (!management.empty() && ShortEquals(request_.resource_account(), management)) {
    rcp_skip = "RCPs do not apply: the resource is in the organization's management account.";
  } else if (caller_.service_linked_role) {
    rcp_skip = "RCPs do not apply to service-linked roles.";
  } else if (request_.action_lower() == "kms:retiregrant") {
    rcp_skip = "RCPs do not apply to kms:RetireGrant.";
  } else if (request_.service_lower() == "sts" &&
             absl::StrContains(request_.resource(), ":role/aws-service-role/")) {
    rcp_skip = "RCPs do not limit AWS services assuming a service-linked role.";
  }
  const bool rcp_gate = graph_.rcp_levels().empty() ||
                        EvaluateLevels(graph_.rcp_levels(), PolicyType::kResourceControl, rcp_skip,
                                       &decision_.resource_control, &decision_.failing_rcp_level);

  // 1. Explicit deny anywhere.
  const bool any_deny = std::any_of(applicable_.begin(), applicable_.end(),
                                    [](const Applicable& a) { return a.effect == Effect::kDeny; });
  const Effect wanted = any_deny ? Effect::kDeny : Effect::kAllow;
  if (any_deny) {
    decision_.kind = DecisionKind::kExplicitDeny;
    int best = 99;
    for (const Applicable& a : applicable_) {
      if (a.effect == Effect::kDeny && DenyTypePriority(a.type) < best) {
        best = DenyTypePriority(a.type);
        decision_.deny_type = a.type;
      }
    }
  } else {
    // 2. Allow requirements.
    const bool root = caller_.type == CallerType::kRoot;
    const bool identity_allows = root || identity.any_allow;
    const bool boundary_ok = !boundary_applies || boundary.any_allow;
    // GetFederationToken sessions have no permissions without a session policy.
    const bool session_ok =
        session_applies ? session.any_allow : caller_.type != CallerType::kFederatedUser;
    const uint8_t grants = resource.allow_grants;  // Set only by applicable Allows.
    const bool rbp_direct = grants & kGrantDirect;
    const bool rbp_entity = grants & kGrantEntity;
    const bool rbp_account = grants & kGrantAccount;
    const absl::string_view action = request_.action_lower();
    // Trust policies (any sts: action on a role) and KMS key policies.
    const bool rbp_required =
        (absl::StartsWith(action, "sts:") && request_.resource_service() == "iam") ||
        request_.resource_service() == "kms";
    DenyReason reason = DenyReason::kNone;
    if (root && action == "sts:assumerole") {
      // AssumeRole API reference: root user credentials cannot call it.
      reason = DenyReason::kRootAssumeRole;
      Note("The account root user cannot assume a role, whatever the policies say.");
    } else if (!scp_gate) {
      reason = DenyReason::kServiceControl;
    } else if (!rcp_gate) {
      reason = DenyReason::kResourceControl;
    } else if (!iam_caller) {
      if (!resource.any_allow) reason = DenyReason::kResource;
    } else if (decision_.cross_account) {
      Note("Cross-account request: the caller's account (", caller_.account,
           ") must allow it in identity policies and the resource's account (",
           request_.resource_account(), ") in the resource-based policy.");
      if (!identity_allows)
        reason = DenyReason::kIdentity;
      else if (!boundary_ok)
        reason = DenyReason::kBoundary;
      else if (!session_ok)
        reason = DenyReason::kSession;
      else if (!resource.any_allow)
        reason = DenyReason::kResource;
    } else if (rbp_required) {
      Note(
          "Role trust policies and KMS key policies must allow the caller even within the "
          "account.");
      const bool allowed = rbp_direct || (rbp_entity && boundary_ok && session_ok) ||
                           (rbp_account && identity_allows && boundary_ok && session_ok);
      if (!allowed) {
        reason = !resource.any_allow ? DenyReason::kResource
                 : !identity_allows  ? DenyReason::kIdentity
                 : !boundary_ok      ? DenyReason::kBoundary
                                     : DenyReason::kSession;
      }
    } else if (!rbp_direct) {
      if (!(identity_allows || rbp_entity))
        reason = DenyReason::kIdentity;
      else if (!boundary_ok)
        reason = DenyReason::kBoundary;
      else if (!session_ok)
        reason = DenyReason::kSession;
    }
    if (rbp_direct && same_account && reason == DenyReason::kNone) {
      Note(
          "Same account: the resource-based policy names the caller directly, so no identity "
          "policy is needed and boundary and session policy do not limit it.");
    }
    decision_.reason = reason;
    decision_.kind =
        reason == DenyReason::kNone ? DecisionKind::kAllow : DecisionKind::kImplicitDeny;
  }
  if (decision_.kind != DecisionKind::kImplicitDeny) {
    for (const Applicable& a : applicable_) {
      if (a.effect == wanted) decision_.deciding.push_back(a.ref);
    }
    if (decision_.deciding.size() > 1) {
      std::sort(decision_.deciding.begin(), decision_.deciding.end());
    }
  }
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
      !graph_.has_session_policy()) {
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
  const bool bounded = graph_.has_boundary() &&
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

Decision Evaluate(const DecisionGraph& graph, const PreparedRequest& request,
                  const EvaluateOptions& options, Explanation* explanation) {
  // Reused across calls on this thread, so variable substitution does not
  // allocate once warm.
  thread_local std::string scratch;
  return Evaluation(graph, request, options, explanation, &scratch).Run();
}

}  // namespace iamsim
