// File: policy/compile/compiled_statement.h
//
// One policy statement compiled for evaluation: actions lower-cased into
// service + name matchers, resources into ARN segment matchers (or templates
// when they hold policy variables), principals classified by form, and
// conditions into typed predicates (policy/conditions). Each compiled element
// points back at its parsed source (owned by the CompiledPolicy) for
// explanations.
//
// Ownership: `source` pointers point into the PolicyDocument of the
// CompiledPolicy that owns the statement. Thread-safety: immutable once the
// PolicyStore is built.
#ifndef IAMSIM_POLICY_COMPILE_COMPILED_STATEMENT_H_
#define IAMSIM_POLICY_COMPILE_COMPILED_STATEMENT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "policy/compile/arn_pattern.h"
#include "policy/compile/context_key.h"
#include "policy/compile/glob.h"
#include "policy/compile/pattern_template.h"
#include "policy/conditions/compiled_condition.h"
#include "policy/parse/policy_document.h"

namespace iamsim {

struct ActionPattern {
  bool all = false;     // "*"
  std::string service;  // Lower case, no wildcards.
  Glob name;            // Case-insensitive.
};

struct ResourcePattern {
  PatternTemplate source;  // Holds the variables, if any.
  ArnPattern compiled;     // Valid when !source.has_variables().
};

// How a Principal entry names its principal. The form decides which implicit
// denies a same-account resource-policy grant bypasses (IAM "Policy
// evaluation logic", resource-based policies table).
enum class PrincipalForm {
  kEveryone,       // "*" or {"AWS": "*"}
  kAccount,        // "111122223333" or arn:aws:iam::111122223333:root
  kUser,           // arn:aws:iam::A:user/path/name
  kRole,           // arn:aws:iam::A:role/path/name
  kRoleSession,    // arn:aws:sts::A:assumed-role/name/session
  kFederatedUser,  // arn:aws:sts::A:federated-user/name
  kService,        // {"Service": "apigateway.amazonaws.com"}
  kUniqueId,       // AROA... (a role) or AIDA... (a user): IAM's id of a principal
  kOther,          // Federated identity providers, canonical users, other ARNs.
};

inline constexpr uint8_t kResourcePartition = 254;

struct PrincipalEntry {
  PrincipalForm form = PrincipalForm::kOther;
  std::string value;  // As written.
  // The ARN's PartitionId; kResourcePartition for a bare account id, which is
  // in the resource's partition.
  uint8_t partition = kResourcePartition;
  std::string account;      // kAccount..kFederatedUser.
  std::string name;         // Last path component of user/role; role name of a session.
  size_t source_index = 0;  // Index into the element's values.
};

struct PrincipalMatcher {
  enum class Mode { kNone, kPrincipal, kNotPrincipal };
  Mode mode = Mode::kNone;
  std::vector<PrincipalEntry> entries;
  const PrincipalElement* source = nullptr;
};

enum class ResourceMode { kAny, kResource, kNotResource };

struct CompiledStatement {
  uint32_t policy = 0;  // The CompiledPolicy's id in its PolicyStore.
  Effect effect = Effect::kDeny;
  bool not_action = false;
  std::vector<ActionPattern> actions;
  ResourceMode resource_mode = ResourceMode::kAny;  // kAny: no Resource (trust policies).
  std::vector<ResourcePattern> resources;
  PrincipalMatcher principal;
  std::vector<CompiledCondition> conditions;
  const Statement* source = nullptr;
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_COMPILE_COMPILED_STATEMENT_H_
