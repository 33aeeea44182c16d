// LoadSimulation: the iamsim simulation file format.
#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "policy/arn/arn.h"
#include "policy/json/json_tree.h"
#include "policy/parse/policy_parser.h"
#include "policy/simulation/input_checks.h"
#include "policy/simulation/simulation.h"

namespace iamsim {

bool IsRoleTrustRequest(absl::string_view action, absl::string_view resource) {
  // sts:AssumeRole*, sts:TagSession, sts:SetSourceIdentity and sts:SetContext
  // on a role are all decided by its trust policy.
  std::optional<Arn> arn = ParseArn(resource);
  return absl::StartsWithIgnoreCase(action, "sts:") && arn && arn->service == "iam" &&
         absl::StartsWith(arn->resource, "role/");
}

namespace {

class SimulationReader {
 public:
  SimulationReader(absl::string_view source, std::vector<Diagnostic>* diagnostics)
      : source_(source), diagnostics_(diagnostics) {}

  std::optional<Simulation> Read(const JsonValue& root) {
    if (!root.is_object()) {
      Error(root, "", "a simulation file must be a JSON object");
      return std::nullopt;
    }
    // Other top-level fields (such as "why") are ignored; near-misses of
    // these get a warning.
    CheckKeys(root, "",
              {"name", "why", "request", "identityPolicies", "resourcePolicy",
               "permissionsBoundary", "sessionPolicy", "serviceControlPolicies",
               "resourceControlPolicies", "organization", "expect"},
              /*strict=*/false);
    Simulation sim;
    sim.source = std::string(source_);
    if (const JsonValue* v = root.Find("name")) sim.name = String(*v, "/name");
    const JsonValue* request = root.Find("request");
    if (request == nullptr || !request->is_object()) {
      Error(request ? *request : root, request ? "/request" : "",
            "the file needs a \"request\" object with principal, action and resource");
      return std::nullopt;
    }
    ReadRequest(*request, &sim);

    PolicyBundle bundle;
    if (const JsonValue* v = root.Find("identityPolicies"); v && v->type != JsonType::kNull) {
      ReadNamedList(*v, "/identityPolicies", PolicyType::kIdentity, &bundle.identity);
    }
    const PolicyType resource_type = IsRoleTrustRequest(sim.action, sim.resource)
                                         ? PolicyType::kRoleTrust
                                         : PolicyType::kResource;
    bundle.resource = OptionalPolicy(root, "resourcePolicy", resource_type);
    bundle.boundary = OptionalPolicy(root, "permissionsBoundary", PolicyType::kPermissionsBoundary);
    bundle.session = OptionalPolicy(root, "sessionPolicy", PolicyType::kSession);
    if (const JsonValue* v = root.Find("serviceControlPolicies"); v && v->type != JsonType::kNull) {
      bundle.service_control.emplace();
      ReadLevels(*v, "/serviceControlPolicies", PolicyType::kServiceControl,
                 &*bundle.service_control);
    }
    if (const JsonValue* v = root.Find("resourceControlPolicies");
        v && v->type != JsonType::kNull) {
      ReadLevels(*v, "/resourceControlPolicies", PolicyType::kResourceControl,
                 &bundle.resource_control);
    }
    if (const JsonValue* org = root.Find("organization")) ReadOrganization(*org, &bundle);
    if (const JsonValue* expect = root.Find("expect")) ReadExpect(*expect, &sim);
    // The request's fields, each error at the field that has it; checked
    // before stopping on policy errors, so a file's problems come all at once.
    const bool request_ok = CheckRequestFields(*request, sim);
    if (HasErrors(*diagnostics_) || !request_ok) return std::nullopt;

    absl::StatusOr<std::shared_ptr<const DecisionGraph>> graph =
        DecisionGraph::Compile(std::move(bundle));
    if (!graph.ok()) {
      Error(root, "", std::string(graph.status().message()));
      return std::nullopt;
    }
    sim.graph = *std::move(graph);
    for (const Diagnostic& d : sim.graph->diagnostics()) diagnostics_->push_back(d);
    PreparedRequest prepared;
    absl::Status status = PreparedRequest::Prepare(sim.request(), &prepared);
    if (!status.ok()) {
      Error(*request, "/request", std::string(status.message()));
      return std::nullopt;
    }
    return sim;
  }

 private:
  void Error(const JsonValue& at, absl::string_view pointer, std::string message,
             Severity severity = Severity::kError) {
    diagnostics_->push_back(Diagnostic{severity, std::string(source_), at.span,
                                       std::string(pointer), "invalid-simulation",
                                       std::move(message)});
  }

  // Unknown members of `object`: errors when `strict`, otherwise warnings for
  // near-misses of a known name only.
  void CheckKeys(const JsonValue& object, absl::string_view pointer,
                 const std::vector<absl::string_view>& known, bool strict) {
    for (const UnknownMember& u : FindUnknownMembers(object, known)) {
      if (!strict && u.suggestion.empty()) continue;
      std::string message = absl::StrCat("unknown field \"", u.member->key, "\"");
      if (!strict) absl::StrAppend(&message, " is ignored");
      if (!u.suggestion.empty())
        absl::StrAppend(&message, "; did you mean \"", u.suggestion, "\"?");
      Error(u.member->value, JsonPointerAppend(pointer, u.member->key), std::move(message),
            strict ? Severity::kError : Severity::kWarning);
    }
  }

  // Principal, action, resource and resourceAccount checked one at a time,
  // each error at its own field.
  bool CheckRequestFields(const JsonValue& request, const Simulation& sim) {
    bool ok = true;
    auto check = [&](absl::string_view field, RequestPart part, absl::string_view value) {
      const std::string problem = RequestPartProblem(part, value);
      if (problem.empty()) return;
      const JsonValue* at = request.Find(field);
      Error(at != nullptr ? *at : request, absl::StrCat("/request/", field),
            absl::StrCat("request.", field, problem));
      ok = false;
    };
    check("principal", RequestPart::kPrincipal, sim.principal);
    check("action", RequestPart::kAction, sim.action);
    check("resource", RequestPart::kResource, sim.resource);
    if (!sim.resource_account.empty()) {
      check("resourceAccount", RequestPart::kResourceAccount, sim.resource_account);
    }
    return ok;
  }

  std::string String(const JsonValue& value, absl::string_view pointer) {
    if (!value.is_string()) {
      Error(value, pointer, absl::StrCat("expected a string, not ", JsonTypeName(value.type)));
      return "";
    }
    return value.text;
  }

  void ReadRequest(const JsonValue& request, Simulation* sim) {
    CheckKeys(request, "/request",
              {"principal", "action", "resource", "resourceAccount", "context"}, true);
    for (absl::string_view field : {"principal", "action", "resource"}) {
      const JsonValue* v = request.Find(field);
      if (v == nullptr) {
        Error(request, "/request", absl::StrCat("the request has no \"", field, "\""));
        continue;
      }
      std::string value = String(*v, absl::StrCat("/request/", field));
      if (field == "principal")
        sim->principal = std::move(value);
      else if (field == "action")
        sim->action = std::move(value);
      else
        sim->resource = std::move(value);
    }
    if (const JsonValue* v = request.Find("resourceAccount")) {
      sim->resource_account = String(*v, "/request/resourceAccount");
    }
    const JsonValue* context = request.Find("context");
    if (context == nullptr || context->type == JsonType::kNull) return;
    if (!context->is_object()) {
      Error(*context, "/request/context",
            "\"context\" must be an object of key: value or [values]");
      return;
    }
    for (const JsonMember& member : context->members) {
      const std::string pointer = JsonPointerAppend("/request/context", member.key);
      auto scalar = [&](const JsonValue& v, const std::string& at) -> std::optional<std::string> {
        if (v.type == JsonType::kString || v.type == JsonType::kNumber ||
            v.type == JsonType::kBool) {
          return v.text;
        }
        Error(v, at,
              absl::StrCat("a context value must be a string or a list of strings, not ",
                           JsonTypeName(v.type)));
        return std::nullopt;
      };
      if (member.value.is_array()) {
        std::vector<std::string> values;
        for (size_t i = 0; i < member.value.items.size(); ++i) {
          if (auto s = scalar(member.value.items[i], JsonPointerAppend(pointer, i)))
            values.push_back(*s);
        }
        sim->context.SetList(member.key, std::move(values));
      } else if (auto s = scalar(member.value, pointer)) {
        sim->context.Set(member.key, *s);
      }
    }
  }

  std::optional<PolicyDocument> Policy(const JsonValue& document, const std::string& pointer,
                                       PolicyType type) {
    PolicyParseResult parsed = ParsePolicyJson(document, source_, pointer, type);
    for (Diagnostic& d : parsed.diagnostics) diagnostics_->push_back(std::move(d));
    return std::move(parsed.document);
  }

  std::optional<NamedPolicy> OptionalPolicy(const JsonValue& root, absl::string_view field,
                                            PolicyType type) {
    const JsonValue* v = root.Find(field);
    if (v == nullptr || v->type == JsonType::kNull) return std::nullopt;
    std::optional<PolicyDocument> document = Policy(*v, absl::StrCat("/", field), type);
    if (!document) return std::nullopt;
    return NamedPolicy{std::string(field), std::move(*document)};
  }

  // [{"name": ..., "document": {...}}, ...]
  void ReadNamedList(const JsonValue& list, const std::string& pointer, PolicyType type,
                     std::vector<NamedPolicy>* out) {
    if (!list.is_array()) {
      Error(list, pointer, "expected an array of {\"name\": ..., \"document\": {...}}");
      return;
    }
    for (size_t i = 0; i < list.items.size(); ++i) {
      const JsonValue& item = list.items[i];
      const std::string item_pointer = JsonPointerAppend(pointer, i);
      const JsonValue* document = item.is_object() ? item.Find("document") : nullptr;
      if (document == nullptr) {
        Error(item, item_pointer, "expected {\"name\": ..., \"document\": {...}}");
        continue;
      }
      CheckKeys(item, item_pointer, {"name", "document"}, true);
      std::string name = absl::StrCat(pointer.substr(1), "[", i, "]");
      if (const JsonValue* n = item.Find("name"))
        name = String(*n, JsonPointerAppend(item_pointer, "name"));
      std::optional<PolicyDocument> parsed =
          Policy(*document, JsonPointerAppend(item_pointer, "document"), type);
      if (parsed) out->push_back(NamedPolicy{std::move(name), std::move(*parsed)});
    }
  }

  void ReadLevels(const JsonValue& levels, const std::string& pointer, PolicyType type,
                  std::vector<std::vector<NamedPolicy>>* out) {
    if (!levels.is_array()) {
      Error(levels, pointer,
            "expected one array of policies per level, root first: [[...], [...]]");
      return;
    }
    if (levels.items.empty()) {
      Error(levels, pointer,
            "no levels: an organization has at least its root; leave the field out "
            "when the account is in no organization");
    }
    for (size_t level = 0; level < levels.items.size(); ++level) {
      out->emplace_back();
      ReadNamedList(levels.items[level], JsonPointerAppend(pointer, level), type, &out->back());
      if (levels.items[level].is_array() && levels.items[level].items.empty()) {
        Error(levels.items[level], JsonPointerAppend(pointer, level),
              "a level has no policies; in AWS every root, OU and account has at least one");
      }
    }
  }

  // {"managementAccount": "111122223333"}
  void ReadOrganization(const JsonValue& org, PolicyBundle* bundle) {
    if (!org.is_object()) {
      Error(org, "/organization",
            "\"organization\" must be an object such as {\"managementAccount\": \"111122223333\"}");
      return;
    }
    CheckKeys(org, "/organization", {"managementAccount"}, /*strict=*/true);
    const JsonValue* m = org.Find("managementAccount");
    if (m == nullptr) return;
    bundle->management_account = String(*m, "/organization/managementAccount");
    if (!IsAccountId(bundle->management_account)) {
      Error(*m, "/organization/managementAccount",
            "managementAccount must be a 12-digit account id");
    }
  }

  void ReadExpect(const JsonValue& expect, Simulation* sim) {
    if (!expect.is_object()) {
      Error(expect, "/expect", "\"expect\" must be an object such as {\"decision\": \"Allow\"}");
      return;
    }
    CheckKeys(expect, "/expect", {"decision"}, true);
    if (const JsonValue* d = expect.Find("decision")) {
      const std::string decision = String(*d, "/expect/decision");
      for (DecisionKind kind :
           {DecisionKind::kAllow, DecisionKind::kExplicitDeny, DecisionKind::kImplicitDeny}) {
        if (decision == DecisionKindName(kind)) sim->expected_decision = kind;
      }
      if (!sim->expected_decision && d->is_string()) {
        Error(
            *d, "/expect/decision",
            absl::StrCat("decision must be \"Allow\", \"ExplicitDeny\" or \"ImplicitDeny\", not \"",
                         decision, "\""));
      }
    }
  }

  absl::string_view source_;
  std::vector<Diagnostic>* diagnostics_;
};

}  // namespace

SimulationLoadResult LoadSimulation(absl::string_view text, absl::string_view source) {
  SimulationLoadResult result;
  JsonParseResult json = ParseJson(text, source);
  if (!json.root) {
    result.diagnostics = std::move(json.diagnostics);
    return result;
  }
  SimulationReader reader(source, &result.diagnostics);
  result.simulation = reader.Read(*json.root);
  // In file order, as an editor lists them.
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return a.span.begin.offset < b.span.begin.offset;
                   });
  return result;
}

}  // namespace iamsim
