// File: policy/lint/patterns.h (internal to policy/lint)
//
// Set questions about IAM wildcard patterns, for the lint rules that compare
// policy values with each other or with the service catalog:
//
//   PatternCovers("iam:Get*", "iam:GetUser")          every match of the second
//                                                      is a match of the first
//   ActionCovers / ResourceCovers                      the same for Action and
//                                                      Resource values
//   ArnMayMatchFormat("arn:aws:s3:::b/*",              some ARN matches both the
//       "arn:${Partition}:s3:::${BucketName}")         value and the catalog's
//                                                      ARN format (here: none)
//   ExpandAction(catalog, "s3:Get*")                   the catalog actions a
//                                                      value names
//
// Every answer errs on the side of "not covered" / "may match" / "unknown",
// so that a rule built on them reports only what is certain. Values that
// come from templates ("{{...}}", also inside a longer value) are never
// covered and may match anything.
//
// Thread-safety: the functions are reentrant.
#ifndef IAMSIM_POLICY_LINT_PATTERNS_H_
#define IAMSIM_POLICY_LINT_PATTERNS_H_

#include <optional>
#include <vector>

#include "absl/strings/string_view.h"
#include "policy/catalog/catalog.h"

namespace iamsim {

// Whether `value` holds a template placeholder ("{{...}}"), whose real text
// is unknown at lint time.
bool HasTemplatePart(absl::string_view value);

// Whether `value` holds `*` or `?` (as written; policy variables not set apart).
inline bool HasWildcard(absl::string_view value) {
  return value.find_first_of("*?") != absl::string_view::npos;
}

// Whether every string `b` matches is matched by `a` (both IAM patterns:
// `*` any run, `?` one character). Exact ("*?" covers "?*"), except that a
// pair whose comparison would grow too large is answered false.
bool PatternCovers(absl::string_view a, absl::string_view b, bool ignore_case);

// Action values ("*", "service:pattern"): prefixes equal ignoring case, names
// covered ignoring case.
bool ActionCovers(absl::string_view a, absl::string_view b);

// Resource values ("*" or ARN patterns, case-sensitive). With
// `variables_enabled`, a ${...} variable in `b` may be anything, and `a`
// covers only when it holds no variable (or equals `b`).
bool ResourceCovers(absl::string_view a, absl::string_view b, bool variables_enabled);

// Whether some ARN matches both the Resource value `value` (variables taken
// as `*`) and the catalog's ARN `format` ("arn:${Partition}:sqs:${Region}:
// ${Account}:${QueueName}"). A placeholder of the format stands for any text
// without ':' in the first five fields, and for any text in the resource
// part, except bucket names, which have no '/'.
bool ArnMayMatchFormat(absl::string_view value, absl::string_view format);

// The catalog actions an Action value names ("s3:GetObject", "s3:Get*"),
// possibly none. nullopt when the value is "*", a template, has no
// "service:" form, or names a service the catalog does not know.
std::optional<std::vector<Catalog::Action>> ExpandAction(const Catalog& catalog,
                                                         absl::string_view value);

// Whether a catalog condition key name ("s3:ExistingObjectTag/<key>",
// "aws:RequestTag/${TagKey}") covers the key a policy uses, ignoring case.
bool CatalogKeyMatches(absl::string_view catalog_key, absl::string_view policy_key);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_LINT_PATTERNS_H_
