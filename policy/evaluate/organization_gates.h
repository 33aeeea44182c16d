// File: policy/evaluate/organization_gates.h
//
// The organization gates: SCPs (AWS Organizations, "Service control
// policies" and "SCP evaluation") and RCPs ("Resource control policies" and
// "RCP evaluation").
//
// Who they apply to:
//   SCPs limit IAM principals of member accounts — users, roles and the
//   member account's root user — but never principals of the management
//   account, never service-linked roles, never AWS service principals or
//   anonymous callers, and never principals outside the organization.
//   RCPs limit what can be done to resources of member accounts, whoever
//   calls (service principals too), but only for the services RCPs support,
//   never for resources of the management account, never for service-linked
//   roles or services assuming one, and never for kms:RetireGrant.
// How they decide: an applicable Allow is needed at every level (root, each
// OU, the account); a Deny at any level is an explicit deny (found with all
// other denies by the evaluator).
//
// Thread-safety: pure functions.
#ifndef IAMSIM_POLICY_EVALUATE_ORGANIZATION_GATES_H_
#define IAMSIM_POLICY_EVALUATE_ORGANIZATION_GATES_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "policy/evaluate/request.h"

namespace iamsim {

// Why the caller's SCPs do not apply to this request, or nullptr when they
// do. `management_account` may be "" (unknown: it matches no account).
const char* ScpExemption(const Caller& caller, absl::string_view management_account);

// Why the resource account's RCPs do not apply, or nullptr when they do.
const char* RcpExemption(const PreparedRequest& request, absl::string_view management_account);

// One level's evaluation: whether an Allow and a Deny of it applied.
struct LevelOutcome {
  bool any_allow = false;
  bool any_deny = false;
};

// The gate over all levels: it passes when every level has an applicable
// Allow. `first_failing_level` is the first level without one (-1: none).
struct GateResult {
  bool passes = true;
  bool any_deny = false;
  int8_t first_failing_level = -1;
};
GateResult CombineLevels(absl::Span<const LevelOutcome> levels);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EVALUATE_ORGANIZATION_GATES_H_
