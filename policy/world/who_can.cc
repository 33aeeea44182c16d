#include "policy/world/who_can.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "policy/arn/arn.h"
#include "policy/arn/principal_arn.h"
#include "policy/evaluate/context_resolver.h"

namespace iamsim {
namespace {

bool In(absl::string_view key, std::initializer_list<absl::string_view> keys) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// Keys that describe the principal making the request.
bool PrincipalKey(absl::string_view key) {
  return absl::StartsWith(key, "aws:principaltag/") ||
         In(key, {"aws:principalorgid", "aws:principalorgpaths", "aws:principalarn",
                  "aws:principalaccount", "aws:principaltype", "aws:username", "aws:userid",
                  "aws:principalisawsservice", "aws:principalservicename",
                  "aws:principalservicenameslist"});
}

// Keys a world resource fixes, present or not.
bool ResourceKey(absl::string_view key) {
  return In(key, {"aws:resourceaccount", "aws:resourceorgid", "aws:resourceorgpaths",
                  "lambda:functionurlauthtype"});
}

// The principal keys that naming the principal fixes, for a caller that is
// not one of the world's.
bool FixedForOutside(WhoKind kind, absl::string_view key) {
  switch (kind) {
    case WhoKind::kService:
      return In(key, {"aws:principalisawsservice", "aws:principalservicename",
                      "aws:principalservicenameslist"});
    case WhoKind::kAccount:
      return key == "aws:principalaccount";
    case WhoKind::kRole:
    case WhoKind::kUser:
    case WhoKind::kSession:
      return In(key, {"aws:principalarn", "aws:principalaccount", "aws:principaltype",
                      "aws:username"});
    default:
      return false;
  }
}

struct Candidate {
  std::string principal;
  WhoKind kind = WhoKind::kRole;
  const WorldPrincipal* world_principal = nullptr;  // A world user or role.
  std::string caller;  // The request's principal for everything else.
  bool outside = false;  // Its own identity policies are not in the world.
};

// Whether the world holds the account's principals.
bool KnownAccount(const World& world, absl::string_view id) {
  const WorldAccount* account = world.FindAccount(id);
  return account != nullptr && account->has_folder;
}

bool IsFederatedProvider(absl::string_view value) {
  if (absl::StartsWith(value, "arn:")) return false;  // OIDC/SAML provider ARNs: not modelled.
  return absl::StrContains(value, ".");
}

// The principals outside the world that `policy`'s Allow statements name.
void OutsideCandidates(const World& world, const CompiledPolicy* policy,
                       std::vector<Candidate>* out) {
  if (policy == nullptr) return;
  std::set<std::string> seen;
  auto add = [&](Candidate c) {
    if (seen.insert(c.principal).second) out->push_back(std::move(c));
  };
  for (const CompiledStatement& s : policy->statements()) {
    if (s.effect != Effect::kAllow) continue;
    if (s.principal.mode == PrincipalMatcher::Mode::kNotPrincipal) {
      add(Candidate{"*", WhoKind::kAnyone, nullptr,
                    "arn:aws:iam::000000000000:role/any-principal", true});
      continue;
    }
    for (const PrincipalEntry& e : s.principal.entries) {
      switch (e.form) {
        case PrincipalForm::kEveryone:
          add(Candidate{"*", WhoKind::kAnyone, nullptr,
                        "arn:aws:iam::000000000000:role/any-principal", true});
          break;
        case PrincipalForm::kAccount:
          if (KnownAccount(world, e.account)) break;  // Its principals are listed.
          add(Candidate{absl::StrCat("arn:aws:iam::", e.account, ":root"), WhoKind::kAccount,
                        nullptr, absl::StrCat("arn:aws:iam::", e.account, ":role/any-principal"),
                        true});
          break;
        case PrincipalForm::kUser:
        case PrincipalForm::kRole: {
          if (KnownAccount(world, e.account)) break;  // A world principal, or none.
          add(Candidate{e.value,
                        e.form == PrincipalForm::kUser ? WhoKind::kUser
                                                       : WhoKind::kRole,
                        nullptr, e.value, true});
          break;
        }
        case PrincipalForm::kRoleSession:
        case PrincipalForm::kFederatedUser:
          if (KnownAccount(world, e.account)) break;
          add(Candidate{e.value, WhoKind::kSession, nullptr, e.value, true});
          break;
        case PrincipalForm::kService:
          add(Candidate{e.value, WhoKind::kService, nullptr, e.value, false});
          break;
        case PrincipalForm::kOther:
          if (IsFederatedProvider(e.value)) {
            add(Candidate{e.value, WhoKind::kFederated, nullptr, e.value, false});
          }
          break;
        case PrincipalForm::kUniqueId:
          break;  // A world principal (listed) or a deleted one (no caller).
      }
    }
  }
}

// The action a candidate performs to "assume" a role: web-identity
// providers call AssumeRoleWithWebIdentity.
std::string ActionFor(const Candidate& c, absl::string_view action) {
  if (c.kind == WhoKind::kFederated && absl::EqualsIgnoreCase(action, "sts:AssumeRole")) {
    return "sts:AssumeRoleWithWebIdentity";
  }
  return std::string(action);
}

// DNF product: every alternative of `a` with every alternative of `b`.
std::vector<ResidualTerm> Product(const std::vector<ResidualTerm>& a,
                                  const std::vector<ResidualTerm>& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  std::vector<ResidualTerm> out;
  for (const ResidualTerm& x : a) {
    for (const ResidualTerm& y : b) {
      ResidualTerm& t = out.emplace_back(x);
      t.insert(t.end(), y.begin(), y.end());
    }
  }
  return out;
}

class WhoCanRun {
 public:
  WhoCanRun(const World& world, const WhoCanOptions& options) : world_(world), options_(options) {}

  // The principals that may do `action` on `resource`.
  void Direct(absl::string_view action, absl::string_view resource,
              std::vector<WhoCanEntry>* entries, std::vector<WhoCanError>* errors) {
    AskOptions ask;
    ask.overrides = options_.overrides;
    // The resource's own errors poison every answer: said once.
    absl::StatusOr<WorldQuestion> probe =
        world_.AskAs("arn:aws:iam::000000000000:role/any-principal", action, resource, ask);
    if (!probe->errors().empty()) {
      errors->push_back(WhoCanError{std::string(resource), probe->errors()[0]});
      return;
    }
    std::vector<Candidate> candidates;
    for (const auto& p : world_.principals()) {
      candidates.push_back(Candidate{p->arn,
                                     p->kind == WorldPrincipal::Kind::kRole ? WhoKind::kRole
                                                                            : WhoKind::kUser,
                                     p.get(), "", false});
    }
    for (const auto& [id, account] : world_.accounts()) {
      if (!account.has_folder) continue;
      candidates.push_back(Candidate{absl::StrCat("arn:aws:iam::", id, ":root"),
                                     WhoKind::kRoot, nullptr,
                                     absl::StrCat("arn:aws:iam::", id, ":root"), false});
    }
    OutsideCandidates(world_, probe->assembly().resource, &candidates);
    for (const Candidate& c : candidates) Decide(c, action, resource, ask, entries, errors);
  }

  void ViaAssumeRole(std::vector<WhoCanEntry>* entries, std::vector<WhoCanError>* errors) {
    // A principal listed directly needs no chain; otherwise each distinct
    // chain is listed (111111111111 may reach both accounts' admin roles).
    std::set<std::string> direct, chains;
    for (const WhoCanEntry& e : *entries) direct.insert(e.principal);
    std::map<std::string, std::vector<WhoCanEntry>> assumers_of;  // By role, asked once.
    std::deque<size_t> queue;
    for (size_t i = 0; i < entries->size(); ++i) queue.push_back(i);
    while (!queue.empty()) {
      const WhoCanEntry target = (*entries)[queue.front()];
      queue.pop_front();
      if (target.kind != WhoKind::kRole || target.via.size() + 1 > options_.max_chain) {
        continue;
      }
      const WorldPrincipal* role = world_.FindPrincipalByArn(target.principal);
      if (role == nullptr) continue;  // Outside the world: its trust policy is unknown.
      auto [it, fresh] = assumers_of.emplace(role->arn, std::vector<WhoCanEntry>());
      if (fresh) Direct("sts:AssumeRole", role->arn, &it->second, errors);
      for (WhoCanEntry a : it->second) {
        if (direct.count(a.principal) != 0 || a.principal == target.principal ||
            std::find(target.via.begin(), target.via.end(), a.principal) != target.via.end()) {
          continue;  // Listed directly, or a cycle.
        }
        if (!chains.insert(absl::StrCat(a.principal, " ", target.principal, " ",
                                        absl::StrJoin(target.via, " ")))
                 .second) {
          continue;
        }
        a.via.push_back(target.principal);
        a.via.insert(a.via.end(), target.via.begin(), target.via.end());
        a.alternatives = Product(a.alternatives, target.alternatives);
        entries->push_back(std::move(a));
        queue.push_back(entries->size() - 1);
      }
    }
  }

 private:
  void Decide(const Candidate& c, absl::string_view action, absl::string_view resource,
              AskOptions ask, std::vector<WhoCanEntry>* entries,
              std::vector<WhoCanError>* errors) {
    const std::string candidate_action = ActionFor(c, action);
    ask.outside_identity_allows = c.outside;
    absl::StatusOr<WorldQuestion> q =
        c.world_principal != nullptr
            ? world_.Ask(*c.world_principal, candidate_action, resource, ask)
            : world_.AskAs(c.caller, candidate_action, resource, ask);
    if (!q.ok()) return;
    if (!q->errors().empty()) {
      errors->push_back(WhoCanError{c.principal, q->errors()[0]});
      return;
    }
    PreparedRequest request;
    if (!PreparedRequest::Prepare(q->request(), &request).ok()) return;  // Not a possible caller.
    const ContextResolver resolver(request);
    const RequestContext& overrides = options_.overrides;
    auto is_free = [&](const ContextKey& key) {
      const std::string& k = key.lower_name;
      if (overrides.Find(k) != nullptr) return false;
      if (ResourceKey(k)) return false;
      if (c.outside || c.world_principal == nullptr) {
        if (c.kind == WhoKind::kRoot && PrincipalKey(k)) return false;  // A world root.
        if (PrincipalKey(k)) return !FixedForOutside(c.kind, k);
      } else {
        if (k == "aws:userid") return c.kind == WhoKind::kRole;  // Carries the session.
        if (PrincipalKey(k)) return false;
      }
      return !resolver.Lookup(key).present;
    };
    Residual r = DecideResidual(q->assembly(), request, is_free, options_.max_atoms);
    if (!r.status.ok()) {
      errors->push_back(WhoCanError{
          c.principal,
          MakeDiagnostic(Rule::kInputLimit, Location{}, std::string(r.status.message()))});
      return;
    }
    if (!r.allowed) return;
    WhoCanEntry& e = entries->emplace_back();
    e.principal = c.principal;
    e.kind = c.kind;
    e.alternatives = std::move(r.alternatives);
  }

  const World& world_;
  const WhoCanOptions& options_;
};

// The complement of a base operator where AWS has one.
std::optional<BaseOperator> Complement(BaseOperator base) {
  switch (base) {
    case BaseOperator::kStringEquals: return BaseOperator::kStringNotEquals;
    case BaseOperator::kStringNotEquals: return BaseOperator::kStringEquals;
    case BaseOperator::kStringEqualsIgnoreCase: return BaseOperator::kStringNotEqualsIgnoreCase;
    case BaseOperator::kStringNotEqualsIgnoreCase: return BaseOperator::kStringEqualsIgnoreCase;
    case BaseOperator::kStringLike: return BaseOperator::kStringNotLike;
    case BaseOperator::kStringNotLike: return BaseOperator::kStringLike;
    case BaseOperator::kNumericEquals: return BaseOperator::kNumericNotEquals;
    case BaseOperator::kNumericNotEquals: return BaseOperator::kNumericEquals;
    case BaseOperator::kDateEquals: return BaseOperator::kDateNotEquals;
    case BaseOperator::kDateNotEquals: return BaseOperator::kDateEquals;
    case BaseOperator::kIpAddress: return BaseOperator::kNotIpAddress;
    case BaseOperator::kNotIpAddress: return BaseOperator::kIpAddress;
    case BaseOperator::kArnEquals: return BaseOperator::kArnNotEquals;
    case BaseOperator::kArnNotEquals: return BaseOperator::kArnEquals;
    case BaseOperator::kArnLike: return BaseOperator::kArnNotLike;
    case BaseOperator::kArnNotLike: return BaseOperator::kArnLike;
    default: return std::nullopt;
  }
}

int KindOrder(WhoKind kind) {
  switch (kind) {
    case WhoKind::kRoot:
    case WhoKind::kRole:
    case WhoKind::kUser:
    case WhoKind::kSession:
      return 0;
    default:
      return 1;
  }
}

}  // namespace

absl::string_view WhoKindName(WhoKind kind) {
  switch (kind) {
    case WhoKind::kRole: return "role";
    case WhoKind::kUser: return "user";
    case WhoKind::kRoot: return "root";
    case WhoKind::kSession: return "session";
    case WhoKind::kFederated: return "federated";
    case WhoKind::kAccount: return "account";
    case WhoKind::kService: return "service";
    case WhoKind::kAnyone: return "anyone";
  }
  return "?";
}

ConditionAtom DescribeLiteral(const ResidualLiteral& literal) {
  const CompiledCondition& c = *literal.condition;
  ConditionAtom atom;
  atom.key = c.key.name;
  for (const ConditionValue& v : c.values) atom.values.push_back(v.text);
  atom.op = ConditionOperatorName(c.op);
  if (literal.holds) return atom;
  if (c.op.base == BaseOperator::kNull && atom.values.size() == 1 &&
      (atom.values[0] == "true" || atom.values[0] == "false")) {
    atom.values[0] = atom.values[0] == "true" ? "false" : "true";
    return atom;
  }
  const std::optional<BaseOperator> complement = Complement(c.op.base);
  if (c.op.if_exists || !complement) {
    atom.op = absl::StrCat("Not:", atom.op);
    return atom;
  }
  const absl::string_view qualifier = c.op.qualifier == SetQualifier::kForAnyValue ? "ForAllValues:"
                                      : c.op.qualifier == SetQualifier::kForAllValues
                                          ? "ForAnyValue:"
                                          : "";
  atom.op = absl::StrCat(qualifier, BaseOperatorName(*complement));
  return atom;
}

WhoCanResult WhoCan(const World& world, absl::string_view action, absl::string_view resource,
                    const WhoCanOptions& options) {
  WhoCanResult result;
  WhoCanRun run(world, options);
  run.Direct(action, resource, &result.principals, &result.errors);
  auto order = [](const WhoCanEntry& a, const WhoCanEntry& b) {
    if (a.via.size() != b.via.size()) return a.via.size() < b.via.size();
    if (KindOrder(a.kind) != KindOrder(b.kind)) return KindOrder(a.kind) < KindOrder(b.kind);
    return a.principal < b.principal;
  };
  std::sort(result.principals.begin(), result.principals.end(), order);
  if (options.via_assume_role) {
    run.ViaAssumeRole(&result.principals, &result.errors);
    std::stable_sort(result.principals.begin(), result.principals.end(), order);
  }
  return result;
}

}  // namespace iamsim
