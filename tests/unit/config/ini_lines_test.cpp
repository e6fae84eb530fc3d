// The one INI line scanner: kinds and byte offsets, which the reader, its index and the
// editor all take from it.
#include "awsume_shell/config/ini_lines.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using awsume_shell::config::ini_slice;
using awsume_shell::config::IniLine;
using awsume_shell::config::IniLineKind;
using awsume_shell::config::IniLineScanner;

namespace {

/// "KIND name|value" per line.
std::vector<std::string> describe(std::string_view text, std::size_t from = 0, int first = 1) {
    static const char* const kinds[] = {"blank", "comment", "section", "key", "continuation", "invalid"};
    std::vector<std::string> out;
    IniLineScanner scanner(text, from, first);
    for (IniLine line; scanner.next(line);) {
        out.push_back(std::to_string(line.number) + " " + kinds[static_cast<int>(line.kind)] + " " +
                      std::string(ini_slice(text, line.name_begin, line.name_end)) + "|" +
                      std::string(ini_slice(text, line.value_begin, line.value_end)));
    }
    return out;
}

}  // namespace

TEST(IniLines, KindsNamesAndValues) {
    EXPECT_EQ(describe("\xEF\xBB\xBF[ a b ]\n  # c\nKey = v ;x \ns3 =\n  max = 1\n\n[]\n"),
              (std::vector<std::string>{"1 section  a b |", "2 comment |", "3 key Key|v ;x", "4 key s3|",
                                        "5 continuation |max = 1", "6 blank |", "7 invalid |"}));
    EXPECT_EQ(describe("k: v\n[a\nno separator\n[a=b\n"),
              (std::vector<std::string>{"1 key k|v", "2 invalid |", "3 invalid |", "4 invalid [a|b"}));
}

TEST(IniLines, LineEndsAndOffsets) {
    const std::string text = "[a]\r\nk = v\rj = w\n  x";
    IniLineScanner scanner(text);
    IniLine line;
    ASSERT_TRUE(scanner.next(line));
    EXPECT_EQ(line.begin, 0u);
    EXPECT_EQ(line.end, 3u);
    EXPECT_EQ(line.next, 5u);
    ASSERT_TRUE(scanner.next(line));
    EXPECT_EQ(line.separator, 7u);
    EXPECT_EQ(line.next, 11u);
    ASSERT_TRUE(scanner.next(line));
    ASSERT_TRUE(scanner.next(line));
    EXPECT_EQ(line.kind, IniLineKind::continuation);
    EXPECT_EQ(line.indent(), 2u);
    EXPECT_EQ(line.next, text.size());
    EXPECT_FALSE(scanner.next(line));
}

TEST(IniLines, FromASectionStartNumbersOn) {
    const std::string text = "[a]\nk = 1\n[b]\n  j = 2\n";
    // From [b]: the indented key is not a continuation (no key is open at a header).
    EXPECT_EQ(describe(text, 10, 3), (std::vector<std::string>{"3 section b|", "4 key j|2"}));
}
