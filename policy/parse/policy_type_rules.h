// File: policy/parse/policy_type_rules.h
//
// What each policy type allows, checked on a grammatically valid document:
// Principal only in resource-based kinds (and required there), no Resource in
// role trust policies, Deny-only RCPs with Principal "*", NotPrincipal only
// with Deny, ... (IAM JSON policy element reference; Organizations SCP/RCP
// syntax pages).
#ifndef IAMSIM_POLICY_PARSE_POLICY_TYPE_RULES_H_
#define IAMSIM_POLICY_PARSE_POLICY_TYPE_RULES_H_

#include <vector>

#include "policy/diagnostics/diagnostic.h"
#include "policy/parse/policy_document.h"

namespace iamsim {

// Appends one diagnostic per violation, located at the offending element.
void CheckPolicyTypeRules(const PolicyDocument& document, std::vector<Diagnostic>* diagnostics);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_PARSE_POLICY_TYPE_RULES_H_
