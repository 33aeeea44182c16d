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
#include "policy/evaluate/context_resolver.h"
#include "policy/evaluate/evaluator.h"
#include "policy/evaluate/residual.h"
#include "policy/parse/policy_parser.h"

namespace iamsim {
namespace {

constexpr size_t kActionsPerValue = 2;
constexpr size_t kActionsPerStatement = 4;
constexpr size_t kResourcesPerStatement = 2;
constexpr size_t kProbesPerStatement = 6;
constexpr size_t kMaxAtoms = 8;
constexpr absl::string_view kRepresentativeName = "iamsim";
// An action of no service, for "*" when no service is in view.
constexpr absl::string_view kStandInAction = "iamsim:IamsimAction";

// Keys that say who and where a stranger is: given by its context or absent,
// never the stranger's to choose.
bool PinnedKey(absl::string_view key) {
  static constexpr absl::string_view kKeys[] = {
      "aws:principalorgid", "aws:principalorgpaths", "aws:principalarn", "aws:principalaccount",
      "aws:principaltype", "aws:userid", "aws:username", "aws:principalisawsservice",
      "aws:principalservicename", "aws:principalservicenameslist", "aws:sourceaccount",
      "aws:sourcearn", "aws:sourceowner", "aws:sourceorgid", "aws:sourceorgpaths", "aws:sourcevpc",
      "aws:sourcevpce", "aws:sourceip", "aws:vpcsourceip", "aws:resourceaccount",
      // Service keys that say the same: the caller's account, the access
      // point or instance a request comes through.
      "kms:calleraccount", "s3:dataaccesspointaccount", "s3:dataaccesspointarn",
      "aws:ec2instancesourcevpc", "aws:ec2instancesourceprivateipv4", "ec2:sourceinstancearn"};
  return std::find(std::begin(kKeys), std::end(kKeys), key) != std::end(kKeys);
}

bool IsFree(const Stranger& stranger, const ContextKey& key, const ContextResolver& resolver) {
  const std::string& k = key.lower_name;
  if (resolver.Lookup(key).present) return false;
  if (std::find(stranger.free_keys.begin(), stranger.free_keys.end(), k) !=
      stranger.free_keys.end()) {
    return true;
  }
  // An outside IAM principal tags itself; anonymous callers and services carry no tags.
  if (absl::StartsWith(k, "aws:principaltag/")) return stranger.outside_iam;
  return !PinnedKey(k);
}

// An IAM principal of another account holds this identity policy.
const CompiledPolicy* AllowEverything() {
  static const CompiledPolicy* const policy = [] {
    PolicyStoreBuilder builder;
    PolicyParseResult parsed = ParsePolicy(
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})",
        "stranger identity", PolicyType::kIdentity);
    const PolicyId id = builder.Add("stranger identity", std::move(*parsed.document));
    auto* store = new std::shared_ptr<const PolicyStore>(std::move(builder).Build());
    return &(*store)->policy(id);
  }();
  return policy;
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

bool HasWildcard(absl::string_view s) { return s.find_first_of("*?") != absl::string_view::npos; }

// `pattern` with its wildcards and ${...} variables replaced by a representative name.
std::string Concrete(absl::string_view pattern) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern.substr(i, 2) == "${") {
      const size_t end = pattern.find('}', i);
      if (end != absl::string_view::npos) {
        out.append(kRepresentativeName.data(), kRepresentativeName.size());
        i = end;
        continue;
      }
    }
    if (pattern[i] == '*') {
      out.append(kRepresentativeName.data(), kRepresentativeName.size());
    } else if (pattern[i] == '?') {
      out.push_back('x');
    } else {
      out.push_back(pattern[i]);
    }
  }
  return out;
}

// An ARN format of the catalog ("arn:${Partition}:sqs:${Region}:${Account}:${QueueName}")
// filled in for `account`.
std::string FillFormat(absl::string_view format, absl::string_view account) {
  std::string out;
  size_t i = 0;
  while (i < format.size()) {
    const size_t open = format.find("${", i);
    if (open == absl::string_view::npos) break;
    const size_t close = format.find('}', open);
    if (close == absl::string_view::npos) break;
    out.append(format.data() + i, open - i);
    const absl::string_view name = format.substr(open + 2, close - open - 2);
    if (name == "Partition") {
      out += "aws";
    } else if (name == "Region") {
      out += "us-east-1";
    } else if (name == "Account") {
      out.append(account.data(), account.size());
    } else {
      out.append(kRepresentativeName.data(), kRepresentativeName.size());
    }
    i = close + 1;
  }
  out.append(format.data() + i, format.size() - i);
  return out;
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

bool DocumentMentions(const PolicyDocument& document, absl::string_view text) {
  for (const Statement& s : document.statements) {
    for (const auto* p : {&s.principal, &s.not_principal}) {
      if (!p->has_value()) continue;
      for (const PrincipalValue& v : (*p)->values) {
        if (absl::StrContains(v.value.value, text)) return true;
      }
    }
    for (const auto* r : {&s.resource, &s.not_resource}) {
      if (!r->has_value()) continue;
      for (const LocatedString& v : (*r)->values) {
        if (absl::StrContains(v.value, text)) return true;
      }
    }
    for (const ConditionClause& c : s.conditions) {
      for (const ConditionClause::Value& v : c.values) {
        if (absl::StrContains(v.text, text)) return true;
      }
    }
  }
  return false;
}

ExposureOracle::ExposureOracle(const LintTarget& target) : target_(target) {
  const PolicyDocument& document = target.document();
  auto unused = [&](std::initializer_list<absl::string_view> candidates) {
    for (absl::string_view c : candidates) {
      if (c != target.resource_account && !DocumentMentions(document, c)) return std::string(c);
    }
    return std::string(*candidates.begin());
  };
  owner_ = IsAccountId(target.resource_account)
               ? target.resource_account
               : unused({"000000000000", "000000000001", "000000000002"});
  outsider_ = unused({"999999999999", "888888888888", "777777777777"});
  if (outsider_ == owner_) outsider_ = "999999999998";
  resource_context_.Set("aws:ResourceAccount", owner_);
}

std::string ExposureOracle::Instantiate(absl::string_view value) const {
  if (value == "*" || absl::StrContains(value, "{{")) return "";
  ArnParts parts;
  if (!SplitArn(value, &parts) || parts[0] != "arn" || HasWildcard(parts[2]) || parts[2].empty() ||
      parts[5].empty()) {
    return "";
  }
  std::string account(parts[4]);
  if (HasWildcard(account) || absl::StrContains(account, "${")) account = owner_;
  if (!account.empty() && !IsAccountId(account)) return "";
  const std::string partition = HasWildcard(parts[1]) ? "aws" : std::string(parts[1]);
  const std::string region =
      HasWildcard(parts[3]) || absl::StrContains(parts[3], "${") ? "us-east-1" : Concrete(parts[3]);
  return absl::StrCat("arn:", partition, ":", parts[2], ":", region, ":", account, ":",
                      Concrete(parts[5]));
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
    if (absl::StrContains(v.value, "{{")) continue;
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
      AddUnique(colon == std::string::npos ? std::string(kStandInAction) : Concrete(v.value), &out);
    }
  }
  return out;
}

std::string ExposureOracle::DefaultResource(absl::string_view action) const {
  if (!target_.resource_arn.empty() && !absl::StrContains(target_.resource_arn, "{{")) {
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
    if (type && !type->arns.empty()) return FillFormat(type->arns[0], owner_);
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
  const CompiledPolicy* const identity[] = {AllowEverything()};
  Assembly assembly;
  assembly.store = &target_.store;
  assembly.resource = &target_.policy;
  // Its Action "*" is in every index's "always" list: safe with this store's dictionary.
  if (stranger.outside_iam) assembly.identity = identity;
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
  const std::vector<CompiledStatement>& own = target_.policy.statements();
  for (const StatementTrace& t : explanation.statements) {
    if (!t.applies || t.statement == nullptr || own.empty()) continue;
    if (t.statement < &own.front() || t.statement > &own.back()) continue;
    if (t.statement->effect != Effect::kAllow || t.statement->source == nullptr) continue;
    if (std::find(out.begin(), out.end(), t.statement->source) == out.end()) {
      out.push_back(t.statement->source);
    }
  }
  return out;
}

}  // namespace iamsim
