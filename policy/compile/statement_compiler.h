// File: policy/compile/statement_compiler.h
//
// Statement -> CompiledStatement. Condition values are compiled by their
// operator family (policy/conditions); invalid ones are reported as
// invalid-condition-value errors. Resource entries that can match no real ARN
// are reported as malformed-arn warnings.
#ifndef IAMSIM_POLICY_COMPILE_STATEMENT_COMPILER_H_
#define IAMSIM_POLICY_COMPILE_STATEMENT_COMPILER_H_

#include <vector>

#include "policy/compile/compiled_statement.h"
#include "policy/diagnostics/diagnostic.h"
#include "policy/parse/policy_document.h"

namespace iamsim {

// `document` and `statement` must outlive the result (it points into them).
CompiledStatement CompileStatement(const PolicyDocument& document, const Statement& statement,
                                   uint32_t policy_id, std::vector<Diagnostic>* diagnostics);

// Classifies one Principal entry (exposed for tests).
PrincipalEntry ClassifyPrincipal(PrincipalKind kind, absl::string_view value);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_COMPILE_STATEMENT_COMPILER_H_
