// File: policy/compile/context_key.h
//
// A condition key or policy-variable name, normalised at compile time:
// lower-cased (IAM key names are case-insensitive) and tagged when the
// evaluator can derive its value from the principal (aws:PrincipalArn,
// aws:PrincipalAccount, ...) if the request does not give it.
#ifndef IAMSIM_POLICY_COMPILE_CONTEXT_KEY_H_
#define IAMSIM_POLICY_COMPILE_CONTEXT_KEY_H_

#include <string>

#include "absl/strings/string_view.h"

namespace iamsim {

enum class DerivedKey {
  kNone,
  kPrincipalArn,           // aws:PrincipalArn (the role ARN for a role session)
  kPrincipalAccount,       // aws:PrincipalAccount
  kPrincipalType,          // aws:PrincipalType
  kUsername,               // aws:username (IAM users only)
  kPrincipalIsAwsService,  // aws:PrincipalIsAWSService
  kPrincipalServiceName,   // aws:PrincipalServiceName
};

struct ContextKey {
  std::string name;        // As first written, for messages.
  std::string lower_name;  // For lookups.
  DerivedKey derived = DerivedKey::kNone;
};

ContextKey MakeContextKey(absl::string_view name);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_COMPILE_CONTEXT_KEY_H_
