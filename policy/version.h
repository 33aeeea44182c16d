// File: policy/version.h
//
// iamsim's version, printed by --version and stamped into lint output.
#ifndef IAMSIM_POLICY_VERSION_H_
#define IAMSIM_POLICY_VERSION_H_

namespace iamsim {

inline constexpr char kIamsimVersion[] = "0.9.0";

}  // namespace iamsim

#endif  // IAMSIM_POLICY_VERSION_H_
