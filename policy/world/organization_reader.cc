// The organization of a world (organization.json, iamsim's shape):
//   {"id": "o-...", "managementAccount": ID,
//    "policies": {NAME: {"type": "SCP" | "RCP", "document": {...}}},
//    "root": {"id": "r-...", "policies": [NAME...], "accounts": [ID | {"id", "policies"}],
//             "children": [{"id": "ou-...", "name", "policies", "accounts", "children"}]}}
// Each account's SCP and RCP chains run root -> OUs -> account. SCPs and
// RCPs never apply to the management account (the gates skip it).
// RCPFullAWSAccess is attached to every root, OU and account and cannot be
// detached: every RCP level has it, listed or not.
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "policy/arn/arn.h"
#include "policy/world/world_builder.h"

namespace iamsim {
namespace {

struct NamedPolicy {
  const CompiledPolicy* policy = nullptr;
  PolicyType type = PolicyType::kServiceControl;
};

}  // namespace

void WorldLoader::ReadOrganization(const std::string& path) {
  const JsonValue* root = ReadFile(path);
  if (root == nullptr) return;
  JsonReader reader = Reader(root);
  if (reader.Object(*root, "", "organization.json") == nullptr) {
    failed_ = true;
    return;
  }
  const size_t errors_before = diagnostics_->size();
  reader.CheckMembers(*root, "", {"id", "managementAccount", "policies", "root"},
                      "organization.json");
  World& w = world();
  if (const JsonValue* id = reader.Require(*root, "", "id", "organization.json")) {
    if (const std::string* s = reader.String(*id, "/id", "id")) w.organization_id_ = *s;
  }
  if (const JsonValue* m = root->Find("managementAccount")) {
    const std::string* s = reader.String(*m, "/managementAccount", "managementAccount");
    if (s != nullptr && !IsAccountId(*s)) {
      reader.Report(Rule::kInvalidInput, m->span, "/managementAccount",
                    "managementAccount must be a 12-digit account id");
    } else if (s != nullptr) {
      w.management_account_ = *s;
    }
  }
  std::map<std::string, NamedPolicy> policies;
  if (const JsonValue* list = root->Find("policies")) {
    if (reader.Object(*list, "/policies", "policies") != nullptr) {
      for (const JsonMember& member : list->members) {
        const std::string member_path = JsonPointerAppend("/policies", member.key);
        if (reader.Object(member.value, member_path, "a policy entry") == nullptr) continue;
        reader.CheckMembers(member.value, member_path, {"type", "document"}, "a policy entry");
        const JsonValue* type = reader.Require(member.value, member_path, "type", "a policy entry");
        const JsonValue* document =
            reader.Require(member.value, member_path, "document", "a policy entry");
        if (type == nullptr || document == nullptr) continue;
        NamedPolicy named;
        if (type->text == "SCP") {
          named.type = PolicyType::kServiceControl;
        } else if (type->text == "RCP") {
          named.type = PolicyType::kResourceControl;
        } else {
          reader.Report(Rule::kInvalidInput, type->span, JsonPointerAppend(member_path, "type"),
                        "type must be \"SCP\" or \"RCP\"");
          continue;
        }
        ReadDocument doc =
            Document(root, *document, JsonPointerAppend(member_path, "document"), named.type,
                     absl::StrCat(type->text, " ", member.key));
        // An SCP or RCP that cannot be read would change every answer of
        // every account under it: it stops the load.
        diagnostics_->insert(diagnostics_->end(), doc.errors.begin(), doc.errors.end());
        named.policy = doc.policy;
        policies[member.key] = named;
      }
    }
  }
  const CompiledPolicy* rcp_full = RcpFullAwsAccess();
  // A node's levels, from the root down to it.
  struct Level {
    std::string target;
    std::vector<const CompiledPolicy*> scp, rcp;
  };
  std::function<void(const JsonValue&, const std::string&, std::vector<Level>, std::string)> walk;
  auto attach = [&](const JsonValue& node, const std::string& node_path, Level* level) {
    const JsonValue* list = node.Find("policies");
    if (list == nullptr) return;
    if (reader.Array(*list, JsonPointerAppend(node_path, "policies"), "policies") == nullptr) {
      return;
    }
    for (size_t i = 0; i < list->items.size(); ++i) {
      const JsonValue& name = list->items[i];
      const std::string item_path =
          JsonPointerAppend(JsonPointerAppend(node_path, "policies"), i);
      if (reader.String(name, item_path, "a policy name") == nullptr) continue;
      // AWS attaches RCPFullAWSAccess everywhere itself (below).
      if (name.text == "RCPFullAWSAccess") continue;
      auto it = policies.find(name.text);
      if (it == policies.end()) {
        reader.Report(Rule::kDanglingReference, name.span, item_path,
                      absl::StrCat("policy ", Quote(name.text), " is not in \"policies\""));
        continue;
      }
      if (it->second.policy == nullptr) continue;
      (it->second.type == PolicyType::kServiceControl ? level->scp : level->rcp)
          .push_back(it->second.policy);
    }
  };
  walk = [&](const JsonValue& node, const std::string& node_path, std::vector<Level> levels,
             std::string org_path) {
    if (reader.Object(node, node_path, "an organization node") == nullptr) return;
    reader.CheckMembers(node, node_path, {"id", "name", "policies", "accounts", "children"},
                        "an organization node");
    Level level;
    if (const JsonValue* id = reader.Require(node, node_path, "id", "an organization node")) {
      if (const std::string* s = reader.String(*id, JsonPointerAppend(node_path, "id"), "id")) {
        level.target = *s;
      }
    }
    attach(node, node_path, &level);
    level.rcp.insert(level.rcp.begin(), rcp_full);
    levels.push_back(level);
    absl::StrAppend(&org_path, level.target, "/");
    if (const JsonValue* accounts = node.Find("accounts")) {
      const std::string list_path = JsonPointerAppend(node_path, "accounts");
      if (reader.Array(*accounts, list_path, "accounts") != nullptr) {
        for (size_t i = 0; i < accounts->items.size(); ++i) {
          const JsonValue& a = accounts->items[i];
          const std::string a_path = JsonPointerAppend(list_path, i);
          Level account_level;
          std::string id;
          if (a.is_string()) {
            id = a.text;
          } else if (reader.Object(a, a_path, "an account (an id, or {\"id\", \"policies\"})")) {
            reader.CheckMembers(a, a_path, {"id", "policies"}, "an account");
            if (const JsonValue* v = reader.Require(a, a_path, "id", "an account")) id = v->text;
            attach(a, a_path, &account_level);
          } else {
            continue;
          }
          if (!IsAccountId(id)) {
            reader.Report(Rule::kInvalidInput, a.span, a_path, "an account id has 12 digits");
            continue;
          }
          account_level.target = id;
          account_level.rcp.insert(account_level.rcp.begin(), rcp_full);
          WorldAccount& account = w.accounts_[id];
          account.id = id;
          account.org_path = absl::StrCat(w.organization_id_, "/", org_path);
          std::vector<Level> chain = levels;
          chain.push_back(account_level);
          for (const Level& l : chain) {
            account.scp.levels.push_back(OrgLevel{l.target, l.scp});
            account.rcp.levels.push_back(OrgLevel{l.target, l.rcp});
          }
        }
      }
    }
    if (const JsonValue* children = node.Find("children")) {
      const std::string list_path = JsonPointerAppend(node_path, "children");
      if (reader.Array(*children, list_path, "children") != nullptr) {
        for (size_t i = 0; i < children->items.size(); ++i) {
          walk(children->items[i], JsonPointerAppend(list_path, i), levels, org_path);
        }
      }
    }
  };
  if (const JsonValue* org_root = reader.Require(*root, "", "root", "organization.json")) {
    walk(*org_root, "/root", {}, "");
  }
  for (size_t i = errors_before; i < diagnostics_->size(); ++i) {
    if ((*diagnostics_)[i].severity == Severity::kError) failed_ = true;
  }
}

}  // namespace iamsim
