#include "policy/parse/policy_type.h"

namespace iamsim {
namespace {

struct TypeNames {
  PolicyType type;
  absl::string_view name;
  absl::string_view aws_words;
};

constexpr TypeNames kTypeNames[] = {
    {PolicyType::kIdentity, "identity", "identity-based"},
    {PolicyType::kResource, "resource", "resource-based"},
    {PolicyType::kRoleTrust, "trust", "resource-based"},
    {PolicyType::kPermissionsBoundary, "boundary", "permissions boundary"},
    {PolicyType::kSession, "session", "session"},
    {PolicyType::kServiceControl, "scp", "service control"},
    {PolicyType::kResourceControl, "rcp", "resource control"},
};

}  // namespace

absl::string_view PolicyTypeName(PolicyType type) {
  for (const TypeNames& t : kTypeNames) {
    if (t.type == type) return t.name;
  }
  return "?";
}

absl::string_view PolicyTypeAwsWords(PolicyType type) {
  for (const TypeNames& t : kTypeNames) {
    if (t.type == type) return t.aws_words;
  }
  return "?";
}

std::optional<PolicyType> ParsePolicyTypeName(absl::string_view name) {
  for (const TypeNames& t : kTypeNames) {
    if (t.name == name) return t.type;
  }
  return std::nullopt;
}

bool PolicyTypeHasPrincipal(PolicyType type) {
  return type == PolicyType::kResource || type == PolicyType::kRoleTrust ||
         type == PolicyType::kResourceControl;
}

}  // namespace iamsim
