// File: policy/explain/json_writer.h
//
// A small streaming JSON writer with two-space indentation, for iamsim's
// JSON and AWS-shaped output. Keys are written in the order given, so output
// is deterministic. Not thread-safe; one writer per document.
#ifndef IAMSIM_POLICY_EXPLAIN_JSON_WRITER_H_
#define IAMSIM_POLICY_EXPLAIN_JSON_WRITER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace iamsim {

class JsonWriter {
 public:
  // `indent`: levels of indentation the text starts at (when it is pasted
  // inside another document).
  explicit JsonWriter(int indent = 0) : indent_(indent) {}
  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  // Inside an object: the next value's key.
  void Key(absl::string_view key);
  void String(absl::string_view value);
  void Int(int64_t value);
  void Bool(bool value);
  void Null();
  // A value already in JSON (a number as written), copied as is.
  void Raw(absl::string_view json);

  // Convenience: Key + value.
  void Field(absl::string_view key, absl::string_view value) {
    Key(key);
    String(value);
  }
  void Field(absl::string_view key, const char* value) {
    Key(key);
    String(value);
  }
  void Field(absl::string_view key, int64_t value) {
    Key(key);
    Int(value);
  }
  void Field(absl::string_view key, bool value) {
    Key(key);
    Bool(value);
  }

  const std::string& str() const { return out_; }

 private:
  void BeforeValue();
  void Newline();

  std::string out_;
  struct Frame {
    bool is_object;
    bool empty;
  };
  std::vector<Frame> stack_;
  bool after_key_ = false;
  int indent_ = 0;
};

// A JSON string literal for `value`, quotes included.
std::string JsonQuote(absl::string_view value);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EXPLAIN_JSON_WRITER_H_
