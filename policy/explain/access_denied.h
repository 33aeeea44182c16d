// File: policy/explain/access_denied.h
//
// AWS's AccessDenied sentence, the line users paste into search engines
// (IAM "Troubleshoot access denied error messages"):
//   User: ARN is not authorized to perform: ACTION on resource: ARN because no
//   identity-based policy allows the ACTION action
//   User: ARN is not authorized to perform: ACTION on resource: ARN with an
//   explicit deny in a service control policy
// and STS's own "Roles may not be assumed by root accounts". The policy type
// named is the one deny_reason.h chose.
#ifndef IAMSIM_POLICY_EXPLAIN_ACCESS_DENIED_H_
#define IAMSIM_POLICY_EXPLAIN_ACCESS_DENIED_H_

#include <string>

#include "absl/strings/string_view.h"
#include "policy/evaluate/decision.h"
#include "policy/evaluate/request.h"

namespace iamsim {

// "" for Allow.
std::string AccessDeniedMessage(const PreparedRequest& request, const Decision& decision);

// The policy type an implicit deny names, in scenario files' words:
// "identity", "resource", "boundary", "session", "scp", "rcp",
// "root-assume-role"; "" for kNone.
absl::string_view DenyReasonName(DenyReason reason);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EXPLAIN_ACCESS_DENIED_H_
