#include "policy/json/json_tree.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace iamsim {
namespace {

using ::testing::HasSubstr;

std::string Span(const SourceSpan& s) {
  return absl::StrCat(s.begin.line, ":", s.begin.column, "-", s.end.line, ":", s.end.column, " @",
                      s.begin.offset, "..", s.end.offset);
}

TEST(JsonTreeTest, SpansOfEveryValueAndKeyAreExact) {
  const std::string text =
      "{\n  \"a\": [1, true, null],\n  \"b\" : {\"c\": \"x\\\"y\"}, \"e\": {}\n}";
  JsonParseResult r = ParseJson(text, "t.json");
  ASSERT_TRUE(r.root) << FormatDiagnostics(r.diagnostics);
  const JsonValue& root = *r.root;
  EXPECT_EQ(Span(root.span), "1:1-4:2 @0..58");
  ASSERT_EQ(root.members.size(), 3u);
  EXPECT_EQ(Span(root.members[0].key_span), "2:3-2:6 @4..7");
  const JsonValue& a = root.members[0].value;
  EXPECT_EQ(Span(a.span), "2:8-2:23 @9..24");
  EXPECT_EQ(Span(a.items[0].span), "2:9-2:10 @10..11");
  EXPECT_EQ(a.items[0].text, "1");
  EXPECT_EQ(Span(a.items[1].span), "2:12-2:16 @13..17");
  EXPECT_EQ(Span(a.items[2].span), "2:18-2:22 @19..23");
  EXPECT_EQ(a.items[2].type, JsonType::kNull);
  const JsonValue& b = root.members[1].value;
  EXPECT_EQ(Span(b.span), "3:9-3:22 @34..47");
  EXPECT_EQ(b.members[0].value.text, "x\"y");
  EXPECT_EQ(Span(b.members[0].value.span), "3:15-3:21 @40..46");
  EXPECT_EQ(Span(root.members[2].value.span), "3:29-3:31 @54..56");
}

TEST(JsonTreeTest, ColumnsCountCodePointsNotBytes) {
  const std::string text = "{\"k\": \"\xC3\xA9\xC3\xA9\", \"n\": 1}";  // "éé"
  JsonParseResult r = ParseJson(text, "t.json");
  ASSERT_TRUE(r.root);
  const JsonValue& n = r.root->members[1].value;
  EXPECT_EQ(n.span.begin.offset, 19u);  // 19 bytes in,
  EXPECT_EQ(n.span.begin.column, 18u);  // but 17 characters.
}

// Columns on a long line are counted from checkpoints, not by rescanning the
// line per position: check them against a plain count, across block edges.
TEST(LineIndexTest, PositionsOnALongLineAndAfterEveryLineEnding) {
  std::string text;
  for (int i = 0; i < 300; ++i) text += (i % 7 == 0) ? "\xc3\xa9" : "a";  // é every 7th.
  text += "\r\nb\rc\nd";
  const LineIndex index(text);
  uint32_t column = 1;
  for (size_t offset = 0; offset < text.find('\r'); ++offset) {
    if ((static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) continue;
    const SourcePosition p = index.PositionAt(offset);
    ASSERT_EQ(p.line, 1u) << offset;
    ASSERT_EQ(p.column, column) << offset;
    ++column;
  }
  EXPECT_EQ(FormatPosition(index.PositionAt(text.find('b'))), "2:1");  // After "\r\n".
  EXPECT_EQ(FormatPosition(index.PositionAt(text.find('c'))), "3:1");  // After a lone "\r".
  EXPECT_EQ(FormatPosition(index.PositionAt(text.find('d'))), "4:1");
  EXPECT_EQ(FormatPosition(index.PositionAt(text.size())), "4:2");
}

TEST(JsonTreeTest, ScalarRootDocument) {
  JsonParseResult r = ParseJson("  \"hello\"  ", "t.json");
  ASSERT_TRUE(r.root);
  EXPECT_EQ(r.root->text, "hello");
  EXPECT_EQ(Span(r.root->span), "1:3-1:10 @2..9");
}

TEST(JsonTreeTest, NumbersKeepTheirSpelling) {
  JsonParseResult r = ParseJson("[1.50, -0, 1e3 ]", "t.json");
  ASSERT_TRUE(r.root);
  EXPECT_EQ(r.root->items[0].text, "1.50");
  EXPECT_EQ(r.root->items[1].text, "-0");
  EXPECT_EQ(r.root->items[2].text, "1e3");
  EXPECT_EQ(Span(r.root->items[2].span), "1:12-1:15 @11..14");
}

TEST(JsonTreeTest, JsonPointersEscapeSlashAndTilde) {
  EXPECT_EQ(JsonPointerAppend("/a", "b/c~d"), "/a/b~1c~0d");
  EXPECT_EQ(JsonPointerAppend("", 3), "/3");
}

// A syntax error carries the pointer of the value it is in, or of the
// innermost container for errors in its punctuation. Columns were counted
// independently (Python str.index + 1).
TEST(JsonTreeTest, SyntaxErrorsCarryTheEnclosingPointer) {
  struct Case {
    std::string text, expected;
  };
  for (const Case& c :
       std::vector<Case>{{"{\"Version\":\"2012-10-17\",\n \"Statement\":{\"Effect\":\"Allow\",}}",
                          "bad.json:2:32: error json-syntax: invalid JSON: trailing comma before "
                          "'}' (at /Statement)"},
                         {"{\"Statement\":[{\"Action\":[\"a\", tru]}]}",
                          "bad.json:1:31: error json-syntax: invalid JSON: invalid literal: "
                          "expected true, false or null "
                          "(at /Statement/0/Action/1)"},
                         {"{\"a~b\": {\"c/d\": }}",
                          "bad.json:1:17: error json-syntax: invalid JSON: expected a value, found "
                          "'}' (at /a~0b/c~1d)"},
                         {"{\"Action\":\"a:\\ud800\"}",
                          "bad.json:1:14: error json-syntax: invalid JSON: lone high surrogate "
                          "\\ud800 (it must be followed by a low "
                          "surrogate \\uDC00-\\uDFFF) (at /Action)"},
                         {"[\"\\udc00\"]",
                          "bad.json:1:3: error json-syntax: invalid JSON: lone low surrogate "
                          "\\udc00 (it must follow a high surrogate "
                          "\\uD800-\\uDBFF) (at /0)"}}) {
    JsonParseResult r = ParseJson(c.text, "bad.json");
    ASSERT_EQ(r.diagnostics.size(), 1u) << c.text;
    EXPECT_EQ(FormatDiagnostic(r.diagnostics[0]), c.expected);
  }
  EXPECT_FALSE(LocateSyntaxError("[\"\\ud83d\\ude00\"]"));  // A valid pair.
}

struct BadJsonCase {
  std::string text;
  std::string position;  // line:column of the error
  std::string message_part;
};

class BadJsonTest : public ::testing::TestWithParam<BadJsonCase> {};

TEST_P(BadJsonTest, ReportsWhereAndWhy) {
  const BadJsonCase& c = GetParam();
  JsonParseResult r = ParseJson(c.text, "bad.json");
  EXPECT_FALSE(r.root);
  ASSERT_EQ(r.diagnostics.size(), 1u) << FormatDiagnostics(r.diagnostics);
  const Diagnostic& d = r.diagnostics[0];
  EXPECT_EQ(d.location.file, "bad.json");
  EXPECT_EQ(FormatPosition(d.location.span.begin), c.position) << d.message;
  EXPECT_THAT(d.message, HasSubstr(c.message_part));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadJsonTest,
    ::testing::Values(BadJsonCase{"", "1:1", "empty"},
                      BadJsonCase{"\xEF\xBB\xBF{}", "1:1", "byte order mark"},
                      BadJsonCase{"   \n ", "2:2", "empty"},
                      BadJsonCase{"{\"a\": 1,}", "1:9", "trailing comma before '}'"},
                      BadJsonCase{"[1, 2,]", "1:7", "trailing comma before ']'"},
                      BadJsonCase{"{\"a\" 1}", "1:6", "expected ':'"},
                      BadJsonCase{"{\n  \"a\": 1\n  \"b\": 2\n}", "3:3", "expected ',' or '}'"},
                      BadJsonCase{"{'a': 1}", "1:2", "double-quoted key"},
                      BadJsonCase{"{\"a\": tru}", "1:7", "invalid literal"},
                      BadJsonCase{"{\"a\": 01}", "1:7", "leading zeros"},
                      BadJsonCase{"{\"a\": \"x\ny\"}", "1:9", "control character"},
                      BadJsonCase{"{\"a\": \"\\q\"}", "1:8", "invalid escape"},
                      BadJsonCase{"{\"a\": \"\\u12G4\"}", "1:8", "four hexadecimal digits"},
                      BadJsonCase{"{\"a\": \"abc", "1:7", "unterminated string"},
                      BadJsonCase{"{\"a\": [1, 2", "1:12", "an array is not closed"},
                      BadJsonCase{"{\"a\": 1} x", "1:10", "after the end"},
                      BadJsonCase{"{\"a\": 1}}", "1:9", "after the end"},
                      BadJsonCase{"{\"a\": \"\xFF\"}", "1:8", "invalid UTF-8"},
                      BadJsonCase{"{\"a\": 1e}", "1:7", "exponent"},
                      BadJsonCase{"[-]", "1:2", "expected a digit"},
                      BadJsonCase{"{\"a\": 1, \"b\": 2, \"a\": 3}", "1:18",
                                  "duplicate key \"a\" (first defined at 1:2)"}));

TEST(JsonTreeTest, RejectsDocumentsAboveTheSizeLimit) {
  JsonLimits limits;
  limits.max_bytes = 10;
  JsonParseResult r = ParseJson("{\"abc\": \"defgh\"}", "big.json", limits);
  EXPECT_FALSE(r.root);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].rule, Rule::kInputLimit);
  EXPECT_THAT(r.diagnostics[0].message, HasSubstr("iamsim's limit is 10 bytes"));
  EXPECT_EQ(FormatPosition(r.diagnostics[0].location.span.begin), "1:1");
}

// RFC 8259 allows any number; range is for whoever reads it (a condition
// value 1e999 is then an invalid-condition-value, located at the value).
TEST(JsonTreeTest, NumbersAreKeptAsWritten) {
  JsonParseResult r = ParseJson("{\"a\": 1e999, \"b\": -0.50}", "n.json");
  ASSERT_TRUE(r.root) << FormatDiagnostics(r.diagnostics);
  EXPECT_EQ(r.root->Find("a")->text, "1e999");
  EXPECT_EQ(r.root->Find("b")->text, "-0.50");
}

// An unterminated [[[... of 100,000 levels: an input-limit error at the 33rd
// bracket, in linear time and memory (it once exhausted memory).
TEST(JsonTreeTest, DeepUnterminatedNestingIsALocatedLimitError) {
  const std::string deep(100000, '[');
  JsonParseResult r = ParseJson(deep, "deep.json");
  EXPECT_FALSE(r.root);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].rule, Rule::kInputLimit);
  EXPECT_EQ(FormatPosition(r.diagnostics[0].location.span.begin), "1:33");
}

// Documents held in JSON strings (AWS CLI output, simulate-custom-policy
// requests) are located in the file the user has, through the escapes.
TEST(JsonTreeTest, EmbeddedDocumentsAreLocatedThroughEscapes) {
  // Columns counted independently (Python str.index + 1).
  const SourceText outer("req.json", "{\"P\": \"{\\\"A\\\":\\n\\t[1, \\\"\\u00e9x\\\", 2]}\"}");
  JsonParseResult file = ParseJson(outer);
  ASSERT_TRUE(file.root) << FormatDiagnostics(file.diagnostics);
  const JsonValue& string_value = *file.root->Find("P");
  JsonParseResult inner =
      ParseEmbeddedJson(outer, string_value, "/P", DocumentEncoding::kJsonString);
  ASSERT_TRUE(inner.root) << FormatDiagnostics(inner.diagnostics);
  const JsonValue& list = *inner.root->Find("A");
  // "\"A\"" starts at column 9 of the file (the backslash of \").
  EXPECT_EQ(FormatPosition(inner.root->members[0].key_span.begin), "1:9");
  EXPECT_EQ(FormatPosition(list.span.begin), "1:19");
  EXPECT_EQ(FormatPosition(list.items[1].span.begin), "1:23");
  EXPECT_EQ(FormatPosition(list.items[2].span.begin), "1:36");
  // An error inside the string, at its place in the file.
  const SourceText bad("req.json", "{\"P\": \"{\\\"A\\\": tru}\"}");
  JsonParseResult bad_file = ParseJson(bad);
  ASSERT_TRUE(bad_file.root);
  JsonParseResult bad_inner =
      ParseEmbeddedJson(bad, *bad_file.root->Find("P"), "/P", DocumentEncoding::kJsonString);
  ASSERT_EQ(bad_inner.diagnostics.size(), 1u);
  EXPECT_EQ(FormatDiagnostic(bad_inner.diagnostics[0]),
            "req.json:1:16: error json-syntax: invalid JSON: invalid literal: expected true, "
            "false or null (at /P /A)");
}

TEST(JsonTreeTest, UrlEncodedDocumentsArePercentDecodedOnly) {
  const SourceText outer("gaad.json", "{\"D\": \"%7B%22a%22%3A%22x+y%2Bz%22%7D\"}");
  JsonParseResult file = ParseJson(outer);
  ASSERT_TRUE(file.root);
  const JsonValue& s = *file.root->Find("D");
  EXPECT_EQ(DetectStringEncoding(s.text), DocumentEncoding::kUrlEncoded);
  JsonParseResult inner = ParseEmbeddedJson(outer, s, "/D", DocumentEncoding::kUrlEncoded);
  ASSERT_TRUE(inner.root) << FormatDiagnostics(inner.diagnostics);
  EXPECT_EQ(inner.root->Find("a")->text, "x+y+z");  // '+' stays '+'; %2B is '+'.
  // The value "x+y%2Bz" starts at its %22 quote: column 21 of the file.
  EXPECT_EQ(FormatPosition(inner.root->Find("a")->span.begin), "1:21");
}

TEST(JsonTreeTest, RejectsNestingBeyondTheDepthLimitWithoutRecursingFurther) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  JsonParseResult r = ParseJson(deep, "deep.json");
  EXPECT_FALSE(r.root);
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_EQ(r.diagnostics[0].rule, Rule::kInputLimit);
  EXPECT_EQ(FormatPosition(r.diagnostics[0].location.span.begin), "1:33");
  std::string pointer_of_33rd_array;
  for (int i = 0; i < 32; ++i) pointer_of_33rd_array += "/0";
  EXPECT_EQ(r.diagnostics[0].location.path, pointer_of_33rd_array);
}

TEST(JsonTreeTest, LocatorAcceptsValidJson) {
  EXPECT_FALSE(LocateSyntaxError("{\"a\": [1, -2.5e+3, \"\\u00e9\", true, false, null, {}]}"));
}

}  // namespace
}  // namespace iamsim

namespace iamsim {
namespace {

// "\n", "\r\n" and a lone "\r" end lines; columns count code points.
TEST(LineIndexTest, LineEndsAndCodePoints) {
  const std::string text =
      "a\nb\r\nc\rd\xC3\xA9"
      "e\n\r\n";
  LineIndex lines(text);
  EXPECT_EQ(FormatPosition(lines.PositionAt(0)), "1:1");
  EXPECT_EQ(FormatPosition(lines.PositionAt(2)), "2:1");   // b
  EXPECT_EQ(FormatPosition(lines.PositionAt(5)), "3:1");   // c
  EXPECT_EQ(FormatPosition(lines.PositionAt(7)), "4:1");   // d
  EXPECT_EQ(FormatPosition(lines.PositionAt(10)), "4:3");  // e, after the two-byte é
  EXPECT_EQ(FormatPosition(lines.PositionAt(12)), "5:1");  // the \r\n line
  EXPECT_EQ(FormatPosition(lines.PositionAt(14)), "6:1");  // past the end
  std::string long_line(200, 'x');
  long_line += "\xC3\xA9y";
  LineIndex long_lines(long_line);
  EXPECT_EQ(FormatPosition(long_lines.PositionAt(202)), "1:202");  // y
}

}  // namespace
}  // namespace iamsim
