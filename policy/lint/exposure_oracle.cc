// ExposureOracle: evaluator questions about strangers (see exposure_oracle.h).
#include "policy/lint/exposure_oracle.h"

#include <algorithm>
#include <functional>
#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "policy/arn/arn.h"
#include "policy/compile/assembly.h"
#include "policy/compile/glob.h"
#include "policy/evaluate/caller_keys.h"
#include "policy/evaluate/context_resolver.h"
#include "policy/evaluate/evaluator.h"
#include "policy/evaluate/residual.h"
#include "policy/lint/patterns.h"
#include "policy/lint/representatives.h"

namespace iamsim {
namespace {

constexpr size_t kActionsPerValue = 2;
constexpr size_t kActionsPerStatement = 4;
constexpr size_t kResourcesPerStatement = 2;
constexpr size_t kProbesPerStatement = 6;
constexpr size_t kMaxAtoms = 8;
// An action of no service, for "*" when no service is in view.
constexpr absl::string_view kStandInAction = "iamsim:IamsimAction";

// Whether `stranger` may choose `key` for its request: keys that say who and
// where it is are given by its context or absent (caller_keys.h), except its
// `free_keys`; an outside IAM principal tags itself, anonymous callers and
// services carry no tags.
bool IsFree(const Stranger& stranger, const ContextKey& key, const ContextResolver& resolver) {
  const std::string& k = key.lower_name;
  if (resolver.Lookup(key).present) return false;
  if (std::find(stranger.free_keys.begin(), stranger.free_keys.end(), k) !=
      stranger.free_keys.end()) {
    return true;
  }
  if (absl::StartsWith(k, "aws:principaltag/")) return stranger.outside_iam;
  switch (SourceOfKey(k)) {
    case KeySource::kPrincipal:
    case KeySource::kPrincipalOrg:
    case KeySource::kNetwork:
    case KeySource::kSourceService:
      return false;
    case KeySource::kResource:  // aws:ResourceAccount is the resolver's; the rest unknown.
    case KeySource::kAws:
    case KeySource::kCaller:
      return true;
  }
  return true;
}

// Outcomes of the free conditions one residual alternative fixes.
class TermOutcomes : public ConditionOutcomes {
 public:
  explicit TermOutcomes(const ResidualTerm* term) : term_(term) {}
  std::optional<bool> Outcome(const CompiledCondition& condition) const override {
    if (term_ == nullptr) return std::nullopt;
    for (const ResidualLiteral& l : *term_) {
      if (l.condition == &condition) return l.holds;
    }
    return std::nullopt;
  }

 private:
  const ResidualTerm* term_;
};

// The service prefix of a CloudFormation resource type, "" when unknown.
std::string ServiceOfResourceType(absl::string_view type) {
  static constexpr std::pair<absl::string_view, absl::string_view> kSpecial[] = {
      {"AWS::ApiGateway::RestApi", "execute-api"},
      {"AWS::EFS::FileSystem", "elasticfilesystem"},
      {"AWS::OpenSearchService::Domain", "es"},
      {"AWS::IAM::AssumeRolePolicyDocument", "sts"},
      {"AWS::IAM::Role", "sts"}};
  for (const auto& [t, service] : kSpecial) {
    if (t == type) return std::string(service);
  }
  if (!absl::StartsWith(type, "AWS::")) return "";
  absl::string_view rest = type.substr(5);
  return absl::AsciiStrToLower(rest.substr(0, rest.find("::")));
}

// Adds up to `limit` catalog actions ("service:Name") of `service` that
// `wanted` accepts.
void AddServiceActions(const Catalog& catalog, absl::string_view service,
                       const std::function<bool(absl::string_view)>& wanted, size_t limit,
                       std::vector<std::string>* out) {
  size_t added = 0;
  for (const Catalog::Action& a : catalog.ServiceActions(service)) {
    if (added >= limit || out->size() >= kActionsPerStatement) return;
    std::string action = absl::StrCat(a.service, ":", a.name);
    if (!wanted(action)) continue;
    if (std::find(out->begin(), out->end(), action) != out->end()) continue;
    out->push_back(std::move(action));
    ++added;
  }
}

void AddUnique(std::string value, std::vector<std::string>* out) {
  if (!value.empty() && std::find(out->begin(), out->end(), value) == out->end()) {
    out->push_back(std::move(value));
  }
}

}  // namespace

ExposureOracle::ExposureOracle(const LintTarget& target) : target_(target) {
  const PolicyDocument* const documents[] = {&target.document()};
  owner_ = IsAccountId(target.resource_account) ? target.resource_account
                                                : StandInOwnerAccount(documents);
  outsider_ = OutsiderAccount(documents, owner_);
  resource_context_.Set("aws:ResourceAccount", owner_);
}

std::string ExposureOracle::Instantiate(absl::string_view value) const {
  std::string arn = ConcreteArn(value, owner_);
  ArnParts parts;
  // Resources of named non-accounts ("aws" of managed policies) are no one's to call.
  if (!SplitArn(arn, &parts) || (!parts[4].empty() && !IsAccountId(parts[4]))) return "";
  return arn;
}

std::vector<std::string> ExposureOracle::ServicesOf(const Statement& statement) const {
  std::vector<std::string> out;
  if (target_.type == PolicyType::kRoleTrust) return {"sts"};
  if (statement.resource) {
    for (const LocatedString& r : statement.resource->values) {
      ArnParts parts;
      if (SplitArn(r.value, &parts) && !HasWildcard(parts[2])) {
        AddUnique(absl::AsciiStrToLower(parts[2]), &out);
      }
    }
  }
  ArnParts parts;
  if (SplitArn(target_.resource_arn, &parts)) AddUnique(std::string(parts[2]), &out);
  AddUnique(ServiceOfResourceType(target_.resource_type), &out);
  if (out.size() > 2) out.resize(2);
  return out;
}

std::vector<std::string> ExposureOracle::ActionsOf(const Statement& statement) const {
  std::vector<std::string> out;
  const Catalog& catalog = target_.catalog;
  const std::vector<std::string> services = ServicesOf(statement);
  if (statement.not_action) {
    auto left_out = [&](absl::string_view action) {
      for (const LocatedString& v : statement.not_action->values) {
        if (GlobMatch(GlobFromPolicyText(v.value), action, true)) return false;
      }
      return true;
    };
    for (const std::string& service : services) {
      AddServiceActions(catalog, service, left_out, kActionsPerValue, &out);
    }
    if (out.empty() && left_out(kStandInAction)) out.emplace_back(kStandInAction);
    return out;
  }
  if (!statement.action) return out;
  for (const LocatedString& v : statement.action->values) {
    if (out.size() >= kActionsPerStatement) break;
    if (HasTemplatePart(v.value)) continue;
    const size_t colon = v.value.find(':');
    if (!HasWildcard(v.value) && colon != std::string::npos) {
      AddUnique(v.value, &out);
      continue;
    }
    const std::string glob = GlobFromPolicyText(v.value);
    auto named = [&](absl::string_view action) { return GlobMatch(glob, action, true); };
    const size_t before = out.size();
    if (colon != std::string::npos && !HasWildcard(v.value.substr(0, colon))) {
      AddServiceActions(catalog, absl::AsciiStrToLower(v.value.substr(0, colon)), named,
                        kActionsPerValue, &out);
    } else {
      for (const std::string& service : services) {
        AddServiceActions(catalog, service, named, kActionsPerValue, &out);
      }
    }
    // No catalog action to try (an unknown service, or "*" with no service in
    // view): an action the value names, made concrete.
    if (out.size() == before) {
      AddUnique(colon == std::string::npos ? std::string(kStandInAction) : ConcretePattern(v.value),
                &out);
    }
  }
  return out;
}

std::string ExposureOracle::DefaultResource(absl::string_view action) const {
  if (!target_.resource_arn.empty() && !HasTemplatePart(target_.resource_arn)) {
    return target_.resource_arn;
  }
  if (target_.type == PolicyType::kRoleTrust) {
    return absl::StrCat("arn:aws:iam::", owner_, ":role/iamsim-linted-role");
  }
  const std::optional<Catalog::Action> a = target_.catalog.FindAction(action);
  if (!a) return "*";
  for (const Catalog::ActionResource& r : target_.catalog.ActionResources(*a)) {
    if (r.name.empty()) continue;
    const std::optional<Catalog::ResourceType> type = target_.catalog.ResourceTypeOf(*a, r);
    if (type && !type->arns.empty()) return FillArnFormat(type->arns[0], owner_);
  }
  return "*";
}

std::vector<Probe> ExposureOracle::ProbesOf(const Statement& statement) const {
  std::vector<std::string> named;
  if (statement.resource && target_.type != PolicyType::kRoleTrust) {
    for (const LocatedString& r : statement.resource->values) {
      if (named.size() >= kResourcesPerStatement) break;
      AddUnique(Instantiate(r.value), &named);
    }
  }
  std::vector<Probe> out;
  for (const std::string& action : ActionsOf(statement)) {
    std::vector<std::string> resources = named;
    if (resources.empty()) resources.push_back(DefaultResource(action));
    for (std::string& resource : resources) {
      if (out.size() >= kProbesPerStatement) return out;
      out.push_back(Probe{action, std::move(resource)});
    }
  }
  return out;
}

std::vector<const Statement*> ExposureOracle::Allowing(const Stranger& stranger,
                                                       const Probe& probe) {
  if (asked_ >= kMaxQuestions) return {};
  ++asked_;
  Request request;
  request.principal = stranger.principal;
  request.action = probe.action;
  request.resource = probe.resource;
  request.resource_account = owner_;
  request.context = &stranger.context;
  request.resource_context = &resource_context_;
  PreparedRequest prepared;
  if (!PreparedRequest::Prepare(request, &prepared).ok()) return {};
  Assembly assembly;
  assembly.store = &target_.store;
  assembly.resource = &target_.policy;
  const CompiledPolicy* identity[1] = {nullptr};
  if (stranger.outside_iam) {
    // Its identity policy, in one store with the target's unit.
    if (outsider_store_.store == nullptr) outsider_store_ = WithOutsiderIdentity(target_.store);
    identity[0] = outsider_store_.identity;
    assembly.store = outsider_store_.store.get();
    assembly.identity = identity;
  }
  const ContextResolver resolver(prepared);
  const Residual residual = DecideResidual(
      assembly, prepared, [&](const ContextKey& key) { return IsFree(stranger, key, resolver); },
      kMaxAtoms);
  // Too many free conditions: decided with them absent.
  if (residual.status.ok() && !residual.allowed) return {};
  const TermOutcomes forced(
      residual.status.ok() && !residual.alternatives.empty() ? &residual.alternatives[0] : nullptr);
  EvaluateOptions options;
  options.forced = &forced;
  Explanation explanation;
  if (Evaluate(assembly, prepared, options, &explanation).kind != DecisionKind::kAllow) return {};
  std::vector<const Statement*> out;
  for (const StatementTrace& t : explanation.statements) {
    if (!t.applies || t.ref.policy != target_.policy.id() || t.statement == nullptr) continue;
    if (t.statement->effect != Effect::kAllow || t.statement->source == nullptr) continue;
    if (std::find(out.begin(), out.end(), t.statement->source) == out.end()) {
      out.push_back(t.statement->source);
    }
  }
  return out;
}

}  // namespace iamsim
