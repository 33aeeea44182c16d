// File: policy/parse/policy_type.h
//
// The kinds of policy AWS evaluates. The parser is told which kind it reads
// and checks the elements that kind allows.
#ifndef IAMSIM_POLICY_PARSE_POLICY_TYPE_H_
#define IAMSIM_POLICY_PARSE_POLICY_TYPE_H_

#include <optional>

#include "absl/strings/string_view.h"

namespace iamsim {

enum class PolicyType {
  kIdentity,             // Attached to a user, group or role.
  kResource,             // Resource-based: a Lambda function policy, a bucket policy, ...
  kRoleTrust,            // A role's AssumeRolePolicyDocument.
  kPermissionsBoundary,  // The maximum an IAM entity's identity policies can grant.
  kSession,              // Passed to AssumeRole*/GetFederationToken.
  kServiceControl,       // SCP: Organizations, limits principals of member accounts.
  kResourceControl,      // RCP: Organizations, limits resources of member accounts.
};

// Stable names used in the CLI and in JSON output: "identity", "resource",
// "trust", "boundary", "session", "scp", "rcp".
absl::string_view PolicyTypeName(PolicyType type);
std::optional<PolicyType> ParsePolicyTypeName(absl::string_view name);

// Resource-based kinds carry Principal/NotPrincipal.
bool PolicyTypeHasPrincipal(PolicyType type);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_PARSE_POLICY_TYPE_H_
