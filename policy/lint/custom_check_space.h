// File: policy/lint/custom_check_space.h (internal to policy/lint)
//
// The question space of the offline custom checks (custom_checks.h): the
// representative principals (actors), the (action, resource) questions, one
// per class of actions every statement treats alike, and the request
// contexts built from the boundary values of the statements' conditions.
// custom_checks.cc asks the evaluator these questions.
//
// Ownership: a Space points into the Compiled store it was made from (and
// its catalog), which must outlive it. Thread-safety: plain values; the
// functions are reentrant.
#ifndef IAMSIM_POLICY_LINT_CUSTOM_CHECK_SPACE_H_
#define IAMSIM_POLICY_LINT_CUSTOM_CHECK_SPACE_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "policy/catalog/catalog.h"
#include "policy/compile/context_key.h"
#include "policy/compile/policy_store.h"
#include "policy/conditions/witness.h"
#include "policy/diagnostics/diagnostic.h"
#include "policy/lint/lint.h"

namespace iamsim::custom_check_space {

enum class Mode { kNoNewAccess, kAccessNotGranted, kNoPublicAccess };

// Whether policies of `type` grant to their holder (identity, boundary,
// session, SCP, RCP), as opposed to resource and trust policies.
bool IdentitySide(PolicyType type);

// Appends `value` unless empty or already there.
void AddUnique(std::string value, std::vector<std::string>* out);

// The policies of one check compiled into one store, with the identity
// policy that lets an outside IAM principal do anything (so that only the
// checked policies decide).
struct Compiled {
  std::shared_ptr<const PolicyStore> store;
  const CompiledPolicy* target = nullptr;     // The new / checked policy.
  const CompiledPolicy* reference = nullptr;  // no-new-access only.
  const CompiledPolicy* allow_all = nullptr;
};

// Representative principals.
enum class ActorKind { kAnonymous, kService, kIam };

struct Actor {
  std::string principal;
  ActorKind kind = ActorKind::kIam;
  std::string account;  // IAM principals.
  // Keys its requests always carry (aws:PrincipalOrgID, aws:SourceIp, ...).
  std::vector<std::pair<std::string, std::string>> fixed;
  bool stranger = false;  // no-public-access: cannot choose who and where it is.
  std::string description;
};

// Whether a request of `actor` may carry any value of `key` (see
// custom_check_space.cc).
bool Settable(const Actor& actor, const ContextKey& key);
// An IAM principal of the account in `arn`.
Actor IamActor(std::string arn, std::string description);

// One statement of the checked policies, with its Action/NotAction globs.
struct StatementRow {
  const CompiledPolicy* policy = nullptr;
  const CompiledStatement* statement = nullptr;
  std::vector<std::string> globs;
  bool not_action = false;
  bool in_target = false;
};

// One (action, resource) pair, standing for every action that the
// statements treat alike.
struct Question {
  std::string action;
  std::string resource;
  std::string applies;  // '1' per StatementRow whose Action element applies.
};

using ContextSpec = std::map<std::string, std::pair<std::string, Witness>>;  // Lower-case key.

struct Space {
  const Catalog* catalog = nullptr;
  Mode mode = Mode::kNoNewAccess;
  PolicyType type = PolicyType::kIdentity;
  std::string owner;
  std::string outsider;
  std::vector<StatementRow> rows;
  std::vector<std::string> resource_values;   // Concrete ARNs the policies name.
  std::vector<std::string> wanted_actions;    // access-not-granted: internal globs.
  std::vector<std::string> wanted_resources;  // access-not-granted: internal globs ("" none).
  std::vector<std::string> given_resources;   // access-not-granted: concrete.
  std::vector<Actor> actors;
};

// The space of a check over the compiled policies (problems with the
// principals they name are added to `diagnostics` as warnings).
Space MakeSpace(const Compiled& compiled, Mode mode, PolicyType type, const LintOptions& options,
                std::vector<Diagnostic>* diagnostics);
// Whether access-not-granted asks about `resource`.
bool Wanted(const Space& space, absl::string_view resource);
// Every (action, resource) question, one per class of actions alike.
std::vector<Question> Questions(const Space& space);
// The request contexts to ask a question under, for the statements `applies` marks.
std::vector<ContextSpec> Contexts(const Space& space, const std::string& applies);

}  // namespace iamsim::custom_check_space

#endif  // IAMSIM_POLICY_LINT_CUSTOM_CHECK_SPACE_H_
