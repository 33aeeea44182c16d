// File: policy/json/json_pointer.h
//
// RFC 6901 JSON pointers: "" is the whole document, "/Statement/0/Action"
// a member of an element of an array. '~' and '/' in keys are written "~0"
// and "~1".
#ifndef IAMSIM_POLICY_JSON_JSON_POINTER_H_
#define IAMSIM_POLICY_JSON_JSON_POINTER_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"

namespace iamsim {

// Appends a reference token for an object member, escaping '~' and '/'.
inline std::string JsonPointerAppend(absl::string_view pointer, absl::string_view key) {
  return absl::StrCat(pointer, "/", absl::StrReplaceAll(key, {{"~", "~0"}, {"/", "~1"}}));
}

// Appends an array index.
inline std::string JsonPointerAppend(absl::string_view pointer, size_t index) {
  return absl::StrCat(pointer, "/", index);
}

}  // namespace iamsim

#endif  // IAMSIM_POLICY_JSON_JSON_POINTER_H_
