// File: policy/compile/statement_compiler.h
//
// Statement -> CompiledStatement. Values that cannot be of the operator's type
// (a NumericEquals value "ten", a bad CIDR) are reported as warnings and
// compiled as values that never match, which is how AWS treats them at
// evaluation time.
#ifndef IAMSIM_POLICY_COMPILE_STATEMENT_COMPILER_H_
#define IAMSIM_POLICY_COMPILE_STATEMENT_COMPILER_H_

#include <vector>

#include "policy/compile/compiled_statement.h"
#include "policy/json/diagnostic.h"
#include "policy/parse/policy_document.h"

namespace iamsim {

// `document` and `statement` must outlive the result (it points into them).
CompiledStatement CompileStatement(const PolicyDocument& document, const Statement& statement,
                                   uint32_t policy_index, std::vector<Diagnostic>* diagnostics);

// Classifies one Principal entry (exposed for tests).
PrincipalEntry ClassifyPrincipal(PrincipalKind kind, absl::string_view value);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_COMPILE_STATEMENT_COMPILER_H_
