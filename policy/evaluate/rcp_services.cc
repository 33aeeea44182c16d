#include "policy/evaluate/rcp_services.h"

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "policy/json/json_tree.h"

namespace iamsim {
namespace {

// Generated from policy/data by the BUILD rule `rcp_services_inc`.
constexpr absl::string_view kRcpServicesJson =
#include "policy/data/rcp_supported_services.inc"
    ;
constexpr absl::string_view kVersion =
#include "policy/data/version.inc"
    ;

const absl::flat_hash_set<std::string>& RcpServices() {
  static const auto* services = [] {
    auto* set = new absl::flat_hash_set<std::string>();
    JsonParseResult parsed = ParseJson(kRcpServicesJson, "rcpSupportedServices.json");
    if (parsed.root) {
      for (const JsonValue& item : parsed.root->items) set->insert(item.text);
    }
    return set;
  }();
  return *services;
}

}  // namespace

bool RcpAppliesToService(absl::string_view service) { return RcpServices().contains(service); }

absl::string_view ServiceReferenceVersion() { return absl::StripAsciiWhitespace(kVersion); }

}  // namespace iamsim
