#include "policy/catalog/catalog.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "policy/catalog/catalog_format.h"
#include "policy/compile/glob.h"
#include "policy/diagnostics/suggest.h"

namespace iamsim {

extern const char kEmbeddedCatalog[];
extern const size_t kEmbeddedCatalogSize;

absl::string_view KeyTypeName(uint16_t types) {
  static constexpr absl::string_view kNames[] = {
      "String",  "ArrayOfString",  "ARN",  "ArrayOfARN",  "Bool",      "ArrayOfBool",
      "Numeric", "ArrayOfNumeric", "Date", "ArrayOfDate", "IPAddress", "ArrayOfIPAddress",
      "Binary",  "ArrayOfBinary"};
  for (int i = 0; i < 14; ++i) {
    if (types & (1 << i)) return kNames[i];
  }
  return "String";
}

absl::string_view AccessLevelName(AccessLevel level) {
  switch (level) {
    case AccessLevel::kList:
      return "List";
    case AccessLevel::kRead:
      return "Read";
    case AccessLevel::kWrite:
      return "Write";
    case AccessLevel::kPermissionsManagement:
      return "Permissions management";
    case AccessLevel::kTagging:
      return "Tagging";
  }
  return "Write";
}

const CatalogHeader& Catalog::header() const {
  return *reinterpret_cast<const CatalogHeader*>(bytes_.data());
}

absl::string_view Catalog::String(uint32_t offset) const {
  return absl::string_view(bytes_.data() + header().strings + offset);
}

bool Catalog::Attach(absl::string_view bytes, std::string* why) {
  if (bytes.size() < sizeof(CatalogHeader) ||
      std::memcmp(bytes.data(), kCatalogMagic, sizeof(kCatalogMagic)) != 0) {
    *why = "not an iamsim catalog (written by `iamsim catalog update`)";
    return false;
  }
  CatalogHeader h;
  std::memcpy(&h, bytes.data(), sizeof(h));
  auto fits = [&](uint64_t offset, uint64_t count, uint64_t size) {
    return offset % 4 == 0 && offset + count * size <= bytes.size();
  };
  if (h.size != bytes.size() || !fits(h.services, h.service_count, sizeof(CatalogService)) ||
      !fits(h.actions, h.action_count, sizeof(CatalogAction)) ||
      !fits(h.resources, h.resource_count, sizeof(CatalogResource)) ||
      !fits(h.keys, h.key_count, sizeof(CatalogKey)) ||
      !fits(h.templates, h.template_count, sizeof(CatalogTemplate)) ||
      !fits(h.lists, h.lists_size, sizeof(uint32_t)) || !fits(h.strings, h.strings_size, 1) ||
      h.strings_size == 0 || bytes[h.strings + h.strings_size - 1] != '\0') {
    *why = "the catalog is truncated or damaged";
    return false;
  }
  bytes_ = bytes;
  // Every reference must stay inside its table: checked once here, so that
  // lookups need not.
  auto string_ok = [&](uint32_t offset) { return offset < h.strings_size; };
  auto list_ok = [&](uint32_t begin, uint32_t count) {
    return begin <= h.lists_size && count <= h.lists_size - begin;
  };
  const uint32_t* lists = Table<uint32_t>(h.lists);
  auto strings_ok = [&](uint32_t begin, uint32_t count) {
    if (!list_ok(begin, count)) return false;
    for (uint32_t i = 0; i < count; ++i) {
      if (!string_ok(lists[begin + i])) return false;
    }
    return true;
  };
  bool ok = string_ok(h.version);
  for (uint32_t i = 0; ok && i < h.service_count; ++i) {
    const CatalogService& s = Table<CatalogService>(h.services)[i];
    ok = string_ok(s.prefix) && string_ok(s.name) && s.first_action <= h.action_count &&
         s.action_count <= h.action_count - s.first_action &&
         s.first_resource <= h.resource_count &&
         s.resource_count <= h.resource_count - s.first_resource;
  }
  for (uint32_t i = 0; ok && i < h.action_count; ++i) {
    const CatalogAction& a = Table<CatalogAction>(h.actions)[i];
    ok = string_ok(a.name) && string_ok(a.lower_name) && a.service < h.service_count &&
         list_ok(a.resources, a.resource_count) && strings_ok(a.keys, a.key_count);
    for (uint32_t r = 0; ok && r < a.resource_count; ++r) {
      ok = (lists[a.resources + r] & ~kRequiredResource) < h.resource_count;
    }
  }
  for (uint32_t i = 0; ok && i < h.resource_count; ++i) {
    const CatalogResource& r = Table<CatalogResource>(h.resources)[i];
    ok = string_ok(r.name) && r.service < h.service_count && strings_ok(r.arns, r.arn_count) &&
         strings_ok(r.keys, r.key_count);
  }
  for (uint32_t i = 0; ok && i < h.key_count; ++i) {
    ok = string_ok(Table<CatalogKey>(h.keys)[i].lower_name) &&
         string_ok(Table<CatalogKey>(h.keys)[i].name);
  }
  for (uint32_t i = 0; ok && i < h.template_count; ++i) {
    ok = string_ok(Table<CatalogTemplate>(h.templates)[i].lower_pattern);
  }
  if (!ok) {
    bytes_ = absl::string_view();
    *why = "the catalog has a reference out of range";
  }
  return ok;
}

namespace {
std::atomic<const Catalog*> selected_default{nullptr};
}  // namespace

const Catalog& Catalog::Default() {
  if (const Catalog* selected = selected_default.load(std::memory_order_acquire)) return *selected;
  return Embedded();
}

absl::Status Catalog::SelectDefault(const std::string& path) {
  absl::StatusOr<const Catalog*> catalog = Select(path);
  if (!catalog.ok()) return catalog.status();
  selected_default.store(*catalog, std::memory_order_release);
  return absl::OkStatus();
}

const Catalog& Catalog::Embedded() {
  static const Catalog* catalog = [] {
    auto* c = new Catalog();
    std::string why;
    if (!c->Attach(absl::string_view(kEmbeddedCatalog, kEmbeddedCatalogSize), &why)) {
      std::abort();  // The build embedded a catalog it just wrote.
    }
    return c;
  }();
  return *catalog;
}

absl::StatusOr<std::unique_ptr<Catalog>> Catalog::FromBytes(std::string bytes) {
  std::unique_ptr<Catalog> catalog(new Catalog());
  catalog->owned_ = std::move(bytes);
  std::string why;
  if (!catalog->Attach(catalog->owned_, &why)) return absl::InvalidArgumentError(why);
  return catalog;
}

absl::StatusOr<const Catalog*> Catalog::Select(const std::string& path) {
  std::string chosen = path;
  if (chosen.empty()) {
    if (const char* env = std::getenv("IAMSIM_CATALOG"); env != nullptr) chosen = env;
  }
  if (chosen.empty()) return &Embedded();
  static std::mutex mutex;
  static auto* loaded = new std::map<std::string, std::unique_ptr<Catalog>>();
  std::lock_guard<std::mutex> lock(mutex);
  auto it = loaded->find(chosen);
  if (it != loaded->end()) return it->second.get();
  std::ifstream in(chosen, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(chosen, ": cannot open the catalog"));
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<std::unique_ptr<Catalog>> catalog = FromBytes(text.str());
  if (!catalog.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(chosen, ": ", catalog.status().message()));
  }
  const Catalog* result = catalog->get();
  loaded->emplace(chosen, std::move(*catalog));
  return result;
}

absl::string_view Catalog::version() const { return String(header().version); }
size_t Catalog::service_count() const { return header().service_count; }
size_t Catalog::action_count() const { return header().action_count; }

namespace {

// Compares a lower-case stored string with a query, ignoring the query's case.
int CompareLower(absl::string_view stored, absl::string_view query) {
  const size_t n = std::min(stored.size(), query.size());
  for (size_t i = 0; i < n; ++i) {
    const char a = stored[i];
    const char b = absl::ascii_tolower(query[i]);
    if (a != b) return static_cast<unsigned char>(a) < static_cast<unsigned char>(b) ? -1 : 1;
  }
  return stored.size() == query.size() ? 0 : stored.size() < query.size() ? -1 : 1;
}

}  // namespace

const CatalogService* Catalog::FindServiceRecord(absl::string_view prefix) const {
  const CatalogService* begin = Table<CatalogService>(header().services);
  const CatalogService* end = begin + header().service_count;
  const CatalogService* it =
      std::lower_bound(begin, end, prefix, [this](const CatalogService& s, absl::string_view p) {
        return CompareLower(String(s.prefix), p) < 0;
      });
  return it != end && CompareLower(String(it->prefix), prefix) == 0 ? it : nullptr;
}

bool Catalog::HasService(absl::string_view prefix) const {
  return FindServiceRecord(prefix) != nullptr;
}

bool Catalog::RcpSupported(absl::string_view prefix) const {
  const CatalogService* s = FindServiceRecord(prefix);
  return s != nullptr && (s->flags & kServiceRcpSupported);
}

Catalog::Action Catalog::MakeAction(uint32_t index) const {
  const CatalogAction& a = Table<CatalogAction>(header().actions)[index];
  const CatalogService& s = Table<CatalogService>(header().services)[a.service];
  return Action{String(s.prefix),
                String(a.name),
                static_cast<AccessLevel>(a.flags & 0xFF),
                (a.flags & kActionPermissionsManagement) != 0,
                (a.flags & kActionTagging) != 0,
                index};
}

std::optional<Catalog::Action> Catalog::FindAction(absl::string_view action) const {
  const size_t colon = action.find(':');
  if (colon == absl::string_view::npos) return std::nullopt;
  const CatalogService* s = FindServiceRecord(action.substr(0, colon));
  if (s == nullptr) return std::nullopt;
  const absl::string_view name = action.substr(colon + 1);
  const CatalogAction* actions = Table<CatalogAction>(header().actions);
  const CatalogAction* begin = actions + s->first_action;
  const CatalogAction* end = begin + s->action_count;
  const CatalogAction* it =
      std::lower_bound(begin, end, name, [this](const CatalogAction& a, absl::string_view n) {
        return CompareLower(String(a.lower_name), n) < 0;
      });
  if (it == end || CompareLower(String(it->lower_name), name) != 0) return std::nullopt;
  return MakeAction(static_cast<uint32_t>(it - actions));
}

std::vector<Catalog::Action> Catalog::ServiceActions(absl::string_view prefix) const {
  std::vector<Action> out;
  if (const CatalogService* s = FindServiceRecord(prefix)) {
    for (uint32_t i = 0; i < s->action_count; ++i) out.push_back(MakeAction(s->first_action + i));
  }
  return out;
}

std::vector<Catalog::ActionResource> Catalog::ActionResources(const Action& action) const {
  const CatalogAction& a = Table<CatalogAction>(header().actions)[action.id];
  const uint32_t* list = Table<uint32_t>(header().lists) + a.resources;
  std::vector<ActionResource> out;
  for (uint32_t i = 0; i < a.resource_count; ++i) {
    const CatalogResource& r =
        Table<CatalogResource>(header().resources)[list[i] & ~kRequiredResource];
    out.push_back(ActionResource{String(r.name), (list[i] & kRequiredResource) != 0,
                                 list[i] & ~kRequiredResource});
  }
  return out;
}

std::vector<absl::string_view> Catalog::ActionConditionKeys(const Action& action) const {
  const CatalogAction& a = Table<CatalogAction>(header().actions)[action.id];
  const uint32_t* list = Table<uint32_t>(header().lists) + a.keys;
  std::vector<absl::string_view> out;
  for (uint32_t i = 0; i < a.key_count; ++i) out.push_back(String(list[i]));
  return out;
}

namespace {

// `string` reads the catalog's string table (Catalog::String is private).
template <typename StringAt>
Catalog::ResourceType MakeResourceType(absl::string_view service, absl::string_view name,
                                       const CatalogResource& r, const uint32_t* lists,
                                       const StringAt& string) {
  Catalog::ResourceType out{service, name, {}, {}};
  for (uint32_t j = 0; j < r.arn_count; ++j) out.arns.push_back(string(lists[r.arns + j]));
  for (uint32_t j = 0; j < r.key_count; ++j)
    out.condition_keys.push_back(string(lists[r.keys + j]));
  return out;
}

}  // namespace

std::optional<Catalog::ResourceType> Catalog::FindResourceType(absl::string_view service,
                                                               absl::string_view name) const {
  const CatalogService* s = FindServiceRecord(service);
  if (s == nullptr) return std::nullopt;
  for (uint32_t i = 0; i < s->resource_count; ++i) {
    const CatalogResource& r = Table<CatalogResource>(header().resources)[s->first_resource + i];
    if (!absl::EqualsIgnoreCase(String(r.name), name)) continue;
    return MakeResourceType(String(s->prefix), String(r.name), r, Table<uint32_t>(header().lists),
                            [this](uint32_t at) { return String(at); });
  }
  return std::nullopt;
}

std::optional<Catalog::ResourceType> Catalog::ResourceTypeOf(const Action& action,
                                                             const ActionResource& resource) const {
  if (resource.name.empty() || resource.index >= header().resource_count) return std::nullopt;
  const CatalogResource& r = Table<CatalogResource>(header().resources)[resource.index];
  return MakeResourceType(action.service, resource.name, r, Table<uint32_t>(header().lists),
                          [this](uint32_t at) { return String(at); });
}

std::optional<uint16_t> Catalog::ConditionKeyTypes(absl::string_view key) const {
  const CatalogKey* begin = Table<CatalogKey>(header().keys);
  const CatalogKey* end = begin + header().key_count;
  const CatalogKey* it =
      std::lower_bound(begin, end, key, [this](const CatalogKey& k, absl::string_view q) {
        return CompareLower(String(k.lower_name), q) < 0;
      });
  if (it != end && CompareLower(String(it->lower_name), key) == 0) {
    return static_cast<uint16_t>(it->types & 0xFFFF);
  }
  const CatalogTemplate* templates = Table<CatalogTemplate>(header().templates);
  for (uint32_t i = 0; i < header().template_count; ++i) {
    if (GlobMatch(String(templates[i].lower_pattern), key, /*ignore_case=*/true)) {
      return static_cast<uint16_t>(templates[i].types & 0xFFFF);
    }
  }
  return std::nullopt;
}

bool Catalog::IsGlobalConditionKey(absl::string_view key) const {
  const CatalogKey* begin = Table<CatalogKey>(header().keys);
  const CatalogKey* end = begin + header().key_count;
  const CatalogKey* it =
      std::lower_bound(begin, end, key, [this](const CatalogKey& k, absl::string_view q) {
        return CompareLower(String(k.lower_name), q) < 0;
      });
  if (it != end && CompareLower(String(it->lower_name), key) == 0) {
    return (it->types & kKeyGlobal) != 0;
  }
  const CatalogTemplate* templates = Table<CatalogTemplate>(header().templates);
  for (uint32_t i = 0; i < header().template_count; ++i) {
    if ((templates[i].types & kKeyGlobal) &&
        GlobMatch(String(templates[i].lower_pattern), key, /*ignore_case=*/true)) {
      return true;
    }
  }
  return false;
}

std::string Catalog::SuggestService(absl::string_view prefix) const {
  std::vector<absl::string_view> names;
  for (uint32_t i = 0; i < header().service_count; ++i) {
    names.push_back(String(Table<CatalogService>(header().services)[i].prefix));
  }
  return ClosestMatch(prefix, names);
}

std::string Catalog::SuggestAction(absl::string_view action) const {
  const size_t colon = action.find(':');
  if (colon == absl::string_view::npos) return "";
  absl::string_view service = action.substr(0, colon);
  std::string known_service;
  if (FindServiceRecord(service) == nullptr) {
    known_service = SuggestService(service);
    if (known_service.empty()) return "";
    service = known_service;
  }
  std::vector<absl::string_view> names;
  for (const Action& a : ServiceActions(service)) names.push_back(a.name);
  const std::string best = ClosestMatch(action.substr(colon + 1), names);
  if (best.empty()) return "";
  const CatalogService* s = FindServiceRecord(service);
  return absl::StrCat(String(s->prefix), ":", best);
}

std::string Catalog::SuggestConditionKey(absl::string_view key) const {
  const size_t colon = key.find(':');
  const absl::string_view prefix = colon == absl::string_view::npos ? "" : key.substr(0, colon + 1);
  std::vector<absl::string_view> names;
  for (uint32_t i = 0; i < header().key_count; ++i) {
    const absl::string_view name = String(Table<CatalogKey>(header().keys)[i].name);
    if (prefix.empty() || absl::StartsWithIgnoreCase(name, prefix)) names.push_back(name);
  }
  return ClosestMatch(key, names);
}

}  // namespace iamsim
