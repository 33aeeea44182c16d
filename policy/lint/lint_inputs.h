// File: policy/lint/lint_inputs.h (internal to policy/lint)
//
// Recognizes what a file is and where its policies are. Each reader returns
// the policies it found, each as a value of the file's JSON tree (an object,
// or a string holding the document) with its pointer in the file, its
// policy type and what is known of the resource that owns it.
//
// Template readers (CloudFormation JSON/YAML, Terraform plan JSON) replace
// intrinsic functions and unknown values by placeholder strings "{{...}}"
// (IsTemplatePlaceholder), which no rule judges.
#ifndef IAMSIM_POLICY_LINT_LINT_INPUTS_H_
#define IAMSIM_POLICY_LINT_LINT_INPUTS_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "policy/diagnostics/source_span.h"
#include "policy/json/json_tree.h"
#include "policy/lint/lint.h"

namespace iamsim {

struct EmbeddedPolicy {
  const JsonValue* value = nullptr;  // The document: an object, or a string holding it.
  std::string pointer;               // Of `value` in the file ("" for the whole file).
  DocumentEncoding encoding = DocumentEncoding::kObject;
  PolicyType type = PolicyType::kIdentity;
  bool type_inferred = false;    // No reader said: InferPolicyType decided.
  std::string resource_type;     // CloudFormation type of the owner, "" unknown.
  std::string resource_account;  // "" unknown.
  std::string resource_arn;      // "" unknown.
  std::string name;              // For messages: "role app", "AWS::S3::BucketPolicy Bucket".
};

struct FoundPolicies {
  std::string kind;  // "policy", "get-policy", "account-dump", "cloudformation", "terraform".
  std::vector<EmbeddedPolicy> policies;
  std::vector<Diagnostic> problems;  // The file is of the kind but malformed.
  // Trees a reader built (template properties with intrinsics replaced,
  // synthesized statements); `policies` may point into them.
  std::vector<std::unique_ptr<JsonValue>> owned;
};

// The JSON kinds: a bare policy, get-policy output, an account dump; then
// the template kinds below. nullopt: no kind the linter knows.
std::optional<FoundPolicies> FindPolicies(const SourceText& file, const JsonValue& root,
                                          const LintOptions& options);

// CloudFormation templates (a JSON tree, or one built from YAML by
// ParseYamlTemplate): the policies of AWS::IAM::* resources,
// AWS::Lambda::Permission (as a function policy statement), bucket, queue,
// topic and key policies, and others that own a resource policy.
// nullopt when `root` is not a template.
std::optional<FoundPolicies> FindTemplatePolicies(const JsonValue& root,
                                                  const LintOptions& options);
// `terraform show -json` output (plan or state): aws_iam_policy,
// aws_iam_role (assume_role_policy, inline_policy), aws_iam_role_policy,
// aws_lambda_permission, aws_s3_bucket_policy, ... nullopt when not one.
std::optional<FoundPolicies> FindTerraformPolicies(const JsonValue& root,
                                                   const LintOptions& options);

// A permission resource (AWS::Lambda::Permission, aws_lambda_permission,
// ...) as the resource-policy statement the service writes for it: the
// field names of its action, principal and resource, and of the fields that
// become conditions (SourceArn -> ArnLike aws:SourceArn, ...).
struct PermissionShape {
  absl::string_view action, principal, resource;
  struct ConditionField {
    absl::string_view field, op, key;
  };
  std::vector<ConditionField> conditions;
};
const PermissionShape& LambdaPermissionShape(bool terraform);
const PermissionShape& LayerPermissionShape(bool terraform);
// The one-statement policy equivalent to `properties` (an object of the
// file, intrinsics already placeholders), every element spanning the field
// it came from (Effect and the containers span `properties`). The resource
// is the field's ARN, or "*" (the resource the permission is attached to).
JsonValue SynthesizePermissionPolicy(const JsonValue& properties, const PermissionShape& shape);

// A YAML CloudFormation template as a JSON tree whose spans are positions in
// the YAML text (yaml_template.cc): short-form tags such as !Sub become
// {"Fn::Sub": ...}; every scalar is a string ("Version: 2012-10-17" is not a
// date) except an unquoted empty, "~" or "null" value, which is null.
// nullopt with diagnostics (json-syntax, duplicate-key, input-limit) when the
// text is not YAML; nullopt without any when its root is not a mapping.
std::optional<JsonValue> ParseYamlTemplate(const SourceText& file,
                                           std::vector<Diagnostic>* diagnostics);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_LINT_LINT_INPUTS_H_
