// File: policy/catalog/catalog.h
//
// The AWS service catalog: every service prefix, action (with its access
// level, resource types and condition keys), resource type (with its ARN
// formats) and condition key (with its types), and which services resource
// control policies support. Compiled from AWS's published service reference
// JSON (policy/data/service-reference, MIT-licensed iam-data) into a compact
// binary table by catalog_builder.h, embedded in iamsim, and read in place:
// opening the default catalog costs nothing, and a lookup is a binary search.
//
//   const Catalog& catalog = Catalog::Default();
//   if (auto action = catalog.FindAction("lambda:InvokeFunction")) ...
//   std::optional<uint16_t> types = catalog.ConditionKeyTypes("aws:SourceIp");
//
// `iamsim catalog update DIR --out FILE` writes the same format from a newer
// service reference; `--catalog FILE` or IAMSIM_CATALOG selects it.
//
// Ownership: a Catalog owns its bytes (or points at the embedded ones); views
// it returns are valid as long as it lives. Thread-safety: immutable; any
// number of threads may read it.
#ifndef IAMSIM_POLICY_CATALOG_CATALOG_H_
#define IAMSIM_POLICY_CATALOG_CATALOG_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace iamsim {

// Condition key types of the service reference, as bits.
enum KeyType : uint16_t {
  kKeyString = 1 << 0,
  kKeyArrayOfString = 1 << 1,
  kKeyArn = 1 << 2,
  kKeyArrayOfArn = 1 << 3,
  kKeyBool = 1 << 4,
  kKeyArrayOfBool = 1 << 5,
  kKeyNumeric = 1 << 6,
  kKeyArrayOfNumeric = 1 << 7,
  kKeyDate = 1 << 8,
  kKeyArrayOfDate = 1 << 9,
  kKeyIpAddress = 1 << 10,
  kKeyArrayOfIpAddress = 1 << 11,
  kKeyBinary = 1 << 12,
  kKeyArrayOfBinary = 1 << 13,
};
inline constexpr uint16_t kKeyMultivalued = kKeyArrayOfString | kKeyArrayOfArn | kKeyArrayOfBool |
                                            kKeyArrayOfNumeric | kKeyArrayOfDate |
                                            kKeyArrayOfIpAddress | kKeyArrayOfBinary;
// "String", "ArrayOfString", ... for the first type set in `types`.
absl::string_view KeyTypeName(uint16_t types);

enum class AccessLevel : uint8_t { kList, kRead, kWrite, kPermissionsManagement, kTagging };
absl::string_view AccessLevelName(AccessLevel level);

class Catalog {
 public:
  // The catalog every command uses: the one SelectDefault chose, else the
  // one compiled into iamsim (Embedded).
  static const Catalog& Default();
  static const Catalog& Embedded();
  // Makes Select(path) the Default() of the process. Call it at startup,
  // before any question is decided (a decision in flight may see either).
  static absl::Status SelectDefault(const std::string& path);
  // A catalog file written by BuildCatalog (InvalidArgument when the bytes
  // are not one).
  static absl::StatusOr<std::unique_ptr<Catalog>> FromBytes(std::string bytes);
  // The catalog iamsim uses: `path` if not empty, else $IAMSIM_CATALOG if set,
  // else Embedded(). Loaded once per distinct path.
  static absl::StatusOr<const Catalog*> Select(const std::string& path);

  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  // The snapshot's VERSION line, e.g. "iam-data 0.21.202609261 (2026-09-26...)".
  absl::string_view version() const;

  struct Action {
    absl::string_view service;  // Prefix, lower case: "lambda".
    absl::string_view name;     // As AWS spells it: "InvokeFunction".
    AccessLevel access_level;
    bool permissions_management;  // Also a Permissions management action.
    bool tagging;
    uint32_t id;  // Index among all actions.
  };
  struct ResourceType {
    absl::string_view service;
    absl::string_view name;               // "function"
    std::vector<absl::string_view> arns;  // "arn:${Partition}:lambda:${Region}:..."
    std::vector<absl::string_view> condition_keys;
  };
  struct ActionResource {
    absl::string_view name;  // A resource type of the action's service ("" when "*").
    bool required;
    uint32_t index = 0;  // The resource type's record (ResourceTypeOf).
  };

  bool HasService(absl::string_view prefix) const;  // Case-insensitive.
  // "service:Name", case-insensitive.
  std::optional<Action> FindAction(absl::string_view action) const;
  // The actions of a service, in name order.
  std::vector<Action> ServiceActions(absl::string_view prefix) const;
  std::vector<ActionResource> ActionResources(const Action& action) const;
  // The condition keys the action supports itself (ActionConditionKeys).
  std::vector<absl::string_view> ActionConditionKeys(const Action& action) const;
  std::optional<ResourceType> FindResourceType(absl::string_view service,
                                               absl::string_view name) const;
  // The resource type of one of ActionResources(action) of this catalog
  // (its `index` is a record of this catalog), without a search; nullopt for
  // "*" (an action without resource-level permissions) or an index out of
  // range.
  std::optional<ResourceType> ResourceTypeOf(const Action& action,
                                             const ActionResource& resource) const;
  // The types of a condition key (global or of a service), matching
  // templated keys ("aws:RequestTag/${TagKey}", "s3:ExistingObjectTag/<key>")
  // by their fixed parts; nullopt when no service defines it.
  std::optional<uint16_t> ConditionKeyTypes(absl::string_view key) const;
  // Whether `key` is a global condition key (aws:...).
  bool IsGlobalConditionKey(absl::string_view key) const;
  bool RcpSupported(absl::string_view prefix) const;
  // The closest known action to a misspelled one ("lambda:InvokeFunctions"),
  // or "".
  std::string SuggestAction(absl::string_view action) const;
  std::string SuggestService(absl::string_view prefix) const;
  std::string SuggestConditionKey(absl::string_view key) const;

  size_t service_count() const;
  size_t action_count() const;

 private:
  Catalog() = default;
  bool Attach(absl::string_view bytes, std::string* why);
  absl::string_view String(uint32_t offset) const;
  template <typename T>
  const T* Table(uint32_t offset) const {
    return reinterpret_cast<const T*>(bytes_.data() + offset);
  }
  const struct CatalogHeader& header() const;
  const struct CatalogService* FindServiceRecord(absl::string_view prefix) const;
  Action MakeAction(uint32_t index) const;

  std::string owned_;  // The bytes, when loaded from a file.
  absl::string_view bytes_;
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_CATALOG_CATALOG_H_
