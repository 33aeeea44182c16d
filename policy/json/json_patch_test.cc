// JSON Patch on text: RFC 6902's own examples (appendix A) and the shapes
// fixes meet, each checked byte for byte (untouched bytes stay).
#include "policy/json/json_patch.h"

#include "gtest/gtest.h"

namespace iamsim {
namespace {

struct Row {
  const char* name;
  const char* document;
  JsonPatch patch;
  const char* expected;  // nullptr: the patch must fail.
};

const Row kRows[] = {
    {"A.1 add an object member", R"({ "foo": "bar"})", {{"add", "/baz", R"("qux")"}},
     R"({ "foo": "bar", "baz": "qux"})"},
    {"A.2 add an array element", R"({ "foo": [ "bar", "baz" ] })", {{"add", "/foo/1", R"("qux")"}},
     R"({ "foo": [ "bar", "qux", "baz" ] })"},
    {"A.3 remove an object member", R"({ "baz": "qux", "foo": "bar" })", {{"remove", "/baz", ""}},
     R"({ "foo": "bar" })"},
    {"A.4 remove an array element", R"({ "foo": [ "bar", "qux", "baz" ] })",
     {{"remove", "/foo/1", ""}}, R"({ "foo": [ "bar", "baz" ] })"},
    {"A.5 replace a value", R"({ "baz": "qux", "foo": "bar" })", {{"replace", "/baz", R"("boo")"}},
     R"({ "baz": "boo", "foo": "bar" })"},
    {"A.8 test success", R"({ "baz": "qux", "foo": [ "a", 2, "c" ] })",
     {{"test", "/baz", R"("qux")"}, {"test", "/foo/1", "2"}},
     R"({ "baz": "qux", "foo": [ "a", 2, "c" ] })"},
    {"A.9 test failure", R"({ "baz": "qux" })", {{"test", "/baz", R"("bar")"}}, nullptr},
    {"A.10 add a nested member", R"({ "foo": "bar" })", {{"add", "/child", R"({ "grandchild": { } })"}},
     R"({ "foo": "bar", "child": { "grandchild": { } } })"},
    {"A.12 add to a nonexistent target", R"({ "foo": "bar" })", {{"add", "/baz/bat", R"("qux")"}},
     nullptr},
    {"A.14 ~ escape ordering", R"({ "/": 9, "~1": 10 })", {{"test", "/~01", "10"}},
     R"({ "/": 9, "~1": 10 })"},
    {"A.16 append with -", R"({ "foo": ["bar"] })", {{"add", "/foo/-", R"(["abc", "def"])"}},
     R"({ "foo": ["bar", ["abc", "def"]] })"},
    {"append to an empty array", R"({"Statement": []})", {{"add", "/Statement/-", "{}"}},
     R"({"Statement": [{}]})"},
    {"member of an empty object", R"({"context": {}})",
     {{"add", "/context/aws:SourceVpce", R"("vpce-1")"}},
     R"({"context": {"aws:SourceVpce": "vpce-1"}})"},
    {"key with a slash", R"({"c": {"a": 1}})", {{"add", "/c/aws:PrincipalTag~1team", R"("x")"}},
     R"({"c": {"a": 1, "aws:PrincipalTag/team": "x"}})"},
    {"add over an existing member replaces it", R"({"a": 1, "b": 2})", {{"add", "/a", "3"}},
     R"({"a": 3, "b": 2})"},
    {"remove the last member", "{\n  \"a\": 1,\n  \"b\": 2\n}", {{"remove", "/b", ""}},
     "{\n  \"a\": 1\n}"},
    {"remove the only element", R"([1])", {{"remove", "/0", ""}}, R"([])"},
    {"replace a string Statement by an array, after a test",
     R"({"Statement": {"Effect": "Allow"}})",
     {{"test", "/Statement", R"({"Effect":"Allow"})"},
      {"replace", "/Statement", R"([{"Effect": "Allow"}, {"Effect": "Deny"}])"}},
     R"({"Statement": [{"Effect": "Allow"}, {"Effect": "Deny"}]})"},
    {"test is order-insensitive for members", R"({"a": {"x": 1, "y": 2}})",
     {{"test", "/a", R"({"y": 2, "x": 1.0})"}}, R"({"a": {"x": 1, "y": 2}})"},
    {"replace a missing member fails", R"({"a": 1})", {{"replace", "/b", "2"}}, nullptr},
    {"an index past the end fails", R"([1])", {{"add", "/2", "2"}}, nullptr},
    {"a leading zero is no index", R"([1, 2])", {{"test", "/01", "2"}}, nullptr},
};

TEST(JsonPatchTest, Rows) {
  for (const Row& row : kRows) {
    SCOPED_TRACE(row.name);
    absl::StatusOr<std::string> out = ApplyJsonPatch(row.document, row.patch);
    if (row.expected == nullptr) {
      EXPECT_FALSE(out.ok());
    } else {
      ASSERT_TRUE(out.ok()) << out.status().message();
      EXPECT_EQ(*out, row.expected);
    }
  }
}

TEST(JsonPatchTest, Text) {
  EXPECT_EQ(JsonPatchText({{"test", "/a~1b", "1"}, {"remove", "/c", ""}}),
            R"([{"op": "test", "path": "/a~1b", "value": 1}, {"op": "remove", "path": "/c"}])");
  EXPECT_EQ(JsonStringLiteral("a\"b\\c\n\x01"), R"("a\"b\\c\n\u0001")");
}

}  // namespace
}  // namespace iamsim
