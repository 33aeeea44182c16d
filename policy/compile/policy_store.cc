#include "policy/compile/policy_store.h"

#include "policy/compile/statement_compiler.h"

namespace iamsim {

PolicyStoreBuilder::PolicyStoreBuilder() : store_(new PolicyStore()) {}

PolicyStoreBuilder::PolicyStoreBuilder(std::shared_ptr<const PolicyStore> base)
    : store_(new PolicyStore()) {
  store_->base_size_ = base->size();
  store_->actions_ = base->actions_;
  store_->base_ = std::move(base);
}

PolicyId PolicyStoreBuilder::Add(std::string name, PolicyDocument document) {
  const PolicyId id = static_cast<PolicyId>(store_->size());
  std::unique_ptr<CompiledPolicy> policy(
      new CompiledPolicy(id, std::move(name), std::move(document)));
  const PolicyDocument& doc = policy->document_;
  policy->statements_.reserve(doc.statements.size());
  for (const Statement& statement : doc.statements) {
    policy->statements_.push_back(CompileStatement(doc, statement, id, &policy->diagnostics_));
    policy->index_.Add(static_cast<uint32_t>(policy->statements_.size() - 1),
                       policy->statements_.back(), &store_->actions_);
  }
  policy->index_.Finish();
  store_->policies_.push_back(std::move(policy));
  return id;
}

std::shared_ptr<const PolicyStore> PolicyStoreBuilder::Build() && {
  store_->actions_.LinkServices();
  return std::move(store_);
}

}  // namespace iamsim
