#include <fstream>

#include "absl/strings/str_cat.h"
#include "cli/commands.h"

namespace iamsim::cli {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open the file"));
  // Read in chunks and stop one chunk past the limit, so /dev/zero or a
  // runaway file fails fast instead of filling memory.
  std::string text;
  char chunk[1 << 16];
  while (text.size() <= kMaxInputBytes) {
    in.read(chunk, sizeof(chunk));
    text.append(chunk, static_cast<size_t>(in.gcount()));
    if (!in) break;
  }
  if (in.bad()) return absl::DataLossError(absl::StrCat(path, ": read error"));
  if (text.size() > kMaxInputBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": larger than ", kMaxInputBytes / (1024 * 1024), " MiB; not read"));
  }
  return text;
}

}  // namespace iamsim::cli
