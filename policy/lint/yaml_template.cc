// ParseYamlTemplate: a YAML document (a CloudFormation template) as the
// project's located JSON tree.
//
// Contract: every value and key keeps its exact span in the YAML text
// (yaml-cpp gives only a 0-based start mark; ends are found by re-scanning
// the text). Scalars are strings ("Version: 2012-10-17" is not a date,
// "false" not a boolean) except an unquoted empty, "~" or "null", which is
// null. A short-form tag (!Sub, !Ref, !GetAtt, ...) becomes the long form
// {"Fn::Sub": ARG} ({"Ref": ARG}, {"Condition": ARG}) spanning the tagged
// node, its key spanning the tag. Duplicate keys are duplicate-key errors
// (the first is kept); a syntax error is a json-syntax error at its mark;
// nesting beyond kWorldFileLimits or alias expansion beyond a node budget is
// input-limit. A text whose root is not a mapping is not a template: nullopt
// without diagnostics.
#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "policy/json/json_pointer.h"
#include "policy/lint/lint_inputs.h"

namespace iamsim {
namespace {

constexpr size_t kMaxNodes = 1 << 20;  // Aliases can multiply a small text.

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

class YamlConverter {
 public:
  YamlConverter(const SourceText& file, std::vector<Diagnostic>* diagnostics)
      : file_(file), text_(file.text()), diagnostics_(diagnostics) {
    if (absl::StartsWith(text_, "\xEF\xBB\xBF")) bom_ = 3;  // yaml-cpp's marks skip it.
  }

  // False when a limit was exceeded (reported).
  bool Convert(const YAML::Node& node, const std::string& pointer, int depth, JsonValue* out);
  size_t OffsetOf(const YAML::Mark& mark) const {
    return std::min(text_.size(), static_cast<size_t>(std::max(mark.pos, 0)) + bom_);
  }
  void Report(Rule rule, size_t offset, const std::string& pointer, std::string message) {
    diagnostics_->push_back(MakeDiagnostic(
        rule, Location{file_.name(), file_.lines().SpanOf(offset, offset), "", pointer},
        std::move(message)));
  }

 private:
  size_t SkipProperties(size_t p) const;
  size_t ScalarEnd(size_t begin, const YAML::Node& node) const;
  size_t BlockScalarEnd(size_t indicator) const;
  size_t FlowEnd(size_t begin, size_t last_child_end) const;
  bool ConvertContent(const YAML::Node& node, const std::string& pointer, int depth, size_t begin,
                      JsonValue* out);
  bool ConvertMap(const YAML::Node& node, const std::string& pointer, int depth, JsonValue* out);
  bool ConvertSequence(const YAML::Node& node, const std::string& pointer, int depth,
                       JsonValue* out);
  SourceSpan Span(size_t begin, size_t end) const { return file_.lines().SpanOf(begin, end); }

  const SourceText& file_;
  absl::string_view text_;
  std::vector<Diagnostic>* diagnostics_;
  size_t bom_ = 0;
  size_t nodes_ = 0;
};

// Past a node's tag and anchor ("!Sub ", "&x ") to its content.
size_t YamlConverter::SkipProperties(size_t p) const {
  while (p < text_.size() && (text_[p] == '!' || text_[p] == '&')) {
    while (p < text_.size() && !IsBlank(text_[p])) ++p;
    while (p < text_.size() && IsBlank(text_[p])) ++p;
  }
  return p;
}

// A literal (|) or folded (>) block scalar ends with the last non-blank line
// indented deeper than the line of its indicator.
size_t YamlConverter::BlockScalarEnd(size_t indicator) const {
  const size_t line_start = text_.rfind('\n', indicator) == absl::string_view::npos
                                ? 0
                                : text_.rfind('\n', indicator) + 1;
  size_t indent = 0;
  while (line_start + indent < text_.size() && text_[line_start + indent] == ' ') ++indent;
  size_t end = text_.find('\n', indicator);
  if (end == absl::string_view::npos) return text_.size();
  size_t p = end + 1;
  while (p < text_.size()) {
    size_t next = text_.find('\n', p);
    if (next == absl::string_view::npos) next = text_.size();
    const absl::string_view line = text_.substr(p, next - p);
    const size_t first = line.find_first_not_of(" \t\r");
    if (first != absl::string_view::npos) {
      if (first <= indent) break;
      end = next;
      while (end > p && text_[end - 1] == '\r') --end;
    }
    p = next + 1;
  }
  return end;
}

size_t YamlConverter::ScalarEnd(size_t begin, const YAML::Node& node) const {
  size_t p = SkipProperties(begin);
  if (p >= text_.size()) return text_.size();
  const char c = text_[p];
  if (c == '"' || c == '\'') {
    for (size_t q = p + 1; q < text_.size(); ++q) {
      if (c == '"' && text_[q] == '\\') {
        ++q;
      } else if (text_[q] == c) {
        if (c == '\'' && q + 1 < text_.size() && text_[q + 1] == '\'') {
          ++q;
        } else {
          return q + 1;
        }
      }
    }
    return text_.size();
  }
  if (c == '|' || c == '>') return BlockScalarEnd(p);
  const std::string& value = node.Scalar();
  if (!value.empty() && text_.substr(p, value.size()) == value) return p + value.size();
  if (value.empty()) return p;
  size_t end = p;  // A plain scalar folded over lines: its first line.
  while (end < text_.size() && text_[end] != '\n' && text_[end] != '#') ++end;
  while (end > p && IsBlank(text_[end - 1])) --end;
  return end;
}

// A flow collection ends at the bracket that closes it, after its last child.
size_t YamlConverter::FlowEnd(size_t begin, size_t last_child_end) const {
  const size_t open = SkipProperties(begin);
  if (open >= text_.size() || (text_[open] != '{' && text_[open] != '[')) return last_child_end;
  const char close = text_[open] == '{' ? '}' : ']';
  for (size_t p = std::max(last_child_end, open + 1); p < text_.size(); ++p) {
    if (text_[p] == close) return p + 1;
    if (text_[p] == '#') {
      while (p < text_.size() && text_[p] != '\n') ++p;
    }
  }
  return last_child_end;
}

bool YamlConverter::ConvertMap(const YAML::Node& node, const std::string& pointer, int depth,
                               JsonValue* out) {
  out->type = JsonType::kObject;
  size_t end = out->span.end.offset;
  for (auto it = node.begin(); it != node.end(); ++it) {
    JsonValue key;
    if (!Convert(it->first, pointer, depth + 1, &key)) return false;
    const std::string member_pointer = JsonPointerAppend(pointer, key.text);
    if (out->FindMember(key.text) != nullptr) {
      Report(Rule::kDuplicateKey, key.span.begin.offset, member_pointer,
             absl::StrCat("duplicate key ", Quote(key.text), "; the first one is used"));
      continue;
    }
    JsonMember member;
    member.key = key.text;
    member.key_span = key.span;
    if (!Convert(it->second, member_pointer, depth + 1, &member.value)) return false;
    if (member.value.is_null() && member.value.span.begin.offset > key.span.end.offset) {
      member.value.span = Span(key.span.end.offset, key.span.end.offset);  // "Key:" alone.
    }
    end = std::max({end, static_cast<size_t>(key.span.end.offset),
                    static_cast<size_t>(member.value.span.end.offset)});
    out->members.push_back(std::move(member));
  }
  out->span = Span(out->span.begin.offset, FlowEnd(out->span.begin.offset, end));
  return true;
}

bool YamlConverter::ConvertSequence(const YAML::Node& node, const std::string& pointer, int depth,
                                    JsonValue* out) {
  out->type = JsonType::kArray;
  size_t end = out->span.end.offset;
  for (size_t i = 0; i < node.size(); ++i) {
    JsonValue item;
    if (!Convert(node[i], JsonPointerAppend(pointer, i), depth + 1, &item)) return false;
    end = std::max(end, static_cast<size_t>(item.span.end.offset));
    out->items.push_back(std::move(item));
  }
  out->span = Span(out->span.begin.offset, FlowEnd(out->span.begin.offset, end));
  return true;
}

// The node's value, without the meaning of a short-form tag.
bool YamlConverter::ConvertContent(const YAML::Node& node, const std::string& pointer, int depth,
                                   size_t begin, JsonValue* out) {
  out->span = Span(begin, begin);
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return ConvertMap(node, pointer, depth, out);
    case YAML::NodeType::Sequence:
      return ConvertSequence(node, pointer, depth, out);
    case YAML::NodeType::Scalar:
      out->type = JsonType::kString;
      out->text = node.Scalar();
      out->span = Span(begin, std::max(begin, ScalarEnd(begin, node)));
      return true;
    default:
      out->type = JsonType::kNull;
      out->text = "null";
      return true;
  }
}

bool YamlConverter::Convert(const YAML::Node& node, const std::string& pointer, int depth,
                            JsonValue* out) {
  if (++nodes_ > kMaxNodes || depth > kWorldFileLimits.max_depth) {
    Report(Rule::kInputLimit, OffsetOf(node.Mark()), pointer,
           nodes_ > kMaxNodes ? absl::StrCat("the YAML document expands to more than ", kMaxNodes,
                                             " values (aliases)")
                              : TooDeepMessage(kWorldFileLimits.max_depth));
    return false;
  }
  const size_t begin = OffsetOf(node.Mark());
  const std::string& tag = node.Tag();
  if (tag.size() < 2 || tag[0] != '!' || tag[1] == '!') {
    return ConvertContent(node, pointer, depth, begin, out);  // "?", "!", "tag:yaml.org,...".
  }
  // A CloudFormation short form: !Sub X is {"Fn::Sub": X}.
  const std::string name = tag.substr(1);
  JsonMember member;
  member.key = name == "Ref" || name == "Condition" ? name : absl::StrCat("Fn::", name);
  member.key_span = Span(begin, std::min(text_.size(), begin + tag.size()));
  if (!ConvertContent(node, JsonPointerAppend(pointer, member.key), depth + 1,
                      SkipProperties(begin), &member.value)) {
    return false;
  }
  if (member.value.is_null()) {  // "!GetAZs" alone: an empty argument.
    member.value.type = JsonType::kString;
    member.value.text.clear();
  }
  out->type = JsonType::kObject;
  out->span = Span(begin, std::max(member.key_span.end.offset, member.value.span.end.offset));
  out->members.push_back(std::move(member));
  return true;
}

}  // namespace

std::optional<JsonValue> ParseYamlTemplate(const SourceText& file,
                                           std::vector<Diagnostic>* diagnostics) {
  YamlConverter converter(file, diagnostics);
  if (file.text().size() > kWorldFileLimits.max_bytes) {
    converter.Report(
        Rule::kInputLimit, 0, "",
        absl::StrCat("the file is larger than ", kWorldFileLimits.max_bytes, " bytes"));
    return std::nullopt;
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(file.text()));
  } catch (const YAML::Exception& e) {
    converter.Report(Rule::kJsonSyntax, converter.OffsetOf(e.mark), "",
                     absl::StrCat("not valid YAML: ", e.msg));
    return std::nullopt;
  }
  if (!root.IsMap()) return std::nullopt;
  JsonValue out;
  const size_t before = diagnostics->size();
  try {
    if (!converter.Convert(root, "", 0, &out)) return std::nullopt;
  } catch (const YAML::Exception& e) {
    converter.Report(Rule::kJsonSyntax, converter.OffsetOf(e.mark), "",
                     absl::StrCat("not valid YAML: ", e.msg));
    return std::nullopt;
  }
  if (diagnostics->size() != before) return std::nullopt;  // Duplicate keys.
  return out;
}

}  // namespace iamsim
