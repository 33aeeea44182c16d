// File: policy/evaluate/context_resolver.h
//
// The values of a condition key for one request: what the request context
// gives, or else what follows from the caller (aws:PrincipalArn — the role
// ARN for a role session —, aws:PrincipalAccount, aws:PrincipalType,
// aws:username for IAM users, aws:PrincipalIsAWSService,
// aws:PrincipalServiceName). Lookups never allocate.
#ifndef IAMSIM_POLICY_EVALUATE_CONTEXT_RESOLVER_H_
#define IAMSIM_POLICY_EVALUATE_CONTEXT_RESOLVER_H_

#include <optional>
#include <string>
#include <vector>

#include "policy/compile/context_key.h"
#include "policy/evaluate/request.h"

namespace iamsim {

struct KeyValues {
  const std::vector<std::string>* list = nullptr;
  absl::string_view single;
  bool present = false;
  bool multivalued = false;
  bool derived = false;  // Filled in by iamsim, not given by the request.

  size_t size() const { return list != nullptr ? list->size() : (present ? 1 : 0); }
  absl::string_view operator[](size_t i) const {
    return list != nullptr ? absl::string_view((*list)[i]) : single;
  }
};

class ContextResolver {
 public:
  explicit ContextResolver(const PreparedRequest& request) : request_(request) {}

  KeyValues Lookup(const ContextKey& key) const;
  // A single value for a policy variable; nullopt when absent or multivalued.
  std::optional<absl::string_view> Single(const ContextKey& key) const;

 private:
  const PreparedRequest& request_;
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EVALUATE_CONTEXT_RESOLVER_H_
