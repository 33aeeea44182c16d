// File: policy/json/source_span.h
//
// Exact positions in a source text. Lines and columns are 1-based; a column
// counts Unicode code points (not bytes) from the start of its line, which is
// what an editor shows. Byte offsets are 0-based. An end position is one past
// the last character of the element, so `begin..end` is a half-open range, as
// SARIF's `endColumn` expects.
//
// Thread-safety: plain values; LineIndex is immutable after construction and
// safe to share between threads.
#ifndef IAMSIM_POLICY_JSON_SOURCE_SPAN_H_
#define IAMSIM_POLICY_JSON_SOURCE_SPAN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace iamsim {

struct SourcePosition {
  uint32_t line = 0;    // 1-based; 0 means "unknown".
  uint32_t column = 0;  // 1-based, in code points.
  uint32_t offset = 0;  // 0-based byte offset.

  friend bool operator==(const SourcePosition& a, const SourcePosition& b) {
    return a.line == b.line && a.column == b.column && a.offset == b.offset;
  }
  friend bool operator<(const SourcePosition& a, const SourcePosition& b) {
    return a.offset < b.offset;
  }
};

struct SourceSpan {
  SourcePosition begin;
  SourcePosition end;  // One past the end.

  bool known() const { return begin.line != 0; }
  friend bool operator==(const SourceSpan& a, const SourceSpan& b) {
    return a.begin == b.begin && a.end == b.end;
  }
};

// "line:column", e.g. "3:17".
std::string FormatPosition(const SourcePosition& position);

// Maps byte offsets of one text to line/column positions.
// The text must outlive the index.
class LineIndex {
 public:
  explicit LineIndex(absl::string_view text);

  SourcePosition PositionAt(size_t offset) const;
  SourceSpan SpanOf(size_t begin_offset, size_t end_offset) const;

 private:
  static constexpr size_t kBlock = 64;
  uint32_t CodePointsBefore(size_t offset) const;

  absl::string_view text_;
  std::vector<uint32_t> line_starts_;               // Byte offset of each line's start.
  std::vector<uint32_t> code_points_before_block_;  // Per kBlock bytes, and one past the end.
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_JSON_SOURCE_SPAN_H_
