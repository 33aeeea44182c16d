// File: policy/json/json_tree.h
//
// A JSON document as an owning tree in which every value, and every object
// key, keeps its exact source span. simdjson (On-Demand) parses the text;
// when it rejects the text, LocateSyntaxError() pins the first problem to a
// line and column with a message a person understands.
//
// Beyond JSON itself the parser rejects duplicate object keys (simdjson
// accepts them), documents larger than `max_bytes` and nesting deeper than
// `max_depth`. It reports every problem it finds and never throws.
//
// Thread-safety: ParseJson is reentrant; the returned tree is a plain value.
#ifndef IAMSIM_POLICY_JSON_JSON_TREE_H_
#define IAMSIM_POLICY_JSON_JSON_TREE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "policy/json/diagnostic.h"
#include "policy/json/source_span.h"

namespace iamsim {

enum class JsonType { kNull, kBool, kNumber, kString, kArray, kObject };

// "null", "boolean", "number", "string", "array", "object".
absl::string_view JsonTypeName(JsonType type);

struct JsonMember;

struct JsonValue {
  JsonType type = JsonType::kNull;
  SourceSpan span;
  // kString: the unescaped value. kNumber: the number as written.
  // kBool: "true" or "false". kNull: "null".
  std::string text;
  std::vector<JsonValue> items;     // kArray, in source order.
  std::vector<JsonMember> members;  // kObject, in source order, keys unique.

  bool is_string() const { return type == JsonType::kString; }
  bool is_array() const { return type == JsonType::kArray; }
  bool is_object() const { return type == JsonType::kObject; }
  // The member named `key` (exact match), or nullptr.
  const JsonValue* Find(absl::string_view key) const;
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

struct JsonParseResult {
  std::optional<JsonValue> root;  // Absent when any error was found.
  std::vector<Diagnostic> diagnostics;
};

JsonParseResult ParseJson(absl::string_view text, absl::string_view source_name,
                          const JsonLimits& limits = {});

// Where and why `text` is not valid JSON (RFC 8259), or nullopt if it is.
// Iterative: safe on arbitrarily deep input.
struct JsonSyntaxError {
  size_t offset;
  std::string message;
  std::string pointer = {};  // Of the value, or the innermost container, where it happened.
};
std::optional<JsonSyntaxError> LocateSyntaxError(absl::string_view text);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_JSON_JSON_TREE_H_
