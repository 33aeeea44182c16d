// File: policy/json/json_reader.h
//
// The one reader every input format is read with (policies, simulation
// files, simulate-custom-policy requests, world snapshots, lint
// configuration): typed getters over a located JsonValue tree that record a
// located Diagnostic on every mismatch, and unknown-member checks with "did
// you mean". Paths are RFC 6901 pointers within the document the reader was
// made for; diagnostics carry the file, the document's pointer in the file
// and its encoding (location.h).
//
//   JsonReader reader(file, "/identityPolicies/0/document", DocumentEncoding::kObject, &diags);
//   if (const std::string* sid = reader.String(*v, "/Statement/0/Sid", "Sid")) ...
//
// Ownership: the reader appends to `*out`, which must outlive it; getters
// return pointers into the tree they were given. Not thread-safe (one reader
// per thread); cheap to make.
#ifndef IAMSIM_POLICY_JSON_JSON_READER_H_
#define IAMSIM_POLICY_JSON_JSON_READER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "policy/diagnostics/diagnostic.h"
#include "policy/json/json_tree.h"

namespace iamsim {

// What to do with members that are not among the known ones.
enum class UnknownMembers {
  kError,          // Every unknown member is an unknown-element error.
  kNearMissError,  // Only near misses of a known name (same ignoring case, or at most
                   // max(2, length/4) edits: "resourcePolicyy", "serviceControlPolicy")
                   // are errors; others are ignored (formats that promise to ignore
                   // extra fields).
};

class JsonReader {
 public:
  JsonReader(absl::string_view file, absl::string_view document, DocumentEncoding encoding,
             std::vector<Diagnostic>* out)
      : file_(file), document_(document), encoding_(encoding), out_(out) {}

  // The location of `span` at `path` in this reader's document.
  Location At(const SourceSpan& span, std::string path) const {
    return Location{file_, span, document_, std::move(path), encoding_};
  }

  // Records a diagnostic with the rule's default severity; returns it so that
  // the caller may adjust it (severity, related, suggestion).
  Diagnostic& Report(Rule rule, const SourceSpan& span, std::string path, std::string message);

  // "WHAT must be EXPECTED, not a number" (json-type) at `v`.
  void WrongType(const JsonValue& v, absl::string_view path, absl::string_view what,
                 absl::string_view expected);

  // Typed getters: the value, or nullptr with a json-type diagnostic.
  const JsonValue* Object(const JsonValue& v, absl::string_view path, absl::string_view what);
  const JsonValue* Array(const JsonValue& v, absl::string_view path, absl::string_view what);
  const std::string* String(const JsonValue& v, absl::string_view path, absl::string_view what);
  // A JSON boolean (not the strings "true"/"false").
  std::optional<bool> Bool(const JsonValue& v, absl::string_view path, absl::string_view what);

  // The member `key` of `object`, or nullptr with a missing-element
  // diagnostic at the object ("WHERE has no KEY").
  const JsonValue* Require(const JsonValue& object, absl::string_view path, absl::string_view key,
                           absl::string_view where);

  // Members of `object` not in `known`: unknown-element diagnostics (with
  // "did you mean") as `policy` says. `where` names the object ("statement").
  void CheckMembers(const JsonValue& object, absl::string_view path,
                    const std::vector<absl::string_view>& known, absl::string_view where,
                    UnknownMembers policy = UnknownMembers::kError);

  std::vector<Diagnostic>* diagnostics() const { return out_; }
  const std::string& file() const { return file_; }
  const std::string& document() const { return document_; }
  DocumentEncoding encoding() const { return encoding_; }

 private:
  std::string file_;
  std::string document_;
  DocumentEncoding encoding_;
  std::vector<Diagnostic>* out_;
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_JSON_JSON_READER_H_
