// File: policy/compile/policy_store.h
//
// Policies compiled once, assembled per question. A PolicyStore owns
// CompiledPolicy units — one per policy document, each compiled once however
// many questions use it (a managed policy attached to 500 roles is one unit)
// — and the ActionDictionary their action indexes share, so that a request
// hashes its action once per store. Questions then name the units that apply
// to them in an Assembly (assembly.h), by reference.
//
//   PolicyStoreBuilder builder;
//   PolicyId id = builder.Add("InvokeQiita", std::move(document));
//   std::shared_ptr<const PolicyStore> store = std::move(builder).Build();
//   const CompiledPolicy& policy = store->policy(id);
//
// Statement identities are stable: (PolicyId, statement index), so an
// explanation can name them.
//
// Ownership: the store owns its units, their documents and compiled
// statements; pointers and references into it are valid as long as the
// store lives. Thread-safety: immutable after Build(); any number of threads
// may evaluate against it without locking. The builder is single-threaded.
#ifndef IAMSIM_POLICY_COMPILE_POLICY_STORE_H_
#define IAMSIM_POLICY_COMPILE_POLICY_STORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "policy/compile/action_index.h"
#include "policy/compile/compiled_statement.h"
#include "policy/diagnostics/diagnostic.h"
#include "policy/parse/policy_document.h"

namespace iamsim {

using PolicyId = uint32_t;

// One policy document, compiled: its statements and their action index.
class CompiledPolicy {
 public:
  CompiledPolicy(const CompiledPolicy&) = delete;
  CompiledPolicy& operator=(const CompiledPolicy&) = delete;

  PolicyId id() const { return id_; }
  // Shown in explanations: "InvokeQiita", "resourcePolicy", an ARN, ...
  const std::string& name() const { return name_; }
  PolicyType type() const { return document_.type; }
  const PolicyDocument& document() const { return document_; }
  const std::vector<CompiledStatement>& statements() const { return statements_; }
  const ActionIndex& index() const { return index_; }
  // Problems found while compiling (invalid condition values are errors).
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  friend class PolicyStoreBuilder;
  CompiledPolicy(PolicyId id, std::string name, PolicyDocument document)
      : id_(id), name_(std::move(name)), document_(std::move(document)) {}

  PolicyId id_;
  std::string name_;
  PolicyDocument document_;  // Statements point into it: a unit never moves.
  std::vector<CompiledStatement> statements_;
  ActionIndex index_;
  std::vector<Diagnostic> diagnostics_;
};

class PolicyStore {
 public:
  const CompiledPolicy& policy(PolicyId id) const {
    return id < base_size_ ? base_->policy(id) : *policies_[id - base_size_];
  }
  size_t size() const { return base_size_ + policies_.size(); }
  const ActionDictionary& actions() const { return actions_; }

 private:
  friend class PolicyStoreBuilder;
  PolicyStore() = default;
  // An overlay's base (see PolicyStoreBuilder): its units keep their ids.
  std::shared_ptr<const PolicyStore> base_;
  size_t base_size_ = 0;
  std::vector<std::unique_ptr<const CompiledPolicy>> policies_;
  ActionDictionary actions_;
};

class PolicyStoreBuilder {
 public:
  PolicyStoreBuilder();
  // An overlay on `base`: the store built holds the base's units under their
  // ids and the added ones after them, so that a question can assemble units
  // of both (a world's policies and a session policy given for one question).
  // Copies the base's action dictionary.
  explicit PolicyStoreBuilder(std::shared_ptr<const PolicyStore> base);
  // Compiles `document` into a new unit and returns its id. The unit is
  // reachable through policy() at once (for diagnostics) and through the
  // store after Build().
  PolicyId Add(std::string name, PolicyDocument document);
  const CompiledPolicy& policy(PolicyId id) const { return store_->policy(id); }
  std::shared_ptr<const PolicyStore> Build() &&;

 private:
  std::shared_ptr<PolicyStore> store_;
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_COMPILE_POLICY_STORE_H_
