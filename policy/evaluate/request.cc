#include "policy/evaluate/request.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "policy/arn/principal_arn.h"
#include "policy/diagnostics/diagnostic.h"
#include "policy/diagnostics/limits.h"

namespace iamsim {
namespace {

// AWS service prefixes and action names are letters, digits and "-"
// (service reference: "vpc-lattice", "AssociateViaAWSService-EventsAndStates").
struct ActionChars {
  bool allowed[256] = {};
  constexpr ActionChars() {
    for (int c = 'a'; c <= 'z'; ++c) allowed[c] = allowed[c - 'a' + 'A'] = true;
    for (int c = '0'; c <= '9'; ++c) allowed[c] = true;
    allowed[static_cast<unsigned char>('-')] = allowed[static_cast<unsigned char>('_')] = true;
  }
};
constexpr ActionChars kActionChars;

// The position of the one colon of "service:Action", or npos when `action`
// is not of that form.
size_t ActionColon(absl::string_view action) {
  size_t colon = absl::string_view::npos;
  for (size_t i = 0; i < action.size(); ++i) {
    const auto c = static_cast<unsigned char>(action[i]);
    if (kActionChars.allowed[c]) continue;
    if (c != ':' || colon != absl::string_view::npos) return absl::string_view::npos;
    colon = i;
  }
  if (colon == 0 || colon + 1 == action.size()) return absl::string_view::npos;
  return colon;
}

}  // namespace

void RequestContext::Put(absl::string_view key, ContextEntry entry) {
  std::string lower = absl::AsciiStrToLower(key);
  if (ContextEntry* existing = const_cast<ContextEntry*>(Find(lower))) {
    *existing = std::move(entry);
    return;
  }
  entries_.emplace_back(std::move(lower), std::move(entry));
  // Small contexts are scanned; past kIndexAbove keys an index is kept, built
  // once and then extended (linear in the number of keys overall).
  if (entries_.size() == kIndexAbove + 1) {
    for (size_t i = 0; i < entries_.size(); ++i) index_.emplace(entries_[i].first, i);
  } else if (entries_.size() > kIndexAbove + 1) {
    index_.emplace(entries_.back().first, entries_.size() - 1);
  }
}

void RequestContext::Set(absl::string_view key, std::string value) {
  Put(key, ContextEntry{std::string(key), {std::move(value)}, false});
}

void RequestContext::SetList(absl::string_view key, std::vector<std::string> values) {
  Put(key, ContextEntry{std::string(key), std::move(values), true});
}

const ContextEntry* RequestContext::Find(absl::string_view lower_key) const {
  if (entries_.size() > kIndexAbove) {
    auto it = index_.find(lower_key);
    return it == index_.end() ? nullptr : &entries_[it->second].second;
  }
  for (const auto& [key, entry] : entries_) {
    if (key.size() == lower_key.size() && key == lower_key) return &entry;
  }
  return nullptr;
}

std::vector<const ContextEntry*> RequestContext::Entries() const {
  std::vector<const ContextEntry*> out;
  for (const auto& entry : entries_) out.push_back(&entry.second);
  return out;
}

absl::string_view CallerTypeName(CallerType type) {
  switch (type) {
    case CallerType::kUser:
      return "User";
    case CallerType::kRole:
      return "AssumedRole";
    case CallerType::kFederatedUser:
      return "FederatedUser";
    case CallerType::kRoot:
      return "Account";
    case CallerType::kService:
      return "AWSService";
    case CallerType::kAnonymous:
      return "Anonymous";
  }
  return "?";
}

namespace {

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
  out->contexts_ = {request.context, request.principal_context, request.resource_context};
  out->context_layers_ = request.resource_context != nullptr    ? 3
                         : request.principal_context != nullptr ? 2
                         : request.context != nullptr           ? 1
                                                                : 0;
  absl::Status status = out->PrepareCaller(request);
  if (status.ok()) status = out->PrepareAction(request.action);
  if (status.ok()) status = out->PrepareResource(request);
  return status;
}

absl::Status PreparedRequest::PrepareCaller(const Request& request) {
  // Reset from a constant: a temporary Caller() would be built on the stack
  // and copied, which stalls.
  static const Caller kNoCaller;
  Caller& caller = caller_;
  caller = kNoCaller;
  caller.arn = request.principal;
  caller.derive_keys = request.derive_principal_keys;
  const absl::string_view principal = request.principal;
  if (principal.empty()) return absl::InvalidArgumentError("request.principal is empty");
  if (principal.size() > kMaxPrincipalBytes) {
    return absl::InvalidArgumentError(absl::StrCat("request.principal is ", principal.size(),
                                                   " bytes; iamsim's limit is ",
                                                   kMaxPrincipalBytes));
  }
  if (principal.size() == 9 && absl::EqualsIgnoreCase(principal, "anonymous")) {
    caller.type = CallerType::kAnonymous;
  } else if (!absl::StartsWith(principal, "arn:")) {
    if (FindChar(principal, '.') == absl::string_view::npos || ContainsAnyOf(principal, " */:")) {
      return absl::InvalidArgumentError(absl::StrCat("request.principal ", Quote(principal),
                                                     " is not a principal: ", kPrincipalForms));
    }
    caller.type = CallerType::kService;
    caller.name = principal;
  } else {
    std::optional<PrincipalArn> arn = ParsePrincipalArn(principal);
    if (!arn) {
      return absl::InvalidArgumentError(absl::StrCat("request.principal ", Quote(principal), ": ",
                                                     PrincipalArnProblem(principal)));
    }
    caller.partition = arn->partition;
    caller.partition_id = PartitionId(arn->partition);
    caller.account = arn->account;
    caller.name = arn->name;
    switch (arn->kind) {
      case PrincipalArnKind::kRoot:
        caller.type = CallerType::kRoot;
        caller.principal_arn = principal;
        break;
      case PrincipalArnKind::kUser:
        caller.type = CallerType::kUser;
        caller.principal_arn = principal;
        break;
      case PrincipalArnKind::kRole:
        caller.type = CallerType::kRole;
        caller.principal_arn = principal;
        break;
      case PrincipalArnKind::kAssumedRole:
        caller.type = CallerType::kRole;
        caller.session_name = arn->session;
        caller.principal_arn =
            Store({"arn:", arn->partition, ":iam::", arn->account, ":role/", caller.name},
                  role_arn_buffer_, sizeof(role_arn_buffer_), &role_arn_overflow_);
        break;
      case PrincipalArnKind::kFederatedUser:
        caller.type = CallerType::kFederatedUser;
        caller.principal_arn = principal;
        break;
    }
    if (caller.type == CallerType::kRole) {
      // The request may name the role ARN with its path (session ARNs lack it).
      absl::string_view role_path = arn->path;
      {
        if (const ContextEntry* e = FindContext("aws:principalarn");
            e != nullptr && e->values.size() == 1) {
          caller.principal_arn = e->values[0];
          std::optional<PrincipalArn> role = ParsePrincipalArn(caller.principal_arn);
          role_path = role ? role->path : absl::string_view();
        }
      }
      caller.service_linked_role = absl::StartsWith(role_path, "aws-service-role/") ||
                                   absl::StartsWith(caller.name, "AWSServiceRoleFor");
    }
    {
      if (const ContextEntry* e = FindContext("aws:userid");
          e != nullptr && e->values.size() == 1) {
        const absl::string_view userid = e->values[0];
        caller.unique_id = userid.substr(0, FindChar(userid, ':'));
      }
    }
  }
  return absl::OkStatus();
}

absl::Status PreparedRequest::PrepareAction(absl::string_view action) {
  if (action.size() > kMaxActionBytes) {
    return absl::InvalidArgumentError(absl::StrCat("request.action is ", action.size(),
                                                   " bytes; iamsim's limit is ", kMaxActionBytes));
  }
  const size_t colon = ActionColon(action);
  if (colon == absl::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        "request.action ", Quote(action),
        " is not an action; write \"service:Action\" (one colon; letters, digits and - only), "
        "for example \"lambda:InvokeFunction\" (no wildcards)"));
  }
  action_ = action;
  char* lower = action_buffer_;
  if (action.size() > sizeof(action_buffer_)) {
    action_overflow_.assign(action.data(), action.size());
    lower = &action_overflow_[0];
  }
  LowerAsciiInto(action, lower);
  action_lower_ = absl::string_view(lower, action.size());
  service_lower_ = action_lower_.substr(0, colon);
  action_name_lower_ = action_lower_.substr(colon + 1);
  return absl::OkStatus();
}

absl::Status PreparedRequest::PrepareResource(const Request& request) {
  resource_ = request.resource;
  if (request.resource.size() > kMaxResourceBytes) {
    return absl::InvalidArgumentError(absl::StrCat("request.resource is ", request.resource.size(),
                                                   " bytes; iamsim's limit is ",
                                                   kMaxResourceBytes));
  }
  if (request.resource.empty()) {
    return absl::InvalidArgumentError(
        "request.resource is empty; use an ARN, or \"*\" for "
        "actions that take no resource");
  }
  resource_service_ = absl::string_view();
  resource_account_ = request.resource_account;
  resource_is_arn_ = false;
  if (request.resource != "*") {
    ArnParts& parts = resource_parts_;
    // '*' and '?' are ordinary characters of a resource name (an S3 key may
    // hold them); in the other fields they would be patterns.
    const bool valid =
        SplitArn(request.resource, &parts) && parts[0] == "arn" && !parts[1].empty() &&
        !parts[2].empty() && !parts[5].empty() && (parts[4].empty() || IsAccountId(parts[4])) &&
        !ContainsAnyOf(request.resource.substr(0, request.resource.size() - parts[5].size()), "*?");
    if (!valid) {
      return absl::InvalidArgumentError(absl::StrCat("request.resource ", Quote(request.resource),
                                                     ": ", ArnProblem(request.resource)));
    }
    resource_is_arn_ = true;
    resource_service_ = parts[2];
    if (resource_account_.empty()) resource_account_ = parts[4];
  }
  if (!request.resource_account.empty() && !IsAccountId(request.resource_account)) {
    return absl::InvalidArgumentError(absl::StrCat("request.resourceAccount ",
                                                   Quote(request.resource_account),
                                                   " is not a 12-digit account id"));
  }
  caller_.in_resource_partition =
      !resource_is_arn_ || !caller_.is_iam() || resource_parts_[1] == caller_.partition;
  // AWS's simulator assumes the caller owns a resource whose owner is not given.
  if (resource_account_.empty()) resource_account_ = caller_.account;
  return absl::OkStatus();
}

}  // namespace iamsim
