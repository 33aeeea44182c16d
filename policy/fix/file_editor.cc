#include "policy/fix/file_editor.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "policy/json/json_pointer.h"
#include "policy/json/percent_encoding.h"

namespace iamsim {
namespace {

// Compact JSON text of a parsed value.
void Compact(const JsonValue& v, std::string* out) {
  switch (v.type) {
    case JsonType::kObject:
      *out += '{';
      for (size_t i = 0; i < v.members.size(); ++i) {
        absl::StrAppend(out, i == 0 ? "" : ",", JsonStringLiteral(v.members[i].key), ":");
        Compact(v.members[i].value, out);
      }
      *out += '}';
      break;
    case JsonType::kArray:
      *out += '[';
      for (size_t i = 0; i < v.items.size(); ++i) {
        if (i > 0) *out += ',';
        Compact(v.items[i], out);
      }
      *out += ']';
      break;
    case JsonType::kString:
      *out += JsonStringLiteral(v.text);
      break;
    default:
      *out += v.text;
  }
}

}  // namespace

std::string CompactText(absl::string_view text) {
  JsonParseResult parsed = ParseJson(text, "document", kWorldFileLimits);
  if (!parsed.root) return std::string(text);
  std::string out;
  Compact(*parsed.root, &out);
  return out;
}

const JsonValue* FindPointer(const JsonValue& root, absl::string_view pointer) {
  const JsonValue* at = &root;
  if (pointer.empty()) return at;
  for (absl::string_view t : absl::StrSplit(pointer.substr(1), '/')) {
    const std::string token = absl::StrReplaceAll(t, {{"~1", "/"}, {"~0", "~"}});
    if (at->is_object()) {
      at = at->Find(token);
    } else if (at->is_array()) {
      size_t i = 0;
      if (!absl::SimpleAtoi(token, &i) || i >= at->items.size()) return nullptr;
      at = &at->items[i];
    } else {
      return nullptr;
    }
    if (at == nullptr) return nullptr;
  }
  return at;
}

std::string RawText(absl::string_view text, const JsonValue& value) {
  return std::string(
      text.substr(value.span.begin.offset, value.span.end.offset - value.span.begin.offset));
}

std::unique_ptr<FileEditor> FileEditor::Open(absl::string_view text) {
  auto editor = std::unique_ptr<FileEditor>(new FileEditor());
  editor->text_ = std::string(text);
  JsonParseResult parsed = ParseJson(editor->text_, "file", kWorldFileLimits);
  if (!parsed.root) return nullptr;
  editor->root_ = std::move(parsed.root);
  return editor;
}

const JsonValue* FileEditor::Find(absl::string_view pointer) const {
  return FindPointer(*root_, pointer);
}

std::string FileEditor::TextOf(const JsonValue& value) const { return RawText(text_, value); }

absl::StatusOr<FileEditor::Document> FileEditor::OpenDocument(const DocumentRef& doc) const {
  const JsonValue* at = Find(doc.document);
  if (at == nullptr) return absl::NotFoundError(absl::StrCat("no ", doc.document, " in the file"));
  Document out;
  if (doc.encoding == DocumentEncoding::kObject) {
    out.text = TextOf(*at);
  } else if (at->is_string()) {
    out.text = doc.encoding == DocumentEncoding::kUrlEncoded ? PercentDecode(at->text) : at->text;
  } else {
    return absl::InvalidArgumentError(absl::StrCat(doc.document, " is not a string"));
  }
  JsonParseResult parsed = ParseJson(out.text, "document", kWorldFileLimits);
  if (!parsed.root) return absl::InvalidArgumentError("the document is not JSON");
  out.root = std::move(*parsed.root);
  return out;
}

absl::StatusOr<JsonPatch> FileEditor::EditDocument(const DocumentRef& doc,
                                                   const JsonPatch& ops) const {
  if (doc.encoding == DocumentEncoding::kObject) {
    JsonPatch out = ops;
    for (JsonPatchOp& op : out) op.path = absl::StrCat(doc.document, op.path);
    return out;
  }
  absl::StatusOr<Document> document = OpenDocument(doc);
  if (!document.ok()) return document.status();
  absl::StatusOr<std::string> edited = ApplyJsonPatch(document->text, ops);
  if (!edited.ok()) return edited.status();
  const JsonValue& old = *Find(doc.document);
  const std::string encoded =
      doc.encoding == DocumentEncoding::kUrlEncoded ? PercentEncode(*edited) : *edited;
  return JsonPatch{{"test", doc.document, JsonStringLiteral(old.text)},
                   {"replace", doc.document, JsonStringLiteral(encoded)}};
}

JsonPatch AppendStatement(const JsonValue& document, absl::string_view text,
                          const std::string& statement) {
  const JsonValue* s = document.Find("Statement");
  if (s == nullptr) return {{"add", "/Statement", absl::StrCat("[", statement, "]")}};
  if (s->is_array()) return {{"add", "/Statement/-", statement}};
  const std::string old = RawText(text, *s);
  return {{"test", "/Statement", old},
          {"replace", "/Statement", absl::StrCat("[", old, ", ", statement, "]")}};
}

JsonPatch ReplaceString(const JsonValue& document, const std::string& path,
                        absl::string_view replacement) {
  const JsonValue* at = FindPointer(document, path);
  const std::string old = at != nullptr ? JsonStringLiteral(at->text) : "null";
  return {{"test", path, old}, {"replace", path, JsonStringLiteral(replacement)}};
}

JsonPatch AddNextTo(const JsonValue& document, absl::string_view text, const std::string& path,
                    absl::string_view addition) {
  const std::string v = JsonStringLiteral(addition);
  const size_t slash = path.rfind('/');
  const std::string parent_path = path.substr(0, slash);
  const JsonValue* parent = FindPointer(document, parent_path);
  if (parent != nullptr && parent->is_array()) return {{"add", absl::StrCat(parent_path, "/-"), v}};
  const JsonValue* at = FindPointer(document, path);
  if (at == nullptr) return {};
  const std::string old = RawText(text, *at);
  return {{"test", path, old}, {"replace", path, absl::StrCat("[", old, ", ", v, "]")}};
}

JsonPatch AddConditionValue(const JsonValue& document, absl::string_view text,
                            const std::string& statement_path, absl::string_view op,
                            absl::string_view key, absl::string_view value) {
  const JsonValue* statement = FindPointer(document, statement_path);
  const std::string v = JsonStringLiteral(value);
  const JsonValue* condition = statement != nullptr ? statement->Find("Condition") : nullptr;
  const std::string condition_path = absl::StrCat(statement_path, "/Condition");
  if (condition == nullptr || !condition->is_object()) {
    return {
        {"add", condition_path,
         absl::StrCat("{", JsonStringLiteral(op), ": {", JsonStringLiteral(key), ": ", v, "}}")}};
  }
  const JsonValue* clause = condition->Find(op);
  const std::string clause_path = JsonPointerAppend(condition_path, op);
  if (clause == nullptr || !clause->is_object()) {
    return {{"add", clause_path, absl::StrCat("{", JsonStringLiteral(key), ": ", v, "}")}};
  }
  // Keys compare case-insensitively; edit the spelling the policy uses.
  for (const JsonMember& m : clause->members) {
    if (!absl::EqualsIgnoreCase(m.key, key)) continue;
    const std::string path = JsonPointerAppend(clause_path, m.key);
    if (m.value.is_array()) return {{"add", absl::StrCat(path, "/-"), v}};
    const std::string old = RawText(text, m.value);
    return {{"test", path, old}, {"replace", path, absl::StrCat("[", old, ", ", v, "]")}};
  }
  return {{"add", JsonPointerAppend(clause_path, key), v}};
}

}  // namespace iamsim
