// File: policy/compile/action_index.h
//
// Finds the statements of a policy that can apply to an action without
// scanning them all. Action names ("lambda:invokefunction") and service
// prefixes ("lambda") are interned once per PolicyStore in an
// ActionDictionary, so a request costs one string hash for the whole store,
// and each policy's ActionIndex is then probed by id:
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
#include "absl/strings/string_view.h"
#include "policy/compile/compiled_statement.h"

namespace iamsim {

class ActionDictionary {
 public:
  static constexpr uint32_t kUnknown = UINT32_MAX;
  struct Ids {
    uint32_t action = kUnknown;   // kUnknown when no policy of the store names it.
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

// The index of one policy's statements.
class ActionIndex {
 public:
  // Adds statement `statement_id` (its index in the policy), interning its
  // actions. Then Finish() once.
  void Add(uint32_t statement_id, const CompiledStatement& statement, ActionDictionary* dictionary);
  void Finish();

  // fn(statement_id, action_known_to_match) for each candidate.
  template <typename Fn>
  void ForEachCandidate(uint32_t action_id, uint32_t service_id, Fn&& fn) const {
    if (const Entry* e = Lookup(exact_, action_id)) {
      for (uint32_t i = e->begin; i < e->end; ++i) fn(ids_[i], true);
    }
    if (const Entry* e = Lookup(by_service_, service_id)) {
      for (uint32_t i = e->begin; i < e->end; ++i) fn(ids_[i], false);
    }
    for (uint32_t id : always_) fn(id, false);
  }

 private:
  struct Entry {
    uint32_t key;
    uint32_t begin, end;  // Into ids_.
  };
  // Entries sorted by key; policies name a handful of actions, so a linear
  // scan of the keys is cheaper than a search.
  static const Entry* Lookup(const std::vector<Entry>& entries, uint32_t key) {
    if (entries.size() <= 16) {
      for (const Entry& e : entries) {
        if (e.key == key) return &e;
      }
      return nullptr;
    }
    size_t lo = 0, hi = entries.size();
    while (lo < hi) {
      const size_t mid = (lo + hi) / 2;
      if (entries[mid].key < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo < entries.size() && entries[lo].key == key ? &entries[lo] : nullptr;
  }

  // Building: key -> statement ids.
  std::vector<std::pair<uint32_t, uint32_t>> pending_exact_, pending_service_;
  std::vector<Entry> exact_, by_service_;
  std::vector<uint32_t> ids_;
  std::vector<uint32_t> always_;
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_COMPILE_ACTION_INDEX_H_
