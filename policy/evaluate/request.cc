#include "policy/evaluate/request.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace iamsim {

void RequestContext::Set(absl::string_view key, std::string value) {
  entries_[absl::AsciiStrToLower(key)] = ContextEntry{std::string(key), {std::move(value)}, false};
}

void RequestContext::SetList(absl::string_view key, std::vector<std::string> values) {
  entries_[absl::AsciiStrToLower(key)] = ContextEntry{std::string(key), std::move(values), true};
}

const ContextEntry* RequestContext::Find(absl::string_view lower_key) const {
  auto it = entries_.find(lower_key);
  return it == entries_.end() ? nullptr : &it->second;
}

std::vector<const ContextEntry*> RequestContext::Sorted() const {
  std::vector<std::pair<absl::string_view, const ContextEntry*>> keyed;
  for (const auto& [key, entry] : entries_) keyed.emplace_back(key, &entry);
  std::sort(keyed.begin(), keyed.end());
  std::vector<const ContextEntry*> out;
  for (const auto& [key, entry] : keyed) out.push_back(entry);
  return out;
}

absl::string_view CallerTypeName(CallerType type) {
  switch (type) {
    case CallerType::kUser: return "User";
    case CallerType::kRole: return "AssumedRole";
    case CallerType::kFederatedUser: return "FederatedUser";
    case CallerType::kRoot: return "Account";
    case CallerType::kService: return "AWSService";
    case CallerType::kAnonymous: return "Anonymous";
  }
  return "?";
}

namespace {

absl::string_view LastComponent(absl::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == absl::string_view::npos ? path : path.substr(slash + 1);
}

constexpr absl::string_view kPrincipalForms =
    "a principal is an IAM user, role or root ARN (arn:aws:iam::ACCOUNT:user/NAME), a role "
    "session (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION), a federated user "
    "(arn:aws:sts::ACCOUNT:federated-user/NAME), a service principal "
    "(\"apigateway.amazonaws.com\") or \"anonymous\"";

}  // namespace

absl::string_view PreparedRequest::Store(std::initializer_list<absl::string_view> pieces,
                                         char* buffer, size_t capacity, std::string* overflow) {
  size_t size = 0;
  for (absl::string_view piece : pieces) size += piece.size();
  if (size > capacity) {
    overflow->clear();
    for (absl::string_view piece : pieces) overflow->append(piece.data(), piece.size());
    return *overflow;
  }
  char* end = buffer;
  for (absl::string_view piece : pieces) {
    std::memcpy(end, piece.data(), piece.size());
    end += piece.size();
  }
  return absl::string_view(buffer, size);
}

absl::Status PreparedRequest::Prepare(const Request& request, PreparedRequest* out) {
  Caller& caller = out->caller_;
  caller = Caller();
  caller.arn = request.principal;
  out->context_ = request.context;
  const absl::string_view principal = request.principal;
  if (principal.empty()) return absl::InvalidArgumentError("request.principal is empty");
  if (absl::EqualsIgnoreCase(principal, "anonymous")) {
    caller.type = CallerType::kAnonymous;
  } else if (!absl::StartsWith(principal, "arn:")) {
    if (principal.find('.') == absl::string_view::npos ||
        principal.find_first_of(" */:") != absl::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("request.principal \"", principal, "\" is not a principal: ", kPrincipalForms));
    }
    caller.type = CallerType::kService;
    caller.name = principal;
  } else {
    std::optional<Arn> arn = ParseArn(principal);
    const std::string problem = ArnProblem(principal);
    if (!arn || !problem.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("request.principal \"", principal,
                                                     "\": ", problem.empty() ? kPrincipalForms : problem));
    }
    caller.partition = arn->partition;
    caller.account = arn->account;
    absl::string_view resource = arn->resource;
    bool known = false;
    if (arn->service == "iam" && IsAccountId(arn->account)) {
      if (resource == "root") {
        caller.type = CallerType::kRoot;
        caller.principal_arn = principal;
        known = true;
      } else if (absl::StartsWith(resource, "user/") && resource.size() > 5) {
        caller.type = CallerType::kUser;
        caller.name = LastComponent(resource);
        caller.principal_arn = principal;
        known = true;
      } else if (absl::StartsWith(resource, "role/") && resource.size() > 5) {
        caller.type = CallerType::kRole;
        caller.name = LastComponent(resource);
        caller.principal_arn = principal;
        known = true;
      }
    } else if (arn->service == "sts" && IsAccountId(arn->account)) {
      if (absl::ConsumePrefix(&resource, "assumed-role/")) {
        const size_t slash = resource.find('/');
        if (slash != absl::string_view::npos && slash > 0 && slash + 1 < resource.size()) {
          caller.type = CallerType::kRole;
          caller.name = resource.substr(0, slash);
          caller.session_name = resource.substr(slash + 1);
          caller.principal_arn =
              out->Store({"arn:", arn->partition, ":iam::", arn->account, ":role/", caller.name},
                         out->role_arn_buffer_,
                         sizeof(out->role_arn_buffer_), &out->role_arn_overflow_);
          known = true;
        }
      } else if (absl::ConsumePrefix(&resource, "federated-user/") && !resource.empty()) {
        caller.type = CallerType::kFederatedUser;
        caller.name = resource;
        caller.principal_arn = principal;
        known = true;
      }
    }
    if (!known) {
      return absl::InvalidArgumentError(
          absl::StrCat("request.principal \"", principal, "\": ", kPrincipalForms));
    }
    // The request may name the role ARN with its path (session ARNs lack it).
    if (caller.type == CallerType::kRole && request.context != nullptr) {
      if (const ContextEntry* e = request.context->Find("aws:principalarn");
          e != nullptr && e->values.size() == 1) {
        caller.principal_arn = e->values[0];
      }
    }
    caller.service_linked_role =
        caller.type == CallerType::kRole &&
        (absl::StrContains(caller.principal_arn, ":role/aws-service-role/") ||
         absl::StartsWith(caller.name, "AWSServiceRoleFor"));
  }

  const absl::string_view action = request.action;
  const size_t colon = action.find(':');
  if (colon == absl::string_view::npos || colon == 0 || colon + 1 == action.size() ||
      action.find_first_of("*? ") != absl::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        "request.action \"", action, "\" is not an action; write \"service:Action\", for example "
        "\"lambda:InvokeFunction\" (no wildcards)"));
  }
  out->action_ = action;
  char* lower = out->action_buffer_;
  if (action.size() > sizeof(out->action_buffer_)) {
    out->action_overflow_.assign(action.data(), action.size());
    lower = &out->action_overflow_[0];
  }
  for (size_t i = 0; i < action.size(); ++i) lower[i] = absl::ascii_tolower(action[i]);
  out->action_lower_ = absl::string_view(lower, action.size());
  out->service_lower_ = out->action_lower_.substr(0, colon);
  out->action_name_lower_ = out->action_lower_.substr(colon + 1);

  out->resource_ = request.resource;
  if (request.resource.empty()) {
    return absl::InvalidArgumentError("request.resource is empty; use an ARN, or \"*\" for "
                                      "actions that take no resource");
  }
  out->resource_service_ = absl::string_view();
  out->resource_account_ = request.resource_account;
  if (request.resource != "*") {
    std::optional<Arn> arn = ParseArn(request.resource);
    const std::string problem = ArnProblem(request.resource);
    if (!arn || !problem.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("request.resource \"", request.resource,
                                                     "\": ", problem));
    }
    out->resource_service_ = arn->service;
    if (out->resource_account_.empty()) out->resource_account_ = arn->account;
  }
  if (!out->resource_account_.empty() && !IsAccountId(out->resource_account_)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "request.resourceAccount \"", out->resource_account_, "\" is not a 12-digit account id"));
  }
  // AWS's simulator assumes the caller owns a resource whose owner is not given.
  if (out->resource_account_.empty()) out->resource_account_ = caller.account;
  return absl::OkStatus();
}

}  // namespace iamsim
