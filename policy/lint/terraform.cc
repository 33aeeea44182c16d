// FindTerraformPolicies: the policies of the AWS resources in `terraform
// show -json` output, a plan (planned_values) or a state (values).
//
// Contract: recognized by format_version with planned_values, values or
// terraform_version. Managed resources of root_module and of child_modules,
// recursively, are read; data sources (mode "data") are not, since what they
// compute is linted where it is used. Policies are JSON strings, linted
// through the embedded-string path so positions map through the escapes. A
// value unknown until apply is absent (or null) in the output and skipped.
// aws_lambda_permission and aws_lambda_layer_version_permission become the
// statement the service writes (SynthesizePermissionPolicy).
#include <algorithm>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "policy/arn/arn.h"
#include "policy/json/json_pointer.h"
#include "policy/lint/lint_inputs.h"

namespace iamsim {
namespace {

// A resource type whose attribute holds one policy document.
struct PolicyAttribute {
  absl::string_view type;
  absl::string_view attribute;
  PolicyType policy_type;
  absl::string_view resource_type;  // CloudFormation type of the owner, "" for identity.
};

constexpr PolicyAttribute kPolicyAttributes[] = {
    {"aws_iam_policy", "policy", PolicyType::kIdentity, ""},
    {"aws_iam_role", "assume_role_policy", PolicyType::kRoleTrust,
     "AWS::IAM::AssumeRolePolicyDocument"},
    {"aws_iam_role_policy", "policy", PolicyType::kIdentity, ""},
    {"aws_iam_user_policy", "policy", PolicyType::kIdentity, ""},
    {"aws_iam_group_policy", "policy", PolicyType::kIdentity, ""},
    {"aws_s3_bucket_policy", "policy", PolicyType::kResource, "AWS::S3::Bucket"},
    {"aws_s3_bucket", "policy", PolicyType::kResource, "AWS::S3::Bucket"},
    {"aws_s3_access_point", "policy", PolicyType::kResource, "AWS::S3::AccessPoint"},
    {"aws_sqs_queue_policy", "policy", PolicyType::kResource, "AWS::SQS::Queue"},
    {"aws_sqs_queue", "policy", PolicyType::kResource, "AWS::SQS::Queue"},
    {"aws_sns_topic_policy", "policy", PolicyType::kResource, "AWS::SNS::Topic"},
    {"aws_sns_topic", "policy", PolicyType::kResource, "AWS::SNS::Topic"},
    {"aws_kms_key", "policy", PolicyType::kResource, "AWS::KMS::Key"},
    {"aws_kms_key_policy", "policy", PolicyType::kResource, "AWS::KMS::Key"},
    {"aws_secretsmanager_secret_policy", "policy", PolicyType::kResource,
     "AWS::SecretsManager::Secret"},
    {"aws_secretsmanager_secret", "policy", PolicyType::kResource, "AWS::SecretsManager::Secret"},
    {"aws_ecr_repository_policy", "policy", PolicyType::kResource, "AWS::ECR::Repository"},
    {"aws_cloudwatch_event_bus_policy", "policy", PolicyType::kResource, "AWS::Events::EventBus"},
    {"aws_cloudwatch_log_destination_policy", "access_policy", PolicyType::kResource,
     "AWS::Logs::Destination"},
    {"aws_api_gateway_rest_api_policy", "policy", PolicyType::kResource,
     "AWS::ApiGateway::RestApi"},
    {"aws_efs_file_system_policy", "policy", PolicyType::kResource, "AWS::EFS::FileSystem"},
    {"aws_opensearch_domain_policy", "access_policies", PolicyType::kResource,
     "AWS::OpenSearchService::Domain"},
    {"aws_backup_vault_policy", "policy", PolicyType::kResource, "AWS::Backup::BackupVault"},
    {"aws_glacier_vault", "access_policy", PolicyType::kResource, "AWS::Glacier::Vault"},
    {"aws_dynamodb_resource_policy", "policy", PolicyType::kResource, "AWS::DynamoDB::Table"},
    {"aws_kinesis_resource_policy", "policy", PolicyType::kResource, "AWS::Kinesis::Stream"},
    {"aws_ssoadmin_permission_set_inline_policy", "inline_policy", PolicyType::kIdentity, ""},
};

std::string AccountOf(absl::string_view arn) {
  ArnParts parts;
  return SplitArn(arn, &parts) && IsAccountId(parts[4]) ? std::string(parts[4]) : "";
}

class PlanReader {
 public:
  PlanReader(const JsonValue& root, const LintOptions& options, FoundPolicies* out)
      : options_(options), out_(out) {
    const JsonValue* changes = root.Find("resource_changes");
    for (size_t i = 0; changes != nullptr && changes->is_array() && i < changes->items.size();
         ++i) {
      const JsonValue* change = changes->items[i].Find("change");
      const JsonValue* unknown = change != nullptr ? change->Find("after_unknown") : nullptr;
      if (unknown != nullptr && unknown->is_object()) {
        unknown_[changes->items[i].StringMember("address")] = unknown;
      }
    }
  }

  // A module: its resources, then its child modules.
  void ReadModule(const JsonValue& module, const std::string& pointer, int depth);

 private:
  void ReadResource(const JsonValue& resource, const std::string& pointer);
  void ReadPermission(const std::string& type, const std::string& address, const JsonValue& values,
                      const std::string& pointer);
  void Add(const JsonValue& document, const std::string& pointer, PolicyType type,
           absl::string_view resource_type, const std::string& name, const std::string& arn);

  const LintOptions& options_;
  FoundPolicies* out_;
  std::map<std::string, const JsonValue*> unknown_;  // Address -> after_unknown.
};

void PlanReader::Add(const JsonValue& document, const std::string& pointer, PolicyType type,
                     absl::string_view resource_type, const std::string& name,
                     const std::string& arn) {
  if (document.is_string() && absl::StripAsciiWhitespace(document.text).empty()) return;
  if (!document.is_string() && !document.is_object()) return;  // null: unknown until apply.
  EmbeddedPolicy p;
  p.value = &document;
  p.pointer = pointer;
  p.encoding =
      document.is_string() ? DetectStringEncoding(document.text) : DocumentEncoding::kObject;
  p.type = type;
  p.resource_type = std::string(resource_type);
  p.resource_account =
      !options_.resource_account.empty() ? options_.resource_account : AccountOf(arn);
  p.resource_arn = type == PolicyType::kIdentity ? "" : arn;
  p.name = name;
  out_->policies.push_back(std::move(p));
}

void PlanReader::ReadResource(const JsonValue& resource, const std::string& pointer) {
  const std::string type = resource.StringMember("type");
  const JsonValue* values = resource.Find("values");
  if (resource.StringMember("mode") == "data" || values == nullptr || !values->is_object()) return;
  const std::string at = JsonPointerAppend(pointer, "values");
  const std::string name = resource.StringMember("address");
  const std::string arn = values->StringMember("arn");
  for (const PolicyAttribute& a : kPolicyAttributes) {
    if (a.type != type) continue;
    if (const JsonValue* document = values->Find(a.attribute)) {
      Add(*document, JsonPointerAppend(at, a.attribute), a.policy_type, a.resource_type,
          absl::StrCat(name, " ", a.attribute), arn);
    }
  }
  if (type == "aws_iam_role") {  // inline_policy: [{name, policy}].
    const JsonValue* list = values->Find("inline_policy");
    for (size_t i = 0; list != nullptr && list->is_array() && i < list->items.size(); ++i) {
      const JsonValue* document =
          list->items[i].is_object() ? list->items[i].Find("policy") : nullptr;
      if (document == nullptr) continue;
      Add(*document,
          JsonPointerAppend(JsonPointerAppend(JsonPointerAppend(at, "inline_policy"), i), "policy"),
          PolicyType::kIdentity, "",
          absl::StrCat(name, " inline_policy ", list->items[i].StringMember("name")), "");
    }
  } else if (type == "aws_organizations_policy") {
    const std::string kind = values->StringMember("type");
    const JsonValue* content = values->Find("content");
    if (content != nullptr &&
        (kind == "SERVICE_CONTROL_POLICY" || kind == "RESOURCE_CONTROL_POLICY")) {
      Add(*content, JsonPointerAppend(at, "content"),
          kind == "SERVICE_CONTROL_POLICY" ? PolicyType::kServiceControl
                                           : PolicyType::kResourceControl,
          "", name, "");
    }
  } else if (type == "aws_lambda_permission" || type == "aws_lambda_layer_version_permission") {
    ReadPermission(type, name, *values, at);
  }
}

// A permission as its statement; a field unknown until apply (after_unknown)
// becomes a placeholder, so a source ARN still to be computed is not missing.
void PlanReader::ReadPermission(const std::string& type, const std::string& address,
                                const JsonValue& values, const std::string& pointer) {
  const bool layer = type == "aws_lambda_layer_version_permission";
  const PermissionShape& shape = layer ? LayerPermissionShape(true) : LambdaPermissionShape(true);
  JsonValue fields = values;
  if (auto it = unknown_.find(address); it != unknown_.end()) {
    for (const JsonMember& m : it->second->members) {
      if (m.value.text != "true") continue;
      fields.members.erase(std::remove_if(fields.members.begin(), fields.members.end(),
                                          [&](const JsonMember& f) { return f.key == m.key; }),
                           fields.members.end());
      JsonValue placeholder;
      placeholder.type = JsonType::kString;
      placeholder.span = values.span;
      placeholder.text = absl::StrCat("{{unknown ", m.key, "}}");
      fields.members.push_back(JsonMember{m.key, values.span, std::move(placeholder)});
    }
  }
  const std::string resource = fields.StringMember(shape.resource);
  out_->owned.push_back(std::make_unique<JsonValue>(SynthesizePermissionPolicy(fields, shape)));
  Add(*out_->owned.back(), pointer, PolicyType::kResource,
      layer ? "AWS::Lambda::LayerVersion" : "AWS::Lambda::Function", address,
      absl::StartsWith(resource, "arn:") ? resource : "");
}

void PlanReader::ReadModule(const JsonValue& module, const std::string& pointer, int depth) {
  if (!module.is_object() || depth > 32) return;
  if (const JsonValue* resources = module.Find("resources");
      resources != nullptr && resources->is_array()) {
    for (size_t i = 0; i < resources->items.size(); ++i) {
      ReadResource(resources->items[i],
                   JsonPointerAppend(JsonPointerAppend(pointer, "resources"), i));
    }
  }
  if (const JsonValue* children = module.Find("child_modules");
      children != nullptr && children->is_array()) {
    for (size_t i = 0; i < children->items.size(); ++i) {
      ReadModule(children->items[i],
                 JsonPointerAppend(JsonPointerAppend(pointer, "child_modules"), i), depth + 1);
    }
  }
}

}  // namespace

std::optional<FoundPolicies> FindTerraformPolicies(const JsonValue& root,
                                                   const LintOptions& options) {
  if (!root.is_object() || root.Find("format_version") == nullptr) return std::nullopt;
  if (root.Find("planned_values") == nullptr && root.Find("values") == nullptr &&
      root.Find("terraform_version") == nullptr) {
    return std::nullopt;
  }
  FoundPolicies out;
  out.kind = "terraform";
  PlanReader reader(root, options, &out);
  for (absl::string_view section : {"planned_values", "values"}) {
    const JsonValue* values = root.Find(section);
    const JsonValue* module =
        values != nullptr && values->is_object() ? values->Find("root_module") : nullptr;
    if (module != nullptr) {
      reader.ReadModule(*module, JsonPointerAppend(JsonPointerAppend("", section), "root_module"),
                        0);
    }
  }
  return out;
}

}  // namespace iamsim
