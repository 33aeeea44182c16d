// File: policy/evaluate/allow_rules.h
//
// The allow rules: once no Deny applies and the organization gates pass,
// which policies must allow (IAM "Policy evaluation logic", "How AWS
// enforcement code logic evaluates requests", "Cross-account policy
// evaluation logic"; Lambda "resource-based policies"):
//   - AWS service principals and anonymous callers: only the resource policy
//     can allow.
//   - Cross-account IAM callers: the resource policy must allow the caller
//     AND the caller's identity policies must allow, within its permissions
//     boundary and session policy.
//   - Same account: a resource-policy Allow that names the caller directly
//     (the user ARN, the session ARN, "*") is enough on its own; one that
//     names the role of a role session is still limited by boundary and
//     session policy; one that names the account delegates to identity
//     policies. Otherwise the identity policies must allow, within boundary
//     and session policy.
//   - Role trust policies and KMS key policies must allow even within the
//     account.
//   - The account root user has every identity permission in its own
//     account; it cannot assume roles (STS AssumeRole API reference).
//   - A GetFederationToken session has no permissions without a session
//     policy.
//
// Thread-safety: pure functions.
#ifndef IAMSIM_POLICY_EVALUATE_ALLOW_RULES_H_
#define IAMSIM_POLICY_EVALUATE_ALLOW_RULES_H_

#include <cstdint>

#include "policy/evaluate/decision.h"
#include "policy/evaluate/principal_match.h"
#include "policy/evaluate/request.h"

namespace iamsim {

// What every evaluated policy type said, for the allow rules.
struct AllowFacts {
  CallerType caller_type = CallerType::kAnonymous;
  bool cross_account = false;             // An IAM caller of another account than the resource.
  bool identity_allows = false;           // An applicable identity Allow (root: always true).
  bool boundary_allows = true;            // True when no boundary applies.
  bool session_allows = true;             // True when no session policy applies, except a
                                          // federated-user session without one (false).
  bool resource_allows = false;           // An applicable resource-policy Allow.
  uint8_t resource_grants = kGrantNone;   // How those Allows name the caller (PrincipalGrant).
  bool resource_policy_required = false;  // Trust and KMS key policies.
};

// The requirements of the allow rules, as bits.
enum Requirement : uint8_t {
  kNeedIdentity = 1,  // An identity-policy Allow (same account: or a resource grant).
  kNeedResource = 2,  // A resource-policy Allow that names the caller.
  kNeedBoundary = 4,
  kNeedSession = 8,
};

struct AllowResult {
  uint8_t unmet = 0;                     // Every unmet Requirement.
  DenyReason first = DenyReason::kNone;  // The one AWS's message names.
  bool allowed() const { return first == DenyReason::kNone; }
};

AllowResult ApplyAllowRules(const AllowFacts& facts);

// Role trust policies (any sts: action on an IAM role) and KMS key policies
// must allow the caller even within the account.
bool ResourcePolicyMustAllow(const PreparedRequest& request);

// The account root user cannot call sts:AssumeRole, whatever the policies say.
bool RootCannotAssumeRole(const PreparedRequest& request);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EVALUATE_ALLOW_RULES_H_
