// File: policy/world/world.h
//
// A world: AWS accounts as the AWS CLI dumps them (README, "Worlds"),
// compiled once into an immutable engine that answers authorization
// questions about them — the engine `iamsim can`, `who-can` and `paths` use,
// and that a gateway can serve from.
//
//   WorldLoadResult loaded = LoadWorld("testdata/worlds/qiita");
//   if (!loaded.world) { print FormatDiagnostics(loaded.diagnostics); }
//   const World& world = *loaded.world;
//   PrincipalLookup who = world.FindPrincipal("role/app");
//   absl::StatusOr<WorldQuestion> q = world.Ask(*who.principal, "lambda:InvokeFunction", arn, {});
//   Decision d = Evaluate(q->assembly(), prepared_request_of(q->request()));
//
// What it holds: every distinct policy document compiled once into one
// PolicyStore (a managed policy attached to 500 roles is one unit); users
// with their groups, roles (standing for their sessions), their identity
// policy sets, boundaries, trust policies and tags; each account's SCP and
// RCP chains; each Lambda function with its qualifiers, resource policies,
// URL and event-invoke configurations; event source mappings; API Gateway
// routes. What it knows fills the request context as AWS would
// (aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalTag/*, aws:userid,
// aws:ResourceAccount, aws:ResourceOrgID, aws:ResourceOrgPaths,
// aws:RequestedRegion).
//
// Errors: a file that is not JSON or not the shape its name says stops the
// load (diagnostics with file and pointer). A malformed document or a
// dangling reference (a boundary policy missing from the dump) is kept as
// the `errors` of the principals and functions that need it: questions
// about them answer with those located errors, never a guess.
//
// Ownership and thread-safety: a World is immutable once loaded; any number
// of threads may ask questions of it. A WorldQuestion points into the World
// and into itself: keep the World alive, and do not move a question while a
// Request or Assembly made from it is in use.
#ifndef IAMSIM_POLICY_WORLD_WORLD_H_
#define IAMSIM_POLICY_WORLD_WORLD_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "policy/compile/assembly.h"
#include "policy/compile/policy_store.h"
#include "policy/diagnostics/diagnostic.h"
#include "policy/evaluate/request.h"

namespace iamsim {

// The session name a role's questions use unless told otherwise.
inline constexpr absl::string_view kDefaultSessionName = "iamsim";

struct WorldPrincipal {
  enum class Kind { kUser, kRole };
  Kind kind = Kind::kRole;
  std::string arn;  // arn:aws:iam::ACCOUNT:role/PATH/NAME
  std::string account;
  std::string name;
  std::string unique_id;            // RoleId / UserId.
  std::vector<std::string> groups;  // Group names (users).
  std::vector<std::pair<std::string, std::string>> tags;
  std::vector<const CompiledPolicy*> identity;  // Inline, managed, and groups'.
  const CompiledPolicy* boundary = nullptr;
  const CompiledPolicy* trust = nullptr;  // Roles.
  std::vector<Diagnostic> errors;         // Documents it needs that could not be read.
  RequestContext context;                 // The keys the world determines for it.
  std::string session_arn;                // Roles: the session kDefaultSessionName.
  bool service_linked = false;
  // Its entry in the GAAD file (RoleDetailList / UserDetailList element):
  // where a fix adds a new inline policy.
  Location location;
};

struct FunctionUrl {
  std::string url;
  std::string auth_type;  // "AWS_IAM" or "NONE".
  Location location;
};

struct FunctionDestinations {
  std::string on_success, on_failure;  // Target ARNs, "" for none.
  Location location;
};

// A function, or one of its versions or aliases: what Lambda keeps a policy for.
struct FunctionTarget {
  std::string qualifier;  // "" for the unqualified function.
  std::string arn;        // Qualified when the qualifier is not empty.
  const CompiledPolicy* policy = nullptr;
  std::optional<FunctionUrl> url;
  std::optional<FunctionDestinations> destinations;
};

struct WorldFunction {
  std::string name;
  std::string arn;  // Unqualified.
  std::string account;
  std::string region;
  std::string execution_role;                  // Role ARN.
  std::string dead_letter_target;              // ARN, or "".
  std::map<std::string, std::string> aliases;  // Alias -> version.
  std::vector<FunctionTarget> targets;         // The unqualified function first.
  std::vector<Diagnostic> errors;
  RequestContext context;  // The keys the world determines for it.
  Location location;       // Its entry in functions.json.

  const FunctionTarget* Target(absl::string_view qualifier) const;
};

struct EventSourceMapping {
  std::string uuid;
  std::string event_source_arn;
  std::string function_arn;  // As Lambda reports it (may be qualified).
  std::string state;
  Location location;
};

// One method of an API Gateway API that integrates with a Lambda function.
struct ApiRoute {
  std::string api_id;
  std::string api_type;  // "REST" or "HTTP".
  std::string account, region;
  std::string method;            // "POST", "ANY", ...
  std::string path;              // "/items/{id}"
  std::string stage;             // "*" when not known (REST).
  std::string function_arn;      // The integration's target (may be qualified).
  std::string credentials_role;  // ARN, or "" (the function policy must admit API Gateway).
  std::string authorization;     // NONE, AWS_IAM, JWT, ...
  Location location;

  // arn:aws:execute-api:REGION:ACCOUNT:API/STAGE/METHOD/PATH, path parameters as `*`.
  std::string SourceArn() const;
};

struct WorldAccount {
  std::string id;
  // Whether the world has the account's folder (its users and roles); an
  // account known only from organization.json has none.
  bool has_folder = false;
  OrgChain scp, rcp;     // Root first; empty when the account is in no organization.
  std::string org_path;  // "o-.../r-.../ou-.../" when in an organization.
  // The keys the world determines for any principal of the account
  // (aws:PrincipalOrgID, aws:PrincipalOrgPaths): the root user's context.
  RequestContext principal_context;
};

struct PrincipalLookup {
  const WorldPrincipal* principal = nullptr;
  std::vector<const WorldPrincipal*> candidates;  // When ambiguous.
  std::string error;                              // Why there is no principal.
};

struct AskOptions {
  std::string session_name{kDefaultSessionName};  // Roles stand for a session of them.
  // A session policy, and the store it is in: an overlay of the world's
  // store (PolicyStoreBuilder(world.shared_store())), which the question then
  // assembles from. Both null for none.
  const CompiledPolicy* session_policy = nullptr;
  const PolicyStore* session_store = nullptr;
  std::string session_policy_text;  // Its JSON text (for --emit-simulation).
  std::vector<std::pair<std::string, std::string>> session_tags;
  RequestContext overrides;  // --context: override what the world determines.
  // AskAs for a principal outside the world, whose own identity policies
  // the world does not hold: assume they allow (who-can lists what the
  // world's side admits).
  bool outside_identity_allows = false;
};

class World;

// One question about a world: a caller, an action, a resource, the policies
// that take part, and the request context.
class WorldQuestion {
 public:
  const World& world() const { return *world_; }
  const std::string& principal() const { return principal_arn_; }  // A session ARN for roles.
  const std::string& action() const { return action_; }
  const std::string& resource() const { return resource_; }
  // The policies that take part and the request, both pointing into this
  // question and the world.
  Assembly assembly() const;
  Request request() const;
  // Errors of the documents this question needs: it cannot be answered.
  const std::vector<Diagnostic>& errors() const { return errors_; }
  const RequestContext& context() const { return context_; }
  const WorldPrincipal* caller() const { return caller_; }
  const FunctionTarget* function_target() const { return target_; }
  // The JSON text of a policy of this question ("" when unknown).
  absl::string_view PolicyText(const CompiledPolicy& policy) const;

 private:
  friend class World;
  const World* world_ = nullptr;
  const PolicyStore* store_ = nullptr;  // The world's, or an overlay of it.
  const WorldPrincipal* caller_ = nullptr;
  const FunctionTarget* target_ = nullptr;
  std::string principal_arn_, action_, resource_, resource_account_;
  std::vector<const CompiledPolicy*> identity_;
  const CompiledPolicy* resource_policy_ = nullptr;
  const CompiledPolicy* boundary_ = nullptr;
  std::vector<const CompiledPolicy*> session_;
  std::string session_policy_text_;
  const OrgChain* scp_ = nullptr;
  const OrgChain* rcp_ = nullptr;
  RequestContext context_;  // Overrides and session keys.
  // What the world determines for the resource: its function's (shared), or
  // when null resource_context_.
  const RequestContext* resource_context_ptr_ = nullptr;
  RequestContext resource_context_;
  const RequestContext* principal_context_ = nullptr;
  std::vector<Diagnostic> errors_;
};

class World {
 public:
  const PolicyStore& store() const { return *store_; }
  const std::shared_ptr<const PolicyStore>& shared_store() const { return store_; }
  const std::vector<std::unique_ptr<WorldPrincipal>>& principals() const { return principals_; }
  const std::vector<std::unique_ptr<WorldFunction>>& functions() const { return functions_; }
  const std::vector<EventSourceMapping>& event_source_mappings() const { return mappings_; }
  const std::vector<ApiRoute>& api_routes() const { return routes_; }
  const std::map<std::string, WorldAccount>& accounts() const { return accounts_; }
  const std::string& organization_id() const { return organization_id_; }
  const std::string& management_account() const { return management_account_; }
  // The JSON text of a compiled document, by policy id (for --emit-simulation).
  absl::string_view PolicyText(PolicyId id) const {
    return id < policy_texts_.size() ? absl::string_view(policy_texts_[id]) : "";
  }

  // A principal by ARN (user, role, or a role session) or short form
  // (`role/app`, `user/alice`, `444455556666:role/app`).
  PrincipalLookup FindPrincipal(absl::string_view spec) const;
  const WorldPrincipal* FindPrincipalByArn(absl::string_view arn) const;
  const WorldAccount* FindAccount(absl::string_view id) const;
  // A function by ARN (qualified or not), `name` or `name:qualifier`;
  // nullptr when unknown. *qualifier (when not null) is set from the spec.
  const WorldFunction* FindFunction(absl::string_view spec, std::string* qualifier) const;

  // The question `caller` does `action` on `resource`. The resource may be
  // anything: a function of the world gets its policy; other resources have
  // none the world knows (and are reported as unknown by the commands).
  absl::StatusOr<WorldQuestion> Ask(const WorldPrincipal& caller, absl::string_view action,
                                    absl::string_view resource, const AskOptions& options) const;
  // The same for a caller that is not one of the world's users and roles:
  // an account's root user (`arn:aws:iam::ACCOUNT:root`), an AWS service,
  // a federated identity provider, a principal of an account outside the
  // world. A world account's root user gets its account's keys and SCPs;
  // other callers only what `options` gives.
  absl::StatusOr<WorldQuestion> AskAs(absl::string_view principal, absl::string_view action,
                                      absl::string_view resource, const AskOptions& options) const;

 private:
  friend class WorldLoader;
  void FillResource(absl::string_view resource, WorldQuestion* q) const;
  // The keys the world determines for each principal and function, once the
  // organization is known.
  void FinishContexts();

  std::shared_ptr<const PolicyStore> store_;
  std::vector<std::string> policy_texts_;
  std::vector<std::unique_ptr<WorldPrincipal>> principals_;
  std::vector<std::unique_ptr<WorldFunction>> functions_;
  std::vector<EventSourceMapping> mappings_;
  std::vector<ApiRoute> routes_;
  std::map<std::string, WorldAccount> accounts_;
  std::string organization_id_, management_account_;
  absl::flat_hash_map<std::string, const WorldPrincipal*> by_arn_;
  absl::flat_hash_map<std::string, std::vector<const WorldFunction*>> functions_by_name_;
  const CompiledPolicy* outside_identity_ = nullptr;  // Allow * on *.
};

struct WorldLoadResult {
  std::shared_ptr<const World> world;   // Null when the load stopped.
  std::vector<Diagnostic> diagnostics;  // Errors that stopped it, and warnings.
};

WorldLoadResult LoadWorld(const std::string& directory);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_WORLD_WORLD_H_
