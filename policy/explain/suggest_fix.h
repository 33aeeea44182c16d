// File: policy/explain/suggest_fix.h
//
// One change that would allow an implicitly denied request.
#ifndef IAMSIM_POLICY_EXPLAIN_SUGGEST_FIX_H_
#define IAMSIM_POLICY_EXPLAIN_SUGGEST_FIX_H_

#include <string>

#include "policy/evaluate/decision.h"
#include "policy/evaluate/request.h"

namespace iamsim {

// A minimal change that would allow the request, or "" when none is obvious
// (for a missing function-policy grant: the `aws lambda add-permission` command).
std::string SuggestFix(const PreparedRequest& request, const Decision& decision);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EXPLAIN_SUGGEST_FIX_H_
