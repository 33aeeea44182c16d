// File: policy/arn/byte_scan.h
//
// Byte scans for the short strings of a request (ARNs, action names: tens of
// bytes), eight bytes at a time in a 64-bit word ("SWAR"). For such strings a
// libc call per search costs more than the search: these stay inline.
//
// Thread-safety: pure functions. None allocates.
#ifndef IAMSIM_POLICY_ARN_BYTE_SCAN_H_
#define IAMSIM_POLICY_ARN_BYTE_SCAN_H_

#include <cstdint>
#include <cstring>

#include "absl/strings/string_view.h"

namespace iamsim {
namespace byte_scan_internal {

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

inline uint64_t Load8(const char* p) {
  uint64_t word;
  std::memcpy(&word, p, sizeof(word));
  return word;
}

// The high bit of every byte of `word` that is zero, and of no other byte.
inline uint64_t ZeroBytes(uint64_t word) {
  const uint64_t low7 = ~kHighBits;
  return ~(((word & low7) + low7) | word | low7);
}

inline uint64_t BytesEqualTo(uint64_t word, char c) {
  return ZeroBytes(word ^ (kOnes * static_cast<unsigned char>(c)));
}

// Index (0..7) of the lowest flagged byte; `flags` must be nonzero.
inline size_t LowestFlaggedByte(uint64_t flags) {
  return static_cast<size_t>(__builtin_ctzll(flags)) / 8;
}

}  // namespace byte_scan_internal

// Index of the first `c` in `text` at or after `from`, or npos.
inline size_t FindChar(absl::string_view text, char c, size_t from = 0) {
  using namespace byte_scan_internal;
  size_t i = from;
  for (; i + 8 <= text.size(); i += 8) {
    const uint64_t flags = BytesEqualTo(Load8(text.data() + i), c);
    if (flags != 0) return i + LowestFlaggedByte(flags);
  }
  for (; i < text.size(); ++i) {
    if (text[i] == c) return i;
  }
  return absl::string_view::npos;
}

// Calls fn(index) for each `c` in `text`, in order, until fn returns false.
template <typename Fn>
inline void ForEachChar(absl::string_view text, char c, Fn&& fn) {
  using namespace byte_scan_internal;
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    for (uint64_t flags = BytesEqualTo(Load8(text.data() + i), c); flags != 0; flags &= flags - 1) {
      if (!fn(i + LowestFlaggedByte(flags))) return;
    }
  }
  for (; i < text.size(); ++i) {
    if (text[i] == c && !fn(i)) return;
  }
}

// Whether any of `chars` (a handful of characters) occurs in `text`.
inline bool ContainsAnyOf(absl::string_view text, absl::string_view chars) {
  using namespace byte_scan_internal;
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    const uint64_t word = Load8(text.data() + i);
    uint64_t flags = 0;
    for (char c : chars) flags |= BytesEqualTo(word, c);
    if (flags != 0) return true;
  }
  for (; i < text.size(); ++i) {
    for (char c : chars) {
      if (text[i] == c) return true;
    }
  }
  return false;
}

// a == b, inline for the short strings compared per request (account ids,
// names, service prefixes, ARNs): word loads instead of a memcmp call.
inline bool ShortEquals(absl::string_view a, absl::string_view b) {
  using namespace byte_scan_internal;
  const size_t n = a.size();
  if (n != b.size()) return false;
  if (n >= 8) {
    size_t i = 0;
    for (; i + 8 < n; i += 8) {
      if (Load8(a.data() + i) != Load8(b.data() + i)) return false;
    }
    // The last word, overlapping the previous one when n is not a multiple of 8.
    return Load8(a.data() + n - 8) == Load8(b.data() + n - 8);
  }
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// Whether `text` starts with `prefix` (see ShortEquals).
inline bool ShortStartsWith(absl::string_view text, absl::string_view prefix) {
  return text.size() >= prefix.size() && ShortEquals(text.substr(0, prefix.size()), prefix);
}

// Writes `text` with ASCII A-Z lowered to `out` (text.size() bytes).
inline void LowerAsciiInto(absl::string_view text, char* out) {
  using namespace byte_scan_internal;
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    const uint64_t word = Load8(text.data() + i);
    const uint64_t low7 = word & ~kHighBits;
    // High bit of each byte: 'A' <= byte (as 7 bits) and byte <= 'Z', ASCII only.
    const uint64_t at_least_a = low7 + kOnes * (0x80 - 'A');
    const uint64_t above_z = low7 + kOnes * (0x7f - 'Z');
    const uint64_t upper = at_least_a & ~above_z & ~word & kHighBits;
    const uint64_t lowered = word | (upper >> 2);  // 0x80 >> 2 == 0x20, the case bit.
    std::memcpy(out + i, &lowered, sizeof(lowered));
  }
  for (; i < text.size(); ++i) {
    const char c = text[i];
    out[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
  }
}

}  // namespace iamsim

#endif  // IAMSIM_POLICY_ARN_BYTE_SCAN_H_
