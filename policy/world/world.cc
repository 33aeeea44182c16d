// World: principal and function lookups, and questions.
#include "policy/world/world.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "policy/arn/arn.h"
#include "policy/arn/principal_arn.h"

namespace iamsim {

namespace {

// The region of a regional resource ARN ("" for global ones and "*").
absl::string_view RegionOf(absl::string_view resource) {
  ArnParts parts;
  if (!SplitArn(resource, &parts) || parts[0] != "arn") return "";
  return parts[3];
}

}  // namespace

void World::FinishContexts() {
  for (auto& [id, account] : accounts_) {
    if (organization_id_.empty() || account.org_path.empty()) continue;
    account.principal_context.Set("aws:PrincipalOrgID", organization_id_);
    account.principal_context.SetList("aws:PrincipalOrgPaths", {account.org_path});
  }
  for (auto& p : principals_) {
    RequestContext& c = p->context;
    for (const auto& [key, value] : p->tags) c.Set(absl::StrCat("aws:PrincipalTag/", key), value);
    auto account = accounts_.find(p->account);
    if (!organization_id_.empty() && account != accounts_.end() &&
        !account->second.org_path.empty()) {
      c.Set("aws:PrincipalOrgID", organization_id_);
      c.SetList("aws:PrincipalOrgPaths", {account->second.org_path});
    }
    if (p->kind == WorldPrincipal::Kind::kUser) {
      c.Set("aws:userid", p->unique_id);
    } else {
      // A session with the default name; other names override both.
      p->session_arn = absl::StrCat("arn:aws:sts::", p->account, ":assumed-role/", p->name, "/",
                                    kDefaultSessionName);
      c.Set("aws:userid", absl::StrCat(p->unique_id, ":", kDefaultSessionName));
    }
    c.Set("aws:PrincipalArn", p->arn);  // With its path (a session ARN has none).
  }
  for (auto& f : functions_) {
    RequestContext& c = f->context;
    c.Set("aws:ResourceAccount", f->account);
    auto account = accounts_.find(f->account);
    if (!organization_id_.empty() && account != accounts_.end() &&
        !account->second.org_path.empty()) {
      c.Set("aws:ResourceOrgID", organization_id_);
      c.SetList("aws:ResourceOrgPaths", {account->second.org_path});
    }
    c.Set("aws:RequestedRegion", f->region);
  }
}

PrincipalLookup World::FindPrincipal(absl::string_view spec) const {
  PrincipalLookup out;
  if (absl::StartsWith(spec, "arn:")) {
    std::optional<PrincipalArn> arn = ParsePrincipalArn(spec);
    if (!arn) {
      out.error = absl::StrCat(Quote(spec), ": ", PrincipalArnProblem(spec));
      return out;
    }
    if (arn->kind == PrincipalArnKind::kAssumedRole) {
      // A session of a role: the role by account and name (session ARNs
      // have no path).
      for (const auto& p : principals_) {
        if (p->kind == WorldPrincipal::Kind::kRole && p->account == arn->account &&
            p->name == arn->name) {
          out.candidates.push_back(p.get());
        }
      }
    } else if (const WorldPrincipal* p = FindPrincipalByArn(spec)) {
      out.candidates.push_back(p);
    }
  } else {
    // [ACCOUNT:]role/[PATH/]NAME or [ACCOUNT:]user/[PATH/]NAME
    absl::string_view rest = spec;
    std::string account;
    if (rest.size() > 13 && rest[12] == ':' && IsAccountId(rest.substr(0, 12))) {
      account = std::string(rest.substr(0, 12));
      rest.remove_prefix(13);
    }
    const bool role = absl::StartsWith(rest, "role/");
    const bool user = absl::StartsWith(rest, "user/");
    if (!role && !user) {
      out.error = absl::StrCat(
          Quote(spec),
          " is not a principal: give an ARN, or role/NAME, user/NAME, ACCOUNT:role/NAME");
      return out;
    }
    const absl::string_view name_and_path = rest.substr(5);
    for (const auto& p : principals_) {
      if ((p->kind == WorldPrincipal::Kind::kRole) != role) continue;
      if (!account.empty() && p->account != account) continue;
      // By name, or by path and name ("role/service-role/x").
      if (p->name == name_and_path || absl::EndsWith(p->arn, absl::StrCat("/", name_and_path))) {
        out.candidates.push_back(p.get());
      }
    }
  }
  if (out.candidates.size() == 1) {
    out.principal = out.candidates[0];
  } else if (out.candidates.empty()) {
    out.error = absl::StrCat("no principal ", Quote(spec), " in the world");
  } else {
    std::vector<std::string> arns;
    for (const WorldPrincipal* p : out.candidates) arns.push_back(p->arn);
    out.error = absl::StrCat(Quote(spec), " is ambiguous: ", absl::StrJoin(arns, ", "),
                             "; give the account (ACCOUNT:role/NAME) or the ARN");
  }
  return out;
}

const WorldPrincipal* World::FindPrincipalByArn(absl::string_view arn) const {
  auto it = by_arn_.find(arn);
  return it == by_arn_.end() ? nullptr : it->second;
}

const WorldAccount* World::FindAccount(absl::string_view id) const {
  auto it = accounts_.find(std::string(id));
  return it == accounts_.end() ? nullptr : &it->second;
}

const WorldFunction* World::FindFunction(absl::string_view spec, std::string* qualifier) const {
  std::string ignored;
  if (qualifier == nullptr) qualifier = &ignored;
  qualifier->clear();
  absl::string_view name = spec;
  absl::string_view account, region;
  ArnParts parts;
  if (absl::StartsWith(spec, "arn:")) {
    if (!SplitArn(spec, &parts) || parts[2] != "lambda") return nullptr;
    region = parts[3];
    account = parts[4];
    absl::string_view resource = parts[5];
    if (!absl::ConsumePrefix(&resource, "function:")) return nullptr;
    name = resource;
  }
  const size_t colon = name.find(':');
  if (colon != absl::string_view::npos) {
    *qualifier = std::string(name.substr(colon + 1));
    name = name.substr(0, colon);
  }
  auto it = functions_by_name_.find(name);
  if (it == functions_by_name_.end()) return nullptr;
  for (const WorldFunction* f : it->second) {
    if (!account.empty() && (f->account != account || f->region != region)) continue;
    return f;
  }
  return nullptr;
}

void World::FillResource(absl::string_view resource, WorldQuestion* q) const {
  q->resource_ = std::string(resource);
  std::string qualifier;
  const WorldFunction* function = FindFunction(resource, &qualifier);
  RequestContext& own = q->resource_context_;
  if (const WorldPrincipal* role = FindPrincipalByArn(resource);
      role != nullptr && role->kind == WorldPrincipal::Kind::kRole) {
    // A role as a resource (sts:AssumeRole...): its trust policy.
    if (absl::StartsWithIgnoreCase(q->action_, "sts:")) q->resource_policy_ = role->trust;
    q->resource_account_ = role->account;
    if (q->caller_ != role) {
      q->errors_.insert(q->errors_.end(), role->errors.begin(), role->errors.end());
    }
  } else if (function != nullptr) {
    q->resource_account_ = function->account;
    q->errors_.insert(q->errors_.end(), function->errors.begin(), function->errors.end());
    q->resource_context_ptr_ = &function->context;  // Computed once per function.
    q->target_ = function->Target(qualifier);
    if (q->target_ != nullptr) {
      q->resource_policy_ = q->target_->policy;
      // The function URL's auth type is what a URL invocation carries.
      if (q->target_->url && absl::EqualsIgnoreCase(q->action_, "lambda:InvokeFunctionUrl")) {
        own = function->context;
        own.Set("lambda:FunctionUrlAuthType", q->target_->url->auth_type);
        q->resource_context_ptr_ = nullptr;  // Its own.
      }
    }
  }
  // What the world knows of the resource's account.
  ArnParts parts;
  std::string account = q->resource_account_;
  if (account.empty() && SplitArn(resource, &parts) && IsAccountId(parts[4])) {
    account = std::string(parts[4]);
  }
  const WorldAccount* known = account.empty() ? nullptr : FindAccount(account);
  if (known != nullptr && !known->rcp.levels.empty()) q->rcp_ = &known->rcp;
  if (q->resource_context_ptr_ != nullptr || q->target_ != nullptr) return;
  if (!account.empty()) {
    own.Set("aws:ResourceAccount", account);
    if (known != nullptr && !known->org_path.empty()) {
      own.Set("aws:ResourceOrgID", organization_id_);
      own.SetList("aws:ResourceOrgPaths", {known->org_path});
    }
  }
  const absl::string_view region = RegionOf(resource);
  if (!region.empty() && region != "*") own.Set("aws:RequestedRegion", std::string(region));
}

absl::StatusOr<WorldQuestion> World::Ask(const WorldPrincipal& caller, absl::string_view action,
                                         absl::string_view resource,
                                         const AskOptions& options) const {
  WorldQuestion q;
  q.world_ = this;
  q.store_ = options.session_store != nullptr ? options.session_store : store_.get();
  q.caller_ = &caller;
  q.action_ = std::string(action);
  q.errors_ = caller.errors;
  if (caller.kind == WorldPrincipal::Kind::kRole) {
    if (options.session_name == kDefaultSessionName) {
      q.principal_arn_ = caller.session_arn;  // aws:userid is in its context.
    } else {
      q.principal_arn_ = absl::StrCat("arn:aws:sts::", caller.account, ":assumed-role/",
                                      caller.name, "/", options.session_name);
      q.context_.Set("aws:userid", absl::StrCat(caller.unique_id, ":", options.session_name));
    }
    for (const auto& [key, value] : options.session_tags) {
      q.context_.Set(absl::StrCat("aws:PrincipalTag/", key), value);
    }
    if (options.session_policy != nullptr) {
      q.session_.push_back(options.session_policy);
      q.session_policy_text_ = options.session_policy_text;
    }
  } else {
    q.principal_arn_ = caller.arn;
  }
  q.identity_ = caller.identity;
  q.boundary_ = caller.boundary;
  q.principal_context_ = &caller.context;
  auto account = accounts_.find(caller.account);
  if (account != accounts_.end() && !account->second.scp.levels.empty()) {
    q.scp_ = &account->second.scp;
  }
  FillResource(resource, &q);
  // --context overrides what the world determines (the first layer wins).
  for (const ContextEntry* e : options.overrides.Entries()) {
    if (e->multivalued) {
      q.context_.SetList(e->name, e->values);
    } else {
      q.context_.Set(e->name, e->values.empty() ? "" : e->values[0]);
    }
  }
  return q;
}

absl::StatusOr<WorldQuestion> World::AskAs(absl::string_view principal, absl::string_view action,
                                           absl::string_view resource,
                                           const AskOptions& options) const {
  WorldQuestion q;
  q.world_ = this;
  q.store_ = store_.get();
  q.action_ = std::string(action);
  q.principal_arn_ = std::string(principal);
  if (std::optional<PrincipalArn> arn = ParsePrincipalArn(principal)) {
    if (const WorldAccount* account = FindAccount(arn->account)) {
      q.principal_context_ = &account->principal_context;
      if (!account->scp.levels.empty()) q.scp_ = &account->scp;
    }
  }
  if (options.outside_identity_allows) q.identity_.push_back(outside_identity_);
  FillResource(resource, &q);
  for (const ContextEntry* e : options.overrides.Entries()) {
    if (e->multivalued) {
      q.context_.SetList(e->name, e->values);
    } else {
      q.context_.Set(e->name, e->values.empty() ? "" : e->values[0]);
    }
  }
  return q;
}

absl::string_view WorldQuestion::PolicyText(const CompiledPolicy& policy) const {
  if (!session_.empty() && &policy == session_[0]) return session_policy_text_;
  return world_->PolicyText(policy.id());
}

Assembly WorldQuestion::assembly() const {
  Assembly a;
  a.store = store_;
  a.identity = identity_;
  a.resource = resource_policy_;
  a.boundary = boundary_;
  a.session = session_;
  a.scp = scp_;
  a.rcp = rcp_;
  a.management_account = world_->management_account();
  return a;
}

Request WorldQuestion::request() const {
  Request r{principal_arn_, action_, resource_, resource_account_, &context_};
  r.principal_context = principal_context_;
  // Not a pointer kept in the question: questions are moved.
  r.resource_context = resource_context_ptr_ != nullptr ? resource_context_ptr_ : &resource_context_;
  return r;
}

}  // namespace iamsim
