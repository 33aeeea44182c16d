#include "policy/evaluate/allow_rules.h"

#include "absl/strings/match.h"

namespace iamsim {
namespace {

// Records an unmet requirement; the first recorded is the one AWS names.
void Unmet(AllowResult* result, Requirement requirement, DenyReason reason) {
  result->unmet |= requirement;
  if (result->first == DenyReason::kNone) result->first = reason;
}

// Identity side of a caller: boundary and session policy limit it.
void CheckBoundaryAndSession(const AllowFacts& f, AllowResult* result) {
  if (!f.boundary_allows) Unmet(result, kNeedBoundary, DenyReason::kBoundary);
  if (!f.session_allows) Unmet(result, kNeedSession, DenyReason::kSession);
}

AllowResult ServiceOrAnonymousCaller(const AllowFacts& f) {
  AllowResult result;
  if (!f.resource_allows) Unmet(&result, kNeedResource, DenyReason::kResource);
  return result;
}

AllowResult CrossAccountCaller(const AllowFacts& f) {
  AllowResult result;
  if (!f.identity_allows) Unmet(&result, kNeedIdentity, DenyReason::kIdentity);
  CheckBoundaryAndSession(f, &result);
  if (!f.resource_allows) Unmet(&result, kNeedResource, DenyReason::kResource);
  return result;
}

// Trust policies and KMS key policies, within the account.
AllowResult ResourcePolicyRequired(const AllowFacts& f) {
  AllowResult result;
  const bool direct = f.resource_grants & kGrantDirect;
  const bool entity = f.resource_grants & kGrantEntity;
  const bool account = f.resource_grants & kGrantAccount;
  const bool limits_ok = f.boundary_allows && f.session_allows;
  if (direct || (entity && limits_ok) || (account && f.identity_allows && limits_ok)) {
    return result;
  }
  if (!f.resource_allows) Unmet(&result, kNeedResource, DenyReason::kResource);
  // A grant to the role itself needs no identity Allow; one to the account does.
  if (!f.identity_allows && !entity) Unmet(&result, kNeedIdentity, DenyReason::kIdentity);
  CheckBoundaryAndSession(f, &result);
  return result;
}

AllowResult SameAccountCaller(const AllowFacts& f) {
  AllowResult result;
  if (f.resource_grants & kGrantDirect) return result;  // Bypasses everything else.
  if (!f.identity_allows && !(f.resource_grants & kGrantEntity)) {
    Unmet(&result, kNeedIdentity, DenyReason::kIdentity);
  }
  CheckBoundaryAndSession(f, &result);
  return result;
}

}  // namespace

AllowResult ApplyAllowRules(const AllowFacts& f) {
  if (f.caller_type == CallerType::kService || f.caller_type == CallerType::kAnonymous) {
    return ServiceOrAnonymousCaller(f);
  }
  if (f.cross_account) return CrossAccountCaller(f);
  if (f.resource_policy_required) return ResourcePolicyRequired(f);
  return SameAccountCaller(f);
}

bool ResourcePolicyMustAllow(const PreparedRequest& request) {
  return (absl::StartsWith(request.action_lower(), "sts:") &&
          request.resource_service() == "iam") ||
         request.resource_service() == "kms";
}

bool RootCannotAssumeRole(const PreparedRequest& request) {
  return request.caller().type == CallerType::kRoot && request.action_lower() == "sts:assumerole";
}

}  // namespace iamsim
