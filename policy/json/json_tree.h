// File: policy/json/json_tree.h
//
// A JSON document as an owning tree in which every value, and every object
// key, keeps its exact source span. simdjson (On-Demand) parses the text;
// when it rejects the text, LocateSyntaxError() pins the first problem to a
// line and column with a message a person understands.
//
// Beyond JSON itself the parser rejects duplicate object keys (simdjson
// accepts them), documents larger than `max_bytes` and nesting deeper than
// `max_depth` (rule input-limit). Numbers are kept as written: a value such
// as 1e999 is valid JSON and left to whoever reads it. It reports every
// problem it finds and never throws.
//
// Documents embedded in a string of another document (policies in AWS CLI
// output, in simulate-custom-policy requests, URL-encoded in raw IAM API
// output) are parsed by ParseEmbeddedJson: their spans are positions in the
// outer text, mapped through the string's escapes.
//
// Thread-safety: the functions are reentrant; a tree is a plain value.
#ifndef IAMSIM_POLICY_JSON_JSON_TREE_H_
#define IAMSIM_POLICY_JSON_JSON_TREE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "policy/diagnostics/diagnostic.h"
#include "policy/diagnostics/source_span.h"
#include "policy/json/json_pointer.h"

namespace iamsim {

enum class JsonType { kNull, kBool, kNumber, kString, kArray, kObject };

// "null", "boolean", "number", "string", "array", "object".
absl::string_view JsonTypeName(JsonType type);
// "a string", "an object", ...
std::string JsonTypeWithArticle(JsonType type);

struct JsonMember;

struct JsonValue {
  JsonType type = JsonType::kNull;
  SourceSpan span;
  // kString: the unescaped value. kNumber: the number as written.
  // kBool: "true" or "false". kNull: "null".
  std::string text;
  std::vector<JsonValue> items;     // kArray, in source order.
  std::vector<JsonMember> members;  // kObject, in source order, keys unique.

  bool is_null() const { return type == JsonType::kNull; }
  bool is_string() const { return type == JsonType::kString; }
  bool is_array() const { return type == JsonType::kArray; }
  bool is_object() const { return type == JsonType::kObject; }
  // The member named `key` (exact match), or nullptr.
  const JsonValue* Find(absl::string_view key) const;
  // The member named `key`, or nullptr.
  const JsonMember* FindMember(absl::string_view key) const;
  // The text of the string member `key`; "" when absent or not a string.
  std::string StringMember(absl::string_view key) const;
};

struct JsonMember {
  std::string key;
  SourceSpan key_span;  // The key's string literal, quotes included.
  JsonValue value;
};

struct JsonLimits {
  size_t max_bytes = 1 << 20;  // 1 MiB.
  int max_depth = 32;          // Containers nested inside each other.
};

// iamsim's caps per kind of input (README, "Limits"). Beyond them an input
// is refused with an input-limit error; AWS's own, much smaller, policy size
// quotas are policy-size warnings.
inline constexpr JsonLimits kPolicyLimits{1 << 20, 32};      // One policy document.
inline constexpr JsonLimits kSimulationLimits{4 << 20, 48};  // A simulation or request file.
inline constexpr JsonLimits kWorldFileLimits{64 << 20, 64};  // One file of a world snapshot.

struct JsonParseResult {
  std::optional<JsonValue> root;  // Absent when any error was found.
  // Located in the text's file; `document` is set for embedded documents,
  // `path` is the pointer within the document.
  std::vector<Diagnostic> diagnostics;
};

// Parses the whole of `source`.
JsonParseResult ParseJson(const SourceText& source, const JsonLimits& limits = {});
// Convenience for a text without a SourceText of its own.
JsonParseResult ParseJson(absl::string_view text, absl::string_view name,
                          const JsonLimits& limits = {});

// Parses the JSON document held by `string_value`, a string of a tree parsed
// from `outer`, itself percent-encoded when `encoding` is kUrlEncoded
// (percent-decoding only: '+' stays '+'). `document` is the pointer of
// `string_value` in `outer`; diagnostics carry it and `encoding`.
JsonParseResult ParseEmbeddedJson(const SourceText& outer, const JsonValue& string_value,
                                  absl::string_view document, DocumentEncoding encoding,
                                  const JsonLimits& limits = {});

// How a string that should hold a JSON document holds it: kUrlEncoded when it
// starts with a percent-encoded '{' or '[' (after white space), kJsonString
// otherwise.
DocumentEncoding DetectStringEncoding(absl::string_view decoded_text);

// Where and why `text` is not valid JSON (RFC 8259) or nests deeper than
// `max_depth`, or nullopt if neither. Linear time and memory, iterative:
// safe on arbitrarily deep input.
struct JsonSyntaxError {
  size_t offset;
  std::string message;
  std::string pointer = {};  // Of the value, or the innermost container, where it happened.
  Rule rule = Rule::kJsonSyntax;
};
std::optional<JsonSyntaxError> LocateSyntaxError(absl::string_view text, int max_depth = 1 << 30);

// The message for a container nested too deeply (shared by both parsers).
std::string TooDeepMessage(int max_depth);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_JSON_JSON_TREE_H_
