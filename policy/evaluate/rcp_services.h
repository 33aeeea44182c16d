// File: policy/evaluate/rcp_services.h
//
// Whether resource control policies apply to a service. The list is AWS's
// (service reference snapshot, policy/data/rcpSupportedServices.json, stamped
// with policy/data/VERSION); it changes over time, so it is data, not code.
#ifndef IAMSIM_POLICY_EVALUATE_RCP_SERVICES_H_
#define IAMSIM_POLICY_EVALUATE_RCP_SERVICES_H_

#include "absl/strings/string_view.h"

namespace iamsim {

// `service` is a lower-case service prefix such as "s3" or "lambda".
bool RcpAppliesToService(absl::string_view service);

// The snapshot the list comes from.
absl::string_view ServiceReferenceVersion();

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EVALUATE_RCP_SERVICES_H_
