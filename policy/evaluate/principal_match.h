// File: policy/evaluate/principal_match.h
//
// Whether a Principal / NotPrincipal element names the caller, and how
// (IAM "Principal" and "NotPrincipal" element pages):
//   - "*" and {"AWS": "*"} name everyone, anonymous callers and services too;
//   - an account ("111122223333" or arn:aws:iam::111122223333:root) names
//     every IAM principal of that account (the account delegates to its
//     identity policies);
//   - a role ARN names every session of that role (roles are matched by
//     account and name: role names are unique in an account whatever the path);
//   - a user, role-session or federated-user ARN names exactly that principal;
//   - {"Service": "..."} names that AWS service;
//   - a unique id (AROA..., AIDA...) names the role or user IAM gave that id
//     (the caller's aws:userid starts with it);
//   - an ARN or account never names a caller of another partition (a bare
//     account id is in the resource's partition).
// NotPrincipal (always with Deny) exempts the caller only when every identity
// AWS evaluates for it is listed: the account and the user; the account, the
// role and the session; ... And a Deny with NotPrincipal applies to every IAM
// principal that has a permissions boundary, whatever it lists (IAM
// "Permissions boundaries" page).
#ifndef IAMSIM_POLICY_EVALUATE_PRINCIPAL_MATCH_H_
#define IAMSIM_POLICY_EVALUATE_PRINCIPAL_MATCH_H_

#include <cstdint>

#include "policy/compile/compiled_statement.h"
#include "policy/evaluate/request.h"

namespace iamsim {

// How an applicable resource-policy Allow names the caller; decides which
// implicit denies a same-account grant bypasses.
enum PrincipalGrant : uint8_t {
  kGrantNone = 0,
  kGrantDirect = 1,   // "*", the user ARN, the session ARN, the service: bypasses
                      // identity policies, boundary and session policy.
  kGrantEntity = 2,   // The role ARN of a role session, or "*" for a federated
                      // user: bypasses identity policies, still limited by
                      // boundary and session policy.
  kGrantAccount = 4,  // The account: delegates to identity policies.
};

struct PrincipalMatch {
  bool applies = false;
  uint8_t grants = kGrantNone;  // For Principal: the union over matching entries.
};

PrincipalMatch MatchPrincipal(const PrincipalMatcher& matcher, const Caller& caller,
                              bool caller_has_boundary);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EVALUATE_PRINCIPAL_MATCH_H_
