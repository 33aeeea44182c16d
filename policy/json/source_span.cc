#include "policy/json/source_span.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace iamsim {

std::string FormatPosition(const SourcePosition& position) {
  return absl::StrCat(position.line, ":", position.column);
}

LineIndex::LineIndex(absl::string_view text) : text_(text) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts_.push_back(static_cast<uint32_t>(i + 1));
  }
}

SourcePosition LineIndex::PositionAt(size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(),
                             static_cast<uint32_t>(offset));
  const size_t line = static_cast<size_t>(it - line_starts_.begin());
  const size_t line_start = line_starts_[line - 1];
  uint32_t column = 1;
  for (size_t i = line_start; i < offset; ++i) {
    // Count code points: skip UTF-8 continuation bytes (10xxxxxx).
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
  }
  return SourcePosition{static_cast<uint32_t>(line), column,
                        static_cast<uint32_t>(offset)};
}

SourceSpan LineIndex::SpanOf(size_t begin_offset, size_t end_offset) const {
  return SourceSpan{PositionAt(begin_offset), PositionAt(end_offset)};
}

}  // namespace iamsim
