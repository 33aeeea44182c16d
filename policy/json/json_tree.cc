#include "policy/json/json_tree.h"

#include <algorithm>
#include <memory>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "policy/json/json_grammar.h"
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

std::string JsonTypeWithArticle(JsonType type) {
  return absl::StrCat(type == JsonType::kArray || type == JsonType::kObject ? "an " : "a ",
                      JsonTypeName(type));
}

const JsonValue* JsonValue::Find(absl::string_view key) const {
  const JsonMember* member = FindMember(key);
  return member == nullptr ? nullptr : &member->value;
}

std::string JsonValue::StringMember(absl::string_view key) const {
  const JsonValue* v = Find(key);
  return v != nullptr && v->is_string() ? v->text : "";
}

const JsonMember* JsonValue::FindMember(absl::string_view key) const {
  for (const JsonMember& member : members) {
    if (member.key == key) return &member;
  }
  return nullptr;
}

std::string TooDeepMessage(int max_depth) {
  return absl::StrCat("JSON nested deeper than ", max_depth, " levels (iamsim's limit)");
}

namespace {

namespace od = simdjson::ondemand;
using json_internal::IsJsonSpace;

// Offsets of the text being parsed -> positions in the file. For an embedded
// document, `to_outer` maps each byte offset of the decoded text (and one
// past its end) to the offset in the file of the character it came from.
class PositionMap {
 public:
  PositionMap(const LineIndex& lines, const std::vector<uint32_t>* to_outer)
      : lines_(lines), to_outer_(to_outer) {}

  size_t ToOuter(size_t offset) const {
    if (to_outer_ == nullptr) return offset;
    return (*to_outer_)[std::min(offset, to_outer_->size() - 1)];
  }
  SourceSpan SpanOf(size_t begin, size_t end) const {
    return lines_.SpanOf(ToOuter(begin), ToOuter(end));
  }

 private:
  const LineIndex& lines_;
  const std::vector<uint32_t>* to_outer_;
};

// Where diagnostics go and how they are located.
struct Sink {
  const PositionMap& map;
  absl::string_view file;
  absl::string_view document;
  DocumentEncoding encoding;
  std::vector<Diagnostic>* diagnostics;

  void Report(Rule rule, size_t begin, size_t end, std::string path, std::string message) const {
    diagnostics->push_back(
        MakeDiagnostic(rule,
                       Location{std::string(file), map.SpanOf(begin, end), std::string(document),
                                std::move(path), encoding},
                       std::move(message)));
  }
};

// The raw token of a value or of a scalar document (their APIs differ).
simdjson::error_code RawToken(od::value& v, std::string_view* token) {
  *token = v.raw_json_token();
  return simdjson::SUCCESS;
}
simdjson::error_code RawToken(od::document& doc, std::string_view* token) {
  return doc.raw_json_token().get(*token);
}

// Where a value is, as a chain to its parent: the JSON pointer is built only
// when a diagnostic needs it.
struct PathNode {
  const PathNode* parent;
  absl::string_view key;  // Object member; empty with index >= 0 for arrays.
  int64_t index;          // Array element, or -1.

  std::string Pointer() const {
    const std::string base = parent != nullptr ? parent->Pointer() : std::string();
    if (parent == nullptr && index < 0 && key.empty()) return base;  // The root.
    return index >= 0 ? JsonPointerAppend(base, static_cast<size_t>(index))
                      : JsonPointerAppend(base, key);
  }
};

// Builds a JsonValue tree from simdjson's On-Demand iteration, computing
// spans from the token pointers simdjson hands out (they point into the
// padded copy of the text, whose bytes equal the original's).
class TreeBuilder {
 public:
  TreeBuilder(const simdjson::padded_string& text, const Sink& sink, const JsonLimits& limits)
      : text_(text.data(), text.size()), sink_(sink), limits_(limits) {}

  // Returns false on a simdjson error (recorded in simdjson_error()).
  bool BuildDocument(od::document& doc, JsonValue* out) {
    od::json_type type;
    if (Fail(doc.type().get(type), doc)) return false;
    if (type == od::json_type::object || type == od::json_type::array) {
      od::value root;
      if (Fail(doc.get_value().get(root), doc)) return false;
      size_t end = 0;
      const PathNode root_path{nullptr, "", -1};
      if (!Build(root, 1, root_path, out, &end)) return false;
    } else if (size_t end = 0; !BuildScalar(doc, type, out, &end)) {
      return false;
    }
    // Anything but whitespace after the root value is an error.
    const char* location = nullptr;
    if (doc.current_location().get(location) == simdjson::SUCCESS) {
      error_ = simdjson::TRAILING_CONTENT;
      return false;
    }
    return true;
  }

  simdjson::error_code simdjson_error() const { return error_; }

 private:
  template <typename V>
  bool Fail(simdjson::error_code code, V&) {
    if (code == simdjson::SUCCESS) return false;
    error_ = code;
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

  // *end_offset: one past the value, in the text being parsed (spans hold
  // file offsets, which differ for embedded documents).
  template <typename V>
  bool BuildScalar(V& v, od::json_type type, JsonValue* out, size_t* end_offset) {
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
        // Kept as written; only the grammar is checked here.
        out->type = JsonType::kNumber;
        while (end > begin && IsJsonSpace(text_[end - 1])) --end;
        size_t number_end = 0;
        if (json_internal::ScanNumber(text_, begin, &number_end) != nullptr || number_end != end) {
          error_ = simdjson::NUMBER_ERROR;
          return false;
        }
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
          return false;
        }
        out->text = "null";
        end = begin + 4;
        break;
      }
      default:
        error_ = simdjson::INCORRECT_TYPE;
        return false;
    }
    out->span = sink_.map.SpanOf(begin, end);
    *end_offset = end;
    return true;
  }

  bool Build(od::value v, int depth, const PathNode& path, JsonValue* out, size_t* end_offset) {
    od::json_type type;
    if (Fail(v.type().get(type), v)) return false;
    if (type != od::json_type::object && type != od::json_type::array) {
      return BuildScalar(v, type, out, end_offset);
    }
    std::string_view token;
    if (Fail(RawToken(v, &token), v)) return false;
    const size_t begin = OffsetOf(token.data());
    if (depth > limits_.max_depth) {
      sink_.Report(Rule::kInputLimit, begin, begin + 1, path.Pointer(),
                   TooDeepMessage(limits_.max_depth));
      *end_offset = begin + 1;
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
        const PathNode item_path{&path, "", static_cast<int64_t>(out->items.size())};
        if (!Build(item, depth + 1, item_path, &child, &cursor)) {
          return false;
        }
        out->items.push_back(std::move(child));
      }
      *end_offset = EndOfContainer(cursor, ']');
      out->span = sink_.map.SpanOf(begin, *end_offset);
      return true;
    }
    out->type = JsonType::kObject;
    od::object object;
    if (Fail(v.get_object().get(object), v)) return false;
    // Duplicate keys: a linear search of the members read so far, and an
    // index once an object has many.
    absl::flat_hash_map<std::string, size_t> index;
    auto find_earlier = [&](const std::string& key) -> const JsonMember* {
      if (out->members.size() <= 16) {
        for (const JsonMember& m : out->members) {
          if (m.key == key) return &m;
        }
        return nullptr;
      }
      if (index.empty()) {
        for (size_t i = 0; i < out->members.size(); ++i) index.emplace(out->members[i].key, i);
      }
      auto it = index.find(key);
      return it == index.end() ? nullptr : &out->members[it->second];
    };
    for (auto field_result : object) {
      if (Fail(field_result.error(), v)) return false;
      od::field field = std::move(field_result).value_unsafe();
      const size_t key_begin = OffsetOf(field.key().raw()) - 1;
      std::string_view key;
      if (Fail(field.unescaped_key().get(key), v)) return false;
      JsonMember member;
      member.key.assign(key.data(), key.size());
      const size_t key_end = EndOfString(key_begin);
      member.key_span = sink_.map.SpanOf(key_begin, key_end);
      const PathNode member_path{&path, member.key, -1};
      cursor = key_end;
      if (!Build(field.value(), depth + 1, member_path, &member.value, &cursor)) return false;
      if (const JsonMember* earlier = find_earlier(member.key)) {
        const JsonMember& first = *earlier;
        sink_.Report(Rule::kDuplicateKey, key_begin, key_end, member_path.Pointer(),
                     absl::StrCat("duplicate key ", Quote(member.key), " (first defined at ",
                                  FormatPosition(first.key_span.begin),
                                  "); JSON parsers disagree on which one wins, so iamsim "
                                  "rejects it"));
        continue;
      }
      if (!index.empty()) index.emplace(member.key, out->members.size());
      out->members.push_back(std::move(member));
    }
    *end_offset = EndOfContainer(cursor, '}');
    out->span = sink_.map.SpanOf(begin, *end_offset);
    return true;
  }

  absl::string_view text_;
  const Sink& sink_;
  const JsonLimits& limits_;
  simdjson::error_code error_ = simdjson::SUCCESS;
};

JsonParseResult ParseText(absl::string_view text, const Sink& sink, const JsonLimits& limits) {
  JsonParseResult result;
  Sink local = sink;
  local.diagnostics = &result.diagnostics;
  if (text.size() > limits.max_bytes) {
    local.Report(Rule::kInputLimit, 0, 0, "",
                 absl::StrCat("the document is ", text.size(), " bytes; iamsim's limit is ",
                              limits.max_bytes, " bytes"));
    return result;
  }
  simdjson::padded_string padded(text.data(), text.size());
  // A parser keeps its buffers between documents: reused per thread, so that
  // reading thousands of small policies (lint, worlds) does not allocate
  // them each time.
  thread_local od::parser parser;
  od::document doc;
  JsonValue root;
  TreeBuilder builder(padded, local, limits);
  simdjson::error_code code = parser.iterate(padded).get(doc);
  if (code == simdjson::SUCCESS && builder.BuildDocument(doc, &root)) {
    if (!HasErrors(result.diagnostics)) result.root = std::move(root);
    return result;
  }
  // simdjson rejected the text: say exactly where and why.
  result.diagnostics.clear();
  if (std::optional<JsonSyntaxError> error = LocateSyntaxError(text, limits.max_depth)) {
    local.Report(error->rule, error->offset, error->offset, std::move(error->pointer),
                 error->rule == Rule::kJsonSyntax ? absl::StrCat("invalid JSON: ", error->message)
                                                  : error->message);
  } else {
    // simdjson refused what the grammar allows (it should not happen).
    local.Report(Rule::kJsonSyntax, 0, 0, "", "invalid JSON: the parser rejected the text");
  }
  return result;
}

// JSON string literal (quotes included) -> its value, with the offset map.
bool UnescapeWithMap(absl::string_view literal, size_t base, std::string* out,
                     std::vector<uint32_t>* map) {
  if (literal.size() < 2 || literal.front() != '"' || literal.back() != '"') return false;
  auto hex4 = [&](size_t i, uint32_t* value) {
    if (i + 4 > literal.size()) return false;
    *value = 0;
    for (size_t k = i; k < i + 4; ++k) {
      const char c = literal[k];
      const int d = absl::ascii_isdigit(c) ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
      if (d < 0) return false;
      *value = *value * 16 + static_cast<uint32_t>(d);
    }
    return true;
  };
  size_t i = 1;
  const size_t end = literal.size() - 1;
  while (i < end) {
    const uint32_t at = static_cast<uint32_t>(base + i);
    if (literal[i] != '\\') {
      out->push_back(literal[i]);
      map->push_back(at);
      ++i;
      continue;
    }
    if (i + 1 >= end) return false;
    const char e = literal[i + 1];
    if (e != 'u') {
      static constexpr absl::string_view kFrom = "\"\\/bfnrt", kTo = "\"\\/\b\f\n\r\t";
      const size_t k = kFrom.find(e);
      if (k == absl::string_view::npos) return false;
      out->push_back(kTo[k]);
      map->push_back(at);
      i += 2;
      continue;
    }
    uint32_t cp;
    if (!hex4(i + 2, &cp)) return false;
    size_t consumed = 6;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      uint32_t low;
      if (i + 12 > end + 1 || literal[i + 6] != '\\' || literal[i + 7] != 'u' ||
          !hex4(i + 8, &low) || low < 0xDC00 || low > 0xDFFF) {
        return false;
      }
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      consumed = 12;
    }
    char utf8[4];
    size_t n;
    if (cp < 0x80) {
      utf8[0] = static_cast<char>(cp);
      n = 1;
    } else if (cp < 0x800) {
      utf8[0] = static_cast<char>(0xC0 | (cp >> 6));
      utf8[1] = static_cast<char>(0x80 | (cp & 0x3F));
      n = 2;
    } else if (cp < 0x10000) {
      utf8[0] = static_cast<char>(0xE0 | (cp >> 12));
      utf8[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      utf8[2] = static_cast<char>(0x80 | (cp & 0x3F));
      n = 3;
    } else {
      utf8[0] = static_cast<char>(0xF0 | (cp >> 18));
      utf8[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      utf8[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      utf8[3] = static_cast<char>(0x80 | (cp & 0x3F));
      n = 4;
    }
    out->append(utf8, n);
    map->insert(map->end(), n, at);
    i += consumed;
  }
  map->push_back(static_cast<uint32_t>(base + end));  // One past the end: the closing quote.
  return true;
}

int HexValue(char c) {
  if (absl::ascii_isdigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding (RFC 3986) of `text`, composing `map`. A '%' not followed
// by two hex digits is kept as it is.
void PercentDecode(const std::string& text, std::vector<uint32_t>* map, std::string* out) {
  std::vector<uint32_t> decoded_map;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
        HexValue(text[i + 2]) >= 0) {
      out->push_back(static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2])));
      decoded_map.push_back((*map)[i]);
      i += 3;
    } else {
      out->push_back(text[i]);
      decoded_map.push_back((*map)[i]);
      ++i;
    }
  }
  decoded_map.push_back(map->back());
  *map = std::move(decoded_map);
}

}  // namespace

JsonParseResult ParseJson(const SourceText& source, const JsonLimits& limits) {
  const PositionMap map(source.lines(), nullptr);
  const Sink sink{map, source.name(), "", DocumentEncoding::kObject, nullptr};
  return ParseText(source.text(), sink, limits);
}

JsonParseResult ParseJson(absl::string_view text, absl::string_view name,
                          const JsonLimits& limits) {
  const SourceText source{std::string(name), std::string(text)};
  return ParseJson(source, limits);
}

JsonParseResult ParseEmbeddedJson(const SourceText& outer, const JsonValue& string_value,
                                  absl::string_view document, DocumentEncoding encoding,
                                  const JsonLimits& limits) {
  const size_t begin = string_value.span.begin.offset;
  const size_t end = string_value.span.end.offset;
  std::string decoded;
  std::vector<uint32_t> to_outer;
  const bool mapped =
      begin < end && end <= outer.text().size() &&
      UnescapeWithMap(outer.text().substr(begin, end - begin), begin, &decoded, &to_outer) &&
      decoded == string_value.text;
  if (!mapped) {
    // The string is not a plain literal of `outer` (it was itself embedded):
    // every position is the string's own.
    decoded = string_value.text;
    to_outer.assign(decoded.size() + 1, static_cast<uint32_t>(begin));
  }
  if (encoding == DocumentEncoding::kUrlEncoded) {
    std::string percent_decoded;
    PercentDecode(decoded, &to_outer, &percent_decoded);
    decoded = std::move(percent_decoded);
  }
  const PositionMap map(outer.lines(), &to_outer);
  const Sink sink{map, outer.name(), document, encoding, nullptr};
  return ParseText(decoded, sink, limits);
}

DocumentEncoding DetectStringEncoding(absl::string_view text) {
  text = absl::StripLeadingAsciiWhitespace(text);
  if (absl::StartsWithIgnoreCase(text, "%7B") || absl::StartsWithIgnoreCase(text, "%5B")) {
    return DocumentEncoding::kUrlEncoded;
  }
  return DocumentEncoding::kJsonString;
}

}  // namespace iamsim
