// File: policy/catalog/catalog_format.h (internal to policy/catalog)
//
// The catalog's binary layout: a header, then tables of 32-bit records, a
// pool of 32-bit lists, and a pool of NUL-terminated strings. Every offset is
// a byte offset from the start; every number is little-endian (x86-64, the
// only platform iamsim builds on) and 4-byte aligned. Records are sorted so
// that lookups are binary searches:
//   services   by lower-case prefix; each owns a contiguous run of actions
//              sorted by lower-case name, and of resource types.
//   keys       condition keys without placeholders, by lower-case name.
//   templates  condition keys with placeholders (${TagKey}, <key>), as
//              lower-case glob patterns, tried in order.
#ifndef IAMSIM_POLICY_CATALOG_CATALOG_FORMAT_H_
#define IAMSIM_POLICY_CATALOG_CATALOG_FORMAT_H_

#include <cstdint>

namespace iamsim {

inline constexpr char kCatalogMagic[8] = {'I', 'A', 'M', 'C', 'A', 'T', '0', '2'};

struct CatalogHeader {
  char magic[8];
  uint32_t size;  // Of the whole catalog.
  uint32_t version;
  uint32_t service_count, services;
  uint32_t action_count, actions;
  uint32_t resource_count, resources;
  uint32_t key_count, keys;
  uint32_t template_count, templates;
  uint32_t lists_size, lists;  // uint32 entries.
  uint32_t strings_size, strings;
};

inline constexpr uint32_t kServiceRcpSupported = 1;

struct CatalogService {
  uint32_t prefix;  // Lower case.
  uint32_t name;
  uint32_t first_action, action_count;
  uint32_t first_resource, resource_count;
  uint32_t flags;
};

inline constexpr uint32_t kActionPermissionsManagement = 1 << 8;
inline constexpr uint32_t kActionTagging = 1 << 9;
inline constexpr uint32_t kRequiredResource = 1u << 31;

struct CatalogAction {
  uint32_t name;                       // As AWS spells it.
  uint32_t lower_name;                 // For lookups.
  uint32_t service;                    // Index.
  uint32_t flags;                      // Low byte: AccessLevel; then kAction* bits.
  uint32_t resources, resource_count;  // List of resource indexes (| kRequiredResource).
  uint32_t keys, key_count;            // List of key-name strings.
};

struct CatalogResource {
  uint32_t name;
  uint32_t service;
  uint32_t arns, arn_count;  // List of strings.
  uint32_t keys, key_count;  // List of strings.
};

inline constexpr uint32_t kKeyGlobal = 1u << 31;

struct CatalogKey {
  uint32_t lower_name;
  uint32_t name;   // As AWS spells it ("aws:PrincipalOrgID"), for suggestions.
  uint32_t types;  // KeyType bits | kKeyGlobal.
};

struct CatalogTemplate {
  uint32_t lower_pattern;  // Placeholders as '*'.
  uint32_t types;
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_CATALOG_CATALOG_FORMAT_H_
