// File: policy/compile/action_index.h
//
// Finds the statements of a policy set that can apply to an action without
// scanning them all. Three lists:
//   exact     "lambda:invokefunction" -> statements naming that action
//   service   "lambda"                -> statements with a wildcard action in
//                                        that service ("lambda:Invoke*")
//   always                            -> "*" and NotAction statements
// A statement appears at most once among the candidates of any action.
// Candidates from `exact` are known to match; others must still be checked.
//
// Thread-safety: immutable after building; lookups never allocate.
#ifndef IAMSIM_POLICY_COMPILE_ACTION_INDEX_H_
#define IAMSIM_POLICY_COMPILE_ACTION_INDEX_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/strings/string_view.h"
#include "policy/compile/compiled_statement.h"

namespace iamsim {

class ActionIndex {
 public:
  void Add(uint32_t statement_id, const CompiledStatement& statement);

  // fn(statement_id, action_known_to_match) for each candidate.
  // `service` and `action` ("service:name") are lower case.
  template <typename Fn>
  void ForEachCandidate(absl::string_view service, absl::string_view action, Fn&& fn) const {
    if (auto it = exact_.find(action); it != exact_.end()) {
      for (uint32_t id : it->second) fn(id, true);
    }
    if (auto it = by_service_.find(service); it != by_service_.end()) {
      for (uint32_t id : it->second) fn(id, false);
    }
    for (uint32_t id : always_) fn(id, false);
  }

 private:
  using Ids = absl::InlinedVector<uint32_t, 2>;
  absl::flat_hash_map<std::string, Ids> exact_;
  absl::flat_hash_map<std::string, Ids> by_service_;
  std::vector<uint32_t> always_;
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_COMPILE_ACTION_INDEX_H_
