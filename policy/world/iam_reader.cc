// The IAM part of a world: `aws iam get-account-authorization-details`
// output (one file with every page merged, or one file per page), read into
// principals, their policies, boundaries, trust policies and tags.
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "policy/arn/principal_arn.h"
#include "policy/world/world_builder.h"

namespace iamsim {
namespace {

const std::vector<absl::string_view> kGaadMembers = {
    "UserDetailList", "GroupDetailList", "RoleDetailList", "Policies", "IsTruncated", "Marker"};

// A located element of a GAAD page.
struct Item {
  const JsonValue* root;
  const JsonValue* value;
  std::string path;
};

// A list member that may be absent or null.
const JsonValue* List(const JsonValue& object, absl::string_view key) {
  const JsonValue* v = object.Find(key);
  return v != nullptr && v->is_array() ? v : nullptr;
}

std::string Text(const JsonValue& object, absl::string_view key) {
  const JsonValue* v = object.Find(key);
  return v != nullptr && v->is_string() ? v->text : "";
}

struct ManagedPolicy {
  std::string arn;
  Item document;  // The default version's Document.
  std::string version;
};

}  // namespace

void WorldLoader::ReadIam(const std::string& account, const std::vector<std::string>& files) {
  std::vector<Item> users, groups, roles, policies;
  for (const std::string& file : files) {
    const JsonValue* root = ReadFile(file);
    if (root == nullptr) continue;
    JsonReader reader = Reader(root);
    if (reader.Object(*root, "", "get-account-authorization-details output") == nullptr) {
      failed_ = true;
      continue;
    }
    reader.CheckMembers(*root, "", kGaadMembers, "get-account-authorization-details output",
                        UnknownMembers::kNearMissError);
    auto collect = [&](absl::string_view key, std::vector<Item>* out) {
      const JsonValue* v = root->Find(key);
      if (v == nullptr || v->is_null()) return;  // Absent or null: empty.
      const std::string path = absl::StrCat("/", key);
      if (reader.Array(*v, path, key) == nullptr) {
        failed_ = true;
        return;
      }
      for (size_t i = 0; i < v->items.size(); ++i) {
        const std::string item_path = JsonPointerAppend(path, i);
        if (reader.Object(v->items[i], item_path, absl::StrCat("an entry of ", key)) == nullptr) {
          failed_ = true;
          continue;
        }
        out->push_back(Item{root, &v->items[i], item_path});
      }
    };
    collect("UserDetailList", &users);
    collect("GroupDetailList", &groups);
    collect("RoleDetailList", &roles);
    collect("Policies", &policies);
  }
  if (failed_) return;

  // Managed policies: the default version of each.
  std::map<std::string, ManagedPolicy> managed;
  for (const Item& p : policies) {
    ManagedPolicy m;
    m.arn = Text(*p.value, "Arn");
    const JsonValue* versions = List(*p.value, "PolicyVersionList");
    if (m.arn.empty() || versions == nullptr) {
      Error(p.root, p.value->span, p.path, Rule::kMissingElement,
            "a managed policy needs Arn and PolicyVersionList");
      continue;
    }
    for (size_t i = 0; i < versions->items.size(); ++i) {
      const JsonValue& v = versions->items[i];
      const JsonValue* is_default = v.Find("IsDefaultVersion");
      const JsonValue* document = v.Find("Document");
      if (is_default == nullptr || is_default->text != "true" || document == nullptr) continue;
      m.document = Item{
          p.root, document,
          JsonPointerAppend(JsonPointerAppend(JsonPointerAppend(p.path, "PolicyVersionList"), i),
                            "Document")};
      m.version = Text(v, "VersionId");
    }
    if (m.document.value == nullptr) {
      Error(p.root, p.value->span, p.path, Rule::kMissingElement,
            absl::StrCat("managed policy ", m.arn, " has no default version in PolicyVersionList"));
      continue;
    }
    managed[m.arn] = m;
  }
  // A managed policy as a type: compiled once per ARN and version.
  auto managed_document = [&](const std::string& arn, PolicyType type, WorldPrincipal* who,
                              const Item& reference) -> const CompiledPolicy* {
    auto it = managed.find(arn);
    if (it == managed.end()) {
      // Common in real dumps: a policy used only as a boundary may be absent.
      who->errors.push_back(MakeDiagnostic(
          Rule::kDanglingReference,
          Location{Source(reference.root).name(), reference.value->span, "", reference.path,
                   DocumentEncoding::kObject},
          absl::StrCat(who->arn, " names managed policy ", arn,
                       ", which the dump does not hold; questions about it cannot be answered")));
      return nullptr;
    }
    const ManagedPolicy& m = it->second;
    ReadDocument doc = Document(m.document.root, *m.document.value, m.document.path, type, m.arn,
                                absl::StrCat(m.arn, "@", m.version));
    who->errors.insert(who->errors.end(), doc.errors.begin(), doc.errors.end());
    return doc.policy;
  };
  auto attached = [&](const Item& item, WorldPrincipal* who,
                      std::vector<const CompiledPolicy*>* out) {
    const JsonValue* list = List(*item.value, "AttachedManagedPolicies");
    if (list == nullptr) return;
    for (size_t i = 0; i < list->items.size(); ++i) {
      const std::string arn = Text(list->items[i], "PolicyArn");
      const Item reference{
          item.root, &list->items[i],
          JsonPointerAppend(JsonPointerAppend(item.path, "AttachedManagedPolicies"), i)};
      if (const CompiledPolicy* p = managed_document(arn, PolicyType::kIdentity, who, reference)) {
        out->push_back(p);
      }
    }
  };
  auto inline_policies = [&](const Item& item, absl::string_view key, const std::string& owner,
                             WorldPrincipal* who, std::vector<const CompiledPolicy*>* out) {
    const JsonValue* list = List(*item.value, key);
    if (list == nullptr) return;
    for (size_t i = 0; i < list->items.size(); ++i) {
      const JsonValue* document = list->items[i].Find("PolicyDocument");
      if (document == nullptr) continue;
      const std::string path = JsonPointerAppend(
          JsonPointerAppend(JsonPointerAppend(item.path, key), i), "PolicyDocument");
      ReadDocument doc =
          Document(item.root, *document, path, PolicyType::kIdentity,
                   absl::StrCat("inline ", Text(list->items[i], "PolicyName"), " of ", owner),
                   absl::StrCat(Source(item.root).name(), "#", path));
      who->errors.insert(who->errors.end(), doc.errors.begin(), doc.errors.end());
      if (doc.policy != nullptr) out->push_back(doc.policy);
    }
  };
  auto common = [&](const Item& item, WorldPrincipal* who) {
    who->arn = Text(*item.value, "Arn");
    who->account = account;
    who->location = Location{Source(item.root).name(), item.value->span, "", item.path,
                             DocumentEncoding::kObject};
    if (const JsonValue* tags = List(*item.value, "Tags")) {
      for (const JsonValue& tag : tags->items) {
        who->tags.emplace_back(Text(tag, "Key"), Text(tag, "Value"));
      }
    }
    if (const JsonValue* boundary = item.value->Find("PermissionsBoundary");
        boundary != nullptr && boundary->is_object()) {
      const std::string arn = Text(*boundary, "PermissionsBoundaryArn");
      const Item reference{item.root, boundary,
                           JsonPointerAppend(item.path, "PermissionsBoundary")};
      who->boundary = managed_document(arn, PolicyType::kPermissionsBoundary, who, reference);
    }
    attached(item, who, &who->identity);
  };

  // Groups first: users take their policies.
  struct Group {
    std::vector<const CompiledPolicy*> policies;
    std::vector<Diagnostic> errors;
  };
  std::map<std::string, Group> group_policies;
  for (const Item& g : groups) {
    WorldPrincipal scratch;  // Collects the group's policies and errors.
    scratch.arn = Text(*g.value, "Arn");
    inline_policies(g, "GroupPolicyList", absl::StrCat("group ", scratch.arn), &scratch,
                    &scratch.identity);
    attached(g, &scratch, &scratch.identity);
    group_policies[Text(*g.value, "GroupName")] =
        Group{std::move(scratch.identity), std::move(scratch.errors)};
  }
  for (const Item& u : users) {
    auto who = std::make_unique<WorldPrincipal>();
    who->kind = WorldPrincipal::Kind::kUser;
    who->name = Text(*u.value, "UserName");
    who->unique_id = Text(*u.value, "UserId");
    common(u, who.get());
    inline_policies(u, "UserPolicyList", who->arn, who.get(), &who->identity);
    if (const JsonValue* list = List(*u.value, "GroupList")) {
      for (const JsonValue& g : list->items) {
        who->groups.push_back(g.text);
        auto it = group_policies.find(g.text);
        if (it == group_policies.end()) continue;
        who->identity.insert(who->identity.end(), it->second.policies.begin(),
                             it->second.policies.end());
        who->errors.insert(who->errors.end(), it->second.errors.begin(), it->second.errors.end());
      }
    }
    if (!ParsePrincipalArn(who->arn)) {
      Error(u.root, u.value->span, u.path, Rule::kInvalidInput,
            absl::StrCat("a user entry needs an IAM user Arn, not ", Quote(who->arn)));
      continue;
    }
    world_->principals_.push_back(std::move(who));
  }
  for (const Item& r : roles) {
    auto who = std::make_unique<WorldPrincipal>();
    who->kind = WorldPrincipal::Kind::kRole;
    who->name = Text(*r.value, "RoleName");
    who->unique_id = Text(*r.value, "RoleId");
    common(r, who.get());
    inline_policies(r, "RolePolicyList", who->arn, who.get(), &who->identity);
    if (const JsonValue* trust = r.value->Find("AssumeRolePolicyDocument")) {
      ReadDocument doc =
          Document(r.root, *trust, JsonPointerAppend(r.path, "AssumeRolePolicyDocument"),
                   PolicyType::kRoleTrust, absl::StrCat("trust policy of ", who->arn));
      who->errors.insert(who->errors.end(), doc.errors.begin(), doc.errors.end());
      who->trust = doc.policy;
    }
    std::optional<PrincipalArn> arn = ParsePrincipalArn(who->arn);
    if (!arn || arn->kind != PrincipalArnKind::kRole) {
      Error(r.root, r.value->span, r.path, Rule::kInvalidInput,
            absl::StrCat("a role entry needs an IAM role Arn, not ", Quote(who->arn)));
      continue;
    }
    who->service_linked = absl::StartsWith(arn->path, "aws-service-role/");
    world_->principals_.push_back(std::move(who));
  }
}

}  // namespace iamsim
