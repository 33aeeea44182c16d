// File: policy/compile/action_index.h
//
// Finds the statements of a policy set that can apply to an action without
// scanning them all. Action names ("lambda:invokefunction") and service
// prefixes ("lambda") are interned once per DecisionGraph in an
// ActionDictionary, so a request costs one string hash when a policy names
// its action (two otherwise), and each policy set is then probed by array
// index:
//   exact     action id  -> statements naming that action
//   service   service id -> statements with a wildcard action in that
//                           service ("lambda:Invoke*")
//   always                -> "*" and NotAction statements
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

class ActionDictionary {
 public:
  static constexpr uint32_t kUnknown = UINT32_MAX;
  struct Ids {
    uint32_t action = kUnknown;   // kUnknown when no policy of the graph names it.
    uint32_t service = kUnknown;  // kUnknown when no wildcard action names the service.
  };

  uint32_t InternAction(absl::string_view lower_action);
  uint32_t InternService(absl::string_view lower_service);
  // Records each action's service id; call once after the last Intern*.
  void LinkServices();
  // The ids of "service:action" (lower case; `service_size` is the length of
  // its service prefix).
  Ids Find(absl::string_view lower_action, size_t service_size) const;

 private:
  absl::flat_hash_map<std::string, Ids> actions_;
  absl::flat_hash_map<std::string, uint32_t> services_;
};

class ActionIndex {
 public:
  void Add(uint32_t statement_id, const CompiledStatement& statement, ActionDictionary* dictionary);

  // fn(statement_id, action_known_to_match) for each candidate.
  template <typename Fn>
  void ForEachCandidate(uint32_t action_id, uint32_t service_id, Fn&& fn) const {
    if (action_id < exact_.size()) {
      for (uint32_t id : exact_[action_id]) fn(id, true);
    }
    if (service_id < by_service_.size()) {
      for (uint32_t id : by_service_[service_id]) fn(id, false);
    }
    for (uint32_t id : always_) fn(id, false);
  }

 private:
  using Ids = absl::InlinedVector<uint32_t, 2>;
  std::vector<Ids> exact_;       // By action id.
  std::vector<Ids> by_service_;  // By service id.
  std::vector<uint32_t> always_;
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_COMPILE_ACTION_INDEX_H_
