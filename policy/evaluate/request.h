// File: policy/evaluate/request.h
//
// An authorization question: who (principal), does what (action), to what
// (resource, owned by resource_account), with which request context.
//
//   RequestContext context;
//   context.Set("aws:SourceArn", "arn:aws:execute-api:us-east-1:444455556666:abc/prod/GET/");
//   Request request{"apigateway.amazonaws.com", "lambda:InvokeFunction",
//                   "arn:aws:lambda:us-east-1:444455556666:function:QiitaSample", "", &context};
//   PreparedRequest prepared;
//   absl::Status status = PreparedRequest::Prepare(request, &prepared);
//
// Principals: an IAM user, role or root ARN; a role session
// (arn:aws:sts::A:assumed-role/ROLE/SESSION); a federated user session
// (arn:aws:sts::A:federated-user/NAME); a service principal
// ("apigateway.amazonaws.com"); or "anonymous" for an unsigned request.
// A role ARN stands for a session of that role whose name is unknown.
//
// Ownership: Request and PreparedRequest hold views; the strings and the
// RequestContext they refer to must outlive them. PreparedRequest is neither
// copyable nor movable (it may point into itself). Preparing never allocates
// for ARNs shorter than 256 bytes.
#ifndef IAMSIM_POLICY_EVALUATE_REQUEST_H_
#define IAMSIM_POLICY_EVALUATE_REQUEST_H_

#include <array>
#include <initializer_list>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "policy/arn/arn.h"

namespace iamsim {

struct ContextEntry {
  std::string name;  // As given.
  std::vector<std::string> values;
  bool multivalued = false;
};

// Request context keys, looked up case-insensitively.
// Thread-safety: const methods may be called concurrently.
class RequestContext {
 public:
  void Set(absl::string_view key, std::string value);
  void SetList(absl::string_view key, std::vector<std::string> values);
  // `lower_key` must be lower case.
  const ContextEntry* Find(absl::string_view lower_key) const;
  // Every entry, in the order set.
  std::vector<const ContextEntry*> Entries() const;
  bool empty() const { return entries_.empty(); }

 private:
  void Put(absl::string_view key, ContextEntry entry);

  // Requests carry a handful of keys: a linear scan beats hashing them. The
  // index is built only for large contexts.
  static constexpr size_t kIndexAbove = 8;
  std::vector<std::pair<std::string, ContextEntry>> entries_;  // Lower-case key.
  absl::flat_hash_map<std::string, size_t> index_;
};

struct Request {
  absl::string_view principal;
  absl::string_view action;
  absl::string_view resource;
  absl::string_view resource_account;  // Empty: the resource ARN's account, else the caller's.
  const RequestContext* context = nullptr;
  // Keys looked up when `context` lacks them, in order: what a world knows
  // about the caller (tags, organization) and about the resource. Either may
  // be null.
  const RequestContext* principal_context = nullptr;
  const RequestContext* resource_context = nullptr;
  // False when the principal only stands in for an unknown caller (AWS's
  // simulate-custom-policy without CallerArn): aws:PrincipalArn and the other
  // keys that follow from the principal are then absent unless `context`
  // gives them.
  bool derive_principal_keys = true;
};

enum class CallerType {
  kUser,           // IAM user
  kRole,           // A session of an IAM role
  kFederatedUser,  // GetFederationToken session
  kRoot,           // The account root user
  kService,        // An AWS service principal
  kAnonymous,      // Unsigned request
};

// "User", "AssumedRole", "FederatedUser", "Account", "AWSService", "Anonymous"
// (aws:PrincipalType values; AWSService is iamsim's name for service callers).
absl::string_view CallerTypeName(CallerType type);

struct Caller {
  CallerType type = CallerType::kAnonymous;
  absl::string_view arn;  // The principal as given.
  absl::string_view partition;
  uint8_t partition_id = 0;           // PartitionId(partition).
  bool in_resource_partition = true;  // The resource's partition is the caller's.
  absl::string_view account;          // Empty for services and anonymous.
  absl::string_view name;             // User, role, federated-user or service name.
  absl::string_view session_name;     // Role sessions.
  absl::string_view principal_arn;    // aws:PrincipalArn: the role ARN for role sessions.
  // The IAM unique id (AROA..., AIDA...): aws:userid up to its ':', when the
  // request gives aws:userid.
  absl::string_view unique_id;
  bool service_linked_role = false;
  bool derive_keys = true;  // Request::derive_principal_keys.
  bool is_iam() const { return type != CallerType::kService && type != CallerType::kAnonymous; }
};

class PreparedRequest {
 public:
  PreparedRequest() = default;
  PreparedRequest(const PreparedRequest&) = delete;
  PreparedRequest& operator=(const PreparedRequest&) = delete;

  // Validates `request` (InvalidArgument with a message naming the field)
  // and derives the caller, the lower-cased action and the resource account.
  static absl::Status Prepare(const Request& request, PreparedRequest* out);

  const Caller& caller() const { return caller_; }
  absl::string_view action() const { return action_; }              // As given.
  absl::string_view action_lower() const { return action_lower_; }  // "lambda:invokefunction"
  absl::string_view service_lower() const { return service_lower_; }
  absl::string_view action_name_lower() const { return action_name_lower_; }
  absl::string_view resource() const { return resource_; }
  absl::string_view resource_service() const { return resource_service_; }
  absl::string_view resource_account() const { return resource_account_; }
  // The resource ARN split into its six parts, when it is an ARN.
  const ArnParts& resource_parts() const { return resource_parts_; }
  bool resource_is_arn() const { return resource_is_arn_; }
  // The entry of a context key (lower case) in the request's context layers:
  // the request's own, then the caller's, then the resource's.
  const ContextEntry* FindContext(absl::string_view lower_key) const {
    for (uint8_t i = 0; i < context_layers_; ++i) {
      if (contexts_[i] == nullptr) continue;
      if (const ContextEntry* e = contexts_[i]->Find(lower_key)) return e;
    }
    return nullptr;
  }
  bool cross_account() const {
    return caller_.is_iam() && !ShortEquals(caller_.account, resource_account_);
  }

 private:
  // The three parts of Prepare.
  absl::Status PrepareCaller(const Request& request);
  absl::Status PrepareAction(absl::string_view action);
  absl::Status PrepareResource(const Request& request);
  absl::string_view Store(std::initializer_list<absl::string_view> pieces, char* buffer,
                          size_t capacity, std::string* overflow);

  Caller caller_;
  absl::string_view action_, action_lower_, service_lower_, action_name_lower_;
  absl::string_view resource_, resource_service_, resource_account_;
  ArnParts resource_parts_;
  bool resource_is_arn_ = false;
  std::array<const RequestContext*, 3> contexts_{};
  uint8_t context_layers_ = 0;  // Past the last non-null layer.
  char role_arn_buffer_[256];
  std::string role_arn_overflow_;
  char action_buffer_[128];
  std::string action_overflow_;
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EVALUATE_REQUEST_H_
