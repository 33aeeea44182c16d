// File: policy/parse/policy_parser.h
//
// Policy JSON -> PolicyDocument, reporting every problem at once.
//
//   PolicyParseResult r = ParsePolicy(text, "fn-policy.json", PolicyType::kResource);
//   if (!r.document) { print FormatDiagnostics(r.diagnostics); }
//
// A document is returned only when there are no errors (warnings may be
// present). Errors cover invalid JSON, wrong JSON types, unknown elements
// (with a suggestion), missing required elements, conflicting pairs
// (Action/NotAction, Resource/NotResource, Principal/NotPrincipal), invalid
// Effect/Version/operators/ARNs, duplicate keys, empty values, size and depth
// limits, and elements the policy type does not allow. Never throws.
//
// Thread-safety: all functions are reentrant.
#ifndef IAMSIM_POLICY_PARSE_POLICY_PARSER_H_
#define IAMSIM_POLICY_PARSE_POLICY_PARSER_H_

#include <optional>
#include <vector>

#include "absl/strings/string_view.h"
#include "policy/diagnostics/diagnostic.h"
#include "policy/json/json_tree.h"
#include "policy/parse/policy_document.h"
#include "policy/parse/policy_type.h"

namespace iamsim {

struct PolicyParseResult {
  std::optional<PolicyDocument> document;  // Present iff no error.
  std::vector<Diagnostic> diagnostics;     // Errors and warnings, by position.
  // False when the text's root is a JSON value other than an object: not a
  // policy at all, rather than a policy with errors.
  bool recognized = true;
};

// Parses a policy from its JSON text; the text is the whole file `file`.
PolicyParseResult ParsePolicy(absl::string_view text, absl::string_view file, PolicyType type,
                              const JsonLimits& limits = {});

// Parses a policy that is a value of a larger document (a simulation file, an
// account snapshot): `root` is the policy object, whose spans are positions in
// the file; `origin` says where it is. `policy_text` is the policy's own text,
// for AWS's size quotas ("" skips that check).
PolicyParseResult ParsePolicyJson(const JsonValue& root, const DocumentRef& origin, PolicyType type,
                                  absl::string_view policy_text);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_PARSE_POLICY_PARSER_H_
