#include "policy/world/simulation_export.h"

#include "absl/strings/str_cat.h"
#include "policy/explain/json_writer.h"
#include "policy/json/json_tree.h"

namespace iamsim {
namespace {

void WriteValue(const JsonValue& v, JsonWriter* json) {
  switch (v.type) {
    case JsonType::kObject:
      json->BeginObject();
      for (const JsonMember& m : v.members) {
        json->Key(m.key);
        WriteValue(m.value, json);
      }
      json->EndObject();
      break;
    case JsonType::kArray:
      json->BeginArray();
      for (const JsonValue& item : v.items) WriteValue(item, json);
      json->EndArray();
      break;
    case JsonType::kString:
      json->String(v.text);
      break;
    default:  // Numbers, booleans and null as written.
      json->Raw(v.text);
  }
}

// A compiled policy's document, re-indented.
void WriteDocument(const WorldQuestion& q, const CompiledPolicy& policy, JsonWriter* json) {
  JsonParseResult parsed = ParseJson(q.PolicyText(policy), policy.name(), kWorldFileLimits);
  if (parsed.root) {
    WriteValue(*parsed.root, json);
  } else {
    json->Null();  // Cannot happen: the world compiled it from this text.
  }
}

void WriteNamedList(const WorldQuestion& q, absl::Span<const CompiledPolicy* const> policies,
                    JsonWriter* json) {
  json->BeginArray();
  for (const CompiledPolicy* p : policies) {
    json->BeginObject();
    json->Field("name", p->name());
    json->Key("document");
    WriteDocument(q, *p, json);
    json->EndObject();
  }
  json->EndArray();
}

void WriteChain(const WorldQuestion& q, const OrgChain& chain, JsonWriter* json) {
  json->BeginArray();
  for (const OrgLevel& level : chain.levels) WriteNamedList(q, level.policies, json);
  json->EndArray();
}

}  // namespace

std::vector<SimulationSlot> SimulationSlots(const WorldQuestion& q) {
  const Assembly a = q.assembly();
  std::vector<SimulationSlot> out;
  for (size_t i = 0; i < a.identity.size(); ++i) {
    out.push_back({absl::StrCat("/identityPolicies/", i, "/document"), a.identity[i], ""});
  }
  if (a.resource != nullptr) out.push_back({"/resourcePolicy", a.resource, ""});
  if (a.boundary != nullptr) out.push_back({"/permissionsBoundary", a.boundary, ""});
  if (!a.session.empty()) out.push_back({"/sessionPolicy", a.session[0], ""});
  const std::pair<const char*, const OrgChain*> chains[] = {{"/serviceControlPolicies", a.scp},
                                                            {"/resourceControlPolicies", a.rcp}};
  for (const auto& [key, chain] : chains) {
    if (chain == nullptr) continue;
    for (size_t l = 0; l < chain->levels.size(); ++l) {
      for (size_t i = 0; i < chain->levels[l].policies.size(); ++i) {
        out.push_back({absl::StrCat(key, "/", l, "/", i, "/document"), chain->levels[l].policies[i],
                       chain->levels[l].target});
      }
    }
  }
  return out;
}

std::string SimulationJson(const WorldQuestion& q, absl::string_view name) {
  const Assembly a = q.assembly();
  const Request r = q.request();
  JsonWriter json;
  json.BeginObject();
  json.Field("name", name);
  json.Key("request");
  json.BeginObject();
  json.Field("principal", r.principal);
  json.Field("action", r.action);
  json.Field("resource", r.resource);
  if (!r.resource_account.empty()) json.Field("resourceAccount", r.resource_account);
  // The layers merged, the question's own keys (--context) winning.
  RequestContext merged;
  for (const RequestContext* layer : {r.resource_context, r.principal_context, r.context}) {
    if (layer == nullptr) continue;
    for (const ContextEntry* e : layer->Entries()) {
      if (e->multivalued) {
        merged.SetList(e->name, e->values);
      } else {
        merged.Set(e->name, e->values.empty() ? "" : e->values[0]);
      }
    }
  }
  if (!merged.Entries().empty()) {
    json.Key("context");
    json.BeginObject();
    for (const ContextEntry* e : merged.Entries()) {
      json.Key(e->name);
      if (e->multivalued) {
        json.BeginArray();
        for (const std::string& v : e->values) json.String(v);
        json.EndArray();
      } else {
        json.String(e->values.empty() ? "" : e->values[0]);
      }
    }
    json.EndObject();
  }
  json.EndObject();
  if (!a.identity.empty()) {
    json.Key("identityPolicies");
    WriteNamedList(q, a.identity, &json);
  }
  if (a.resource != nullptr) {
    json.Key("resourcePolicy");
    WriteDocument(q, *a.resource, &json);
  }
  if (a.boundary != nullptr) {
    json.Key("permissionsBoundary");
    WriteDocument(q, *a.boundary, &json);
  }
  if (!a.session.empty()) {
    json.Key("sessionPolicy");
    WriteDocument(q, *a.session[0], &json);
  }
  if (a.scp != nullptr) {
    json.Key("serviceControlPolicies");
    WriteChain(q, *a.scp, &json);
  }
  if (a.rcp != nullptr) {
    json.Key("resourceControlPolicies");
    WriteChain(q, *a.rcp, &json);
  }
  if (!a.management_account.empty()) {
    json.Key("organization");
    json.BeginObject();
    json.Field("managementAccount", a.management_account);
    json.EndObject();
  }
  json.EndObject();
  return json.str() + "\n";
}

}  // namespace iamsim
