// FindPolicies: the JSON kinds of file the linter reads directly.
#include "policy/lint/lint_inputs.h"

#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "policy/arn/arn.h"
#include "policy/json/json_pointer.h"

namespace iamsim {
namespace {

DocumentEncoding EncodingOf(const JsonValue& value) {
  return value.is_string() ? DetectStringEncoding(value.text) : DocumentEncoding::kObject;
}

std::string AccountOf(absl::string_view arn) {
  ArnParts parts;
  return SplitArn(arn, &parts) && IsAccountId(parts[4]) ? std::string(parts[4]) : "";
}

// An `aws iam get-account-authorization-details` dump: inline policies of
// users, groups and roles, trust policies, and managed policies' default
// versions (a policy used as a boundary is linted as one).
FoundPolicies AccountDump(const JsonValue& root, const LintOptions& options) {
  FoundPolicies out;
  out.kind = "account-dump";
  std::set<std::string> boundaries;
  for (absl::string_view list : {"UserDetailList", "RoleDetailList"}) {
    const JsonValue* items = root.Find(list);
    if (items == nullptr || !items->is_array()) continue;
    for (const JsonValue& item : items->items) {
      if (const JsonValue* b = item.Find("PermissionsBoundary"); b != nullptr && b->is_object()) {
        boundaries.insert(b->StringMember("PermissionsBoundaryArn"));
      }
    }
  }
  auto add = [&](const JsonValue& document, const std::string& pointer, PolicyType type,
                 const std::string& name, const std::string& owner_arn) {
    EmbeddedPolicy p;
    p.value = &document;
    p.pointer = pointer;
    p.encoding = EncodingOf(document);
    p.type = type;
    p.name = name;
    p.resource_account = AccountOf(owner_arn);
    if (type == PolicyType::kRoleTrust) {
      p.resource_type = "AWS::IAM::AssumeRolePolicyDocument";
      p.resource_arn = owner_arn;
    }
    out.policies.push_back(std::move(p));
  };
  struct Inline {
    absl::string_view list, policies, what;
  };
  for (const Inline& kind : {Inline{"UserDetailList", "UserPolicyList", "user"},
                             Inline{"GroupDetailList", "GroupPolicyList", "group"},
                             Inline{"RoleDetailList", "RolePolicyList", "role"}}) {
    const JsonValue* items = root.Find(kind.list);
    if (items == nullptr || !items->is_array()) continue;
    for (size_t i = 0; i < items->items.size(); ++i) {
      const JsonValue& item = items->items[i];
      const std::string item_path = JsonPointerAppend(JsonPointerAppend("", kind.list), i);
      const std::string arn = item.StringMember("Arn");
      if (const JsonValue* list = item.Find(kind.policies); list != nullptr && list->is_array()) {
        for (size_t j = 0; j < list->items.size(); ++j) {
          const JsonValue* doc = list->items[j].Find("PolicyDocument");
          if (doc == nullptr) continue;
          add(*doc,
              JsonPointerAppend(JsonPointerAppend(JsonPointerAppend(item_path, kind.policies), j),
                                "PolicyDocument"),
              PolicyType::kIdentity,
              absl::StrCat("inline ", list->items[j].StringMember("PolicyName"), " of ", arn), arn);
        }
      }
      if (const JsonValue* trust = item.Find("AssumeRolePolicyDocument")) {
        add(*trust, JsonPointerAppend(item_path, "AssumeRolePolicyDocument"),
            PolicyType::kRoleTrust, absl::StrCat("trust policy of ", arn), arn);
      }
    }
  }
  if (const JsonValue* policies = root.Find("Policies");
      policies != nullptr && policies->is_array()) {
    for (size_t i = 0; i < policies->items.size(); ++i) {
      const JsonValue& p = policies->items[i];
      const std::string arn = p.StringMember("Arn");
      if (absl::StrContains(arn, ":aws:policy/") && !options.include_aws_managed) continue;
      const JsonValue* versions = p.Find("PolicyVersionList");
      if (versions == nullptr || !versions->is_array()) continue;
      const std::string default_version = p.StringMember("DefaultVersionId");
      for (size_t v = 0; v < versions->items.size(); ++v) {
        const JsonValue& version = versions->items[v];
        const JsonValue* is_default = version.Find("IsDefaultVersion");
        const bool chosen =
            (is_default != nullptr && is_default->text == "true") ||
            (!default_version.empty() && version.StringMember("VersionId") == default_version);
        const JsonValue* doc = version.Find("Document");
        if (!chosen || doc == nullptr) continue;
        add(*doc,
            JsonPointerAppend(
                JsonPointerAppend(
                    JsonPointerAppend(JsonPointerAppend("/Policies", i), "PolicyVersionList"), v),
                "Document"),
            boundaries.count(arn) != 0 ? PolicyType::kPermissionsBoundary : PolicyType::kIdentity,
            arn, arn);
        break;
      }
    }
  }
  return out;
}

// A bare policy document: it has a Statement, or (a draft without one) a
// policy language Version, or nothing but Version and Id.
bool IsBarePolicy(const JsonValue& root) {
  if (root.Find("Statement") != nullptr) return true;
  const JsonValue* version = root.Find("Version");
  if (version == nullptr) return false;
  if (version->is_string() && (version->text == "2012-10-17" || version->text == "2008-10-17")) {
    return true;
  }
  for (const JsonMember& member : root.members) {
    if (member.key != "Version" && member.key != "Id") return false;
  }
  return true;
}

}  // namespace

std::optional<FoundPolicies> FindPolicies(const SourceText& file, const JsonValue& root,
                                          const LintOptions& options) {
  (void)file;
  if (!root.is_object()) return std::nullopt;
  if (IsBarePolicy(root)) {
    FoundPolicies out;
    out.kind = "policy";
    EmbeddedPolicy p;
    p.value = &root;
    if (options.policy_type) {
      p.type = *options.policy_type;
    } else if (std::optional<PolicyType> t = PolicyTypeOfResourceType(options.resource_type)) {
      p.type = *t;
    } else {
      p.type_inferred = true;
    }
    p.resource_type = options.resource_type;
    p.resource_account = options.resource_account;
    out.policies.push_back(std::move(p));
    return out;
  }
  if (const JsonValue* policy = root.Find("Policy");
      policy != nullptr && policy->is_string() && root.members.size() <= 2) {
    // aws lambda get-policy: {"Policy": "<json>", "RevisionId": "..."}.
    FoundPolicies out;
    out.kind = "get-policy";
    EmbeddedPolicy p;
    p.value = policy;
    p.pointer = "/Policy";
    p.encoding = EncodingOf(*policy);
    p.type = PolicyType::kResource;
    p.resource_type =
        options.resource_type.empty() ? "AWS::Lambda::Function" : options.resource_type;
    p.resource_account = options.resource_account;
    out.policies.push_back(std::move(p));
    return out;
  }
  if (root.Find("UserDetailList") != nullptr || root.Find("RoleDetailList") != nullptr ||
      root.Find("GroupDetailList") != nullptr ||
      (root.Find("Policies") != nullptr && root.Find("Policies")->is_array())) {
    return AccountDump(root, options);
  }
  if (std::optional<FoundPolicies> t = FindTemplatePolicies(root, options)) return t;
  return FindTerraformPolicies(root, options);
}

}  // namespace iamsim
