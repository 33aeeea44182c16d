// iamsim catalog update DIR --out FILE: AWS's service reference -> a catalog
// file for --catalog / $IAMSIM_CATALOG.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "policy/catalog/catalog.h"
#include "policy/catalog/catalog_builder.h"

namespace iamsim::cli {

int RunCatalogUpdate(const std::string& directory, const std::string& out) {
  absl::StatusOr<std::string> bytes = BuildCatalog(directory);
  if (!bytes.ok()) {
    std::cerr << "iamsim catalog update: " << bytes.status().message() << "\n";
    return kExitInputError;
  }
  absl::StatusOr<std::unique_ptr<Catalog>> catalog = Catalog::FromBytes(*bytes);
  if (!catalog.ok()) {  // The builder wrote something the reader refuses: a defect.
    std::cerr << "iamsim catalog update: " << catalog.status().message() << "\n";
    return kExitInputError;
  }
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::exists(fs::path(directory) / "global-condition-keys.json", error)) {
    std::cerr << "iamsim catalog update: warning: " << directory
              << " has no global-condition-keys.json, so aws:* keys will be unknown to this "
                 "catalog; copy policy/data/service-reference/global-condition-keys.json there\n";
  }
  const std::string temporary = out + ".tmp";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
    if (!file) {
      std::cerr << "iamsim catalog update: cannot write " << temporary << "\n";
      return kExitInputError;
    }
  }
  fs::rename(temporary, out, error);  // Atomic: a reader never sees half a catalog.
  if (error) {
    std::cerr << "iamsim catalog update: cannot write " << out << ": " << error.message() << "\n";
    return kExitInputError;
  }
  std::cout << out << ": " << (*catalog)->version() << ", " << (*catalog)->service_count()
            << " services, " << (*catalog)->action_count() << " actions\n";
  return kExitOk;
}

}  // namespace iamsim::cli
