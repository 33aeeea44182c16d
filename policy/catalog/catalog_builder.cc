#include "policy/catalog/catalog_builder.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "policy/catalog/catalog.h"
#include "policy/catalog/catalog_format.h"
#include "policy/json/json_tree.h"

namespace iamsim {
namespace {

constexpr JsonLimits kServiceFileLimits{64 << 20, 32};

absl::StatusOr<std::string> ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path.string(), ": cannot open"));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

absl::StatusOr<JsonValue> ReadJson(const std::filesystem::path& path) {
  absl::StatusOr<std::string> text = ReadText(path);
  if (!text.ok()) return text.status();
  JsonParseResult parsed = ParseJson(*text, path.string(), kServiceFileLimits);
  if (!parsed.root) {
    return absl::InvalidArgumentError(FormatDiagnostics(parsed.diagnostics));
  }
  return std::move(*parsed.root);
}

absl::Status Shape(const std::filesystem::path& path, absl::string_view pointer,
                   absl::string_view expected) {
  return absl::InvalidArgumentError(
      absl::StrCat(path.string(), ": ", pointer, " must be ", expected));
}

uint16_t TypeBit(absl::string_view type) {
  static const std::pair<absl::string_view, uint16_t> kTypes[] = {
      {"String", kKeyString},
      {"ArrayOfString", kKeyArrayOfString},
      {"ARN", kKeyArn},
      {"ArrayOfARN", kKeyArrayOfArn},
      {"Bool", kKeyBool},
      {"ArrayOfBool", kKeyArrayOfBool},
      {"Numeric", kKeyNumeric},
      {"ArrayOfNumeric", kKeyArrayOfNumeric},
      {"Date", kKeyDate},
      {"ArrayOfDate", kKeyArrayOfDate},
      {"IPAddress", kKeyIpAddress},
      {"ArrayOfIPAddress", kKeyArrayOfIpAddress},
      {"Binary", kKeyBinary},
      {"ArrayOfBinary", kKeyArrayOfBinary},
  };
  for (const auto& [name, bit] : kTypes) {
    if (name == type) return bit;
  }
  return kKeyString;  // An unknown type name reads as a string.
}

AccessLevel ParseAccessLevel(absl::string_view level, uint32_t* flags) {
  if (absl::StrContains(level, "Permissions management")) *flags |= kActionPermissionsManagement;
  if (absl::StrContains(level, "Tagging")) *flags |= kActionTagging;
  if (absl::StartsWith(level, "List")) return AccessLevel::kList;
  if (absl::StartsWith(level, "Read")) return AccessLevel::kRead;
  if (absl::StartsWith(level, "Permissions management")) {
    return AccessLevel::kPermissionsManagement;
  }
  if (absl::StartsWith(level, "Tagging")) return AccessLevel::kTagging;
  return AccessLevel::kWrite;
}

// A key with placeholders ("${TagKey}", "<key>", and the global keys'
// ".../tag-key") as a lower-case glob, or "" when it has none.
std::string TemplatePattern(absl::string_view name) {
  if (absl::EndsWith(name, "/tag-key")) {
    return absl::StrCat(absl::AsciiStrToLower(name.substr(0, name.size() - 7)), "*");
  }
  std::string out;
  bool templated = false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char close = name[i] == '$' && i + 1 < name.size() && name[i + 1] == '{' ? '}'
                       : name[i] == '<'                                            ? '>'
                                                                                   : 0;
    const size_t end = close != 0 ? name.find(close, i) : absl::string_view::npos;
    if (end != absl::string_view::npos) {
      out += '*';
      templated = true;
      i = end;
      continue;
    }
    out += absl::ascii_tolower(name[i]);
  }
  return templated ? out : "";
}

struct ActionIn {
  std::string name;
  uint32_t flags = 0;
  std::vector<std::pair<std::string, bool>> resources;  // Name, required.
  std::vector<std::string> keys;
};
struct ResourceIn {
  std::string name;
  std::vector<std::string> arns;
  std::vector<std::string> keys;
};
struct ServiceIn {
  std::string prefix;
  std::string name;
  std::vector<ActionIn> actions;
  std::vector<ResourceIn> resources;
};

class Writer {
 public:
  uint32_t String(absl::string_view s) {
    auto it = strings_.find(s);
    if (it != strings_.end()) return it->second;
    const uint32_t offset = static_cast<uint32_t>(pool_.size());
    pool_.append(s.data(), s.size());
    pool_.push_back('\0');
    strings_.emplace(std::string(s), offset);
    return offset;
  }
  uint32_t List(const std::vector<uint32_t>& values) {
    const uint32_t index = static_cast<uint32_t>(lists_.size());
    lists_.insert(lists_.end(), values.begin(), values.end());
    return index;
  }
  const std::string& pool() const { return pool_; }
  const std::vector<uint32_t>& lists() const { return lists_; }

 private:
  absl::flat_hash_map<std::string, uint32_t> strings_;
  std::string pool_;
  std::vector<uint32_t> lists_;
};

template <typename T>
void Append(std::string* out, const std::vector<T>& records) {
  out->append(reinterpret_cast<const char*>(records.data()), records.size() * sizeof(T));
}

absl::StatusOr<ServiceIn> ReadService(const std::filesystem::path& path,
                                      std::map<std::string, uint16_t>* keys) {
  absl::StatusOr<JsonValue> root = ReadJson(path);
  if (!root.ok()) return root.status();
  if (!root->is_object()) return Shape(path, "/", "an object");
  ServiceIn service;
  service.prefix = absl::AsciiStrToLower(path.stem().string());
  const JsonValue* name = root->Find("Name");
  service.name = name != nullptr && name->is_string() ? name->text : service.prefix;
  if (const JsonValue* actions = root->Find("Actions")) {
    if (!actions->is_array()) return Shape(path, "/Actions", "an array");
    for (const JsonValue& a : actions->items) {
      const JsonValue* n = a.Find("Name");
      if (n == nullptr || !n->is_string()) return Shape(path, "/Actions/*/Name", "a string");
      ActionIn action;
      action.name = n->text;
      const JsonValue* level = a.Find("AccessLevel");
      action.flags = static_cast<uint32_t>(ParseAccessLevel(
          level != nullptr ? absl::string_view(level->text) : "Write", &action.flags));
      if (const JsonValue* rs = a.Find("Resources"); rs != nullptr && rs->is_array()) {
        for (const JsonValue& r : rs->items) {
          const JsonValue* rn = r.Find("Name");
          const JsonValue* required = r.Find("Required");
          if (rn == nullptr || !rn->is_string() || rn->text.empty()) continue;
          action.resources.emplace_back(rn->text, required != nullptr && required->text == "true");
        }
      }
      if (const JsonValue* ks = a.Find("ActionConditionKeys"); ks != nullptr && ks->is_array()) {
        for (const JsonValue& k : ks->items) {
          if (k.is_string()) action.keys.push_back(k.text);
        }
      }
      service.actions.push_back(std::move(action));
    }
  }
  if (const JsonValue* resources = root->Find("Resources"); resources != nullptr) {
    if (!resources->is_array()) return Shape(path, "/Resources", "an array");
    for (const JsonValue& r : resources->items) {
      const JsonValue* n = r.Find("Name");
      if (n == nullptr || !n->is_string()) continue;
      ResourceIn resource;
      resource.name = n->text;
      if (const JsonValue* arns = r.Find("ARNFormats"); arns != nullptr && arns->is_array()) {
        for (const JsonValue& arn : arns->items) {
          if (arn.is_string()) resource.arns.push_back(arn.text);
        }
      }
      if (const JsonValue* ks = r.Find("ConditionKeys"); ks != nullptr && ks->is_array()) {
        for (const JsonValue& k : ks->items) {
          if (k.is_string()) resource.keys.push_back(k.text);
        }
      }
      service.resources.push_back(std::move(resource));
    }
  }
  if (const JsonValue* ks = root->Find("ConditionKeys"); ks != nullptr && ks->is_array()) {
    for (const JsonValue& k : ks->items) {
      const JsonValue* n = k.Find("Name");
      const JsonValue* types = k.Find("Types");
      if (n == nullptr || !n->is_string()) continue;
      uint16_t bits = 0;
      if (types != nullptr && types->is_array()) {
        for (const JsonValue& t : types->items) bits |= TypeBit(t.text);
      }
      (*keys)[n->text] |= bits != 0 ? bits : static_cast<uint16_t>(kKeyString);
    }
  }
  auto by_lower_name = [](const auto& a, const auto& b) {
    return absl::AsciiStrToLower(a.name) < absl::AsciiStrToLower(b.name);
  };
  std::sort(service.actions.begin(), service.actions.end(), by_lower_name);
  std::sort(service.resources.begin(), service.resources.end(), by_lower_name);
  return service;
}

}  // namespace

absl::StatusOr<std::string> BuildCatalog(const std::string& directory) {
  namespace fs = std::filesystem;
  const fs::path dir(directory);
  std::error_code error;
  std::vector<fs::path> files;
  // AWS's layout (services/<prefix>.json) or the per-service files side by side.
  const fs::path service_dir = fs::is_directory(dir / "services", error) ? dir / "services" : dir;
  for (fs::directory_iterator it(service_dir, error), end; !error && it != end;
       it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (it->path().extension() == ".json" && name != "services.json" &&
        name != "global-condition-keys.json" && name != "rcpSupportedServices.json" &&
        name != "conditionPatterns.json") {
      files.push_back(it->path());
    }
  }
  if (error) {
    return absl::NotFoundError(
        absl::StrCat(service_dir.string(), ": cannot read: ", error.message()));
  }
  if (files.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(service_dir.string(), ": no <prefix>.json service files"));
  }
  std::sort(files.begin(), files.end());
  std::map<std::string, uint16_t> service_keys;  // Name as written -> types.
  std::vector<ServiceIn> services;
  for (const fs::path& file : files) {
    absl::StatusOr<ServiceIn> service = ReadService(file, &service_keys);
    if (!service.ok()) return service.status();
    services.push_back(std::move(*service));
  }
  std::sort(services.begin(), services.end(),
            [](const ServiceIn& a, const ServiceIn& b) { return a.prefix < b.prefix; });
  // Display names, global keys, RCP services, version: optional files.
  if (fs::exists(dir / "services.json")) {
    absl::StatusOr<JsonValue> names = ReadJson(dir / "services.json");
    if (!names.ok()) return names.status();
    for (const JsonValue& entry : names->items) {
      const JsonValue* prefix = entry.Find("service");
      const JsonValue* name = entry.Find("name");
      if (prefix == nullptr || name == nullptr) continue;
      for (ServiceIn& s : services) {
        if (s.prefix == prefix->text) s.name = name->text;
      }
    }
  }
  std::map<std::string, uint16_t> global_keys;
  if (fs::exists(dir / "global-condition-keys.json")) {
    absl::StatusOr<JsonValue> keys = ReadJson(dir / "global-condition-keys.json");
    if (!keys.ok()) return keys.status();
    for (const JsonValue& k : keys->items) {
      const JsonValue* n = k.Find("Name");
      const JsonValue* types = k.Find("Types");
      if (n == nullptr) continue;
      uint16_t bits = 0;
      if (types != nullptr) {
        for (const JsonValue& t : types->items) bits |= TypeBit(t.text);
      }
      global_keys[n->text] |= bits != 0 ? bits : static_cast<uint16_t>(kKeyString);
    }
  }
  std::vector<std::string> rcp_services;
  if (fs::exists(dir / "rcpSupportedServices.json")) {
    absl::StatusOr<JsonValue> rcp = ReadJson(dir / "rcpSupportedServices.json");
    if (!rcp.ok()) return rcp.status();
    for (const JsonValue& s : rcp->items) rcp_services.push_back(s.text);
  }
  std::string version = "unversioned service reference";
  if (absl::StatusOr<std::string> v = ReadText(dir / "VERSION"); v.ok()) {
    version = std::string(absl::StripAsciiWhitespace(*v));
  }

  Writer w;
  CatalogHeader header{};
  std::memcpy(header.magic, kCatalogMagic, sizeof(kCatalogMagic));
  header.version = w.String(version);
  std::vector<CatalogService> service_records;
  std::vector<CatalogAction> action_records;
  std::vector<CatalogResource> resource_records;
  auto strings = [&w](const std::vector<std::string>& values) {
    std::vector<uint32_t> offsets;
    for (const std::string& v : values) offsets.push_back(w.String(v));
    return offsets;
  };
  for (const ServiceIn& s : services) {
    CatalogService record{};
    record.prefix = w.String(s.prefix);
    record.name = w.String(s.name);
    record.first_resource = static_cast<uint32_t>(resource_records.size());
    absl::flat_hash_map<std::string, uint32_t> resource_index;
    for (const ResourceIn& r : s.resources) {
      resource_index.emplace(r.name, static_cast<uint32_t>(resource_records.size()));
      resource_records.push_back(
          CatalogResource{w.String(r.name), static_cast<uint32_t>(service_records.size()),
                          w.List(strings(r.arns)), static_cast<uint32_t>(r.arns.size()),
                          w.List(strings(r.keys)), static_cast<uint32_t>(r.keys.size())});
    }
    record.resource_count = static_cast<uint32_t>(s.resources.size());
    record.first_action = static_cast<uint32_t>(action_records.size());
    for (const ActionIn& a : s.actions) {
      std::vector<uint32_t> resources;
      for (const auto& [name, required] : a.resources) {
        auto it = resource_index.find(name);
        if (it == resource_index.end()) continue;
        resources.push_back(it->second | (required ? kRequiredResource : 0));
      }
      action_records.push_back(
          CatalogAction{w.String(a.name), w.String(absl::AsciiStrToLower(a.name)),
                        static_cast<uint32_t>(service_records.size()), a.flags, w.List(resources),
                        static_cast<uint32_t>(resources.size()), w.List(strings(a.keys)),
                        static_cast<uint32_t>(a.keys.size())});
    }
    record.action_count = static_cast<uint32_t>(s.actions.size());
    if (std::find(rcp_services.begin(), rcp_services.end(), s.prefix) != rcp_services.end()) {
      record.flags |= kServiceRcpSupported;
    }
    service_records.push_back(record);
  }
  // Condition keys: exact ones sorted by lower-case name, templated ones as
  // patterns.
  std::map<std::string, std::pair<std::string, uint32_t>> exact;  // Lower -> (name, types).
  std::map<std::string, uint32_t> templates;
  auto add_key = [&](const std::string& name, uint32_t types) {
    const std::string pattern = TemplatePattern(name);
    if (pattern.empty()) {
      auto& [written, bits] = exact[absl::AsciiStrToLower(name)];
      if (written.empty()) written = name;  // Global keys first: AWS's own spelling.
      bits |= types;
    } else {
      templates[pattern] |= types;
    }
  };
  for (const auto& [name, types] : global_keys) add_key(name, types | kKeyGlobal);
  for (const auto& [name, types] : service_keys) add_key(name, types);
  std::vector<CatalogKey> key_records;
  for (const auto& [lower, entry] : exact) {
    key_records.push_back({w.String(lower), w.String(entry.first), entry.second});
  }
  std::vector<CatalogTemplate> template_records;
  for (const auto& [pattern, types] : templates) {
    template_records.push_back({w.String(pattern), types});
  }

  // Layout: header, tables, lists, strings.
  std::string out(sizeof(CatalogHeader), '\0');
  auto place = [&out](uint32_t* offset, uint32_t* count, size_t n) {
    *offset = static_cast<uint32_t>(out.size());
    *count = static_cast<uint32_t>(n);
  };
  place(&header.services, &header.service_count, service_records.size());
  Append(&out, service_records);
  place(&header.actions, &header.action_count, action_records.size());
  Append(&out, action_records);
  place(&header.resources, &header.resource_count, resource_records.size());
  Append(&out, resource_records);
  place(&header.keys, &header.key_count, key_records.size());
  Append(&out, key_records);
  place(&header.templates, &header.template_count, template_records.size());
  Append(&out, template_records);
  place(&header.lists, &header.lists_size, w.lists().size());
  Append(&out, w.lists());
  place(&header.strings, &header.strings_size, w.pool().size());
  out += w.pool();
  while (out.size() % 4 != 0) out.push_back('\0');
  header.size = static_cast<uint32_t>(out.size());
  std::memcpy(&out[0], &header, sizeof(header));
  return out;
}

std::string CatalogAsCppSource(const std::string& bytes) {
  std::string out =
      "// Generated by //policy/catalog:catalog_compiler from policy/data/service-reference.\n"
      "#include <cstddef>\n\nnamespace iamsim {\n\nalignas(8) extern const char "
      "kEmbeddedCatalog[] =\n";
  constexpr size_t kLine = 96;
  for (size_t i = 0; i < bytes.size(); i += kLine) {
    out += "    \"";
    for (size_t j = i; j < std::min(bytes.size(), i + kLine); ++j) {
      const unsigned char c = static_cast<unsigned char>(bytes[j]);
      // Octal escapes are always three digits, so a following digit is safe.
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '?') {
        out += static_cast<char>(c);
      } else {
        char escape[5];
        std::snprintf(escape, sizeof(escape), "\\%03o", c);
        out += escape;
      }
    }
    out += "\"\n";
  }
  absl::StrAppend(&out, "    ;\nextern const size_t kEmbeddedCatalogSize = ", bytes.size(),
                  ";\n\n}  // namespace iamsim\n");
  return out;
}

}  // namespace iamsim
