// Compiles a service reference directory into the embedded catalog source:
//   catalog_compiler DIR OUT.cc
#include <fstream>
#include <iostream>

#include "policy/catalog/catalog_builder.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: catalog_compiler SERVICE_REFERENCE_DIR OUT.cc\n";
    return 2;
  }
  absl::StatusOr<std::string> bytes = iamsim::BuildCatalog(argv[1]);
  if (!bytes.ok()) {
    std::cerr << bytes.status().message() << "\n";
    return 1;
  }
  std::ofstream out(argv[2], std::ios::binary);
  out << iamsim::CatalogAsCppSource(*bytes);
  return out ? 0 : 1;
}
