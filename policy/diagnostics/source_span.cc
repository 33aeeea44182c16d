#include "policy/diagnostics/source_span.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace iamsim {

std::string FormatPosition(const SourcePosition& position) {
  return absl::StrCat(position.line, ":", position.column);
}

namespace {

// Code points start at every byte that is not a UTF-8 continuation byte.
inline bool StartsCodePoint(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

constexpr uint64_t kHigh = 0x8080808080808080ULL;

inline uint64_t Load8(const char* p) {
  uint64_t word;
  std::memcpy(&word, p, sizeof(word));
  return word;
}

// Eight bytes at a time: whether any byte is >= 0x80.
bool HasHighBit(absl::string_view text) {
  size_t i = 0;
  uint64_t any = 0;
  for (; i + 8 <= text.size(); i += 8) any |= Load8(text.data() + i);
  for (; i < text.size(); ++i) any |= static_cast<unsigned char>(text[i]);
  return (any & kHigh) != 0 || (any & 0x80) != 0;
}

// Code points in `text`: bytes that are not continuation bytes (10xxxxxx),
// eight at a time.
uint32_t CountCodePoints(absl::string_view text) {
  size_t i = 0;
  uint32_t count = 0;
  for (; i + 8 <= text.size(); i += 8) {
    const uint64_t w = Load8(text.data() + i);
    const uint64_t continuation = w & ~(w << 1) & kHigh;  // Bit 7 set, bit 6 clear.
    count += 8 - static_cast<uint32_t>(__builtin_popcountll(continuation));
  }
  for (; i < text.size(); ++i) count += StartsCodePoint(text[i]);
  return count;
}

}  // namespace

LineIndex::LineIndex(absl::string_view text) : text_(text) {
  line_starts_.push_back(0);
  // "\n", "\r\n" and a lone "\r" end a line: the '\n's and the '\r's not
  // followed by '\n', found with memchr and merged in order.
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  auto next = [end](const char* from, char c) -> const char* {
    const void* p = from < end ? std::memchr(from, c, end - from) : nullptr;
    return p != nullptr ? static_cast<const char*>(p) : end;
  };
  const char* newline = next(begin, '\n');
  const char* carriage = next(begin, '\r');
  while (newline != end || carriage != end) {
    if (newline < carriage) {
      line_starts_.push_back(static_cast<uint32_t>(newline - begin + 1));
      newline = next(newline + 1, '\n');
    } else {
      if (carriage + 1 == end || carriage[1] != '\n') {
        line_starts_.push_back(static_cast<uint32_t>(carriage - begin + 1));
      }
      carriage = next(carriage + 1, '\r');
    }
  }
  // In an ASCII text (most inputs) a column is an offset difference.
  ascii_ = !HasHighBit(text);
  if (ascii_) return;
  uint32_t code_points = 0;
  code_points_before_block_.reserve(text.size() / kBlock + 2);
  for (size_t block = 0; block < text.size(); block += kBlock) {
    code_points_before_block_.push_back(code_points);
    code_points += CountCodePoints(text.substr(block, kBlock));
  }
  code_points_before_block_.push_back(code_points);
}

uint32_t LineIndex::CodePointsBefore(size_t offset) const {
  if (ascii_) return static_cast<uint32_t>(offset);
  const size_t block = offset / kBlock;
  return code_points_before_block_[block] +
         CountCodePoints(text_.substr(block * kBlock, offset - block * kBlock));
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
