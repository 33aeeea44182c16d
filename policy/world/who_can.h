// File: policy/world/who_can.h
//
// who-can: every principal that may do ACTION on RESOURCE in a world, each
// allowed outright or only when conditions hold.
//
// Candidates: every user and role of the world (a role stands for any
// session of it), the root user of every world account, and every principal
// outside the world that the resource's policy names (an outside account, an
// outside role or user, a session, an AWS service, a federated identity
// provider, or anyone, "*"). An account inside the world is never listed as
// such: its principals are.
//
// Residual conditions (policy/evaluate/residual.h): everything the world
// determines is substituted — for world principals their tags, ARN, account,
// type and organization, for world resources their account, organization
// and region and the function URL's auth type — so no entry keeps a
// condition on those keys. For a role, aws:userid (which carries the
// session name) stays free. Outside principals' own identity policies are
// not in the world: they are assumed to allow, and their principal keys
// (other than what the policy's naming fixes) stay free.
//
// Conditions are reported as (operator, key, values) with the key as the
// policy writes it; a condition that must NOT hold is written with its
// complementary operator where AWS has an exact one (StringEquals <->
// StringNotEquals, ArnLike <-> ArnNotLike, IpAddress <-> NotIpAddress,
// ForAnyValue:X <-> ForAllValues:NotX, Null true <-> Null false), otherwise
// as "Not:OPERATOR" (Bool, numeric and date ordering, ...IfExists), since
// those have no complement that also covers a missing key.
//
// Thread-safety: WhoCan only reads the World; any number may run at once.
#ifndef IAMSIM_POLICY_WORLD_WHO_CAN_H_
#define IAMSIM_POLICY_WORLD_WHO_CAN_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "policy/diagnostics/diagnostic.h"
#include "policy/evaluate/residual.h"
#include "policy/world/world.h"

namespace iamsim {

enum class WhoKind { kRole, kUser, kRoot, kSession, kFederated, kAccount, kService, kAnyone };
// "role", "user", "root", "session", "federated", "account", "service", "anyone".
absl::string_view WhoKindName(WhoKind kind);

// One condition as a person reads it.
struct ConditionAtom {
  std::string op;  // "StringEquals", "ArnNotLike", "Not:Bool", ...
  std::string key;  // As written in the policy.
  std::vector<std::string> values;
};
ConditionAtom DescribeLiteral(const ResidualLiteral& literal);

struct WhoCanEntry {
  std::string principal;  // ARN; a service or provider name; "*" for anyone.
  WhoKind kind = WhoKind::kRole;
  // Any alternative suffices; each literal of it must hold. Empty: allowed
  // outright.
  std::vector<ResidualTerm> alternatives;
  // With via_assume_role: the roles this principal assumes, in order, to
  // reach the access (the last one is a principal listed directly). The
  // alternatives then combine every step's conditions (each step is its own
  // request: sts:AssumeRole..., then ACTION).
  std::vector<std::string> via;
};

struct WhoCanError {
  std::string principal;
  Diagnostic diagnostic;  // Located: the document that could not be read.
};

struct WhoCanResult {
  std::vector<WhoCanEntry> principals;  // World principals first, then outside ones; by ARN.
  std::vector<WhoCanError> errors;      // Questions the world cannot answer.
};

struct WhoCanOptions {
  bool via_assume_role = false;
  size_t max_atoms = 12;         // Free conditions enumerated per principal.
  size_t max_chain = 4;          // Roles in a --via-assume-role chain.
  RequestContext overrides;      // Keys fixed by the user (--context).
};

WhoCanResult WhoCan(const World& world, absl::string_view action, absl::string_view resource,
                    const WhoCanOptions& options = {});

}  // namespace iamsim

#endif  // IAMSIM_POLICY_WORLD_WHO_CAN_H_
