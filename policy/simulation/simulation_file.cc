// LoadSimulation: the iamsim simulation file format (README, "Simulation files").
#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "policy/arn/arn.h"
#include "policy/catalog/catalog.h"
#include "policy/diagnostics/limits.h"
#include "policy/json/json_reader.h"
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

const std::vector<absl::string_view> kTopLevel = {"name",
                                                  "why",
                                                  "request",
                                                  "identityPolicies",
                                                  "resourcePolicy",
                                                  "permissionsBoundary",
                                                  "sessionPolicy",
                                                  "serviceControlPolicies",
                                                  "resourceControlPolicies",
                                                  "organization",
                                                  "expect"};

class SimulationReader {
 public:
  SimulationReader(const SourceText& file, std::vector<Diagnostic>* diagnostics)
      : file_(file), reader_(file.name(), "", DocumentEncoding::kObject, diagnostics) {}

  std::optional<Simulation> Read(const JsonValue& root) {
    if (reader_.Object(root, "", "a simulation file") == nullptr) return std::nullopt;
    // Other top-level fields (such as "why") are ignored, but a near miss of
    // a known one is an error: a misspelled slot would silently drop a policy.
    reader_.CheckMembers(root, "", kTopLevel, "a simulation file", UnknownMembers::kNearMissError);
    Simulation sim;
    sim.source = file_.name();
    if (const JsonValue* v = root.Find("name")) sim.name = String(*v, "/name", "name");
    const JsonValue* request = reader_.Require(root, "", "request", "the simulation file");
    if (request == nullptr || reader_.Object(*request, "/request", "request") == nullptr) {
      return std::nullopt;
    }
    ReadRequest(*request, &sim);

    PolicyStoreBuilder store;
    PolicySlots& slots = sim.policies;
    if (const JsonValue* v = Present(root, "identityPolicies")) {
      ReadNamedList(*v, "/identityPolicies", PolicyType::kIdentity, &store, &slots.identity);
    }
    const PolicyType resource_type = IsRoleTrustRequest(sim.action, sim.resource)
                                         ? PolicyType::kRoleTrust
                                         : PolicyType::kResource;
    slots.resource = OptionalPolicy(root, "resourcePolicy", resource_type, &store);
    slots.boundary =
        OptionalPolicy(root, "permissionsBoundary", PolicyType::kPermissionsBoundary, &store);
    if (const CompiledPolicy* session =
            OptionalPolicy(root, "sessionPolicy", PolicyType::kSession, &store)) {
      slots.session.push_back(session);
    }
    if (const JsonValue* v = Present(root, "serviceControlPolicies")) {
      slots.scp = ReadLevels(*v, "/serviceControlPolicies", PolicyType::kServiceControl, &store);
    }
    if (const JsonValue* v = Present(root, "resourceControlPolicies")) {
      slots.rcp = ReadLevels(*v, "/resourceControlPolicies", PolicyType::kResourceControl, &store);
    }
    if (const JsonValue* org = root.Find("organization")) ReadOrganization(*org, &slots);
    if (const JsonValue* expect = root.Find("expect")) ReadExpect(*expect, &sim.expect);
    // The request's fields, each error at the field that has it; checked
    // before stopping on policy errors, so a file's problems come all at once.
    CheckRequestFields(*request, sim);
    if (HasErrors(*reader_.diagnostics())) return std::nullopt;

    slots.store = std::move(store).Build();
    const absl::Status valid = ValidateAssembly(slots.assembly());
    if (!valid.ok()) {
      reader_.Report(Rule::kInvalidInput, root.span, "", std::string(valid.message()));
      return std::nullopt;
    }
    return sim;
  }

 private:
  // The member, unless absent or null.
  static const JsonValue* Present(const JsonValue& object, absl::string_view key) {
    const JsonValue* v = object.Find(key);
    return v != nullptr && !v->is_null() ? v : nullptr;
  }

  std::string String(const JsonValue& v, absl::string_view path, absl::string_view what) {
    const std::string* s = reader_.String(v, path, what);
    return s != nullptr ? *s : "";
  }

  // Principal, action, resource and resourceAccount checked one at a time,
  // each error at its own field.
  void CheckRequestFields(const JsonValue& request, const Simulation& sim) {
    auto check = [&](absl::string_view field, RequestPart part, absl::string_view value) {
      const JsonValue* at = request.Find(field);
      if (at != nullptr && !at->is_string()) return;  // Reported as json-type.
      const std::string problem = RequestPartProblem(part, value);
      if (problem.empty()) return;
      reader_.Report(Rule::kInvalidRequest, at != nullptr ? at->span : request.span,
                     absl::StrCat("/request/", field), absl::StrCat("request.", field, problem));
    };
    if (request.Find("principal") != nullptr) {
      check("principal", RequestPart::kPrincipal, sim.principal);
    }
    if (const JsonValue* at = request.Find("action"); at != nullptr) {
      check("action", RequestPart::kAction, sim.action);
      if (const std::string unknown = UnknownActionProblem(sim.action);
          at->is_string() && !unknown.empty() &&
          RequestPartProblem(RequestPart::kAction, sim.action).empty()) {
        reader_.Report(Rule::kUnknownAction, at->span, "/request/action", unknown).severity =
            Severity::kWarning;
      }
    }
    if (request.Find("resource") != nullptr) {
      check("resource", RequestPart::kResource, sim.resource);
    }
    if (!sim.resource_account.empty()) {
      check("resourceAccount", RequestPart::kResourceAccount, sim.resource_account);
    }
  }

  void ReadRequest(const JsonValue& request, Simulation* sim) {
    reader_.CheckMembers(request, "/request",
                         {"principal", "action", "resource", "resourceAccount", "context"},
                         "the request");
    for (absl::string_view field : {"principal", "action", "resource"}) {
      const JsonValue* v = reader_.Require(request, "/request", field, "the request");
      if (v == nullptr) continue;
      std::string value = String(*v, absl::StrCat("/request/", field), field);
      if (field == "principal")
        sim->principal = std::move(value);
      else if (field == "action")
        sim->action = std::move(value);
      else
        sim->resource = std::move(value);
    }
    if (const JsonValue* v = request.Find("resourceAccount")) {
      sim->resource_account = String(*v, "/request/resourceAccount", "resourceAccount");
    }
    const JsonValue* context = Present(request, "context");
    if (context == nullptr) return;
    if (reader_.Object(*context, "/request/context", "context") == nullptr) return;
    if (context->members.size() > kMaxContextKeys) {
      reader_.Report(Rule::kInputLimit, context->span, "/request/context",
                     absl::StrCat("the context has ", context->members.size(),
                                  " keys; iamsim's limit is ", kMaxContextKeys));
      return;
    }
    absl::flat_hash_map<std::string, const JsonMember*> seen;  // Lower-case key.
    for (const JsonMember& member : context->members) {
      const std::string path = JsonPointerAppend("/request/context", member.key);
      auto [it, inserted] = seen.emplace(absl::AsciiStrToLower(member.key), &member);
      if (!inserted) {
        // Context keys are case-insensitive: two spellings are one key given twice.
        Diagnostic& d = reader_.Report(
            Rule::kInvalidRequest, member.key_span, path,
            absl::StrCat("context key ", Quote(member.key), " is also given as ",
                         Quote(it->second->key),
                         "; condition keys are case-insensitive, so this is one key given "
                         "twice"));
        d.related.push_back(reader_.At(it->second->key_span,
                                       JsonPointerAppend("/request/context", it->second->key)));
        continue;
      }
      // The key's type, when the catalog knows it: a value AWS could not
      // send for it is an error.
      const std::optional<uint16_t> types = Catalog::Default().ConditionKeyTypes(member.key);
      auto scalar = [&](const JsonValue& v, const std::string& at) -> std::optional<std::string> {
        if (v.type != JsonType::kString && v.type != JsonType::kNumber &&
            v.type != JsonType::kBool) {
          reader_.WrongType(v, at, "a context value", "a string or a list of strings");
          return std::nullopt;
        }
        if (v.text.size() > kMaxContextValueBytes) {
          reader_.Report(Rule::kInputLimit, v.span, at,
                         absl::StrCat("a context value of ", v.text.size(),
                                      " bytes; iamsim's limit is ", kMaxContextValueBytes));
          return std::nullopt;
        }
        if (types) {
          const std::string problem = ContextValueProblem(*types, v.text);
          if (!problem.empty()) {
            reader_.Report(Rule::kInvalidRequest, v.span, at,
                           absl::StrCat(Quote(v.text), " ", problem, " for ", member.key));
            return std::nullopt;
          }
        }
        return v.text;
      };
      if (member.value.is_array() && member.value.items.size() > kMaxContextValuesPerKey) {
        reader_.Report(Rule::kInputLimit, member.value.span, path,
                       absl::StrCat(member.value.items.size(),
                                    " values for one key; iamsim's "
                                    "limit is ",
                                    kMaxContextValuesPerKey));
      } else if (member.value.is_array()) {
        if (types && member.value.items.size() > 1 && !(*types & kKeyMultivalued)) {
          reader_.Report(
              Rule::kInvalidRequest, member.value.span, path,
              absl::StrCat(member.key, " is a single-valued key (", KeyTypeName(*types),
                           "); AWS sends one value for it, not ", member.value.items.size()));
        }
        std::vector<std::string> values;
        for (size_t i = 0; i < member.value.items.size(); ++i) {
          if (auto s = scalar(member.value.items[i], JsonPointerAppend(path, i)))
            values.push_back(*s);
        }
        sim->context.SetList(member.key, std::move(values));
      } else if (auto s = scalar(member.value, path)) {
        sim->context.Set(member.key, *s);
      }
    }
  }

  // A policy object of the file, parsed and compiled into `store`; null on
  // errors (reported).
  const CompiledPolicy* Policy(const JsonValue& document, const std::string& path, PolicyType type,
                               std::string name, PolicyStoreBuilder* store) {
    const absl::string_view text = file_.text().substr(
        document.span.begin.offset, document.span.end.offset - document.span.begin.offset);
    PolicyParseResult parsed = ParsePolicyJson(
        document, DocumentRef{file_.name(), path, DocumentEncoding::kObject}, type, text);
    std::vector<Diagnostic>& out = *reader_.diagnostics();
    out.insert(out.end(), parsed.diagnostics.begin(), parsed.diagnostics.end());
    if (!parsed.document) return nullptr;
    const CompiledPolicy& policy =
        store->policy(store->Add(std::move(name), std::move(*parsed.document)));
    out.insert(out.end(), policy.diagnostics().begin(), policy.diagnostics().end());
    return &policy;
  }

  const CompiledPolicy* OptionalPolicy(const JsonValue& root, absl::string_view field,
                                       PolicyType type, PolicyStoreBuilder* store) {
    const JsonValue* v = Present(root, field);
    if (v == nullptr) return nullptr;
    return Policy(*v, absl::StrCat("/", field), type, std::string(field), store);
  }

  // [{"name": ..., "document": {...}}, ...]
  void ReadNamedList(const JsonValue& list, const std::string& path, PolicyType type,
                     PolicyStoreBuilder* store, std::vector<const CompiledPolicy*>* out) {
    if (reader_.Array(list, path, absl::StrCat(path.substr(1))) == nullptr) return;
    for (size_t i = 0; i < list.items.size(); ++i) {
      const JsonValue& item = list.items[i];
      const std::string item_path = JsonPointerAppend(path, i);
      if (reader_.Object(item, item_path,
                         "a policy entry ({\"name\": ..., \"document\": {...}})") == nullptr) {
        continue;
      }
      reader_.CheckMembers(item, item_path, {"name", "document"}, "a policy entry");
      const JsonValue* document = reader_.Require(item, item_path, "document", "a policy entry");
      if (document == nullptr) continue;
      std::string name = absl::StrCat(path.substr(1), "[", i, "]");
      if (const JsonValue* n = item.Find("name")) {
        name = String(*n, JsonPointerAppend(item_path, "name"), "name");
      }
      if (const CompiledPolicy* policy = Policy(*document, JsonPointerAppend(item_path, "document"),
                                                type, std::move(name), store)) {
        out->push_back(policy);
      }
    }
  }

  std::optional<OrgChain> ReadLevels(const JsonValue& levels, const std::string& path,
                                     PolicyType type, PolicyStoreBuilder* store) {
    if (reader_.Array(levels, path, "a list of levels ([[...], [...]], root first)") == nullptr) {
      return std::nullopt;
    }
    if (levels.items.empty()) {
      reader_.Report(Rule::kInvalidInput, levels.span, path,
                     "no levels: an organization has at least its root; leave the field out "
                     "when the account is in no organization");
    }
    OrgChain chain;
    for (size_t level = 0; level < levels.items.size(); ++level) {
      OrgLevel& out = chain.levels.emplace_back();
      const std::string level_path = JsonPointerAppend(path, level);
      ReadNamedList(levels.items[level], level_path, type, store, &out.policies);
      if (levels.items[level].is_array() && levels.items[level].items.empty()) {
        reader_.Report(Rule::kInvalidInput, levels.items[level].span, level_path,
                       "a level has no policies; in AWS every root, OU and account has at "
                       "least one");
      }
    }
    return chain;
  }

  // {"managementAccount": "111122223333"}
  void ReadOrganization(const JsonValue& org, PolicySlots* slots) {
    if (reader_.Object(org, "/organization", "organization") == nullptr) return;
    reader_.CheckMembers(org, "/organization", {"managementAccount"}, "organization");
    const JsonValue* m = org.Find("managementAccount");
    if (m == nullptr) return;
    slots->management_account = String(*m, "/organization/managementAccount", "managementAccount");
    if (m->is_string() && !IsAccountId(slots->management_account)) {
      reader_.Report(Rule::kInvalidInput, m->span, "/organization/managementAccount",
                     "managementAccount must be a 12-digit account id");
    }
  }

  void ReadExpect(const JsonValue& expect, Expectation* out) {
    out->location = ElementLocation{expect.span, "/expect"};
    if (reader_.Object(expect, "/expect", "expect") == nullptr) return;
    reader_.CheckMembers(expect, "/expect", {"decision", "deciding", "reason"}, "expect");
    if (const JsonValue* d = expect.Find("decision")) {
      const std::string decision = String(*d, "/expect/decision", "decision");
      for (DecisionKind kind :
           {DecisionKind::kAllow, DecisionKind::kExplicitDeny, DecisionKind::kImplicitDeny}) {
        if (decision == DecisionKindName(kind)) out->decision = kind;
      }
      if (!out->decision && d->is_string()) {
        reader_.Report(Rule::kInvalidInput, d->span, "/expect/decision",
                       absl::StrCat("decision must be \"Allow\", \"ExplicitDeny\" or "
                                    "\"ImplicitDeny\", not ",
                                    Quote(decision)));
      }
    }
    if (const JsonValue* d = expect.Find("deciding")) {
      if (reader_.Array(*d, "/expect/deciding", "deciding") != nullptr) {
        out->deciding.emplace();
        for (size_t i = 0; i < d->items.size(); ++i) {
          const std::string* s = reader_.String(
              d->items[i], JsonPointerAppend("/expect/deciding", i), "a deciding statement");
          if (s != nullptr) out->deciding->push_back(*s);
        }
      }
    }
    if (const JsonValue* r = expect.Find("reason")) {
      static const std::vector<absl::string_view> kReasons = {
          "identity", "resource", "boundary", "session", "scp", "rcp", "root-assume-role"};
      const std::string reason = String(*r, "/expect/reason", "reason");
      if (std::find(kReasons.begin(), kReasons.end(), reason) == kReasons.end()) {
        if (r->is_string()) {
          reader_.Report(Rule::kInvalidInput, r->span, "/expect/reason",
                         absl::StrCat("reason must be one of identity, resource, boundary, "
                                      "session, scp, rcp, root-assume-role; not ",
                                      Quote(reason)));
        }
      } else {
        out->reason = reason;
      }
    }
    if (out->deciding && out->decision == DecisionKind::kImplicitDeny) {
      reader_.Report(Rule::kInvalidInput, expect.span, "/expect/deciding",
                     "an ImplicitDeny has no deciding statements; give \"reason\" instead");
    }
    if (out->reason && out->decision && out->decision != DecisionKind::kImplicitDeny) {
      reader_.Report(Rule::kInvalidInput, expect.span, "/expect/reason",
                     "\"reason\" is for an ImplicitDeny; an Allow or ExplicitDeny names "
                     "\"deciding\" statements");
    }
  }

  const SourceText& file_;
  JsonReader reader_;
};

}  // namespace

SimulationLoadResult LoadSimulation(absl::string_view text, absl::string_view source) {
  const SourceText file{std::string(source), std::string(text)};
  return LoadSimulation(file);
}

SimulationLoadResult LoadSimulation(const SourceText& file) {
  SimulationLoadResult result;
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
  result.recognized = json.root->is_object() && json.root->Find("request") != nullptr;
  SimulationReader reader(file, &result.diagnostics);
  result.simulation = reader.Read(*json.root);
  SortByPosition(&result.diagnostics);
  return result;
}

}  // namespace iamsim
