#include "policy/parse/policy_parser.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "policy/arn/arn.h"
#include "policy/arn/principal_arn.h"
#include "policy/diagnostics/limits.h"
#include "policy/diagnostics/suggest.h"
#include "policy/json/json_reader.h"
#include "policy/parse/policy_type_rules.h"

namespace iamsim {

absl::string_view PrincipalKindName(PrincipalKind kind) {
  switch (kind) {
    case PrincipalKind::kAws:
      return "AWS";
    case PrincipalKind::kService:
      return "Service";
    case PrincipalKind::kFederated:
      return "Federated";
    case PrincipalKind::kCanonicalUser:
      return "CanonicalUser";
  }
  return "?";
}

absl::string_view EffectName(Effect effect) { return effect == Effect::kAllow ? "Allow" : "Deny"; }

namespace {

const std::vector<absl::string_view> kTopLevelElements = {"Version", "Id", "Statement"};
const std::vector<absl::string_view> kStatementElements = {
    "Sid",       "Effect",   "Principal",   "NotPrincipal", "Action",
    "NotAction", "Resource", "NotResource", "Condition"};
const std::vector<absl::string_view> kPrincipalKinds = {"AWS", "Service", "Federated",
                                                        "CanonicalUser"};

class PolicyParser {
 public:
  explicit PolicyParser(JsonReader* reader) : reader_(*reader) {}

  PolicyDocument Parse(const JsonValue& root, PolicyType type) {
    PolicyDocument document;
    document.origin = DocumentRef{reader_.file(), reader_.document(), reader_.encoding()};
    document.type = type;
    document.location = ElementLocation{root.span, ""};
    if (reader_.Object(root, "", "a policy") == nullptr) return document;
    reader_.CheckMembers(root, "", kTopLevelElements, "a policy");
    if (const JsonValue* v = root.Find("Version")) {
      ParseVersion(*v, &document);
    } else {
      Error(document.location, Rule::kMissingVersion,
            "no Version: AWS then reads the policy as 2008-10-17, where ${...} policy variables "
            "are plain text; add \"Version\": \"2012-10-17\"");
    }
    if (const JsonValue* v = root.Find("Id")) document.id = String(*v, "/Id", "Id");
    const JsonValue* statements = root.Find("Statement");
    if (statements == nullptr) {
      Error(document.location, Rule::kMissingElement, "the policy has no Statement");
    } else if (statements->is_object()) {
      ParseStatement(*statements, "/Statement", 0, &document);
    } else if (statements->is_array()) {
      if (statements->items.empty()) {
        Error({statements->span, "/Statement"}, Rule::kEmptyValue,
              "Statement is an empty array; a policy needs at least one statement")
            .severity = Severity::kError;
      }
      for (size_t i = 0; i < statements->items.size(); ++i) {
        ParseStatement(statements->items[i], JsonPointerAppend("/Statement", i), i, &document);
      }
    } else {
      reader_.WrongType(*statements, "/Statement", "Statement", "an object or an array of objects");
    }
    CheckSids(document);
    return document;
  }

 private:
  Diagnostic& Error(const ElementLocation& at, Rule rule, std::string message) {
    return reader_.Report(rule, at.span, at.path, std::move(message));
  }

  void ParseVersion(const JsonValue& v, PolicyDocument* document) {
    document->version_string = String(v, "/Version", "Version");
    if (!document->version_string) return;
    const std::string& text = document->version_string->value;
    if (text == "2012-10-17") {
      document->version = PolicyVersion::k2012_10_17;
    } else if (text == "2008-10-17") {
      document->version = PolicyVersion::k2008_10_17;
    } else {
      Error(document->version_string->location, Rule::kInvalidVersion,
            absl::StrCat("Version ", Quote(text),
                         " is not a policy language version; use \"2012-10-17\" (or the older "
                         "\"2008-10-17\")"))
          .suggestion = "2012-10-17";
    }
  }

  // A value longer than iamsim's cap for one policy string: an input-limit
  // error (matching such values could take minutes).
  bool TooLong(const JsonValue& value, const std::string& path) {
    if (value.text.size() <= kMaxPolicyValueBytes) return false;
    Error({value.span, path}, Rule::kInputLimit,
          absl::StrCat("a value of ", value.text.size(),
                       " bytes; iamsim's limit for one policy "
                       "value is ",
                       kMaxPolicyValueBytes, " (AWS's ARNs are at most 2048 characters)"));
    return true;
  }

  std::optional<LocatedString> String(const JsonValue& value, const std::string& path,
                                      absl::string_view what) {
    const std::string* text = reader_.String(value, path, what);
    if (text == nullptr) return std::nullopt;
    return LocatedString{*text, ElementLocation{value.span, path}};
  }

  // One string or a non-empty array of non-empty strings.
  std::optional<StringListElement> StringList(const JsonValue& value, const std::string& path,
                                              absl::string_view what) {
    StringListElement list;
    list.location = ElementLocation{value.span, path};
    auto add = [&](const JsonValue& item, const std::string& item_path) {
      if (reader_.String(item, item_path, absl::StrCat("each ", what, " entry")) == nullptr) {
        return;
      }
      if (item.text.empty()) {
        Error({item.span, item_path}, Rule::kEmptyValue, absl::StrCat(what, " has an empty string"))
            .severity = Severity::kError;
        return;
      }
      if (TooLong(item, item_path)) return;
      list.values.push_back(LocatedString{item.text, ElementLocation{item.span, item_path}});
    };
    if (value.is_string()) {
      add(value, path);
    } else if (value.is_array()) {
      if (value.items.empty()) {
        Error(list.location, Rule::kEmptyValue, absl::StrCat(what, " is an empty array")).severity =
            Severity::kError;
      }
      for (size_t i = 0; i < value.items.size(); ++i) {
        add(value.items[i], JsonPointerAppend(path, i));
      }
    } else {
      reader_.WrongType(value, path, what, "a string or an array of strings");
    }
    return list;
  }

  // Finds the member `name` and its negated twin; reports both present.
  void Pair(const JsonValue& statement, const std::string& path, absl::string_view name,
            absl::string_view not_name, const JsonValue** positive, const JsonValue** negative) {
    *positive = statement.Find(name);
    *negative = statement.Find(not_name);
    if (*positive == nullptr || *negative == nullptr) return;
    const JsonMember* member = statement.FindMember(not_name);
    Error({member->key_span, JsonPointerAppend(path, not_name)}, Rule::kConflictingElements,
          absl::StrCat("a statement cannot have both ", name, " and ", not_name));
  }

  void ParseStatement(const JsonValue& value, const std::string& path, size_t index,
                      PolicyDocument* document) {
    if (reader_.Object(value, path, "a statement") == nullptr) return;
    Statement statement;
    statement.index = index;
    statement.location = ElementLocation{value.span, path};
    reader_.CheckMembers(value, path, kStatementElements, "a statement");

    if (const JsonValue* v = value.Find("Sid")) {
      statement.sid = String(*v, JsonPointerAppend(path, "Sid"), "Sid");
      if (statement.sid && statement.sid->value.empty()) {
        Error(statement.sid->location, Rule::kEmptyValue,
              "Sid is an empty string; give the statement an id or remove the Sid");
      }
    }
    if (const JsonValue* v = value.Find("Effect")) {
      ParseEffect(*v, JsonPointerAppend(path, "Effect"), &statement);
    } else {
      Error(statement.location, Rule::kMissingElement, "the statement has no Effect");
    }

    const JsonValue* positive;
    const JsonValue* negative;
    Pair(value, path, "Principal", "NotPrincipal", &positive, &negative);
    if (positive) {
      statement.principal =
          ParsePrincipal(*positive, JsonPointerAppend(path, "Principal"), "Principal");
    }
    if (negative) {
      statement.not_principal =
          ParsePrincipal(*negative, JsonPointerAppend(path, "NotPrincipal"), "NotPrincipal");
    }

    Pair(value, path, "Action", "NotAction", &positive, &negative);
    if (positive)
      statement.action = ParseActions(*positive, JsonPointerAppend(path, "Action"), "Action");
    if (negative)
      statement.not_action =
          ParseActions(*negative, JsonPointerAppend(path, "NotAction"), "NotAction");
    if (!positive && !negative) {
      Error(statement.location, Rule::kMissingElement,
            "the statement has neither Action nor NotAction");
    }

    Pair(value, path, "Resource", "NotResource", &positive, &negative);
    if (positive)
      statement.resource =
          ParseResources(*positive, JsonPointerAppend(path, "Resource"), "Resource");
    if (negative)
      statement.not_resource =
          ParseResources(*negative, JsonPointerAppend(path, "NotResource"), "NotResource");

    if (const JsonValue* v = value.Find("Condition")) {
      const std::string condition_path = JsonPointerAppend(path, "Condition");
      statement.condition_location = ElementLocation{v->span, condition_path};
      ParseCondition(*v, condition_path, &statement);
    }
    document->statements.push_back(std::move(statement));
  }

  void ParseEffect(const JsonValue& value, const std::string& path, Statement* statement) {
    statement->effect_location = ElementLocation{value.span, path};
    std::optional<LocatedString> effect = String(value, path, "Effect");
    if (!effect) return;
    if (effect->value == "Allow") {
      statement->effect = Effect::kAllow;
    } else if (effect->value == "Deny") {
      statement->effect = Effect::kDeny;
    } else {
      const std::string suggestion = ClosestMatch(effect->value, {"Allow", "Deny"});
      Error(effect->location, Rule::kInvalidEffect,
            absl::StrCat(
                "Effect must be \"Allow\" or \"Deny\", not ", Quote(effect->value),
                suggestion.empty() ? "" : absl::StrCat("; did you mean \"", suggestion, "\"?")))
          .suggestion = suggestion;
    }
  }

  std::optional<StringListElement> ParseActions(const JsonValue& value, const std::string& path,
                                                absl::string_view what) {
    std::optional<StringListElement> list = StringList(value, path, what);
    if (!list) return list;
    for (const LocatedString& action : list->values) {
      if (action.value == "*" || IsTemplatePlaceholder(action.value)) continue;
      const size_t colon = action.value.find(':');
      if (colon == std::string::npos || colon == 0 || colon + 1 == action.value.size() ||
          action.value.find(':', colon + 1) != std::string::npos) {
        Error(action.location, Rule::kUnknownAction,
              absl::StrCat(Quote(action.value),
                           " is not an action; write \"service:Action\" (for example "
                           "\"lambda:InvokeFunction\") or \"*\""));
      } else if (action.value.find_first_of("*?") < colon) {
        Error(
            action.location, Rule::kUnknownService,
            absl::StrCat(Quote(action.value), ": wildcards are not allowed in the service prefix"));
      }
    }
    return list;
  }

  std::optional<StringListElement> ParseResources(const JsonValue& value, const std::string& path,
                                                  absl::string_view what) {
    std::optional<StringListElement> list = StringList(value, path, what);
    if (!list) return list;
    for (const LocatedString& resource : list->values) {
      if (resource.value == "*" || IsTemplatePlaceholder(resource.value)) continue;
      std::optional<Arn> arn = ParseArn(resource.value);
      if (!arn) {
        Error(resource.location, Rule::kMalformedArn,
              absl::StrCat(Quote(resource.value),
                           " is not an ARN or \"*\"; an ARN has six colon-separated parts: "
                           "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE"));
      } else if (arn->partition.empty() || arn->service.empty()) {
        Error(resource.location, Rule::kMalformedArn,
              absl::StrCat(Quote(resource.value), " has an empty partition or service"));
      } else if (!IsKnownPartition(arn->partition) &&
                 arn->partition.find_first_of("*?${") == absl::string_view::npos) {
        Error(resource.location, Rule::kMalformedArn,
              absl::StrCat(Quote(resource.value), ": ", Quote(arn->partition),
                           " is not an AWS partition (aws, aws-cn, aws-us-gov, aws-iso, "
                           "aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc)"))
            .suggestion = absl::StrCat(
            "arn:aws", absl::string_view(resource.value).substr(4 + arn->partition.size()));
      }
    }
    return list;
  }

  std::optional<PrincipalElement> ParsePrincipal(const JsonValue& value, const std::string& path,
                                                 absl::string_view what) {
    PrincipalElement principal;
    principal.location = ElementLocation{value.span, path};
    if (value.is_string()) {
      if (value.text != "*") {
        Error(principal.location, Rule::kInvalidPrincipal,
              absl::StrCat(what, " as a string must be \"*\"; name principals as {\"AWS\": ",
                           Quote(value.text), "} or {\"Service\": ", Quote(value.text), "}"));
        return principal;
      }
      principal.everyone = true;
      return principal;
    }
    if (!value.is_object()) {
      reader_.WrongType(value, path, what, "\"*\" or an object such as {\"AWS\": \"...\"}");
      return principal;
    }
    if (value.members.empty()) {
      Error(principal.location, Rule::kEmptyValue, absl::StrCat(what, " is an empty object"))
          .severity = Severity::kError;
    }
    reader_.CheckMembers(value, path, kPrincipalKinds, what);
    for (const JsonMember& member : value.members) {
      PrincipalKind kind;
      if (member.key == "AWS")
        kind = PrincipalKind::kAws;
      else if (member.key == "Service")
        kind = PrincipalKind::kService;
      else if (member.key == "Federated")
        kind = PrincipalKind::kFederated;
      else if (member.key == "CanonicalUser")
        kind = PrincipalKind::kCanonicalUser;
      else
        continue;
      std::optional<StringListElement> list = StringList(
          member.value, JsonPointerAppend(path, member.key), absl::StrCat(what, ".", member.key));
      if (!list) continue;
      for (LocatedString& entry : list->values) {
        CheckPrincipalValue(kind, entry);
        principal.values.push_back(PrincipalValue{kind, std::move(entry)});
      }
    }
    return principal;
  }

  void CheckPrincipalValue(PrincipalKind kind, const LocatedString& entry) {
    const std::string& v = entry.value;
    if (v == "*" || IsTemplatePlaceholder(v)) return;
    if (v.find_first_of("*?") != std::string::npos) {
      Error(entry.location, Rule::kInvalidPrincipal,
            absl::StrCat(Quote(v),
                         ": a principal is \"*\" or names one principal; wildcards inside "
                         "principal values are not allowed (use a condition on "
                         "aws:PrincipalArn with ArnLike instead)"));
      return;
    }
    if (kind == PrincipalKind::kService &&
        (absl::StartsWith(v, "arn:") || !absl::StrContains(v, "."))) {
      Error(entry.location, Rule::kInvalidPrincipal,
            absl::StrCat(Quote(v),
                         " is not a service principal; write one like "
                         "\"apigateway.amazonaws.com\" (accounts and roles go under \"AWS\")"));
      return;
    }
    if (kind != PrincipalKind::kAws) return;
    // Principal element page: accounts, users, roles, role sessions and
    // federated users (groups are not principals); IAM writes a deleted
    // user's or role's unique id in its place.
    if (IsAccountId(v) || ParseUniqueId(v) || ParsePrincipalArn(v)) return;
    Error(entry.location, Rule::kInvalidPrincipal,
          absl::StrCat(
              Quote(v),
              " is not an AWS principal; use a 12-digit account id, "
              "arn:aws:iam::ACCOUNT:root, or an IAM user, role or session ARN",
              absl::StartsWith(v, "arn:") ? absl::StrCat(" (", PrincipalArnProblem(v), ")") : ""));
  }

  void ParseCondition(const JsonValue& value, const std::string& path, Statement* statement) {
    if (reader_.Object(value, path, "Condition") == nullptr) return;
    if (value.members.empty()) {
      Error({value.span, path}, Rule::kEmptyValue, "Condition is an empty object");
    }
    for (const JsonMember& op_member : value.members) {
      const std::string op_path = JsonPointerAppend(path, op_member.key);
      const ElementLocation op_location{op_member.key_span, op_path};
      std::optional<ConditionOperator> op = ParseConditionOperator(op_member.key);
      if (!op) {
        std::string message = absl::StrCat("unknown condition operator ", Quote(op_member.key));
        const std::string suggestion = SuggestConditionOperator(op_member.key);
        if (!suggestion.empty()) {
          absl::StrAppend(&message, "; did you mean \"", suggestion, "\"?");
        } else if (absl::StrContains(op_member.key, "Null")) {
          absl::StrAppend(&message,
                          "; Null tests whether a key is present and has no "
                          "ForAllValues/ForAnyValue or IfExists form");
        }
        // Once per condition key under the operator (each key's condition
        // is lost), or at the operator when it has no keys.
        const JsonValue& block = op_member.value;
        if (!block.is_object() || block.members.empty()) {
          Error(op_location, Rule::kInvalidConditionOperator, message).suggestion = suggestion;
        } else {
          for (const JsonMember& key_member : block.members) {
            Error({key_member.key_span, JsonPointerAppend(op_path, key_member.key)},
                  Rule::kInvalidConditionOperator, message)
                .suggestion = suggestion;
          }
        }
        continue;
      }
      const JsonValue& block = op_member.value;
      if (reader_.Object(block, op_path, absl::StrCat("the ", op_member.key, " block")) ==
          nullptr) {
        continue;
      }
      if (block.members.empty()) {
        Error({block.span, op_path}, Rule::kEmptyValue,
              absl::StrCat("the ", op_member.key, " block has no condition keys"))
            .severity = Severity::kError;
      }
      for (const JsonMember& key_member : block.members) {
        const std::string key_path = JsonPointerAppend(op_path, key_member.key);
        ConditionClause clause;
        clause.operator_name = LocatedString{op_member.key, op_location};
        clause.op = *op;
        clause.key = LocatedString{key_member.key, ElementLocation{key_member.key_span, key_path}};
        const size_t colon = key_member.key.find(':');
        if (colon == std::string::npos || colon == 0 || colon + 1 == key_member.key.size()) {
          Error(clause.key.location, Rule::kUnknownConditionKey,
                absl::StrCat(Quote(key_member.key),
                             " is not a condition key; keys look like \"aws:SourceArn\" or "
                             "\"lambda:FunctionUrlAuthType\""));
        }
        if (ParseConditionValues(key_member.value, key_path, op_member.key, &clause)) {
          statement->conditions.push_back(std::move(clause));
        }
      }
    }
  }

  bool ParseConditionValues(const JsonValue& value, const std::string& path,
                            absl::string_view op_name, ConditionClause* clause) {
    bool ok = true;
    auto add = [&](const JsonValue& item, const std::string& item_path) {
      if (item.type != JsonType::kString && item.type != JsonType::kNumber &&
          item.type != JsonType::kBool) {
        reader_.WrongType(item, item_path, "a condition value", "a string, number or boolean");
        ok = false;
        return;
      }
      if (TooLong(item, item_path)) {
        ok = false;
        return;
      }
      clause->values.push_back(
          ConditionClause::Value{item.type, item.text, ElementLocation{item.span, item_path}});
    };
    if (value.is_array()) {
      if (value.items.empty()) {
        Error({value.span, path}, Rule::kEmptyValue,
              absl::StrCat("condition key ", Quote(clause->key.value), " under ", op_name,
                           " has an empty list of values"))
            .severity = Severity::kError;
        return false;
      }
      for (size_t i = 0; i < value.items.size(); ++i) {
        add(value.items[i], JsonPointerAppend(path, i));
      }
    } else {
      add(value, path);
    }
    return ok;
  }

  void CheckSids(const PolicyDocument& document) {
    // IAM's own policies (identity, boundary, session) take Sids of ASCII
    // letters and digits only, and unique ones (Sid element page); services'
    // resource policies allow more (Lambda's have '-' and '_').
    const bool iam_policy = document.type == PolicyType::kIdentity ||
                            document.type == PolicyType::kPermissionsBoundary ||
                            document.type == PolicyType::kSession;
    absl::flat_hash_map<std::string, const Statement*> seen;
    for (const Statement& statement : document.statements) {
      if (!statement.sid || statement.sid->value.empty()) continue;
      if (iam_policy && !std::all_of(statement.sid->value.begin(), statement.sid->value.end(),
                                     [](char c) { return absl::ascii_isalnum(c); })) {
        Error(statement.sid->location, Rule::kInvalidSid,
              absl::StrCat("Sid ", Quote(statement.sid->value),
                           ": IAM accepts only letters A-Z, a-z and digits 0-9 in a Sid"));
      }
      auto [it, inserted] = seen.emplace(statement.sid->value, &statement);
      if (!inserted) {
        Diagnostic& d = Error(statement.sid->location, Rule::kDuplicateSid,
                              absl::StrCat("Sid ", Quote(statement.sid->value), " is also used at ",
                                           FormatPosition(it->second->sid->location.span.begin),
                                           "; statement ids must be unique within a policy"));
        d.severity = iam_policy ? Severity::kError : Severity::kWarning;
        d.related.push_back(document.LocationOf(it->second->sid->location));
      }
    }
  }

  JsonReader& reader_;
};

// AWS's size quotas: Organizations counts every character of an SCP or RCP
// (5,120); IAM counts characters other than white space (managed policies
// and boundaries 6,144; trust policies 2,048 by default; session policies
// 2,048). Warnings: some quotas can be raised, and inline policies differ.
void CheckPolicySize(absl::string_view text, const PolicyDocument& document,
                     std::vector<Diagnostic>* diagnostics) {
  size_t limit = 0;
  bool count_white_space = false;
  switch (document.type) {
    case PolicyType::kServiceControl:
    case PolicyType::kResourceControl:
      limit = 5120;
      count_white_space = true;
      break;
    case PolicyType::kIdentity:
    case PolicyType::kPermissionsBoundary:
      limit = 6144;
      break;
    case PolicyType::kRoleTrust:
    case PolicyType::kSession:
      limit = 2048;
      break;
    case PolicyType::kResource:
      return;  // Each service has its own limit.
  }
  size_t size = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;  // Count characters.
    if (count_white_space || !absl::ascii_isspace(static_cast<unsigned char>(c))) ++size;
  }
  if (size <= limit) return;
  diagnostics->push_back(MakeDiagnostic(
      Rule::kPolicySize, document.LocationOf(document.location),
      absl::StrCat("the policy has ", size, " characters",
                   count_white_space ? "" : " (not counting white space)", "; AWS accepts at most ",
                   limit, " for ", PolicyTypeName(document.type), " policies")));
}

}  // namespace

PolicyParseResult ParsePolicyJson(const JsonValue& root, const DocumentRef& origin, PolicyType type,
                                  absl::string_view policy_text) {
  PolicyParseResult result;
  JsonReader reader(origin.file, origin.document, origin.encoding, &result.diagnostics);
  PolicyDocument document = PolicyParser(&reader).Parse(root, type);
  CheckPolicyTypeRules(document, &result.diagnostics);
  if (!policy_text.empty()) CheckPolicySize(policy_text, document, &result.diagnostics);
  SortByPosition(&result.diagnostics);
  if (!HasErrors(result.diagnostics)) result.document = std::move(document);
  return result;
}

PolicyParseResult ParsePolicy(absl::string_view text, absl::string_view file, PolicyType type,
                              const JsonLimits& limits) {
  JsonParseResult json = ParseJson(text, file, limits);
  if (!json.root) {
    PolicyParseResult result;
    result.diagnostics = std::move(json.diagnostics);
    return result;
  }
  PolicyParseResult result = ParsePolicyJson(
      *json.root, DocumentRef{std::string(file), "", DocumentEncoding::kObject}, type, text);
  result.recognized = json.root->is_object();
  return result;
}

}  // namespace iamsim
