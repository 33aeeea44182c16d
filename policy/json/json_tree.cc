#include "policy/json/json_tree.h"

#include <memory>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "simdjson.h"

namespace iamsim {

absl::string_view JsonTypeName(JsonType type) {
  switch (type) {
    case JsonType::kNull:
      return "null";
    case JsonType::kBool:
      return "boolean";
    case JsonType::kNumber:
      return "number";
    case JsonType::kString:
      return "string";
    case JsonType::kArray:
      return "array";
    case JsonType::kObject:
      return "object";
  }
  return "?";
}

const JsonValue* JsonValue::Find(absl::string_view key) const {
  for (const JsonMember& member : members) {
    if (member.key == key) return &member.value;
  }
  return nullptr;
}

namespace {

namespace od = simdjson::ondemand;

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The raw token of a value or of a scalar document (their APIs differ).
simdjson::error_code RawToken(od::value& v, std::string_view* token) {
  *token = v.raw_json_token();
  return simdjson::SUCCESS;
}
simdjson::error_code RawToken(od::document& doc, std::string_view* token) {
  return doc.raw_json_token().get(*token);
}

// Builds a JsonValue tree from simdjson's On-Demand iteration, computing
// spans from the token pointers simdjson hands out (they point into the
// padded copy of the text, whose bytes equal the original's).
class TreeBuilder {
 public:
  TreeBuilder(const simdjson::padded_string& text, absl::string_view source,
              const JsonLimits& limits, std::vector<Diagnostic>* diagnostics)
      : text_(text.data(), text.size()),
        lines_(text_),
        source_(source),
        limits_(limits),
        diagnostics_(diagnostics) {}

  // Returns false on a simdjson error (recorded in simdjson_error()).
  bool BuildDocument(od::document& doc, JsonValue* out) {
    od::json_type type;
    if (Fail(doc.type().get(type), doc)) return false;
    if (type == od::json_type::object || type == od::json_type::array) {
      od::value root;
      if (Fail(doc.get_value().get(root), doc)) return false;
      if (!Build(root, 1, "", out)) return false;
    } else if (!BuildScalar(doc, type, out)) {
      return false;
    }
    // Anything but whitespace after the root value is an error.
    const char* location = nullptr;
    if (doc.current_location().get(location) == simdjson::SUCCESS) {
      error_ = simdjson::TRAILING_CONTENT;
      error_offset_ = static_cast<size_t>(location - text_.data());
      return false;
    }
    return true;
  }

  simdjson::error_code simdjson_error() const { return error_; }
  size_t simdjson_error_offset() const { return error_offset_; }
  const LineIndex& lines() const { return lines_; }

 private:
  template <typename V>
  bool Fail(simdjson::error_code code, V& at) {
    if (code == simdjson::SUCCESS) return false;
    error_ = code;
    const char* location = nullptr;
    if (at.current_location().get(location) == simdjson::SUCCESS) {
      error_offset_ = static_cast<size_t>(location - text_.data());
    }
    return true;
  }

  size_t OffsetOf(const char* p) const { return static_cast<size_t>(p - text_.data()); }

  // One past the closing quote of the string literal starting at `begin`.
  size_t EndOfString(size_t begin) const {
    size_t i = begin + 1;
    while (i < text_.size() && text_[i] != '"') i += text_[i] == '\\' ? 2 : 1;
    return std::min(i + 1, text_.size());
  }

  // One past the bracket `close` that ends a container; `from` is the end of
  // its last child (or just after the opening bracket).
  size_t EndOfContainer(size_t from, char close) const {
    while (from < text_.size() && text_[from] != close) ++from;
    return std::min(from + 1, text_.size());
  }

  template <typename V>
  bool BuildScalar(V& v, od::json_type type, JsonValue* out) {
    std::string_view token;
    if (Fail(RawToken(v, &token), v)) return false;
    const size_t begin = OffsetOf(token.data());
    size_t end = begin + token.size();
    switch (type) {
      case od::json_type::string: {
        out->type = JsonType::kString;
        std::string_view s;
        if (Fail(v.get_string().get(s), v)) return false;
        out->text.assign(s.data(), s.size());
        end = EndOfString(begin);
        break;
      }
      case od::json_type::number: {
        out->type = JsonType::kNumber;
        double ignored;
        if (Fail(v.get_double().get(ignored), v)) return false;
        while (end > begin && IsJsonSpace(text_[end - 1])) --end;
        out->text.assign(text_.data() + begin, end - begin);
        break;
      }
      case od::json_type::boolean: {
        out->type = JsonType::kBool;
        bool b = false;
        if (Fail(v.get_bool().get(b), v)) return false;
        out->text = b ? "true" : "false";
        end = begin + out->text.size();
        break;
      }
      case od::json_type::null: {
        out->type = JsonType::kNull;
        bool is_null = false;
        if (Fail(v.is_null().get(is_null), v)) return false;
        if (!is_null) {
          error_ = simdjson::N_ATOM_ERROR;
          error_offset_ = begin;
          return false;
        }
        out->text = "null";
        end = begin + 4;
        break;
      }
      default:
        error_ = simdjson::INCORRECT_TYPE;
        error_offset_ = begin;
        return false;
    }
    out->span = lines_.SpanOf(begin, end);
    return true;
  }

  void Report(size_t begin, size_t end, const std::string& pointer, std::string code,
              std::string message) {
    diagnostics_->push_back(Diagnostic{Severity::kError, std::string(source_),
                                       lines_.SpanOf(begin, end), pointer, std::move(code),
                                       std::move(message)});
  }

  bool Build(od::value v, int depth, const std::string& pointer, JsonValue* out) {
    od::json_type type;
    if (Fail(v.type().get(type), v)) return false;
    if (type != od::json_type::object && type != od::json_type::array) {
      return BuildScalar(v, type, out);
    }
    std::string_view token;
    if (Fail(RawToken(v, &token), v)) return false;
    const size_t begin = OffsetOf(token.data());
    if (depth > limits_.max_depth) {
      Report(begin, begin + 1, pointer, "too-deep",
             absl::StrCat("JSON nested deeper than ", limits_.max_depth, " levels"));
      ++depth_errors_;
      return true;  // simdjson skips the unread subtree.
    }
    size_t cursor = begin + 1;
    if (type == od::json_type::array) {
      out->type = JsonType::kArray;
      od::array array;
      if (Fail(v.get_array().get(array), v)) return false;
      for (auto element : array) {
        od::value item;
        if (Fail(element.get(item), v)) return false;
        JsonValue child;
        if (!Build(item, depth + 1, JsonPointerAppend(pointer, out->items.size()), &child)) {
          return false;
        }
        if (child.span.known()) cursor = child.span.end.offset;
        out->items.push_back(std::move(child));
      }
      out->span = lines_.SpanOf(begin, EndOfContainer(cursor, ']'));
      return true;
    }
    out->type = JsonType::kObject;
    od::object object;
    if (Fail(v.get_object().get(object), v)) return false;
    absl::flat_hash_map<std::string, size_t> seen;  // key -> index in members.
    for (auto field_result : object) {
      if (Fail(field_result.error(), v)) return false;
      od::field field = std::move(field_result).value_unsafe();
      const size_t key_begin = OffsetOf(field.key().raw()) - 1;
      std::string_view key;
      if (Fail(field.unescaped_key().get(key), v)) return false;
      JsonMember member;
      member.key.assign(key.data(), key.size());
      member.key_span = lines_.SpanOf(key_begin, EndOfString(key_begin));
      const std::string child_pointer = JsonPointerAppend(pointer, member.key);
      if (!Build(field.value(), depth + 1, child_pointer, &member.value)) return false;
      cursor =
          member.value.span.known() ? member.value.span.end.offset : member.key_span.end.offset;
      auto [it, inserted] = seen.emplace(member.key, out->members.size());
      if (!inserted) {
        const JsonMember& first = out->members[it->second];
        Report(key_begin, member.key_span.end.offset, child_pointer, "duplicate-key",
               absl::StrCat("duplicate key \"", member.key, "\" (first defined at ",
                            FormatPosition(first.key_span.begin),
                            "); JSON parsers disagree on which one wins, so iamsim rejects it"));
        continue;
      }
      out->members.push_back(std::move(member));
    }
    out->span = lines_.SpanOf(begin, EndOfContainer(cursor, '}'));
    return true;
  }

  absl::string_view text_;
  LineIndex lines_;
  absl::string_view source_;
  const JsonLimits& limits_;
  std::vector<Diagnostic>* diagnostics_;
  simdjson::error_code error_ = simdjson::SUCCESS;
  size_t error_offset_ = 0;
  int depth_errors_ = 0;
};

}  // namespace

JsonParseResult ParseJson(absl::string_view text, absl::string_view source_name,
                          const JsonLimits& limits) {
  JsonParseResult result;
  auto report = [&](size_t offset, std::string code, std::string message,
                    std::string pointer = "") {
    LineIndex lines(text);
    const SourcePosition at = lines.PositionAt(offset);
    result.diagnostics.push_back(Diagnostic{Severity::kError, std::string(source_name),
                                            SourceSpan{at, at}, std::move(pointer), std::move(code),
                                            std::move(message)});
  };
  if (text.size() > limits.max_bytes) {
    report(0, "too-large",
           absl::StrCat("document is ", text.size(), " bytes; the limit is ", limits.max_bytes,
                        " bytes"));
    return result;
  }
  simdjson::padded_string padded(text.data(), text.size());
  od::parser parser;
  od::document doc;
  JsonValue root;
  TreeBuilder builder(padded, source_name, limits, &result.diagnostics);
  simdjson::error_code code = parser.iterate(padded).get(doc);
  if (code == simdjson::SUCCESS && builder.BuildDocument(doc, &root)) {
    if (!HasErrors(result.diagnostics)) result.root = std::move(root);
    return result;
  }
  if (code == simdjson::SUCCESS) code = builder.simdjson_error();
  // simdjson rejected the text: say exactly where and why.
  result.diagnostics.clear();
  if (std::optional<JsonSyntaxError> error = LocateSyntaxError(text)) {
    report(error->offset, "invalid-json", absl::StrCat("invalid JSON: ", error->message),
           std::move(error->pointer));
  } else {
    report(builder.simdjson_error_offset(), "invalid-json",
           absl::StrCat("invalid JSON: ", simdjson::error_message(code)));
  }
  return result;
}

}  // namespace iamsim
