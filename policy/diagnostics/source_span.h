// File: policy/diagnostics/source_span.h
//
// Exact positions in a source text. Lines and columns are 1-based; a column
// counts Unicode code points (not bytes) from the start of its line, which is
// what an editor shows. Byte offsets are 0-based. An end position is one past
// the last character of the element, so `begin..end` is a half-open range, as
// SARIF's `endColumn` expects.
//
// Thread-safety: plain values; LineIndex and SourceText are immutable after
// construction and safe to share between threads.
#ifndef IAMSIM_POLICY_DIAGNOSTICS_SOURCE_SPAN_H_
#define IAMSIM_POLICY_DIAGNOSTICS_SOURCE_SPAN_H_

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
  bool ascii_ = true;                               // Then a code point is a byte.
  std::vector<uint32_t> line_starts_;               // Byte offset of each line's start.
  std::vector<uint32_t> code_points_before_block_;  // Per kBlock bytes (non-ASCII texts only).
};

// A named text (usually a file) and its line index. Spans of everything
// parsed from it, including documents embedded in it as strings, are
// positions in this text. Neither copyable nor movable: the index points into
// the text. Immutable; safe to share between threads.
class SourceText {
 public:
  SourceText(std::string name, std::string text)
      : name_(std::move(name)), text_(std::move(text)), lines_(text_) {}
  SourceText(const SourceText&) = delete;
  SourceText& operator=(const SourceText&) = delete;

  const std::string& name() const { return name_; }
  absl::string_view text() const { return text_; }
  const LineIndex& lines() const { return lines_; }

 private:
  const std::string name_;
  const std::string text_;
  const LineIndex lines_;
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_DIAGNOSTICS_SOURCE_SPAN_H_
