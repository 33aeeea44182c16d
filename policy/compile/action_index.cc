#include "policy/compile/action_index.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace iamsim {

void ActionIndex::Add(uint32_t id, const CompiledStatement& statement) {
  auto add_once = [id](Ids* ids) {
    if (std::find(ids->begin(), ids->end(), id) == ids->end()) ids->push_back(id);
  };
  const bool everything =
      statement.not_action ||
      std::any_of(statement.actions.begin(), statement.actions.end(),
                  [](const ActionPattern& a) { return a.all; });
  if (everything) {
    always_.push_back(id);
    return;
  }
  // A service with a wildcard entry is found through `by_service_` only.
  absl::flat_hash_set<std::string> wildcard_services;
  for (const ActionPattern& action : statement.actions) {
    if (!action.name.is_literal()) wildcard_services.insert(action.service);
  }
  for (const ActionPattern& action : statement.actions) {
    if (wildcard_services.contains(action.service)) {
      add_once(&by_service_[action.service]);
    } else {
      add_once(&exact_[absl::StrCat(action.service, ":",
                                    absl::AsciiStrToLower(action.name.literal()))]);
    }
  }
}

}  // namespace iamsim
