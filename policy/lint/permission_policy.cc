// SynthesizePermissionPolicy: a permission resource of a template
// (AWS::Lambda::Permission, aws_lambda_permission, layer permissions) as the
// resource-policy statement the service writes for it, so the exposure
// rules judge it like any function policy.
//
// Contract: the statement is {Effect: Allow, Principal, Action, Resource,
// Condition}; each element spans the field it came from, Effect and the
// containers span the whole properties object. A principal "*" stays "*",
// one ending in ".amazonaws.com" (or ".amazonaws.com.cn") is a Service,
// anything else (account id, ARN, placeholder) is AWS. The resource is the
// field's ARN when it is one, "*" otherwise (the permission applies to the
// resource it is attached to). Absent and null fields are left out.
#include "absl/strings/match.h"
#include "policy/lint/lint_inputs.h"

namespace iamsim {
namespace {

const JsonMember* Field(const JsonValue& properties, absl::string_view name) {
  if (name.empty()) return nullptr;
  const JsonMember* m = properties.FindMember(name);
  return m != nullptr && !m->value.is_null() ? m : nullptr;
}

JsonValue StringAt(std::string text, const SourceSpan& span) {
  JsonValue v;
  v.type = JsonType::kString;
  v.text = std::move(text);
  v.span = span;
  return v;
}

JsonValue ObjectAt(const SourceSpan& span) {
  JsonValue v;
  v.type = JsonType::kObject;
  v.span = span;
  return v;
}

JsonValue PrincipalOf(const JsonValue& value) {
  if (value.is_string() && value.text == "*") return value;
  const bool service = value.is_string() && (absl::EndsWith(value.text, ".amazonaws.com") ||
                                             absl::EndsWith(value.text, ".amazonaws.com.cn"));
  JsonValue principal = ObjectAt(value.span);
  principal.members.push_back(JsonMember{service ? "Service" : "AWS", value.span, value});
  return principal;
}

// Condition: {OP: {KEY: value, ...}, ...} from the shape's condition fields.
void AddConditions(const JsonValue& properties, const PermissionShape& shape,
                   JsonValue* statement) {
  JsonValue condition = ObjectAt(properties.span);
  for (const PermissionShape::ConditionField& c : shape.conditions) {
    const JsonMember* field = Field(properties, c.field);
    if (field == nullptr) continue;
    JsonValue value = field->value;
    if (c.op == "Bool") {  // A boolean property: the condition exists only when true.
      if (value.text != "true") continue;
      value = StringAt("true", value.span);
    }
    JsonMember* block = nullptr;
    for (JsonMember& m : condition.members) {
      if (m.key == c.op) block = &m;
    }
    if (block == nullptr) {
      condition.members.push_back(
          JsonMember{std::string(c.op), field->key_span, ObjectAt(field->value.span)});
      block = &condition.members.back();
    }
    block->value.members.push_back(JsonMember{std::string(c.key), field->key_span, value});
  }
  if (!condition.members.empty()) {
    statement->members.push_back(JsonMember{"Condition", properties.span, std::move(condition)});
  }
}

}  // namespace

const PermissionShape& LambdaPermissionShape(bool terraform) {
  static const PermissionShape kCloudFormation{
      "Action",
      "Principal",
      "FunctionName",
      {{"SourceArn", "ArnLike", "aws:SourceArn"},
       {"SourceAccount", "StringEquals", "aws:SourceAccount"},
       {"PrincipalOrgID", "StringEquals", "aws:PrincipalOrgID"},
       {"FunctionUrlAuthType", "StringEquals", "lambda:FunctionUrlAuthType"},
       {"EventSourceToken", "StringEquals", "lambda:EventSourceToken"},
       {"InvokedViaFunctionUrl", "Bool", "lambda:InvokedViaFunctionUrl"}}};
  static const PermissionShape kTerraform{
      "action",
      "principal",
      "function_name",
      {{"source_arn", "ArnLike", "aws:SourceArn"},
       {"source_account", "StringEquals", "aws:SourceAccount"},
       {"principal_org_id", "StringEquals", "aws:PrincipalOrgID"},
       {"function_url_auth_type", "StringEquals", "lambda:FunctionUrlAuthType"},
       {"event_source_token", "StringEquals", "lambda:EventSourceToken"}}};
  return terraform ? kTerraform : kCloudFormation;
}

const PermissionShape& LayerPermissionShape(bool terraform) {
  static const PermissionShape kCloudFormation{
      "Action",
      "Principal",
      "LayerVersionArn",
      {{"OrganizationId", "StringEquals", "aws:PrincipalOrgID"}}};
  static const PermissionShape kTerraform{
      "action",
      "principal",
      "layer_name",
      {{"organization_id", "StringEquals", "aws:PrincipalOrgID"}}};
  return terraform ? kTerraform : kCloudFormation;
}

JsonValue SynthesizePermissionPolicy(const JsonValue& properties, const PermissionShape& shape) {
  const SourceSpan& whole = properties.span;
  JsonValue statement = ObjectAt(whole);
  statement.members.push_back(JsonMember{"Effect", whole, StringAt("Allow", whole)});
  if (const JsonMember* principal = Field(properties, shape.principal)) {
    statement.members.push_back(
        JsonMember{"Principal", principal->key_span, PrincipalOf(principal->value)});
  }
  if (const JsonMember* action = Field(properties, shape.action)) {
    statement.members.push_back(JsonMember{"Action", action->key_span, action->value});
  }
  const JsonMember* resource = Field(properties, shape.resource);
  const bool arn = resource != nullptr && resource->value.is_string() &&
                   absl::StartsWith(resource->value.text, "arn:");
  statement.members.push_back(JsonMember{
      "Resource", resource != nullptr ? resource->key_span : whole,
      arn ? resource->value : StringAt("*", resource != nullptr ? resource->value.span : whole)});
  AddConditions(properties, shape, &statement);
  JsonValue statements;
  statements.type = JsonType::kArray;
  statements.span = whole;
  statements.items.push_back(std::move(statement));
  JsonValue document = ObjectAt(whole);
  document.members.push_back(JsonMember{"Version", whole, StringAt("2012-10-17", whole)});
  document.members.push_back(JsonMember{"Statement", whole, std::move(statements)});
  return document;
}

}  // namespace iamsim
