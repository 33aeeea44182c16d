#include "policy/compile/context_key.h"

#include "absl/strings/ascii.h"

namespace iamsim {

ContextKey MakeContextKey(absl::string_view name) {
  ContextKey key{std::string(name), absl::AsciiStrToLower(name), DerivedKey::kNone};
  struct Derived {
    absl::string_view lower_name;
    DerivedKey derived;
  };
  static constexpr Derived kDerived[] = {
      {"aws:principalarn", DerivedKey::kPrincipalArn},
      {"aws:principalaccount", DerivedKey::kPrincipalAccount},
      {"aws:principaltype", DerivedKey::kPrincipalType},
      {"aws:username", DerivedKey::kUsername},
      {"aws:principalisawsservice", DerivedKey::kPrincipalIsAwsService},
      {"aws:principalservicename", DerivedKey::kPrincipalServiceName},
  };
  for (const Derived& d : kDerived) {
    if (d.lower_name == key.lower_name) key.derived = d.derived;
  }
  return key;
}

}  // namespace iamsim
