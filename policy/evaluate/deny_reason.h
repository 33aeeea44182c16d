// File: policy/evaluate/deny_reason.h
//
// Which reason AWS's AccessDenied message gives (IAM "Troubleshoot access
// denied error messages"): it names one policy type, even when several
// failed.
//   - An explicit deny: "with an explicit deny in a(n) X policy" — the first
//     denying type in the order SCP, RCP, identity, resource, boundary,
//     session.
//   - An implicit deny: "because no X policy allows" — a root user calling
//     sts:AssumeRole first (STS's own message), then the SCP gate, the RCP
//     gate, then the first unmet allow rule (allow_rules.h).
//
// Thread-safety: pure functions.
#ifndef IAMSIM_POLICY_EVALUATE_DENY_REASON_H_
#define IAMSIM_POLICY_EVALUATE_DENY_REASON_H_

#include "policy/evaluate/allow_rules.h"
#include "policy/evaluate/decision.h"
#include "policy/evaluate/organization_gates.h"
#include "policy/parse/policy_type.h"

namespace iamsim {

// Ranks denying policy types: AWS names the one with the smallest rank.
int ExplicitDenyRank(PolicyType type);

DenyReason ImplicitDenyReason(bool root_assume_role, const GateResult& scp, const GateResult& rcp,
                              const AllowResult& allow);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EVALUATE_DENY_REASON_H_
