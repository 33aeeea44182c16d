#include "policy/compile/action_index.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace iamsim {
namespace {

uint32_t FindService(const absl::flat_hash_map<std::string, uint32_t>& services,
                     absl::string_view service) {
  auto it = services.find(service);
  return it == services.end() ? ActionDictionary::kUnknown : it->second;
}

}  // namespace

uint32_t ActionDictionary::InternAction(absl::string_view a) {
  return actions_.emplace(a, Ids{static_cast<uint32_t>(actions_.size()), kUnknown})
      .first->second.action;
}

uint32_t ActionDictionary::InternService(absl::string_view s) {
  return services_.emplace(s, static_cast<uint32_t>(services_.size())).first->second;
}

void ActionDictionary::LinkServices() {
  for (auto& [action, ids] : actions_) {
    ids.service = FindService(services_, action.substr(0, action.find(':')));
  }
}

ActionDictionary::Ids ActionDictionary::Find(absl::string_view lower_action,
                                             size_t service_size) const {
  auto it = actions_.find(lower_action);
  if (it != actions_.end()) return it->second;
  return Ids{kUnknown, FindService(services_, lower_action.substr(0, service_size))};
}

void ActionIndex::Add(uint32_t id, const CompiledStatement& statement,
                      ActionDictionary* dictionary) {
  const bool everything =
      statement.not_action || std::any_of(statement.actions.begin(), statement.actions.end(),
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
      pending_service_.emplace_back(dictionary->InternService(action.service), id);
    } else {
      pending_exact_.emplace_back(
          dictionary->InternAction(
              absl::StrCat(action.service, ":", absl::AsciiStrToLower(action.name.literal()))),
          id);
    }
  }
}

void ActionIndex::Finish() {
  auto build = [this](std::vector<std::pair<uint32_t, uint32_t>>* pending,
                      std::vector<Entry>* entries) {
    std::sort(pending->begin(), pending->end());
    pending->erase(std::unique(pending->begin(), pending->end()), pending->end());
    for (size_t i = 0; i < pending->size();) {
      Entry e{(*pending)[i].first, static_cast<uint32_t>(ids_.size()), 0};
      for (; i < pending->size() && (*pending)[i].first == e.key; ++i) {
        ids_.push_back((*pending)[i].second);
      }
      e.end = static_cast<uint32_t>(ids_.size());
      entries->push_back(e);
    }
    pending->clear();
    pending->shrink_to_fit();
  };
  build(&pending_exact_, &exact_);
  build(&pending_service_, &by_service_);
}

}  // namespace iamsim
