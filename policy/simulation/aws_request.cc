#include "policy/simulation/aws_request.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "policy/arn/arn.h"
#include "policy/conditions/binary.h"
#include "policy/conditions/bool.h"
#include "policy/conditions/date.h"
#include "policy/conditions/ip.h"
#include "policy/conditions/numeric.h"
#include "policy/diagnostics/limits.h"
#include "policy/json/json_reader.h"
#include "policy/json/json_tree.h"
#include "policy/parse/policy_parser.h"
#include "policy/simulation/input_checks.h"

namespace iamsim {
namespace {

constexpr absl::string_view kContextTypes[] = {"string",  "stringList",  "numeric", "numericList",
                                               "boolean", "booleanList", "ip",      "ipList",
                                               "binary",  "binaryList",  "date",    "dateList"};

// SimulateCustomPolicy's members; the AWS CLI rejects any other.
const std::vector<absl::string_view> kMembers = {"PolicyInputList",
                                                 "PermissionsBoundaryPolicyInputList",
                                                 "ActionNames",
                                                 "ResourceArns",
                                                 "ResourcePolicy",
                                                 "ResourceOwner",
                                                 "CallerArn",
                                                 "ContextEntries",
                                                 "ResourceHandlingOption",
                                                 "MaxItems",
                                                 "Marker"};

class AwsRequestReader {
 public:
  AwsRequestReader(const SourceText& file, std::vector<Diagnostic>* diagnostics)
      : file_(file), reader_(file.name(), "", DocumentEncoding::kObject, diagnostics) {}

  std::optional<AwsSimulation> Read(const JsonValue& root) {
    if (reader_.Object(root, "", "a simulate-custom-policy request") == nullptr) {
      return std::nullopt;
    }
    reader_.CheckMembers(root, "", kMembers, "a simulate-custom-policy request");
    AwsSimulation sim;
    sim.source = file_.name();
    sim.actions = Strings(root, "ActionNames");
    if (sim.actions.empty() && root.Find("ActionNames") != nullptr &&
        root.Find("ActionNames")->is_array()) {
      reader_.Report(Rule::kInvalidInput, root.Find("ActionNames")->span, "/ActionNames",
                     "ActionNames must list at least one action");
    } else if (root.Find("ActionNames") == nullptr) {
      reader_.Require(root, "", "ActionNames", "the request");
    }
    sim.resources = Strings(root, "ResourceArns");
    if (sim.resources.empty()) sim.resources.push_back("*");
    ReadScalars(root, &sim);
    const JsonValue* resource_policy = root.Find("ResourcePolicy");
    const JsonValue* caller = root.Find("CallerArn");
    if (caller == nullptr) {
      if (resource_policy != nullptr) {
        reader_.Report(Rule::kMissingElement, root.span, "",
                       "CallerArn is required with a ResourcePolicy: it is the principal the "
                       "resource policy is evaluated for");
      }
      // An identity-policy-only simulation of an unknown caller: a stand-in
      // IAM user of the resource owner's account, with no principal keys.
      // The owner: ResourceOwner, else the account of the resources named.
      std::string account = sim.resource_account;
      for (const std::string& resource : sim.resources) {
        ArnParts parts;
        if (account.empty() && SplitArn(resource, &parts) && IsAccountId(parts[4])) {
          account = std::string(parts[4]);
        }
      }
      if (account.empty()) account = "123456789012";
      sim.caller = absl::StrCat("arn:aws:iam::", account, ":user/SimulatedCaller");
      sim.resource_account = account;
      sim.caller_known = false;
    }
    ReadContext(root, &sim.context);

    PolicyStoreBuilder store;
    if (root.Find("PolicyInputList") == nullptr) {
      reader_.Report(Rule::kMissingElement, root.span, "",
                     "PolicyInputList is required: a list of identity policies as JSON strings");
    }
    sim.policies.identity =
        Policies(root, "PolicyInputList", PolicyType::kIdentity, &store, &sim.policy_texts);
    std::vector<const CompiledPolicy*> boundaries =
        Policies(root, "PermissionsBoundaryPolicyInputList", PolicyType::kPermissionsBoundary,
                 &store, &sim.policy_texts);
    if (boundaries.size() > 1) {
      reader_.Report(Rule::kInvalidInput, root.Find("PermissionsBoundaryPolicyInputList")->span,
                     "/PermissionsBoundaryPolicyInputList",
                     "an IAM entity has at most one permissions boundary");
    } else if (boundaries.size() == 1) {
      sim.policies.boundary = boundaries[0];
    }
    if (resource_policy != nullptr) {
      // Read as a role trust policy (no Resource element) when the request
      // assumes a role.
      bool trust = false;
      for (const std::string& action : sim.actions) {
        for (const std::string& resource : sim.resources)
          trust |= IsRoleTrustRequest(action, resource);
      }
      sim.policies.resource = PolicyString(*resource_policy, "/ResourcePolicy", "ResourcePolicy",
                                           trust ? PolicyType::kRoleTrust : PolicyType::kResource,
                                           &store, &sim.policy_texts);
    }
    CheckRequestParts(root, sim);
    if (sim.actions.size() * sim.resources.size() > kMaxAwsRequestQuestions) {
      reader_.Report(Rule::kInputLimit, root.Find("ActionNames")->span, "/ActionNames",
                     absl::StrCat(sim.actions.size(), " actions x ", sim.resources.size(),
                                  " resources is more than ", kMaxAwsRequestQuestions,
                                  " questions, iamsim's limit for one request; split the request"));
    }
    if (HasErrors(*reader_.diagnostics())) return std::nullopt;
    sim.policies.store = std::move(store).Build();
    return sim;
  }

 private:
  std::string String(const JsonValue& v, absl::string_view path, absl::string_view what) {
    const std::string* s = reader_.String(v, path, what);
    return s != nullptr ? *s : "";
  }

  // CallerArn, ResourceOwner, MaxItems, Marker, ResourceHandlingOption.
  void ReadScalars(const JsonValue& root, AwsSimulation* sim) {
    if (const JsonValue* v = root.Find("CallerArn")) {
      sim->caller = String(*v, "/CallerArn", "CallerArn");
      if (v->is_string() && sim->caller.empty()) {
        reader_.Report(Rule::kInvalidRequest, v->span, "/CallerArn",
                       "CallerArn is empty; give an IAM user, role or session ARN, or leave "
                       "CallerArn out");
      }
    }
    if (const JsonValue* v = root.Find("ResourceOwner")) {
      const std::string owner = String(*v, "/ResourceOwner", "ResourceOwner");
      std::optional<Arn> arn = ParseArn(owner);
      sim->resource_account = IsAccountId(owner) ? owner : arn ? std::string(arn->account) : "";
      if (v->is_string() && !IsAccountId(sim->resource_account)) {
        reader_.Report(Rule::kInvalidInput, v->span, "/ResourceOwner",
                       "ResourceOwner must be an account ARN such as "
                       "arn:aws:iam::444455556666:root");
      }
    }
    if (const JsonValue* v = root.Find("MaxItems")) {
      int items = 0;
      const bool whole = v->type == JsonType::kNumber && absl::ascii_isdigit(v->text[0]) &&
                         v->text.find_first_of(".eE") == std::string::npos &&
                         absl::SimpleAtoi(v->text, &items);
      if (v->type != JsonType::kNumber) {
        reader_.WrongType(*v, "/MaxItems", "MaxItems", "a whole number from 1 to 1000");
      } else if (!whole || items < 1 || items > 1000) {
        reader_.Report(Rule::kJsonType, v->span, "/MaxItems",
                       absl::StrCat("MaxItems must be a whole number from 1 to 1000, not ",
                                    v->text.substr(0, 40)));
      }
    }
    if (const JsonValue* v = root.Find("Marker")) String(*v, "/Marker", "Marker");
    if (const JsonValue* v = root.Find("ResourceHandlingOption")) {
      String(*v, "/ResourceHandlingOption", "ResourceHandlingOption");
    }
  }

  // Each action, resource and the caller, checked on its own so that an
  // error points at the element that has it.
  void CheckRequestParts(const JsonValue& root, const AwsSimulation& sim) {
    auto check = [&](const JsonValue* at, const std::string& path, RequestPart part,
                     absl::string_view value, absl::string_view field) {
      if (at != nullptr && !at->is_string()) return;  // Reported as json-type.
      const std::string problem = RequestPartProblem(part, value);
      if (!problem.empty()) {
        reader_.Report(Rule::kInvalidRequest, at != nullptr ? at->span : root.span, path,
                       absl::StrCat(field, problem));
      }
    };
    if (const JsonValue* caller = root.Find("CallerArn");
        caller != nullptr && !sim.caller.empty()) {
      check(caller, "/CallerArn", RequestPart::kPrincipal, sim.caller, "CallerArn");
    }
    const JsonValue* actions = root.Find("ActionNames");
    for (size_t i = 0; i < sim.actions.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        if (absl::EqualsIgnoreCase(sim.actions[i], sim.actions[j])) {
          reader_.Report(Rule::kInvalidRequest, actions->items[i].span,
                         JsonPointerAppend("/ActionNames", i),
                         absl::StrCat(Quote(sim.actions[i]), " is listed twice in ActionNames"));
        }
      }
      check(&actions->items[i], JsonPointerAppend("/ActionNames", i), RequestPart::kAction,
            sim.actions[i], "ActionNames entry");
      if (const std::string unknown = UnknownActionProblem(sim.actions[i]);
          !unknown.empty() && RequestPartProblem(RequestPart::kAction, sim.actions[i]).empty()) {
        reader_
            .Report(Rule::kUnknownAction, actions->items[i].span,
                    JsonPointerAppend("/ActionNames", i), unknown)
            .severity = Severity::kWarning;
      }
    }
    const JsonValue* resources = root.Find("ResourceArns");
    if (resources == nullptr || !resources->is_array()) return;
    for (size_t i = 0; i < resources->items.size(); ++i) {
      check(&resources->items[i], JsonPointerAppend("/ResourceArns", i), RequestPart::kResource,
            sim.resources[i], "ResourceArns entry");
    }
  }

  std::vector<std::string> Strings(const JsonValue& root, absl::string_view field) {
    std::vector<std::string> out;
    const JsonValue* v = root.Find(field);
    if (v == nullptr) return out;
    const std::string path = absl::StrCat("/", field);
    if (reader_.Array(*v, path, field) == nullptr) return out;
    for (size_t i = 0; i < v->items.size(); ++i) {
      out.push_back(String(v->items[i], JsonPointerAppend(path, i), absl::StrCat(field, " entry")));
    }
    return out;
  }

  // A policy given as a JSON string; parsed in place, so that positions are
  // positions in the request file.
  const CompiledPolicy* PolicyString(const JsonValue& v, const std::string& path,
                                     const std::string& name, PolicyType type,
                                     PolicyStoreBuilder* store, std::vector<std::string>* texts) {
    if (reader_.String(v, path, "a policy in a simulate-custom-policy request") == nullptr) {
      return nullptr;
    }
    std::vector<Diagnostic>& out = *reader_.diagnostics();
    JsonParseResult json =
        ParseEmbeddedJson(file_, v, path, DocumentEncoding::kJsonString, kPolicyLimits);
    out.insert(out.end(), json.diagnostics.begin(), json.diagnostics.end());
    if (!json.root) return nullptr;
    PolicyParseResult parsed = ParsePolicyJson(
        *json.root, DocumentRef{file_.name(), path, DocumentEncoding::kJsonString}, type, v.text);
    out.insert(out.end(), parsed.diagnostics.begin(), parsed.diagnostics.end());
    if (!parsed.document) return nullptr;
    const CompiledPolicy& policy = store->policy(store->Add(name, std::move(*parsed.document)));
    out.insert(out.end(), policy.diagnostics().begin(), policy.diagnostics().end());
    texts->resize(policy.id() + 1);
    (*texts)[policy.id()] = v.text;
    return &policy;
  }

  std::vector<const CompiledPolicy*> Policies(const JsonValue& root, absl::string_view field,
                                              PolicyType type, PolicyStoreBuilder* store,
                                              std::vector<std::string>* texts) {
    std::vector<const CompiledPolicy*> out;
    const JsonValue* v = root.Find(field);
    if (v == nullptr) return out;
    const std::string path = absl::StrCat("/", field);
    if (reader_.Array(*v, path, absl::StrCat(field, " (policies as JSON strings)")) == nullptr) {
      return out;
    }
    for (size_t i = 0; i < v->items.size(); ++i) {
      if (const CompiledPolicy* policy =
              PolicyString(v->items[i], JsonPointerAppend(path, i), absl::StrCat(field, ".", i + 1),
                           type, store, texts)) {
        out.push_back(policy);
      }
    }
    return out;
  }

  void ReadContext(const JsonValue& root, RequestContext* context) {
    const JsonValue* entries = root.Find("ContextEntries");
    if (entries == nullptr) return;
    if (reader_.Array(*entries, "/ContextEntries", "ContextEntries") == nullptr) return;
    std::vector<std::string> seen;  // Lower-case names: keys are case-insensitive.
    for (size_t i = 0; i < entries->items.size(); ++i) {
      const JsonValue& entry = entries->items[i];
      const std::string path = JsonPointerAppend("/ContextEntries", i);
      if (reader_.Object(entry, path, "a context entry") == nullptr) continue;
      reader_.CheckMembers(entry, path, {"ContextKeyName", "ContextKeyValues", "ContextKeyType"},
                           "a context entry");
      const JsonValue* name = reader_.Require(entry, path, "ContextKeyName", "a context entry");
      const JsonValue* list = reader_.Require(entry, path, "ContextKeyValues", "a context entry");
      const JsonValue* type_value =
          reader_.Require(entry, path, "ContextKeyType", "a context entry");
      if (name == nullptr || list == nullptr || type_value == nullptr) continue;
      const std::string key =
          String(*name, JsonPointerAppend(path, "ContextKeyName"), "ContextKeyName");
      const std::string type =
          String(*type_value, JsonPointerAppend(path, "ContextKeyType"), "ContextKeyType");
      const std::string values_path = JsonPointerAppend(path, "ContextKeyValues");
      if (type_value->is_string() && std::find(std::begin(kContextTypes), std::end(kContextTypes),
                                               type) == std::end(kContextTypes)) {
        reader_.Report(Rule::kInvalidInput, type_value->span,
                       JsonPointerAppend(path, "ContextKeyType"),
                       absl::StrCat("unknown ContextKeyType ", Quote(type),
                                    "; AWS's types are string, stringList, numeric, numericList, "
                                    "boolean, booleanList, ip, ipList, binary, binaryList, date, "
                                    "dateList"));
        continue;
      }
      if (reader_.Array(*list, values_path, "ContextKeyValues") == nullptr) continue;
      const std::string lower = absl::AsciiStrToLower(key);
      if (std::find(seen.begin(), seen.end(), lower) != seen.end()) {
        reader_.Report(Rule::kInvalidRequest, name->span, JsonPointerAppend(path, "ContextKeyName"),
                       absl::StrCat("context key ", Quote(key),
                                    " is given twice (keys are case-insensitive)"));
        continue;
      }
      seen.push_back(lower);
      const bool is_list = absl::EndsWith(type, "List");
      const absl::string_view scalar =
          is_list ? absl::string_view(type).substr(0, type.size() - 4) : type;
      std::vector<std::string> values;
      for (size_t j = 0; j < list->items.size(); ++j) {
        const std::string value_path = JsonPointerAppend(values_path, j);
        std::string value = String(list->items[j], value_path, "a context value");
        if (const char* problem = TypeProblem(scalar, value);
            list->items[j].is_string() && problem) {
          reader_.Report(Rule::kInvalidRequest, list->items[j].span, value_path,
                         absl::StrCat(Quote(value), " is not ", problem));
        }
        values.push_back(std::move(value));
      }
      if (is_list) {
        context->SetList(key, std::move(values));
      } else if (values.size() == 1) {
        context->Set(key, std::move(values[0]));
      } else {
        reader_.Report(Rule::kInvalidRequest, list->span, values_path,
                       absl::StrCat("an \"", type, "\" context entry has exactly one value (",
                                    values.size(), " given); use ", type, "List for a list"));
      }
    }
  }

  // Why `value` is not of ContextKeyType `type` (without "List"), or null.
  static const char* TypeProblem(absl::string_view type, absl::string_view value) {
    if (type == "numeric")
      return ParseNumeric(value) ? nullptr : "a number (ContextKeyType numeric)";
    if (type == "boolean")
      return ParseBoolValue(value) ? nullptr : "true or false (ContextKeyType boolean)";
    if (type == "ip")
      return ParseIpRange(value) ? nullptr : "an IP address or CIDR range (ContextKeyType ip)";
    if (type == "date") {
      return ParseDateMillis(value) ? nullptr
                                    : "an ISO 8601 date or epoch seconds (ContextKeyType date)";
    }
    if (type == "binary") return IsBase64(value) ? nullptr : "base64 (ContextKeyType binary)";
    return nullptr;
  }

  const SourceText& file_;
  JsonReader reader_;
};

// The statement's span in `text`, the policy string.
SourceSpan StatementSpanIn(absl::string_view text, size_t statement) {
  JsonParseResult json = ParseJson(text, "policy");
  if (!json.root) return SourceSpan{};
  const JsonValue* statements = json.root->Find("Statement");
  if (statements == nullptr) return SourceSpan{};
  if (statements->is_object()) return statements->span;
  if (statements->is_array() && statement < statements->items.size()) {
    return statements->items[statement].span;
  }
  return SourceSpan{};
}

}  // namespace

SourceSpan AwsSimulation::SpanInPolicyString(PolicyId policy, size_t statement) const {
  if (policy >= policy_texts.size()) return SourceSpan{};
  return StatementSpanIn(policy_texts[policy], statement);
}

AwsRequestLoadResult LoadAwsRequest(absl::string_view text, absl::string_view source) {
  const SourceText file{std::string(source), std::string(text)};
  return LoadAwsRequest(file);
}

AwsRequestLoadResult LoadAwsRequest(const SourceText& file) {
  AwsRequestLoadResult result;
  JsonParseResult json = ParseJson(file, kSimulationLimits);
  if (!json.root) {
    result.diagnostics = std::move(json.diagnostics);
    // A duplicate key drops the tree, but the file is JSON: an error in a
    // file of this kind, not a file of another kind.
    result.recognized =
        std::none_of(result.diagnostics.begin(), result.diagnostics.end(), [](const Diagnostic& d) {
          return d.rule == Rule::kJsonSyntax || d.rule == Rule::kInputLimit;
        });
    return result;
  }
  result.recognized = json.root->is_object() && json.root->Find("ActionNames") != nullptr;
  AwsRequestReader reader(file, &result.diagnostics);
  result.simulation = reader.Read(*json.root);
  SortByPosition(&result.diagnostics);
  return result;
}

}  // namespace iamsim
