#include "policy/diagnostics/source_span.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace iamsim {

std::string FormatPosition(const SourcePosition& position) {
  return absl::StrCat(position.line, ":", position.column);
}

namespace {

// Code points start at every byte that is not a UTF-8 continuation byte.
inline bool StartsCodePoint(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

}  // namespace

LineIndex::LineIndex(absl::string_view text) : text_(text) {
  line_starts_.push_back(0);
  uint32_t code_points = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i % kBlock == 0) code_points_before_block_.push_back(code_points);
    code_points += StartsCodePoint(text[i]);
    // "\n", "\r\n" and a lone "\r" end a line.
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      line_starts_.push_back(static_cast<uint32_t>(i + 1));
    }
  }
  code_points_before_block_.push_back(code_points);
}

uint32_t LineIndex::CodePointsBefore(size_t offset) const {
  const size_t block = offset / kBlock;
  uint32_t count = code_points_before_block_[block];
  for (size_t i = block * kBlock; i < offset; ++i) count += StartsCodePoint(text_[i]);
  return count;
}

SourcePosition LineIndex::PositionAt(size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it =
      std::upper_bound(line_starts_.begin(), line_starts_.end(), static_cast<uint32_t>(offset));
  const size_t line = static_cast<size_t>(it - line_starts_.begin());
  const size_t line_start = line_starts_[line - 1];
  // Columns count code points; O(kBlock) per call, so long one-line
  // (minified) documents stay linear.
  const uint32_t column = CodePointsBefore(offset) - CodePointsBefore(line_start) + 1;
  return SourcePosition{static_cast<uint32_t>(line), column, static_cast<uint32_t>(offset)};
}

SourceSpan LineIndex::SpanOf(size_t begin_offset, size_t end_offset) const {
  return SourceSpan{PositionAt(begin_offset), PositionAt(end_offset)};
}

}  // namespace iamsim
