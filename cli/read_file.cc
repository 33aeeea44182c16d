// ReadInput: regular files and standard input, under a cap.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "policy/diagnostics/diagnostic.h"

namespace iamsim::cli {

absl::StatusOr<std::string> ReadInput(const std::string& path, size_t max_bytes) {
  const bool stdin_input = path == "-";
  const std::string name = stdin_input ? "<stdin>" : path;
  int fd = 0;
  if (!stdin_input) {
    // O_NONBLOCK: opening a FIFO without a writer must not hang; the type
    // check below refuses it anyway.
    fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
      return absl::NotFoundError(absl::StrCat(name, ": cannot open: ", std::strerror(errno)));
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      const bool dir = S_ISDIR(st.st_mode);
      close(fd);
      return absl::InvalidArgumentError(
          absl::StrCat(name, dir ? ": is a directory, not a file"
                                 : ": not a regular file (a pipe, device or socket); iamsim "
                                   "reads regular files, or standard input given as -"));
    }
    // Back to blocking reads for a regular file.
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  }
  std::string text;
  char chunk[1 << 16];
  while (true) {
    const ssize_t n = read(fd, chunk, sizeof(chunk));
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string error = std::strerror(errno);
      if (!stdin_input) close(fd);
      return absl::DataLossError(absl::StrCat(name, ": read error: ", error));
    }
    if (n == 0) break;
    text.append(chunk, static_cast<size_t>(n));
    if (text.size() > max_bytes) {
      if (!stdin_input) close(fd);
      // A diagnostic without a position: the whole file is at fault.
      return absl::InvalidArgumentError(FormatDiagnostic(
          MakeDiagnostic(Rule::kInputLimit, Location{name, {}, "", "", DocumentEncoding::kObject},
                         absl::StrCat("the file is larger than ", max_bytes,
                                      " bytes, iamsim's limit for this kind of input; not read"))));
    }
  }
  if (!stdin_input) close(fd);
  return text;
}

int ExitCodeForDiagnostics(const std::vector<Diagnostic>& diagnostics) {
  int code = kExitOk;
  for (const Diagnostic& d : diagnostics) {
    if (d.severity != Severity::kError) continue;
    const bool unreadable = d.rule == Rule::kJsonSyntax || d.rule == Rule::kInputLimit;
    code = WorseExit(code, unreadable ? kExitInputError : kExitFailed);
  }
  return code;
}

bool CollectFiles(const std::string& dir, const std::vector<std::string>& extensions,
                  std::vector<std::string>* files) {
  namespace fs = std::filesystem;
  std::error_code error;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, error), end;
  for (; !error && it != end; it.increment(error)) {
    std::error_code type_error;
    if (!it->is_regular_file(type_error)) continue;
    const std::string path = it->path().string();
    for (const std::string& extension : extensions) {
      if (absl::EndsWith(path, extension)) {
        files->push_back(path);
        break;
      }
    }
  }
  if (!error) return true;
  std::cerr << dir << ": cannot read the directory"
            << (it != end ? " " + it->path().string() : std::string()) << ": " << error.message()
            << "\n";
  return false;
}

}  // namespace iamsim::cli
