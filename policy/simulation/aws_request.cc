#include "policy/simulation/aws_request.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "policy/arn/arn.h"
#include "policy/json/json_tree.h"
#include "policy/parse/policy_parser.h"
#include "policy/simulation/simulation.h"

namespace iamsim {
namespace {

constexpr absl::string_view kContextTypes[] = {
    "string", "stringList", "numeric", "numericList", "boolean", "booleanList",
    "ip", "ipList", "binary", "binaryList", "date", "dateList"};

class AwsRequestReader {
 public:
  AwsRequestReader(absl::string_view source, std::vector<Diagnostic>* diagnostics)
      : source_(source), diagnostics_(diagnostics) {}

  std::optional<AwsSimulation> Read(const JsonValue& root) {
    if (!root.is_object()) {
      Error(root, "", "a simulate-custom-policy request must be a JSON object");
      return std::nullopt;
    }
    AwsSimulation sim;
    sim.source = std::string(source_);
    sim.actions = Strings(root, "ActionNames");
    if (sim.actions.empty()) Error(root, "/ActionNames", "ActionNames must list at least one action");
    sim.resources = Strings(root, "ResourceArns");
    if (sim.resources.empty()) sim.resources.push_back("*");
    if (const JsonValue* v = root.Find("CallerArn")) sim.caller = String(*v, "/CallerArn");
    if (const JsonValue* v = root.Find("ResourceOwner")) {
      const std::string owner = String(*v, "/ResourceOwner");
      std::optional<Arn> arn = ParseArn(owner);
      sim.resource_account = IsAccountId(owner) ? owner : arn ? std::string(arn->account) : "";
      if (!IsAccountId(sim.resource_account)) {
        Error(*v, "/ResourceOwner", "ResourceOwner must be an account ARN such as arn:aws:iam::444455556666:root");
      }
    }
    if (sim.caller.empty()) {
      // AWS simulates an IAM user of the resource owner's account.
      sim.caller = absl::StrCat("arn:aws:iam::",
                                sim.resource_account.empty() ? "123456789012" : sim.resource_account,
                                ":user/SimulatedCaller");
    }
    ReadContext(root, &sim.context);

    PolicyBundle bundle;
    std::vector<NamedPolicy> identity = Policies(root, "PolicyInputList", PolicyType::kIdentity);
    bundle.identity = std::move(identity);
    std::vector<NamedPolicy> boundaries =
        Policies(root, "PermissionsBoundaryPolicyInputList", PolicyType::kPermissionsBoundary);
    if (boundaries.size() > 1) {
      Error(root, "/PermissionsBoundaryPolicyInputList", "an IAM entity has at most one permissions boundary");
    } else if (boundaries.size() == 1) {
      bundle.boundary = std::move(boundaries[0]);
    }
    if (const JsonValue* v = root.Find("ResourcePolicy")) {
      const bool trust = !sim.actions.empty() && !sim.resources.empty() &&
                         IsRoleTrustRequest(sim.actions[0], sim.resources[0]);
      std::optional<NamedPolicy> policy = PolicyString(
          *v, "/ResourcePolicy", "ResourcePolicy", trust ? PolicyType::kRoleTrust : PolicyType::kResource);
      if (policy) bundle.resource = std::move(*policy);
    }
    if (HasErrors(*diagnostics_)) return std::nullopt;
    absl::StatusOr<std::shared_ptr<const DecisionGraph>> graph = DecisionGraph::Compile(std::move(bundle));
    if (!graph.ok()) {
      Error(root, "", std::string(graph.status().message()));
      return std::nullopt;
    }
    sim.graph = *std::move(graph);
    for (size_t a = 0; a < sim.actions.size(); ++a) {
      for (size_t r = 0; r < sim.resources.size(); ++r) {
        PreparedRequest prepared;
        absl::Status status = PreparedRequest::Prepare(sim.request(a, r), &prepared);
        if (!status.ok()) {
          Error(root, "", std::string(status.message()));
          return std::nullopt;
        }
      }
    }
    return sim;
  }

 private:
  void Error(const JsonValue& at, absl::string_view pointer, std::string message) {
    diagnostics_->push_back(Diagnostic{Severity::kError, std::string(source_), at.span,
                                       std::string(pointer), "invalid-aws-request", std::move(message)});
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

  std::vector<NamedPolicy> Policies(const JsonValue& root, absl::string_view field, PolicyType type) {
    std::vector<NamedPolicy> out;
    const JsonValue* v = root.Find(field);
    if (v == nullptr) return out;
    if (!v->is_array()) {
      Error(*v, absl::StrCat("/", field), absl::StrCat(field, " must be an array of policy strings"));
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
    for (size_t i = 0; i < entries->items.size(); ++i) {
      const JsonValue& entry = entries->items[i];
      const std::string pointer = JsonPointerAppend("/ContextEntries", i);
      const JsonValue* name = entry.is_object() ? entry.Find("ContextKeyName") : nullptr;
      if (name == nullptr) {
        Error(entry, pointer, "a context entry needs ContextKeyName, ContextKeyValues and ContextKeyType");
        continue;
      }
      std::string type = "string";
      if (const JsonValue* t = entry.Find("ContextKeyType")) {
        type = String(*t, JsonPointerAppend(pointer, "ContextKeyType"));
        bool known = false;
        for (absl::string_view k : kContextTypes) known |= k == type;
        if (!known) {
          Error(*t, JsonPointerAppend(pointer, "ContextKeyType"),
                absl::StrCat("unknown ContextKeyType \"", type, "\"; AWS's types are string, stringList, "
                             "numeric, numericList, boolean, booleanList, ip, ipList, binary, "
                             "binaryList, date, dateList"));
        }
      }
      std::vector<std::string> values;
      if (const JsonValue* vs = entry.Find("ContextKeyValues"); vs && vs->is_array()) {
        for (size_t j = 0; j < vs->items.size(); ++j) {
          values.push_back(String(vs->items[j], JsonPointerAppend(JsonPointerAppend(pointer, "ContextKeyValues"), j)));
        }
      }
      const std::string key = String(*name, JsonPointerAppend(pointer, "ContextKeyName"));
      if (absl::EndsWith(type, "List")) {
        context->SetList(key, std::move(values));
      } else if (values.size() == 1) {
        context->Set(key, std::move(values[0]));
      } else {
        Error(entry, pointer, absl::StrCat("a ", type, " context entry has exactly one value; use ", type,
                                           "List for several"));
      }
    }
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
