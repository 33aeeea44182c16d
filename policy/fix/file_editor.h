// File: policy/fix/file_editor.h (internal to policy/fix)
//
// Edits of one input file, as RFC 6902 operations against the file exactly
// as written. A policy document inside the file is edited with operations
// relative to the document; where the document is stored as an object they
// are prefixed with its pointer, where it is stored as a string (an AWS
// simulate-custom-policy request, an account dump) the whole string is
// replaced by the edited document in the same encoding.
#ifndef IAMSIM_POLICY_FIX_FILE_EDITOR_H_
#define IAMSIM_POLICY_FIX_FILE_EDITOR_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "policy/diagnostics/location.h"
#include "policy/json/json_patch.h"
#include "policy/json/json_tree.h"

namespace iamsim {

class FileEditor {
 public:
  // Null when `text` is not JSON.
  static std::unique_ptr<FileEditor> Open(absl::string_view text);

  const JsonValue& root() const { return *root_; }
  // The value at `pointer`, or nullptr.
  const JsonValue* Find(absl::string_view pointer) const;
  // The JSON text of a value of the file, as written.
  std::string TextOf(const JsonValue& value) const;

  // The document at `doc.document`, parsed (decoded first when a string).
  struct Document {
    JsonValue root;
    std::string text;  // Its JSON text.
  };
  absl::StatusOr<Document> OpenDocument(const DocumentRef& doc) const;

  // File operations for `ops`, relative to the document at `doc`.
  absl::StatusOr<JsonPatch> EditDocument(const DocumentRef& doc, const JsonPatch& ops) const;

 private:
  std::string text_;
  std::optional<JsonValue> root_;
};

// Document-relative operations (document: the parsed policy; paths are the
// PolicyDocument's element paths, e.g. "/Statement/1/Resource/0").
// The text of `value` is needed for test operations: `text` is the
// document's JSON text.

// Appends `statement` (JSON) to the Statement element, whatever its shape:
// an array (add /Statement/-), a single object (test it, replace it with an
// array of it and the new one) or absent (add /Statement).
JsonPatch AppendStatement(const JsonValue& document, absl::string_view text,
                          const std::string& statement);
// Replaces the value at `path` (a string) with `replacement`, after a test
// of the value as written.
JsonPatch ReplaceString(const JsonValue& document, const std::string& path,
                        absl::string_view replacement);
// Adds `addition` next to the string at `path` (an Action, Resource,
// Principal or condition value): into its array, or turning the string
// into an array of both, after a test of the value as written.
JsonPatch AddNextTo(const JsonValue& document, absl::string_view text, const std::string& path,
                    absl::string_view addition);
// Adds `value` to the condition `op` / `key` of the statement at
// `statement_path`: into the existing clause (a string becomes a list),
// or as a new clause or Condition block.
JsonPatch AddConditionValue(const JsonValue& document, absl::string_view text,
                            const std::string& statement_path, absl::string_view op,
                            absl::string_view key, absl::string_view value);

// `text` (JSON) without insignificant white space; `text` itself when it
// is not JSON. Equal for documents that differ only in layout.
std::string CompactText(absl::string_view text);
// The value at a pointer of a parsed tree.
const JsonValue* FindPointer(const JsonValue& root, absl::string_view pointer);
// The raw text of `value`, a node of the tree parsed from `text`.
std::string RawText(absl::string_view text, const JsonValue& value);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_FIX_FILE_EDITOR_H_
