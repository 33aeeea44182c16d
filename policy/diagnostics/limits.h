// File: policy/diagnostics/limits.h
//
// iamsim's caps on what it reads (README, "Limits"). Each keeps one input's
// work under a second and its memory under 1 GiB on a 2-core machine; beyond
// one, the input is refused with a located input-limit error rather than
// decided slowly. AWS's own, much smaller quotas (policy sizes) are
// policy-size warnings, not these. The JSON caps per kind of input are
// kPolicyLimits, kSimulationLimits and kWorldFileLimits (json_tree.h).
#ifndef IAMSIM_POLICY_DIAGNOSTICS_LIMITS_H_
#define IAMSIM_POLICY_DIAGNOSTICS_LIMITS_H_

#include <cstddef>

namespace iamsim {

// One string of a policy (an action, a resource, a principal, a condition
// value); IAM's own ARNs are at most 2,048 characters.
inline constexpr size_t kMaxPolicyValueBytes = 4096;
// The request: principal, action and resource.
inline constexpr size_t kMaxPrincipalBytes = 2048;
inline constexpr size_t kMaxActionBytes = 256;
inline constexpr size_t kMaxResourceBytes = 4096;
// The request context.
inline constexpr size_t kMaxContextKeys = 65536;
inline constexpr size_t kMaxContextValuesPerKey = 1024;
inline constexpr size_t kMaxContextValueBytes = 4096;
// simulate --aws-request: ActionNames x ResourceArns.
inline constexpr size_t kMaxAwsRequestQuestions = 1000000;

}  // namespace iamsim

#endif  // IAMSIM_POLICY_DIAGNOSTICS_LIMITS_H_
