// File: policy/world/world_builder.h (internal to policy/world)
//
// What the world's readers share while a world loads: the store being
// built, the files read so far (their texts stay alive until the load ends,
// so that documents embedded in them can be parsed in place), and the
// diagnostics. Each reader (iam_reader.cc, organization_reader.cc,
// lambda_reader.cc, apigateway_reader.cc) fills one part of the World.
#ifndef IAMSIM_POLICY_WORLD_WORLD_BUILDER_H_
#define IAMSIM_POLICY_WORLD_WORLD_BUILDER_H_

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "policy/json/json_reader.h"
#include "policy/json/json_tree.h"
#include "policy/parse/policy_type.h"
#include "policy/world/world.h"

namespace iamsim {

// A compiled document, or why there is none.
struct ReadDocument {
  const CompiledPolicy* policy = nullptr;
  std::vector<Diagnostic> errors;
};

class WorldLoader {
 public:
  explicit WorldLoader(std::vector<Diagnostic>* diagnostics)
      : world_(new World()), diagnostics_(diagnostics) {}

  // Reads a JSON file of the world; null (with a diagnostic) when it cannot
  // be read or is not JSON. The text lives as long as the loader.
  const JsonValue* ReadFile(const std::string& path);
  const SourceText& Source(const JsonValue* root) const;

  // A reader for diagnostics about the file of `root`.
  JsonReader Reader(const JsonValue* root);

  // A policy document held by `value` — an object, a JSON string, or a
  // URL-encoded string, as the CLI and SDKs produce them — compiled once per
  // distinct `key` (e.g. a managed policy's ARN and version). Errors are
  // returned, not reported: the caller decides whom they poison.
  ReadDocument Document(const JsonValue* root, const JsonValue& value, const std::string& path,
                        PolicyType type, const std::string& name, const std::string& key = "");

  void Error(const JsonValue* root, const SourceSpan& span, std::string path, Rule rule,
             std::string message);
  bool failed() const { return failed_; }

  World& world() { return *world_; }
  // An account folder of the world: its principals are known.
  void AddAccount(const std::string& id) {
    world_->accounts_[id].id = id;
    world_->accounts_[id].has_folder = true;
  }
  std::unique_ptr<World> Finish();

  // The readers.
  void ReadIam(const std::string& account, const std::vector<std::string>& files);
  void ReadOrganization(const std::string& path);
  void ReadLambda(const std::string& account, const std::string& region,
                  const std::string& directory);
  void ReadApiGateway(const std::string& account, const std::string& region,
                      const std::string& directory);
  void ReadApiGatewayV2(const std::string& account, const std::string& region,
                        const std::string& directory);

  // The compiled RCPFullAWSAccess, attached at every level of every chain.
  const CompiledPolicy* RcpFullAwsAccess();
  // A policy iamsim itself provides, compiled into the world's store.
  const CompiledPolicy* Builtin(absl::string_view name, absl::string_view text, PolicyType type);

 private:
  std::unique_ptr<World> world_;
  std::vector<Diagnostic>* diagnostics_;
  PolicyStoreBuilder store_;
  std::deque<std::unique_ptr<SourceText>> sources_;
  std::deque<JsonValue> roots_;
  std::map<const JsonValue*, const SourceText*> source_of_;
  absl::flat_hash_map<std::string, ReadDocument> documents_;  // By key.
  const CompiledPolicy* rcp_full_access_ = nullptr;
  bool failed_ = false;
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_WORLD_WORLD_BUILDER_H_
