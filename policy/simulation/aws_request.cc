#include "policy/simulation/aws_request.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "policy/arn/arn.h"
#include "policy/compile/typed_value.h"
#include "policy/json/json_tree.h"
#include "policy/parse/policy_parser.h"
#include "policy/simulation/input_checks.h"
#include "policy/simulation/simulation.h"

namespace iamsim {
namespace {

constexpr absl::string_view kContextTypes[] = {"string",  "stringList",  "numeric", "numericList",
                                               "boolean", "booleanList", "ip",      "ipList",
                                               "binary",  "binaryList",  "date",    "dateList"};

class AwsRequestReader {
 public:
  AwsRequestReader(absl::string_view source, std::vector<Diagnostic>* diagnostics)
      : source_(source), diagnostics_(diagnostics) {}

  std::optional<AwsSimulation> Read(const JsonValue& root) {
    if (!root.is_object()) {
      Error(root, "", "a simulate-custom-policy request must be a JSON object");
      return std::nullopt;
    }
    CheckMembers(root);
    AwsSimulation sim;
    sim.source = std::string(source_);
    sim.actions = Strings(root, "ActionNames");
    if (sim.actions.empty())
      Error(root, "/ActionNames", "ActionNames must list at least one action");
    sim.resources = Strings(root, "ResourceArns");
    if (sim.resources.empty()) sim.resources.push_back("*");
    if (const JsonValue* v = root.Find("CallerArn")) sim.caller = String(*v, "/CallerArn");
    if (const JsonValue* v = root.Find("ResourceOwner")) {
      const std::string owner = String(*v, "/ResourceOwner");
      std::optional<Arn> arn = ParseArn(owner);
      sim.resource_account = IsAccountId(owner) ? owner : arn ? std::string(arn->account) : "";
      if (!IsAccountId(sim.resource_account)) {
        Error(*v, "/ResourceOwner",
              "ResourceOwner must be an account ARN such as arn:aws:iam::444455556666:root");
      }
    }
    const JsonValue* resource_policy = root.Find("ResourcePolicy");
    if (sim.caller.empty()) {
      if (resource_policy != nullptr) {
        Error(root, "/CallerArn",
              "CallerArn is required with a ResourcePolicy: it is the principal the "
              "resource policy is evaluated for");
      }
      // An identity-policy-only simulation of an unknown caller: a stand-in
      // IAM user of the resource owner's account, with no principal keys.
      const std::string account =
          sim.resource_account.empty() ? "123456789012" : sim.resource_account;
      sim.caller = absl::StrCat("arn:aws:iam::", account, ":user/SimulatedCaller");
      sim.resource_account = account;
      sim.caller_known = false;
    }
    ReadContext(root, &sim.context);

    PolicyBundle bundle;
    if (root.Find("PolicyInputList") == nullptr) {
      Error(root, "/PolicyInputList",
            "PolicyInputList is required: a list of identity policies as JSON strings");
    }
    bundle.identity = Policies(root, "PolicyInputList", PolicyType::kIdentity);
    std::vector<NamedPolicy> boundaries =
        Policies(root, "PermissionsBoundaryPolicyInputList", PolicyType::kPermissionsBoundary);
    if (boundaries.size() > 1) {
      Error(*root.Find("PermissionsBoundaryPolicyInputList"), "/PermissionsBoundaryPolicyInputList",
            "an IAM entity has at most one permissions boundary");
    } else if (boundaries.size() == 1) {
      bundle.boundary = std::move(boundaries[0]);
    }
    if (resource_policy != nullptr) {
      // Read as a role trust policy (no Resource element) when the request
      // assumes a role.
      bool trust = false;
      for (const std::string& action : sim.actions) {
        for (const std::string& resource : sim.resources)
          trust |= IsRoleTrustRequest(action, resource);
      }
      std::optional<NamedPolicy> policy =
          PolicyString(*resource_policy, "/ResourcePolicy", "ResourcePolicy",
                       trust ? PolicyType::kRoleTrust : PolicyType::kResource);
      if (policy) bundle.resource = std::move(*policy);
    }
    CheckRequestParts(root, sim);
    if (HasErrors(*diagnostics_)) return std::nullopt;
    absl::StatusOr<std::shared_ptr<const DecisionGraph>> graph =
        DecisionGraph::Compile(std::move(bundle));
    if (!graph.ok()) {
      Error(root, "", std::string(graph.status().message()));
      return std::nullopt;
    }
    sim.graph = *std::move(graph);
    return sim;
  }

 private:
  void Error(const JsonValue& at, absl::string_view pointer, std::string message) {
    diagnostics_->push_back(Diagnostic{Severity::kError, std::string(source_), at.span,
                                       std::string(pointer), "invalid-aws-request",
                                       std::move(message)});
  }

  // SimulateCustomPolicy's members; the AWS CLI rejects any other.
  void CheckMembers(const JsonValue& root) {
    static const std::vector<absl::string_view> kMembers = {"PolicyInputList",
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
    for (const UnknownMember& u : FindUnknownMembers(root, kMembers)) {
      std::string message = absl::StrCat("unknown member \"", u.member->key,
                                         "\" of a simulate-custom-policy request");
      if (!u.suggestion.empty())
        absl::StrAppend(&message, "; did you mean \"", u.suggestion, "\"?");
      Error(u.member->value, JsonPointerAppend("", u.member->key), std::move(message));
    }
  }

  // Each action, resource and the caller, checked on its own so that an
  // error points at the element that has it.
  void CheckRequestParts(const JsonValue& root, const AwsSimulation& sim) {
    auto check = [&](const JsonValue* at, const std::string& pointer, RequestPart part,
                     absl::string_view value, absl::string_view field) {
      const std::string problem = RequestPartProblem(part, value);
      if (!problem.empty())
        Error(at != nullptr ? *at : root, pointer, absl::StrCat(field, problem));
    };
    check(root.Find("CallerArn"), "/CallerArn", RequestPart::kPrincipal, sim.caller, "CallerArn");
    const JsonValue* actions = root.Find("ActionNames");
    for (size_t i = 0; i < sim.actions.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        if (absl::EqualsIgnoreCase(sim.actions[i], sim.actions[j])) {
          Error(actions->items[i], JsonPointerAppend("/ActionNames", i),
                absl::StrCat("\"", sim.actions[i], "\" is listed twice in ActionNames"));
        }
      }
      check(actions != nullptr && actions->is_array() ? &actions->items[i] : nullptr,
            JsonPointerAppend("/ActionNames", i), RequestPart::kAction, sim.actions[i],
            "ActionNames entry");
    }
    const JsonValue* resources = root.Find("ResourceArns");
    if (resources == nullptr || !resources->is_array()) return;
    for (size_t i = 0; i < resources->items.size(); ++i) {
      check(&resources->items[i], JsonPointerAppend("/ResourceArns", i), RequestPart::kResource,
            sim.resources[i], "ResourceArns entry");
    }
  }

  std::string String(const JsonValue& v, absl::string_view pointer) {
    if (!v.is_string()) {
      Error(v, pointer, absl::StrCat("expected a string, not ", JsonTypeName(v.type)));
      return "";
    }
    return v.text;
  }

  std::vector<std::string> Strings(const JsonValue& root, absl::string_view field) {
    std::vector<std::string> out;
    const JsonValue* v = root.Find(field);
    if (v == nullptr) return out;
    const std::string pointer = absl::StrCat("/", field);
    if (!v->is_array()) {
      Error(*v, pointer, absl::StrCat(field, " must be an array of strings"));
      return out;
    }
    for (size_t i = 0; i < v->items.size(); ++i) {
      out.push_back(String(v->items[i], JsonPointerAppend(pointer, i)));
    }
    return out;
  }

  // A policy given as a JSON string; its positions are within the string.
  std::optional<NamedPolicy> PolicyString(const JsonValue& v, const std::string& pointer,
                                          const std::string& name, PolicyType type) {
    if (!v.is_string()) {
      Error(v, pointer, "policies in a simulate-custom-policy request are JSON strings");
      return std::nullopt;
    }
    PolicyParseResult parsed = ParsePolicy(v.text, absl::StrCat(source_, "#", name), type);
    for (Diagnostic& d : parsed.diagnostics) diagnostics_->push_back(std::move(d));
    if (!parsed.document) return std::nullopt;
    return NamedPolicy{name, std::move(*parsed.document)};
  }

  std::vector<NamedPolicy> Policies(const JsonValue& root, absl::string_view field,
                                    PolicyType type) {
    std::vector<NamedPolicy> out;
    const JsonValue* v = root.Find(field);
    if (v == nullptr) return out;
    if (!v->is_array()) {
      Error(*v, absl::StrCat("/", field),
            absl::StrCat(field, " must be an array of policy strings"));
      return out;
    }
    for (size_t i = 0; i < v->items.size(); ++i) {
      std::optional<NamedPolicy> policy =
          PolicyString(v->items[i], JsonPointerAppend(absl::StrCat("/", field), i),
                       absl::StrCat(field, ".", i + 1), type);
      if (policy) out.push_back(std::move(*policy));
    }
    return out;
  }

  void ReadContext(const JsonValue& root, RequestContext* context) {
    const JsonValue* entries = root.Find("ContextEntries");
    if (entries == nullptr) return;
    if (!entries->is_array()) {
      Error(*entries, "/ContextEntries", "ContextEntries must be an array");
      return;
    }
    std::vector<std::string> seen;  // Lower-case names: keys are case-insensitive.
    for (size_t i = 0; i < entries->items.size(); ++i) {
      const JsonValue& entry = entries->items[i];
      const std::string pointer = JsonPointerAppend("/ContextEntries", i);
      const JsonValue* name = entry.is_object() ? entry.Find("ContextKeyName") : nullptr;
      const JsonValue* list = entry.is_object() ? entry.Find("ContextKeyValues") : nullptr;
      const JsonValue* type_value = entry.is_object() ? entry.Find("ContextKeyType") : nullptr;
      if (name == nullptr || list == nullptr || type_value == nullptr) {
        Error(entry, pointer,
              "a context entry needs ContextKeyName, ContextKeyValues and ContextKeyType");
        continue;
      }
      const std::string key = String(*name, JsonPointerAppend(pointer, "ContextKeyName"));
      const std::string type = String(*type_value, JsonPointerAppend(pointer, "ContextKeyType"));
      const std::string values_pointer = JsonPointerAppend(pointer, "ContextKeyValues");
      if (std::find(std::begin(kContextTypes), std::end(kContextTypes), type) ==
          std::end(kContextTypes)) {
        Error(*type_value, JsonPointerAppend(pointer, "ContextKeyType"),
              absl::StrCat("unknown ContextKeyType \"", type,
                           "\"; AWS's types are string, stringList, "
                           "numeric, numericList, boolean, booleanList, ip, ipList, binary, "
                           "binaryList, date, dateList"));
        continue;
      }
      if (!list->is_array()) {
        Error(*list, values_pointer, "ContextKeyValues must be an array of strings");
        continue;
      }
      const std::string lower = absl::AsciiStrToLower(key);
      if (std::find(seen.begin(), seen.end(), lower) != seen.end()) {
        Error(*name, JsonPointerAppend(pointer, "ContextKeyName"),
              absl::StrCat("context key \"", key, "\" is given twice"));
        continue;
      }
      seen.push_back(lower);
      const bool is_list = absl::EndsWith(type, "List");
      const absl::string_view scalar =
          is_list ? absl::string_view(type).substr(0, type.size() - 4) : type;
      std::vector<std::string> values;
      for (size_t j = 0; j < list->items.size(); ++j) {
        const std::string value_pointer = JsonPointerAppend(values_pointer, j);
        std::string value = String(list->items[j], value_pointer);
        const char* problem = TypeProblem(scalar, value);
        if (problem != nullptr) {
          Error(list->items[j], value_pointer, absl::StrCat("\"", value, "\" is not ", problem));
        }
        values.push_back(std::move(value));
      }
      if (is_list) {
        context->SetList(key, std::move(values));
      } else if (values.size() == 1) {
        context->Set(key, std::move(values[0]));
      } else {
        Error(*list, values_pointer,
              absl::StrCat("a ", type, " context entry has exactly one value (", values.size(),
                           " given); use ", type, "List for a list"));
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

  static bool IsBase64(absl::string_view value) {
    std::string decoded;
    return absl::Base64Unescape(value, &decoded);
  }

  absl::string_view source_;
  std::vector<Diagnostic>* diagnostics_;
};

}  // namespace

AwsRequestLoadResult LoadAwsRequest(absl::string_view text, absl::string_view source) {
  AwsRequestLoadResult result;
  JsonParseResult json = ParseJson(text, source);
  if (!json.root) {
    result.diagnostics = std::move(json.diagnostics);
    return result;
  }
  AwsRequestReader reader(source, &result.diagnostics);
  result.simulation = reader.Read(*json.root);
  return result;
}

}  // namespace iamsim
