#include "policy/json/json_patch.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "policy/json/json_tree.h"

namespace iamsim {
namespace {

std::vector<std::string> Tokens(absl::string_view pointer) {
  std::vector<std::string> out;
  if (pointer.empty()) return out;
  for (absl::string_view t : absl::StrSplit(pointer.substr(1), '/')) {
    out.push_back(absl::StrReplaceAll(t, {{"~1", "/"}, {"~0", "~"}}));
  }
  return out;
}

bool Index(absl::string_view token, size_t size, size_t* index) {
  if (token.empty() || (token.size() > 1 && token[0] == '0')) return false;
  for (char c : token) {
    if (c < '0' || c > '9') return false;
  }
  *index = std::strtoul(std::string(token).c_str(), nullptr, 10);
  return *index < size;
}

// The member or element `token` of `parent`, or nullptr.
const JsonValue* Child(const JsonValue& parent, const std::string& token) {
  if (parent.is_object()) return parent.Find(token);
  size_t i = 0;
  if (parent.is_array() && Index(token, parent.items.size(), &i)) return &parent.items[i];
  return nullptr;
}

bool Equal(const JsonValue& a, const JsonValue& b) {
  if (a.type != b.type) return false;
  switch (a.type) {
    case JsonType::kObject:
      if (a.members.size() != b.members.size()) return false;
      for (const JsonMember& m : a.members) {
        const JsonValue* other = b.Find(m.key);
        if (other == nullptr || !Equal(m.value, *other)) return false;
      }
      return true;
    case JsonType::kArray:
      if (a.items.size() != b.items.size()) return false;
      for (size_t i = 0; i < a.items.size(); ++i) {
        if (!Equal(a.items[i], b.items[i])) return false;
      }
      return true;
    case JsonType::kNumber:
      return std::strtod(a.text.c_str(), nullptr) == std::strtod(b.text.c_str(), nullptr);
    default:
      return a.text == b.text;
  }
}

absl::Status Fail(size_t i, const JsonPatchOp& op, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("patch operation ", i, " (", op.op, " ", op.path, "): ", why));
}

// One operation on `text`.
absl::StatusOr<std::string> Apply(std::string text, size_t i, const JsonPatchOp& op) {
  JsonParseResult doc = ParseJson(text, "document", kWorldFileLimits);
  if (!doc.root) return Fail(i, op, "the document is not JSON");
  std::optional<JsonValue> value;
  if (op.op != "remove") {
    // Wrapped: the tree parser reads containers at the root.
    JsonParseResult v = ParseJson(absl::StrCat("[", op.value, "]"), "value", kWorldFileLimits);
    if (!v.root || v.root->items.size() != 1) return Fail(i, op, "the value is not JSON");
    value = std::move(v.root->items[0]);
  }
  const std::vector<std::string> tokens = Tokens(op.path);
  if (!op.path.empty() && op.path[0] != '/') return Fail(i, op, "a pointer starts with /");
  // The parent of the target, and the target when it exists.
  const JsonValue* parent = nullptr;
  const JsonValue* target = &*doc.root;
  for (size_t t = 0; t < tokens.size(); ++t) {
    parent = target;
    target = Child(*parent, tokens[t]);
    if (target == nullptr && t + 1 < tokens.size()) return Fail(i, op, "no such path");
  }
  auto splice = [&](size_t begin, size_t end, absl::string_view with) {
    return absl::StrCat(absl::string_view(text).substr(0, begin), with,
                        absl::string_view(text).substr(end));
  };
  if (op.op == "test") {
    if (target == nullptr) return Fail(i, op, "no such path");
    if (!Equal(*target, *value)) return Fail(i, op, "the value differs");
    return text;
  }
  if (op.op == "replace" || (op.op == "add" && target != nullptr && parent != nullptr &&
                             parent->is_object())) {
    if (target == nullptr) return Fail(i, op, "no such path");
    return splice(target->span.begin.offset, target->span.end.offset, op.value);
  }
  if (tokens.empty()) {  // The whole document.
    if (op.op == "add") return op.value;
    return Fail(i, op, "cannot remove the whole document");
  }
  const std::string& last = tokens.back();
  if (op.op == "remove") {
    if (target == nullptr) return Fail(i, op, "no such path");
    // The element or member, with one adjacent comma.
    size_t count = parent->is_object() ? parent->members.size() : parent->items.size();
    size_t at = 0;
    for (; at < count; ++at) {
      const JsonValue& v = parent->is_object() ? parent->members[at].value : parent->items[at];
      if (&v == target) break;
    }
    auto begin_of = [&](size_t k) {
      return parent->is_object() ? parent->members[k].key_span.begin.offset
                                 : parent->items[k].span.begin.offset;
    };
    auto end_of = [&](size_t k) {
      return parent->is_object() ? parent->members[k].value.span.end.offset
                                 : parent->items[k].span.end.offset;
    };
    if (at + 1 < count) return splice(begin_of(at), begin_of(at + 1), "");
    if (at > 0) return splice(end_of(at - 1), end_of(at), "");
    return splice(begin_of(at), end_of(at), "");
  }
  if (op.op != "add") return Fail(i, op, "unsupported operation");
  if (parent->is_object()) {
    const std::string member = absl::StrCat(JsonStringLiteral(last), ": ", op.value);
    if (parent->members.empty()) {
      return splice(parent->span.begin.offset + 1, parent->span.begin.offset + 1, member);
    }
    const size_t end = parent->members.back().value.span.end.offset;
    return splice(end, end, absl::StrCat(", ", member));
  }
  if (!parent->is_array()) return Fail(i, op, "the parent is not an object or array");
  size_t index = parent->items.size();
  if (last != "-" && !Index(last, parent->items.size() + 1, &index)) {
    return Fail(i, op, "no such array index");
  }
  if (parent->items.empty()) {
    return splice(parent->span.begin.offset + 1, parent->span.begin.offset + 1, op.value);
  }
  if (index == parent->items.size()) {
    const size_t end = parent->items.back().span.end.offset;
    return splice(end, end, absl::StrCat(", ", op.value));
  }
  const size_t begin = parent->items[index].span.begin.offset;
  return splice(begin, begin, absl::StrCat(op.value, ", "));
}

}  // namespace

std::string JsonStringLiteral(absl::string_view value) {
  std::string out = "\"";
  for (unsigned char c : value) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += absl::StrFormat("\\u%04x", c);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

absl::StatusOr<std::string> ApplyJsonPatch(absl::string_view text, const JsonPatch& patch) {
  std::string out(text);
  for (size_t i = 0; i < patch.size(); ++i) {
    absl::StatusOr<std::string> next = Apply(std::move(out), i, patch[i]);
    if (!next.ok()) return next.status();
    out = std::move(*next);
  }
  return out;
}

std::string JsonPatchText(const JsonPatch& patch) {
  std::string out = "[";
  for (size_t i = 0; i < patch.size(); ++i) {
    const JsonPatchOp& op = patch[i];
    absl::StrAppend(&out, i == 0 ? "" : ", ", "{\"op\": ", JsonStringLiteral(op.op),
                    ", \"path\": ", JsonStringLiteral(op.path));
    if (op.op != "remove") absl::StrAppend(&out, ", \"value\": ", op.value);
    out += "}";
  }
  return out + "]";
}

}  // namespace iamsim
