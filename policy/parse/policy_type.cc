#include "policy/parse/policy_type.h"

namespace iamsim {
namespace {

struct TypeNames {
  PolicyType type;
  absl::string_view name;
};

constexpr TypeNames kTypeNames[] = {
    {PolicyType::kIdentity, "identity"},   {PolicyType::kResource, "resource"},
    {PolicyType::kRoleTrust, "trust"},     {PolicyType::kPermissionsBoundary, "boundary"},
    {PolicyType::kSession, "session"},     {PolicyType::kServiceControl, "scp"},
    {PolicyType::kResourceControl, "rcp"},
};

}  // namespace

absl::string_view PolicyTypeName(PolicyType type) {
  for (const TypeNames& t : kTypeNames) {
    if (t.type == type) return t.name;
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
