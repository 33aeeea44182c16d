#include "policy/evaluate/context_resolver.h"

namespace iamsim {

KeyValues ContextResolver::Lookup(const ContextKey& key) const {
  KeyValues values;
  if (const ContextEntry* entry = request_.FindContext(key.lower_name)) {
    values.list = &entry->values;
    values.present = true;
    values.multivalued = entry->multivalued;
    return values;
  }
  const Caller& caller = request_.caller();
  if (!caller.derive_keys) return values;
  absl::string_view derived;
  switch (key.derived) {
    case DerivedKey::kNone:
      return values;
    case DerivedKey::kPrincipalArn:
      derived = caller.principal_arn;
      break;
    case DerivedKey::kPrincipalAccount:
      // Condition-keys page: present for all requests; "anonymous" for
      // anonymous ones.
      derived = caller.type == CallerType::kAnonymous ? "anonymous" : caller.account;
      break;
    case DerivedKey::kPrincipalType:
      if (caller.type != CallerType::kService) derived = CallerTypeName(caller.type);
      break;
    case DerivedKey::kUsername:
      if (caller.type == CallerType::kUser) derived = caller.name;
      break;
    case DerivedKey::kPrincipalIsAwsService:
      // Present in signed requests only.
      if (caller.type != CallerType::kAnonymous) {
        derived = caller.type == CallerType::kService ? "true" : "false";
      }
      break;
    case DerivedKey::kPrincipalServiceName:
      if (caller.type == CallerType::kService) derived = caller.name;
      break;
  }
  if (!derived.empty()) {
    values.single = derived;
    values.present = true;
    values.derived = true;
  }
  return values;
}

std::optional<absl::string_view> ContextResolver::Single(const ContextKey& key) const {
  KeyValues values = Lookup(key);
  if (!values.present || values.multivalued || values.size() != 1) return std::nullopt;
  return values[0];
}

}  // namespace iamsim
