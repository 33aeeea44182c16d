#include "policy/parse/policy_parser.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "policy/arn/arn.h"
#include "policy/parse/policy_type_rules.h"
#include "policy/parse/suggest.h"

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
  PolicyParser(absl::string_view source, std::vector<Diagnostic>* diagnostics)
      : source_(source), diagnostics_(diagnostics) {}

  PolicyDocument Parse(const JsonValue& root, absl::string_view pointer, PolicyType type) {
    PolicyDocument document;
    document.source = std::string(source_);
    document.type = type;
    document.location = Location{root.span, std::string(pointer)};
    if (!root.is_object()) {
      WrongType(root, pointer, "a policy", "an object");
      return document;
    }
    CheckMembers(root, pointer, kTopLevelElements, "policy");
    if (const JsonValue* v = root.Find("Version")) {
      document.version_string = String(*v, JsonPointerAppend(pointer, "Version"), "Version");
      if (document.version_string) {
        const std::string& text = document.version_string->value;
        if (text == "2012-10-17") {
          document.version = PolicyVersion::k2012_10_17;
        } else if (text == "2008-10-17") {
          document.version = PolicyVersion::k2008_10_17;
        } else {
          Error(document.version_string->location, "invalid-version",
                absl::StrCat("Version \"", text,
                             "\" is not a policy language version; use \"2012-10-17\" "
                             "(or the older \"2008-10-17\")"));
        }
      }
    } else {
      Warning(document.location, "missing-version",
              "no Version: AWS then uses 2008-10-17, where ${...} policy variables are plain "
              "text; add \"Version\": \"2012-10-17\"");
    }
    if (const JsonValue* v = root.Find("Id")) {
      document.id = String(*v, JsonPointerAppend(pointer, "Id"), "Id");
    }
    const JsonValue* statements = root.Find("Statement");
    const std::string statements_pointer = JsonPointerAppend(pointer, "Statement");
    if (statements == nullptr) {
      Error(document.location, "missing-element", "the policy has no Statement");
    } else if (statements->is_object()) {
      ParseStatement(*statements, statements_pointer, 0, &document);
    } else if (statements->is_array()) {
      if (statements->items.empty()) {
        Error(Location{statements->span, statements_pointer}, "empty-value",
              "Statement is an empty array; a policy needs at least one statement");
      }
      for (size_t i = 0; i < statements->items.size(); ++i) {
        ParseStatement(statements->items[i], JsonPointerAppend(statements_pointer, i), i,
                       &document);
      }
    } else {
      WrongType(*statements, statements_pointer, "Statement", "an object or an array of objects");
    }
    CheckDuplicateSids(document);
    return document;
  }

 private:
  void Report(Severity severity, const Location& at, std::string code, std::string message) {
    diagnostics_->push_back(Diagnostic{severity, std::string(source_), at.span, at.pointer,
                                       std::move(code), std::move(message)});
  }
  void Error(const Location& at, std::string code, std::string message) {
    Report(Severity::kError, at, std::move(code), std::move(message));
  }
  void Warning(const Location& at, std::string code, std::string message) {
    Report(Severity::kWarning, at, std::move(code), std::move(message));
  }
  void WrongType(const JsonValue& value, absl::string_view pointer, absl::string_view what,
                 absl::string_view expected) {
    Error(Location{value.span, std::string(pointer)}, "wrong-type",
          absl::StrCat(what, " must be ", expected, ", not ", Article(value.type)));
  }
  static std::string Article(JsonType type) {
    return absl::StrCat(type == JsonType::kArray || type == JsonType::kObject ? "an " : "a ",
                        JsonTypeName(type));
  }

  // Reports members not in `allowed`, with a suggestion.
  void CheckMembers(const JsonValue& object, absl::string_view pointer,
                    const std::vector<absl::string_view>& allowed, absl::string_view where) {
    for (const JsonMember& member : object.members) {
      if (std::find(allowed.begin(), allowed.end(), member.key) != allowed.end()) continue;
      std::string message = absl::StrCat("unknown element \"", member.key, "\" in a ", where);
      const std::string suggestion = ClosestMatch(member.key, allowed);
      if (!suggestion.empty()) {
        absl::StrAppend(&message, "; did you mean \"", suggestion, "\"?");
      } else {
        absl::StrAppend(&message, "; expected one of ", absl::StrJoin(allowed, ", "));
      }
      Error(Location{member.key_span, JsonPointerAppend(pointer, member.key)}, "unknown-element",
            std::move(message));
    }
  }

  std::optional<LocatedString> String(const JsonValue& value, const std::string& pointer,
                                      absl::string_view what) {
    if (!value.is_string()) {
      WrongType(value, pointer, what, "a string");
      return std::nullopt;
    }
    return LocatedString{value.text, Location{value.span, pointer}};
  }

  // One string or a non-empty array of non-empty strings.
  std::optional<StringListElement> StringList(const JsonValue& value, const std::string& pointer,
                                              absl::string_view what) {
    StringListElement list;
    list.location = Location{value.span, pointer};
    auto add = [&](const JsonValue& item, const std::string& item_pointer) {
      if (!item.is_string()) {
        WrongType(item, item_pointer, absl::StrCat("each ", what, " entry"), "a string");
        return;
      }
      if (item.text.empty()) {
        Error(Location{item.span, item_pointer}, "empty-value",
              absl::StrCat(what, " has an empty string"));
        return;
      }
      list.values.push_back(LocatedString{item.text, Location{item.span, item_pointer}});
    };
    if (value.is_string()) {
      add(value, pointer);
    } else if (value.is_array()) {
      if (value.items.empty()) {
        Error(list.location, "empty-value", absl::StrCat(what, " is an empty array"));
      }
      for (size_t i = 0; i < value.items.size(); ++i) {
        add(value.items[i], JsonPointerAppend(pointer, i));
      }
    } else {
      WrongType(value, pointer, what, "a string or an array of strings");
    }
    return list;
  }

  // Finds the member `name`, or its negated twin; reports both present.
  // Returns which one is present (nullptr for none) through the out params.
  void Pair(const JsonValue& statement, absl::string_view pointer, absl::string_view name,
            absl::string_view not_name, const JsonValue** positive, const JsonValue** negative) {
    *positive = statement.Find(name);
    *negative = statement.Find(not_name);
    if (*positive != nullptr && *negative != nullptr) {
      for (const JsonMember& m : statement.members) {
        if (m.key == not_name) {
          Error(Location{m.key_span, JsonPointerAppend(pointer, not_name)}, "conflicting-elements",
                absl::StrCat("a statement cannot have both ", name, " and ", not_name));
        }
      }
    }
  }

  void ParseStatement(const JsonValue& value, const std::string& pointer, size_t index,
                      PolicyDocument* document) {
    if (!value.is_object()) {
      WrongType(value, pointer, "a statement", "an object");
      return;
    }
    Statement statement;
    statement.index = index;
    statement.location = Location{value.span, pointer};
    CheckMembers(value, pointer, kStatementElements, "statement");

    if (const JsonValue* v = value.Find("Sid")) {
      statement.sid = String(*v, JsonPointerAppend(pointer, "Sid"), "Sid");
    }
    if (const JsonValue* v = value.Find("Effect")) {
      ParseEffect(*v, JsonPointerAppend(pointer, "Effect"), &statement);
    } else {
      Error(statement.location, "missing-element", "the statement has no Effect");
    }

    const JsonValue* positive;
    const JsonValue* negative;
    Pair(value, pointer, "Principal", "NotPrincipal", &positive, &negative);
    if (positive) {
      statement.principal =
          ParsePrincipal(*positive, JsonPointerAppend(pointer, "Principal"), "Principal");
    }
    if (negative) {
      statement.not_principal =
          ParsePrincipal(*negative, JsonPointerAppend(pointer, "NotPrincipal"), "NotPrincipal");
    }

    Pair(value, pointer, "Action", "NotAction", &positive, &negative);
    if (positive)
      statement.action = ParseActions(*positive, JsonPointerAppend(pointer, "Action"), "Action");
    if (negative)
      statement.not_action =
          ParseActions(*negative, JsonPointerAppend(pointer, "NotAction"), "NotAction");
    if (!positive && !negative) {
      Error(statement.location, "missing-element",
            "the statement has neither Action nor NotAction");
    }

    Pair(value, pointer, "Resource", "NotResource", &positive, &negative);
    if (positive)
      statement.resource =
          ParseResources(*positive, JsonPointerAppend(pointer, "Resource"), "Resource");
    if (negative)
      statement.not_resource =
          ParseResources(*negative, JsonPointerAppend(pointer, "NotResource"), "NotResource");

    if (const JsonValue* v = value.Find("Condition")) {
      const std::string condition_pointer = JsonPointerAppend(pointer, "Condition");
      statement.condition_location = Location{v->span, condition_pointer};
      ParseCondition(*v, condition_pointer, &statement);
    }
    document->statements.push_back(std::move(statement));
  }

  void ParseEffect(const JsonValue& value, const std::string& pointer, Statement* statement) {
    statement->effect_location = Location{value.span, pointer};
    std::optional<LocatedString> effect = String(value, pointer, "Effect");
    if (!effect) return;
    if (effect->value == "Allow") {
      statement->effect = Effect::kAllow;
    } else if (effect->value == "Deny") {
      statement->effect = Effect::kDeny;
    } else {
      std::string suggestion = ClosestMatch(effect->value, {"Allow", "Deny"});
      Error(effect->location, "invalid-effect",
            absl::StrCat(
                "Effect must be \"Allow\" or \"Deny\", not \"", effect->value, "\"",
                suggestion.empty() ? "" : absl::StrCat("; did you mean \"", suggestion, "\"?")));
    }
  }

  std::optional<StringListElement> ParseActions(const JsonValue& value, const std::string& pointer,
                                                absl::string_view what) {
    std::optional<StringListElement> list = StringList(value, pointer, what);
    if (!list) return list;
    for (const LocatedString& action : list->values) {
      if (action.value == "*") continue;
      const size_t colon = action.value.find(':');
      if (colon == std::string::npos || colon == 0 || colon + 1 == action.value.size() ||
          action.value.find(':', colon + 1) != std::string::npos) {
        Error(action.location, "invalid-action",
              absl::StrCat("\"", action.value,
                           "\" is not an action; write \"service:Action\" (for example "
                           "\"lambda:InvokeFunction\") or \"*\""));
      } else if (action.value.find_first_of("*?") < colon) {
        Error(action.location, "invalid-action",
              absl::StrCat("\"", action.value,
                           "\": wildcards are not allowed in the service prefix"));
      }
    }
    return list;
  }

  std::optional<StringListElement> ParseResources(const JsonValue& value,
                                                  const std::string& pointer,
                                                  absl::string_view what) {
    std::optional<StringListElement> list = StringList(value, pointer, what);
    if (!list) return list;
    for (const LocatedString& resource : list->values) {
      if (resource.value == "*") continue;
      std::optional<Arn> arn = ParseArn(resource.value);
      if (!arn) {
        Error(resource.location, "invalid-arn",
              absl::StrCat("\"", resource.value,
                           "\" is not an ARN or \"*\"; an ARN has six colon-separated parts: "
                           "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE"));
      } else if (arn->partition.empty() || arn->service.empty()) {
        Error(resource.location, "invalid-arn",
              absl::StrCat("\"", resource.value, "\" has an empty partition or service"));
      }
    }
    return list;
  }

  std::optional<PrincipalElement> ParsePrincipal(const JsonValue& value, const std::string& pointer,
                                                 absl::string_view what) {
    PrincipalElement principal;
    principal.location = Location{value.span, pointer};
    if (value.is_string()) {
      if (value.text != "*") {
        Error(principal.location, "invalid-principal",
              absl::StrCat(what, " as a string must be \"*\"; name principals as {\"AWS\": \"",
                           value.text, "\"} or {\"Service\": \"", value.text, "\"}"));
        return principal;
      }
      principal.everyone = true;
      return principal;
    }
    if (!value.is_object()) {
      WrongType(value, pointer, what, "\"*\" or an object such as {\"AWS\": \"...\"}");
      return principal;
    }
    if (value.members.empty()) {
      Error(principal.location, "empty-value", absl::StrCat(what, " is an empty object"));
    }
    CheckMembers(value, pointer, kPrincipalKinds, what);
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
      std::optional<StringListElement> list =
          StringList(member.value, JsonPointerAppend(pointer, member.key),
                     absl::StrCat(what, ".", member.key));
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
    if (v == "*") return;
    if (v.find_first_of("*?") != std::string::npos) {
      Error(entry.location, "invalid-principal",
            absl::StrCat("\"", v,
                         "\": a principal is \"*\" or names one principal; wildcards "
                         "inside principal values are not allowed (use a condition on "
                         "aws:PrincipalArn with ArnLike instead)"));
      return;
    }
    if (kind == PrincipalKind::kService &&
        (absl::StartsWith(v, "arn:") || !absl::StrContains(v, "."))) {
      Error(entry.location, "invalid-principal",
            absl::StrCat("\"", v,
                         "\" is not a service principal; write one like "
                         "\"apigateway.amazonaws.com\" (accounts and roles go under \"AWS\")"));
      return;
    }
    if (kind != PrincipalKind::kAws) return;
    if (IsAccountId(v)) return;
    std::optional<Arn> arn = ParseArn(v);
    // Principal element page: accounts, users, roles, role sessions and
    // federated users; groups are not principals ("Invalid principal").
    absl::string_view resource = arn ? arn->resource : absl::string_view();
    const bool iam_form =
        arn && arn->service == "iam" && arn->region.empty() &&
        (resource == "root" || (absl::StartsWith(resource, "user/") && resource.size() > 5) ||
         (absl::StartsWith(resource, "role/") && resource.size() > 5));
    const bool sts_form =
        arn && arn->service == "sts" && arn->region.empty() &&
        ((absl::StartsWith(resource, "assumed-role/") &&
          resource.find('/', 13) != absl::string_view::npos && resource.back() != '/') ||
         (absl::StartsWith(resource, "federated-user/") && resource.size() > 15));
    const bool valid = (iam_form || sts_form) && IsAccountId(arn->account);
    if (!valid) {
      Error(entry.location, "invalid-principal",
            absl::StrCat("\"", v,
                         "\" is not an AWS principal; use a 12-digit account id, "
                         "arn:aws:iam::ACCOUNT:root, or an IAM user, role or session ARN"));
    }
  }

  void ParseCondition(const JsonValue& value, const std::string& pointer, Statement* statement) {
    if (!value.is_object()) {
      WrongType(value, pointer, "Condition", "an object of operators");
      return;
    }
    if (value.members.empty()) {
      Warning(Location{value.span, pointer}, "empty-value", "Condition is an empty object");
    }
    for (const JsonMember& op_member : value.members) {
      const std::string op_pointer = JsonPointerAppend(pointer, op_member.key);
      const Location op_location{op_member.key_span, op_pointer};
      std::optional<ConditionOperator> op = ParseConditionOperator(op_member.key);
      if (!op) {
        std::string message = absl::StrCat("unknown condition operator \"", op_member.key, "\"");
        const std::string suggestion = SuggestConditionOperator(op_member.key);
        if (!suggestion.empty()) {
          absl::StrAppend(&message, "; did you mean \"", suggestion, "\"?");
        } else if (absl::StrContains(op_member.key, "Null")) {
          absl::StrAppend(&message,
                          "; Null tests whether a key is present and has no "
                          "ForAllValues/ForAnyValue or IfExists form");
        }
        Error(op_location, "unknown-operator", std::move(message));
        continue;
      }
      const JsonValue& block = op_member.value;
      if (!block.is_object()) {
        WrongType(block, op_pointer, absl::StrCat("the ", op_member.key, " block"),
                  "an object of condition keys");
        continue;
      }
      if (block.members.empty()) {
        Error(Location{block.span, op_pointer}, "empty-value",
              absl::StrCat("the ", op_member.key, " block has no condition keys"));
      }
      for (const JsonMember& key_member : block.members) {
        const std::string key_pointer = JsonPointerAppend(op_pointer, key_member.key);
        ConditionClause clause;
        clause.operator_name = LocatedString{op_member.key, op_location};
        clause.op = *op;
        clause.key = LocatedString{key_member.key, Location{key_member.key_span, key_pointer}};
        const size_t colon = key_member.key.find(':');
        if (colon == std::string::npos || colon == 0 || colon + 1 == key_member.key.size()) {
          Error(clause.key.location, "invalid-condition-key",
                absl::StrCat("\"", key_member.key,
                             "\" is not a condition key; keys look like \"aws:SourceArn\" or "
                             "\"lambda:FunctionUrlAuthType\""));
        }
        if (ParseConditionValues(key_member.value, key_pointer, op_member.key, &clause)) {
          statement->conditions.push_back(std::move(clause));
        }
      }
    }
  }

  bool ParseConditionValues(const JsonValue& value, const std::string& pointer,
                            absl::string_view op_name, ConditionClause* clause) {
    bool ok = true;
    auto add = [&](const JsonValue& item, const std::string& item_pointer) {
      if (item.type != JsonType::kString && item.type != JsonType::kNumber &&
          item.type != JsonType::kBool) {
        WrongType(item, item_pointer, "a condition value", "a string, number or boolean");
        ok = false;
        return;
      }
      clause->values.push_back(
          ConditionClause::Value{item.type, item.text, Location{item.span, item_pointer}});
    };
    if (value.is_array()) {
      if (value.items.empty()) {
        Error(Location{value.span, pointer}, "empty-value",
              absl::StrCat("condition key \"", clause->key.value, "\" under ", op_name,
                           " has an empty list of values"));
        return false;
      }
      for (size_t i = 0; i < value.items.size(); ++i) {
        add(value.items[i], JsonPointerAppend(pointer, i));
      }
    } else {
      add(value, pointer);
    }
    return ok;
  }

  void CheckDuplicateSids(const PolicyDocument& document) {
    // IAM's own policies (identity, boundary, session) take Sids of ASCII
    // letters and digits only (Sid element page); services' resource
    // policies allow more (Lambda's have '-' and '_').
    const bool iam_sid = document.type == PolicyType::kIdentity ||
                         document.type == PolicyType::kPermissionsBoundary ||
                         document.type == PolicyType::kSession;
    absl::flat_hash_map<std::string, const Statement*> seen;
    for (const Statement& statement : document.statements) {
      if (!statement.sid || statement.sid->value.empty()) continue;
      if (iam_sid && !std::all_of(statement.sid->value.begin(), statement.sid->value.end(),
                                  [](char c) { return absl::ascii_isalnum(c); })) {
        Warning(statement.sid->location, "invalid-sid",
                absl::StrCat("Sid \"", statement.sid->value,
                             "\": IAM accepts only letters A-Z, a-z and digits 0-9 in a Sid"));
      }
      auto [it, inserted] = seen.emplace(statement.sid->value, &statement);
      if (!inserted) {
        Warning(statement.sid->location, "duplicate-sid",
                absl::StrCat("Sid \"", statement.sid->value, "\" is also used at ",
                             FormatPosition(it->second->sid->location.span.begin),
                             "; IAM requires statement ids to be unique"));
      }
    }
  }

  absl::string_view source_;
  std::vector<Diagnostic>* diagnostics_;
};

void SortByPosition(std::vector<Diagnostic>* diagnostics) {
  std::stable_sort(diagnostics->begin(), diagnostics->end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return a.span.begin.offset < b.span.begin.offset;
                   });
}

}  // namespace

PolicyParseResult ParsePolicyJson(const JsonValue& root, absl::string_view source,
                                  absl::string_view base_pointer, PolicyType type) {
  PolicyParseResult result;
  PolicyParser parser(source, &result.diagnostics);
  PolicyDocument document = parser.Parse(root, base_pointer, type);
  CheckPolicyTypeRules(document, &result.diagnostics);
  SortByPosition(&result.diagnostics);
  if (!HasErrors(result.diagnostics)) result.document = std::move(document);
  return result;
}

namespace {

// AWS's size quotas: Organizations counts every character of an SCP or RCP
// (5,120); IAM counts characters other than white space (managed policies
// and boundaries 6,144; trust policies 2,048 by default; session policies
// 2,048). Warnings: some quotas can be raised, and inline policies differ.
void CheckPolicySize(absl::string_view text, absl::string_view source, PolicyType type,
                     std::vector<Diagnostic>* diagnostics) {
  size_t limit = 0;
  bool count_white_space = false;
  switch (type) {
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
  diagnostics->push_back(Diagnostic{
      Severity::kWarning, std::string(source), SourceSpan{}, "", "policy-too-large",
      absl::StrCat("the policy has ", size, " characters",
                   count_white_space ? "" : " (not counting white space)", "; AWS accepts at most ",
                   limit, " for ", PolicyTypeName(type), " policies")});
}

}  // namespace

PolicyParseResult ParsePolicy(absl::string_view text, absl::string_view source, PolicyType type,
                              const JsonLimits& limits) {
  JsonParseResult json = ParseJson(text, source, limits);
  if (!json.root) {
    PolicyParseResult result;
    result.diagnostics = std::move(json.diagnostics);
    return result;
  }
  PolicyParseResult result = ParsePolicyJson(*json.root, source, "", type);
  CheckPolicySize(text, source, type, &result.diagnostics);
  return result;
}

}  // namespace iamsim
