// The word-at-a-time scans and comparisons agree with the obvious byte loops: every length
// around the 8-byte word size, every position, bytes above 0x7f (which must
// never be mistaken for ASCII letters or separators).
#include "policy/arn/byte_scan.h"

#include <random>
#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace iamsim {
namespace {

size_t NaiveFind(const std::string& text, char c, size_t from) {
  for (size_t i = from; i < text.size(); ++i) {
    if (text[i] == c) return i;
  }
  return absl::string_view::npos;
}

bool NaiveContainsAnyOf(const std::string& text, const std::string& chars) {
  return text.find_first_of(chars) != std::string::npos;
}

std::string NaiveLower(const std::string& text) {
  std::string out = text;
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Letters at the edges of A-Z, separators, and bytes that differ from them
// only in the high bit or the case bit.
const char kAlphabet[] = {'A', 'Z', '@', '[', 'a', 'z', '`', '{', ':', ';', '*', '?', '/', ' ',
                          '\x01', '\x00', '\x7f', '\x80', '\xc1', '\xda', '\xba', '\xaa', '\xff'};

std::string RandomText(std::mt19937* rng, size_t size) {
  std::uniform_int_distribution<size_t> pick(0, sizeof(kAlphabet) - 1);
  std::string text(size, ' ');
  for (char& c : text) c = kAlphabet[pick(*rng)];
  return text;
}

TEST(ByteScanTest, AgreesWithByteLoopsOnRandomText) {
  std::mt19937 rng(20261126);
  for (int round = 0; round < 20000; ++round) {
    const std::string text = RandomText(&rng, static_cast<size_t>(round % 40));
    const size_t from = text.empty() ? 0 : static_cast<size_t>(rng()) % (text.size() + 1);
    for (char c : {':', '*', 'A', '\x80', '\xba'}) {
      ASSERT_EQ(FindChar(text, c, from), NaiveFind(text, c, from))
          << "text size " << text.size() << " char " << static_cast<int>(c) << " from " << from;
    }
    for (const std::string chars : {"*?", " */:", "Z", "\xff"}) {
      ASSERT_EQ(ContainsAnyOf(text, chars), NaiveContainsAnyOf(text, chars)) << text.size();
    }
    // Equal, one byte changed (anywhere, including the overlap of the last
    // word), or unrelated.
    std::string other = rng() % 3 == 0 ? RandomText(&rng, text.size()) : text;
    if (!other.empty() && rng() % 2 == 0) other[rng() % other.size()] ^= 0x01;
    ASSERT_EQ(ShortEquals(text, other), text == other) << text.size();
    const size_t cut = text.empty() ? 0 : static_cast<size_t>(rng()) % (text.size() + 1);
    ASSERT_EQ(ShortStartsWith(other, text.substr(0, cut)), absl::StartsWith(other, text.substr(0, cut)));
    std::string lowered(text.size(), '\0');
    LowerAsciiInto(text, lowered.data());
    ASSERT_EQ(lowered, NaiveLower(text)) << text.size();
  }
}

TEST(ByteScanTest, ForEachCharVisitsEveryOccurrenceUntilStopped) {
  const std::string arn = "arn:aws:lambda:us-east-1:444455556666:function:QiitaSample:prod";
  std::vector<size_t> all;
  ForEachChar(arn, ':', [&](size_t i) {
    all.push_back(i);
    return true;
  });
  EXPECT_EQ(all, (std::vector<size_t>{3, 7, 14, 24, 37, 46, 58}));
  std::vector<size_t> first_two;
  ForEachChar(arn, ':', [&](size_t i) {
    first_two.push_back(i);
    return first_two.size() < 2;
  });
  EXPECT_EQ(first_two, (std::vector<size_t>{3, 7}));
}

}  // namespace
}  // namespace iamsim
