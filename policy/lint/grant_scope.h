// File: policy/lint/grant_scope.h (internal to policy/lint)
//
// What one compiled statement grants, as the overreach rules judge it:
// whether it names a catalog action (by name, through a wildcard such as
// "lambda:Invoke*", "iam:*" or "*", or by leaving it out of NotAction), and
// how far its Resource or NotResource entries reach among the resources that
// action acts on (the ARN formats of its resource types in the catalog).
//
// Reach of one entry, narrowest first:
//   kNone   it matches no resource of the action's types: another service's
//           ARN, a named ARN for an action that supports no resource-level
//           permissions (AWS then requires "*"), a template placeholder
//           ("{{...}}", unknown at lint time), or a NotResource list that
//           excludes every resource of the action.
//   kNamed  resources written out in full.
//   kSelf   a policy variable in the resource part ("user/${aws:username}"):
//           the caller itself, or resources named after it.
//   kOpen   `*` or `?` in the resource part ("role/app-*"): resources the
//           author did not name.
//   kAll    every resource of one of the action's types: "*", NotResource,
//           or an ARN whose resource part is the type's fixed prefix followed
//           only by wildcards ("parameter/*", "key/*", "arn:aws:s3:::*/*").
// Region and account are not part of the judgement: "every resource of its
// type" means of that type in the accounts and regions the ARN names.
//
// An action the catalog does not know is judged by the entry alone (any
// ARN may reach it; kAll only for "*" and "arn:*"-like entries).
//
// Ownership: a GrantScope refers to its catalog, which must outlive it.
// Thread-safety: a GrantScope is not thread-safe; use one per thread (the
// linter makes one per policy). The facts of the process's catalogs
// (Catalog::Default/Embedded) are cached process-wide behind a mutex, so
// GrantScopes on different threads share them safely. The free functions
// are reentrant.
#ifndef IAMSIM_POLICY_LINT_GRANT_SCOPE_H_
#define IAMSIM_POLICY_LINT_GRANT_SCOPE_H_

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "policy/catalog/catalog.h"
#include "policy/compile/compiled_statement.h"

namespace iamsim {

enum class Reach { kNone, kNamed, kSelf, kOpen, kAll };

// The catalog facts one action is judged by.
struct ActionFacts {
  std::string action;      // As asked: "iam:PassRole".
  std::string service;     // Lower case: "iam".
  std::string name_lower;  // "passrole".
  bool known = false;      // In the catalog.
  // ARN formats of its resource types
  // ("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}");
  // "*" stands for "no resource type" (the action takes Resource "*").
  std::vector<std::string> formats;
  std::vector<std::string> condition_keys;  // Lower case, the action's own keys.

  bool HasConditionKey(absl::string_view lower_key) const;
};

// One entry of a statement's Resource/NotResource, as it reaches an action.
struct ReachedEntry {
  Reach reach = Reach::kNone;
  // The entry as a plain glob (`*` and `?`; policy variables become `*`),
  // "*" for a NotResource statement: what the entry may match, for
  // intersecting with other entries (ResourceGlobsIntersect).
  std::string glob;
  size_t index = 0;  // Index of the entry in its element (0 for NotResource).
};

class GrantScope {
 public:
  explicit GrantScope(const Catalog& catalog) : catalog_(catalog) {}

  // The facts of "service:Name" (looked up once per GrantScope).
  const ActionFacts& Facts(absl::string_view action);

  // The entries of `statement` that reach `action`, with their reach; empty
  // when none does. `variables_enabled`: the document's Version lets
  // `${...}` be a variable (PolicyDocument::variables_enabled()).
  std::vector<ReachedEntry> Reached(const CompiledStatement& statement, const ActionFacts& action,
                                    bool variables_enabled) const;
  // Whether `statement` covers every resource of every type of `action` (a
  // Deny that removes the action entirely): Resource entries of kAll for
  // each format, or no Resource element at all.
  bool CoversEveryResource(const CompiledStatement& statement, const ActionFacts& action,
                           bool variables_enabled) const;

 private:
  const Catalog& catalog_;
  // This scope's view of the facts: process-wide ones for the catalogs that
  // live as long as the process (Catalog::Default/Embedded), its own for any
  // other catalog (which may be freed after this scope). See Facts.
  absl::flat_hash_map<std::string, const ActionFacts*> facts_;
  std::deque<ActionFacts> own_facts_;
};

// Whether `statement` names the action (case-insensitive), honouring `*`
// and `?` in its Action entries and NotAction. A NotAction list that holds a
// template placeholder names nothing (its real exclusions are unknown).
bool StatementNamesAction(const CompiledStatement& statement, const ActionFacts& action);

// Whether a Resource entry, as written, matches every resource of every
// service: "*", "arn:*", "arn:aws:*:*:*:*", ...
bool IsEveryResource(absl::string_view entry);

// Whether two plain globs (`*` any run, `?` one character, case-sensitive)
// can match a common string. Over-approximates for very long patterns.
bool ResourceGlobsIntersect(absl::string_view a, absl::string_view b);

// Whether every condition of `statement` on `lower_key` holds when the
// request's `lower_key` is `value` (conditions on other keys are not
// looked at). True when the statement has no condition on the key.
bool ConditionsOnKeyAllow(const CompiledStatement& statement, absl::string_view action,
                          absl::string_view lower_key, absl::string_view value);

// Whether a condition of `statement` on `lower_key` allows only values
// written out in full: a positive operator (StringEquals, ArnLike, ...) whose
// values hold no wildcard and no variable.
bool ConditionOnKeyNamesValues(const CompiledStatement& statement, absl::string_view lower_key);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_LINT_GRANT_SCOPE_H_
