// File: policy/json/json_patch.h
//
// RFC 6902 JSON Patch, applied to JSON *text*: each operation changes only
// the bytes of the value (or member, or element) it touches, so a file keeps
// its formatting, comments-free layout and key order everywhere else. Used
// to apply iamsim's fixes (`simulate --apply-fix`) and to verify them.
//
// Supported operations: test, add, replace, remove (what fixes use). Values
// are JSON texts, inserted as given. Pointers are RFC 6901 ("~1" is "/",
// "~0" is "~"; "-" appends to an array).
//
// Errors: InvalidArgument naming the operation (by index) when a path does
// not exist, a test fails, or a value is not JSON. Thread-safety: pure.
#ifndef IAMSIM_POLICY_JSON_JSON_PATCH_H_
#define IAMSIM_POLICY_JSON_JSON_PATCH_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace iamsim {

struct JsonPatchOp {
  std::string op;     // "test", "add", "replace", "remove".
  std::string path;   // RFC 6901 pointer.
  std::string value;  // JSON text (test, add, replace).
};
using JsonPatch = std::vector<JsonPatchOp>;

absl::StatusOr<std::string> ApplyJsonPatch(absl::string_view text, const JsonPatch& patch);

// The patch as an RFC 6902 document (a JSON array), compact.
std::string JsonPatchText(const JsonPatch& patch);

// A JSON string literal (quotes included) for `value`.
std::string JsonStringLiteral(absl::string_view value);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_JSON_JSON_PATCH_H_
