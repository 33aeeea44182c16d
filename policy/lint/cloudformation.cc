// FindTemplatePolicies: the policies a CloudFormation template (JSON, or
// YAML through ParseYamlTemplate; SAM templates too) defines, each with its
// policy type and the resource type that owns it.
//
// Contract: a template is an object with AWSTemplateFormatVersion, or with
// Resources whose entries have a Type such as "AWS::...". Each resource's
// Properties are copied with intrinsic functions replaced (ResolveIntrinsics):
// Ref/Fn::* become placeholders "{{...}}" spanning the call, which no rule
// judges; Fn::Sub of a literal without ${} keeps the literal; Fn::If takes
// its first branch that is not AWS::NoValue; AWS::NoValue removes the member
// or item. A placeholder Sid is dropped and a placeholder Version is read as
// "2012-10-17", so an intrinsic never causes a finding. A document that is
// itself unknown (an intrinsic) is skipped. Lambda and layer permissions and
// the legacy EventBusPolicy form become the statement the service writes
// (SynthesizePermissionPolicy), located at the permission's properties.
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "policy/json/json_pointer.h"
#include "policy/lint/lint_inputs.h"
#include "policy/parse/policy_document.h"

namespace iamsim {
namespace {

// A resource type whose property holds one policy document.
struct DocumentProperty {
  absl::string_view cfn_type;
  absl::string_view property;  // A member of Properties; "A/B" for a nested one.
  PolicyType type;
  absl::string_view resource_type;  // Of the policy's owner, "" for identity policies.
};

constexpr DocumentProperty kDocumentProperties[] = {
    {"AWS::IAM::Role", "AssumeRolePolicyDocument", PolicyType::kRoleTrust,
     "AWS::IAM::AssumeRolePolicyDocument"},
    {"AWS::Serverless::Function", "AssumeRolePolicyDocument", PolicyType::kRoleTrust,
     "AWS::IAM::AssumeRolePolicyDocument"},
    {"AWS::IAM::Policy", "PolicyDocument", PolicyType::kIdentity, ""},
    {"AWS::IAM::ManagedPolicy", "PolicyDocument", PolicyType::kIdentity, ""},
    {"AWS::IAM::RolePolicy", "PolicyDocument", PolicyType::kIdentity, ""},
    {"AWS::IAM::UserPolicy", "PolicyDocument", PolicyType::kIdentity, ""},
    {"AWS::IAM::GroupPolicy", "PolicyDocument", PolicyType::kIdentity, ""},
    {"AWS::SSO::PermissionSet", "InlinePolicy", PolicyType::kIdentity, ""},
    {"AWS::S3::BucketPolicy", "PolicyDocument", PolicyType::kResource, "AWS::S3::Bucket"},
    {"AWS::S3::AccessPoint", "Policy", PolicyType::kResource, "AWS::S3::AccessPoint"},
    {"AWS::S3Express::BucketPolicy", "PolicyDocument", PolicyType::kResource,
     "AWS::S3Express::DirectoryBucket"},
    {"AWS::SQS::QueuePolicy", "PolicyDocument", PolicyType::kResource, "AWS::SQS::Queue"},
    {"AWS::SNS::TopicPolicy", "PolicyDocument", PolicyType::kResource, "AWS::SNS::Topic"},
    {"AWS::KMS::Key", "KeyPolicy", PolicyType::kResource, "AWS::KMS::Key"},
    {"AWS::KMS::ReplicaKey", "KeyPolicy", PolicyType::kResource, "AWS::KMS::Key"},
    {"AWS::SecretsManager::ResourcePolicy", "ResourcePolicy", PolicyType::kResource,
     "AWS::SecretsManager::Secret"},
    {"AWS::ECR::Repository", "RepositoryPolicyText", PolicyType::kResource, "AWS::ECR::Repository"},
    {"AWS::Events::EventBus", "Policy", PolicyType::kResource, "AWS::Events::EventBus"},
    {"AWS::Logs::Destination", "DestinationPolicy", PolicyType::kResource,
     "AWS::Logs::Destination"},
    {"AWS::ApiGateway::RestApi", "Policy", PolicyType::kResource, "AWS::ApiGateway::RestApi"},
    {"AWS::EFS::FileSystem", "FileSystemPolicy", PolicyType::kResource, "AWS::EFS::FileSystem"},
    {"AWS::OpenSearchService::Domain", "AccessPolicies", PolicyType::kResource,
     "AWS::OpenSearchService::Domain"},
    {"AWS::Backup::BackupVault", "AccessPolicy", PolicyType::kResource, "AWS::Backup::BackupVault"},
    {"AWS::CodeArtifact::Repository", "PermissionsPolicyDocument", PolicyType::kResource,
     "AWS::CodeArtifact::Repository"},
    {"AWS::DynamoDB::Table", "ResourcePolicy/PolicyDocument", PolicyType::kResource,
     "AWS::DynamoDB::Table"},
    {"AWS::Kinesis::ResourcePolicy", "ResourcePolicy", PolicyType::kResource,
     "AWS::Kinesis::Stream"},
};

// Resource types with a list of inline policies {PolicyName, PolicyDocument}.
constexpr absl::string_view kInlinePolicyOwners[] = {"AWS::IAM::Role", "AWS::IAM::User",
                                                     "AWS::IAM::Group"};
// SAM resources whose Policies hold documents, managed policy names and
// policy templates (only documents are linted).
constexpr absl::string_view kSamPolicyOwners[] = {"AWS::Serverless::Function",
                                                  "AWS::Serverless::StateMachine"};

// "Ref" or "Fn::..." when `value` is an intrinsic function call, "" otherwise.
absl::string_view IntrinsicName(const JsonValue& value) {
  if (!value.is_object() || value.members.size() != 1) return "";
  const std::string& key = value.members[0].key;
  return key == "Ref" || absl::StartsWith(key, "Fn::") ? absl::string_view(key) : "";
}

JsonValue Placeholder(absl::string_view function, const JsonValue& argument,
                      const SourceSpan& span) {
  std::string detail;
  if (argument.is_string()) {
    detail = argument.text;
  } else if (argument.is_array() && !argument.items.empty() && argument.items[0].is_string()) {
    detail = argument.items[0].text;
  }
  if (detail.size() > 60) detail = absl::StrCat(detail.substr(0, 57), "...");
  JsonValue out;
  out.type = JsonType::kString;
  out.span = span;
  out.text = absl::StrCat("{{", function, detail.empty() ? "" : " ", detail, "}}");
  return out;
}

bool ResolveIntrinsics(const JsonValue& in, JsonValue* out);

// An intrinsic call; false for AWS::NoValue.
bool ResolveCall(absl::string_view function, const JsonValue& in, JsonValue* out) {
  const JsonValue& argument = in.members[0].value;
  if (function == "Ref" && argument.is_string() && argument.text == "AWS::NoValue") return false;
  if (function == "Fn::If" && argument.is_array() && argument.items.size() == 3) {
    return ResolveIntrinsics(argument.items[1], out) || ResolveIntrinsics(argument.items[2], out);
  }
  if (function == "Fn::Sub" && argument.is_string() && !absl::StrContains(argument.text, "${")) {
    *out = argument;  // A literal.
    return true;
  }
  *out = Placeholder(function, argument, in.span);
  return true;
}

// A copy of `in` with its intrinsic functions resolved (see the file
// comment); false when `in` is AWS::NoValue.
bool ResolveIntrinsics(const JsonValue& in, JsonValue* out) {
  if (absl::string_view function = IntrinsicName(in); !function.empty()) {
    return ResolveCall(function, in, out);
  }
  out->type = in.type;
  out->span = in.span;
  out->text = in.text;
  out->items.clear();
  out->members.clear();
  for (const JsonValue& item : in.items) {
    JsonValue resolved;
    if (ResolveIntrinsics(item, &resolved)) out->items.push_back(std::move(resolved));
  }
  for (const JsonMember& member : in.members) {
    JsonMember resolved{member.key, member.key_span, {}};
    if (!ResolveIntrinsics(member.value, &resolved.value)) continue;
    if (resolved.value.is_string() && IsTemplatePlaceholder(resolved.value.text)) {
      if (member.key == "Sid") continue;
      if (member.key == "Version") resolved.value.text = "2012-10-17";
    }
    out->members.push_back(std::move(resolved));
  }
  return true;
}

bool IsTemplate(const JsonValue& root) {
  if (!root.is_object()) return false;
  if (root.Find("AWSTemplateFormatVersion") != nullptr) return true;
  const JsonValue* resources = root.Find("Resources");
  if (resources == nullptr || !resources->is_object()) return false;
  for (const JsonMember& r : resources->members) {
    const std::string type = r.value.is_object() ? r.value.StringMember("Type") : "";
    if (absl::StartsWith(type, "AWS::") || absl::StartsWith(type, "Custom::")) return true;
  }
  return false;
}

// Reads the resources of one template.
class TemplateReader {
 public:
  TemplateReader(const JsonValue& resources, const LintOptions& options, FoundPolicies* out)
      : resources_(resources), options_(options), out_(out) {}

  void Read();

 private:
  void ReadResource(const std::string& id, const std::string& type, const JsonValue& properties,
                    const std::string& pointer);
  void ReadPolicyList(const std::string& id, const JsonValue& properties,
                      const std::string& pointer, bool sam);
  void ReadOrganizationsPolicy(const std::string& id, const JsonValue& properties,
                               const std::string& pointer);
  void ReadEventBusPolicy(const std::string& id, const JsonValue& properties,
                          const std::string& pointer);
  void AddSynthesized(JsonValue document, const std::string& pointer, const std::string& name,
                      absl::string_view resource_type, std::string resource_arn);
  void Add(const JsonValue& document, const std::string& pointer, PolicyType type,
           absl::string_view resource_type, std::string name);
  std::set<std::string> BoundaryPolicies() const;

  const JsonValue& resources_;
  const LintOptions& options_;
  FoundPolicies* out_;
  std::set<std::string> boundaries_;  // Logical ids of managed policies used as boundaries.
};

// The managed policies of the template that a role or user names (Ref) as
// its permissions boundary.
std::set<std::string> TemplateReader::BoundaryPolicies() const {
  std::set<std::string> out;
  for (const JsonMember& r : resources_.members) {
    const JsonValue* properties = r.value.is_object() ? r.value.Find("Properties") : nullptr;
    const JsonValue* boundary = properties != nullptr && properties->is_object()
                                    ? properties->Find("PermissionsBoundary")
                                    : nullptr;
    if (boundary != nullptr && IntrinsicName(*boundary) == "Ref" &&
        boundary->members[0].value.is_string()) {
      out.insert(boundary->members[0].value.text);
    }
  }
  return out;
}

void TemplateReader::Add(const JsonValue& document, const std::string& pointer, PolicyType type,
                         absl::string_view resource_type, std::string name) {
  if (document.is_null()) return;
  if (document.is_string() && IsTemplatePlaceholder(document.text)) return;  // Unknown.
  EmbeddedPolicy p;
  p.value = &document;
  p.pointer = pointer;
  p.encoding =
      document.is_string() ? DetectStringEncoding(document.text) : DocumentEncoding::kObject;
  p.type = type;
  p.resource_type = std::string(resource_type);
  p.resource_account = options_.resource_account;
  p.name = std::move(name);
  out_->policies.push_back(std::move(p));
}

void TemplateReader::AddSynthesized(JsonValue document, const std::string& pointer,
                                    const std::string& name, absl::string_view resource_type,
                                    std::string resource_arn) {
  out_->owned.push_back(std::make_unique<JsonValue>(std::move(document)));
  Add(*out_->owned.back(), pointer, PolicyType::kResource, resource_type, name);
  out_->policies.back().resource_arn = std::move(resource_arn);
}

void TemplateReader::Read() {
  boundaries_ = BoundaryPolicies();
  for (const JsonMember& r : resources_.members) {
    if (!r.value.is_object()) continue;
    const std::string type = r.value.StringMember("Type");
    const JsonValue* properties = r.value.Find("Properties");
    if (properties == nullptr || type.empty()) continue;
    auto resolved = std::make_unique<JsonValue>();
    if (!ResolveIntrinsics(*properties, resolved.get()) || !resolved->is_object()) continue;
    out_->owned.push_back(std::move(resolved));
    ReadResource(r.key, type, *out_->owned.back(),
                 JsonPointerAppend(JsonPointerAppend("/Resources", r.key), "Properties"));
  }
}

void TemplateReader::ReadResource(const std::string& id, const std::string& type,
                                  const JsonValue& properties, const std::string& pointer) {
  for (const DocumentProperty& d : kDocumentProperties) {
    if (d.cfn_type != type) continue;
    const JsonValue* value = &properties;
    std::string at = pointer;
    for (absl::string_view step : absl::StrSplit(d.property, '/')) {
      value = value != nullptr && value->is_object() ? value->Find(step) : nullptr;
      at = JsonPointerAppend(at, step);
    }
    if (value == nullptr) continue;
    PolicyType policy_type = d.type;
    if (type == "AWS::IAM::ManagedPolicy" && boundaries_.count(id) != 0) {
      policy_type = PolicyType::kPermissionsBoundary;
    }
    Add(*value, at, policy_type, d.resource_type, absl::StrCat(type, " ", id, " ", d.property));
  }
  for (absl::string_view owner : kInlinePolicyOwners) {
    if (owner == type) ReadPolicyList(id, properties, pointer, false);
  }
  for (absl::string_view owner : kSamPolicyOwners) {
    if (owner == type) ReadPolicyList(id, properties, pointer, true);
  }
  if (type == "AWS::Lambda::Permission" || type == "AWS::Lambda::LayerVersionPermission") {
    const bool layer = type == "AWS::Lambda::LayerVersionPermission";
    const PermissionShape& shape =
        layer ? LayerPermissionShape(false) : LambdaPermissionShape(false);
    const std::string arn = properties.StringMember(shape.resource);
    AddSynthesized(SynthesizePermissionPolicy(properties, shape), pointer,
                   absl::StrCat(type, " ", id),
                   layer ? "AWS::Lambda::LayerVersion" : "AWS::Lambda::Function",
                   absl::StartsWith(arn, "arn:") ? arn : "");
  } else if (type == "AWS::Organizations::Policy") {
    ReadOrganizationsPolicy(id, properties, pointer);
  } else if (type == "AWS::Events::EventBusPolicy") {
    ReadEventBusPolicy(id, properties, pointer);
  }
}

// Policies: [{PolicyName, PolicyDocument}] (IAM); SAM's Policies: a
// document, or a list of documents, policy names and policy templates.
void TemplateReader::ReadPolicyList(const std::string& id, const JsonValue& properties,
                                    const std::string& pointer, bool sam) {
  const JsonValue* list = properties.Find("Policies");
  if (list == nullptr) return;
  const std::string at = JsonPointerAppend(pointer, "Policies");
  const std::string name = absl::StrCat(id, " Policies");
  if (sam && list->is_object() && list->Find("Statement") != nullptr) {
    Add(*list, at, PolicyType::kIdentity, "", name);
    return;
  }
  if (!list->is_array()) return;
  for (size_t i = 0; i < list->items.size(); ++i) {
    const JsonValue& item = list->items[i];
    if (!item.is_object()) continue;
    if (sam) {
      if (item.Find("Statement") != nullptr) {
        Add(item, JsonPointerAppend(at, i), PolicyType::kIdentity, "", name);
      }
    } else if (const JsonValue* document = item.Find("PolicyDocument")) {
      Add(*document, JsonPointerAppend(JsonPointerAppend(at, i), "PolicyDocument"),
          PolicyType::kIdentity, "", absl::StrCat(id, " policy ", item.StringMember("PolicyName")));
    }
  }
}

void TemplateReader::ReadOrganizationsPolicy(const std::string& id, const JsonValue& properties,
                                             const std::string& pointer) {
  const std::string kind = properties.StringMember("Type");
  PolicyType type;
  if (kind == "SERVICE_CONTROL_POLICY") {
    type = PolicyType::kServiceControl;
  } else if (kind == "RESOURCE_CONTROL_POLICY") {
    type = PolicyType::kResourceControl;
  } else {
    return;  // Tag, backup, AI opt-out policies are not IAM policies.
  }
  if (const JsonValue* content = properties.Find("Content")) {
    Add(*content, JsonPointerAppend(pointer, "Content"), type, "",
        absl::StrCat("AWS::Organizations::Policy ", id));
  }
}

// AWS::Events::EventBusPolicy: a Statement property, or the legacy Action,
// Principal and Condition {Type, Key, Value}.
void TemplateReader::ReadEventBusPolicy(const std::string& id, const JsonValue& properties,
                                        const std::string& pointer) {
  JsonValue document;
  if (const JsonValue* statement = properties.Find("Statement")) {
    document.type = JsonType::kObject;
    document.span = properties.span;
    JsonValue version;
    version.type = JsonType::kString;
    version.span = properties.span;
    version.text = "2012-10-17";
    document.members.push_back(JsonMember{"Version", properties.span, std::move(version)});
    const JsonMember* member = properties.FindMember("Statement");
    document.members.push_back(JsonMember{"Statement", member->key_span, *statement});
  } else {
    static const PermissionShape shape{"Action", "Principal", "", {}};
    document = SynthesizePermissionPolicy(properties, shape);
    const JsonValue* condition = properties.Find("Condition");
    if (condition != nullptr && condition->is_object() && !document.members.empty()) {
      JsonValue& statement = document.members.back().value.items[0];
      JsonValue block;
      block.type = JsonType::kObject;
      block.span = condition->span;
      JsonValue keys = block;
      if (const JsonValue* value = condition->Find("Value")) {
        keys.members.push_back(JsonMember{condition->StringMember("Key"), condition->span, *value});
      }
      block.members.push_back(JsonMember{condition->StringMember("Type"), condition->span, keys});
      statement.members.push_back(JsonMember{"Condition", condition->span, block});
    }
  }
  AddSynthesized(std::move(document), pointer, absl::StrCat("AWS::Events::EventBusPolicy ", id),
                 "AWS::Events::EventBus", "");
}

}  // namespace

std::optional<FoundPolicies> FindTemplatePolicies(const JsonValue& root,
                                                  const LintOptions& options) {
  if (!IsTemplate(root)) return std::nullopt;
  FoundPolicies out;
  out.kind = "cloudformation";
  if (const JsonValue* resources = root.Find("Resources");
      resources != nullptr && resources->is_object()) {
    TemplateReader(*resources, options, &out).Read();
  }
  return out;
}

}  // namespace iamsim
