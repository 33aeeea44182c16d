// File: policy/explain/near_miss.h
//
// A statement that failed on exactly one value, and how that value differs
// from what the request needed: a misspelled action, another region,
// account or qualifier in an ARN, a session ARN where the role was meant, a
// stale aws:SourceArn. The fix for such a statement repairs that value in
// place rather than adding a second statement (policy/fix).
//
// Also the plain-words notes for the classic Lambda traps (an alias policy
// and the unqualified function, a session ARN as principal, function URLs,
// condition keys AWS sends only in some calls).
//
// Thread-safety: pure. Results point into the statement's PolicyDocument.
#ifndef IAMSIM_POLICY_EXPLAIN_NEAR_MISS_H_
#define IAMSIM_POLICY_EXPLAIN_NEAR_MISS_H_

#include <optional>
#include <string>

#include "policy/evaluate/explanation.h"
#include "policy/evaluate/request.h"

namespace iamsim {

struct NearMiss {
  // The value as written, and where (its own position and pointer in the
  // document, not the statement's).
  const LocatedString* value = nullptr;     // Action, Resource or Principal value.
  const ConditionClause::Value* condition_value = nullptr;  // Or a condition value.
  std::string written;
  std::string wanted;      // The value that would match this request.
  std::string difference;  // "the region differs: us-west-2 in the policy, us-east-1 ..."
  // The written value is certainly wrong (an action AWS does not have, a
  // session ARN where its role was meant): replace it. Otherwise it is a
  // valid value of its own (another region, qualifier, source): add the
  // wanted one next to it.
  bool replace = false;
  // Lambda keeps one policy per function, version and alias: a function
  // policy statement cannot be repaired to cover another qualifier.
  bool qualifier = false;
  const ElementLocation& location() const {
    return value != nullptr ? value->location : condition_value->location;
  }
};

// The one value `trace`'s statement failed on, when changing it alone to
// `wanted` would make the statement apply; nullopt otherwise.
std::optional<NearMiss> FindNearMiss(const StatementTrace& trace, const PreparedRequest& request);

// Where the value a failed statement failed on is: the near-miss value, or
// the first value of the failing element (Action, Resource, Principal) or
// condition; nullopt when it applies.
std::optional<ElementLocation> FailingValue(const StatementTrace& trace,
                                            const PreparedRequest& request);

// A sentence for a failed statement that falls into a classic trap, or "".
std::string TrapNote(const StatementTrace& trace, const PreparedRequest& request);

// When AWS puts `key` (lower case) in the request context, for a key a
// statement needed and the request lacked; "" when iamsim has nothing to say.
std::string WhenKeyIsSupplied(absl::string_view lower_key);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EXPLAIN_NEAR_MISS_H_
