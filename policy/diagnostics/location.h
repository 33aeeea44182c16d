// File: policy/diagnostics/location.h
//
// The one shape in which iamsim reports a place — in diagnostics, deciding
// statements, lint findings and fixes:
//   {file, line, column, endLine, endColumn, document, path}
// `document` is the RFC 6901 pointer of the policy document within the file
// ("" when the file is the policy itself); `path` is the pointer within that
// document. For a document stored as a JSON string (AWS CLI output,
// simulate-custom-policy requests) or URL-encoded (the raw IAM API), the
// line and column are still those of the file the user has: positions are
// mapped through the string's escapes.
//
// Thread-safety: plain values.
#ifndef IAMSIM_POLICY_DIAGNOSTICS_LOCATION_H_
#define IAMSIM_POLICY_DIAGNOSTICS_LOCATION_H_

#include <string>

#include "policy/diagnostics/source_span.h"

namespace iamsim {

// How a policy document is stored in its file.
enum class DocumentEncoding : uint8_t {
  kObject,      // A JSON object (or the whole file).
  kJsonString,  // A JSON string holding the policy text.
  kUrlEncoded,  // A JSON string holding the percent-encoded policy text.
};

// Where a document is: its file, its pointer in the file ("" for the whole
// file) and how it is stored there.
struct DocumentRef {
  std::string file;
  std::string document;
  DocumentEncoding encoding = DocumentEncoding::kObject;
};

struct Location {
  std::string file;
  SourceSpan span;  // line, column, endLine, endColumn (+ byte offsets); unknown: line 0.
  std::string document;
  std::string path;
  DocumentEncoding encoding = DocumentEncoding::kObject;

  // The pointer to show a person: document + path when the document is an
  // object in the file (a pointer into the file), "document path" otherwise.
  std::string DisplayPointer() const;
};

inline Location LocationIn(const DocumentRef& doc, const SourceSpan& span, std::string path) {
  return Location{doc.file, span, doc.document, std::move(path), doc.encoding};
}

}  // namespace iamsim

#endif  // IAMSIM_POLICY_DIAGNOSTICS_LOCATION_H_
