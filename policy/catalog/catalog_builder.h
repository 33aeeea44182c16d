// File: policy/catalog/catalog_builder.h
//
// AWS's service reference JSON -> iamsim's binary catalog (catalog.h). Reads
// a directory in the shape of policy/data/service-reference:
//   services/<prefix>.json       one service: Name, Actions, Resources, ConditionKeys
//                                (or <prefix>.json directly in the directory)
//   services.json                prefix -> display name (optional)
//   global-condition-keys.json   the aws:* keys (optional)
//   rcpSupportedServices.json    the prefixes RCPs apply to (optional)
//   VERSION                      stamped into the catalog (optional)
// Used at build time (//policy/catalog:catalog_compiler embeds the default
// catalog) and by `iamsim catalog update DIR --out FILE`.
#ifndef IAMSIM_POLICY_CATALOG_CATALOG_BUILDER_H_
#define IAMSIM_POLICY_CATALOG_CATALOG_BUILDER_H_

#include <string>

#include "absl/status/statusor.h"

namespace iamsim {

// The catalog's bytes, or an error naming the file (and pointer) at fault.
absl::StatusOr<std::string> BuildCatalog(const std::string& directory);

// The catalog as C++ source defining
//   extern const char kEmbeddedCatalog[]; extern const size_t kEmbeddedCatalogSize;
std::string CatalogAsCppSource(const std::string& bytes);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_CATALOG_CATALOG_BUILDER_H_
