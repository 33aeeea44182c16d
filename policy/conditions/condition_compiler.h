// File: policy/conditions/condition_compiler.h
//
// ConditionClause -> CompiledCondition: each policy value compiled by its
// operator family. A value that is not of the operator's type (a bad CIDR,
// a date that does not exist, a word for a Numeric operator, anything but
// true/false for Bool and Null) is an invalid-condition-value error — never a
// silent non-match: a broken Deny must not let a request through. A value AWS
// accepts but that can never match (an ArnLike value that is not an ARN) is a
// warning with the same rule id.
#ifndef IAMSIM_POLICY_CONDITIONS_CONDITION_COMPILER_H_
#define IAMSIM_POLICY_CONDITIONS_CONDITION_COMPILER_H_

#include <vector>

#include "policy/conditions/compiled_condition.h"
#include "policy/diagnostics/diagnostic.h"

namespace iamsim {

// `clause` belongs to `document`; both must outlive the result.
CompiledCondition CompileCondition(const PolicyDocument& document, const ConditionClause& clause,
                                   std::vector<Diagnostic>* diagnostics);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_CONDITIONS_CONDITION_COMPILER_H_
