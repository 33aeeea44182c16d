#include "policy/json/json_reader.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "policy/diagnostics/suggest.h"

namespace iamsim {

Diagnostic& JsonReader::Report(Rule rule, const SourceSpan& span, std::string path,
                               std::string message) {
  out_->push_back(MakeDiagnostic(rule, At(span, std::move(path)), std::move(message)));
  return out_->back();
}

void JsonReader::WrongType(const JsonValue& v, absl::string_view path, absl::string_view what,
                           absl::string_view expected) {
  Report(Rule::kJsonType, v.span, std::string(path),
         absl::StrCat(what, " must be ", expected, ", not ", JsonTypeWithArticle(v.type)));
}

const JsonValue* JsonReader::Object(const JsonValue& v, absl::string_view path,
                                    absl::string_view what) {
  if (v.is_object()) return &v;
  WrongType(v, path, what, "an object");
  return nullptr;
}

const JsonValue* JsonReader::Array(const JsonValue& v, absl::string_view path,
                                   absl::string_view what) {
  if (v.is_array()) return &v;
  WrongType(v, path, what, "an array");
  return nullptr;
}

const std::string* JsonReader::String(const JsonValue& v, absl::string_view path,
                                      absl::string_view what) {
  if (v.is_string()) return &v.text;
  WrongType(v, path, what, "a string");
  return nullptr;
}

std::optional<bool> JsonReader::Bool(const JsonValue& v, absl::string_view path,
                                     absl::string_view what) {
  if (v.type == JsonType::kBool) return v.text == "true";
  WrongType(v, path, what, "true or false");
  return std::nullopt;
}

const JsonValue* JsonReader::Require(const JsonValue& object, absl::string_view path,
                                     absl::string_view key, absl::string_view where) {
  if (const JsonValue* v = object.Find(key)) return v;
  Report(Rule::kMissingElement, object.span, std::string(path),
         absl::StrCat(where, " has no \"", key, "\""));
  return nullptr;
}

void JsonReader::CheckMembers(const JsonValue& object, absl::string_view path,
                              const std::vector<absl::string_view>& known, absl::string_view where,
                              UnknownMembers policy) {
  for (const JsonMember& member : object.members) {
    if (std::find(known.begin(), known.end(), member.key) != known.end()) continue;
    const std::string suggestion = ClosestMatch(member.key, known);
    if (policy == UnknownMembers::kNearMissError && suggestion.empty()) continue;
    std::string message = absl::StrCat("unknown element ", Quote(member.key), " in ", where);
    if (!suggestion.empty()) {
      absl::StrAppend(&message, "; did you mean \"", suggestion, "\"?");
    } else {
      absl::StrAppend(&message, "; expected one of ", absl::StrJoin(known, ", "));
    }
    Diagnostic& d = Report(Rule::kUnknownElement, member.key_span,
                           JsonPointerAppend(path, member.key), std::move(message));
    d.suggestion = suggestion;
  }
}

}  // namespace iamsim
