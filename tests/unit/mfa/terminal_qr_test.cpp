#include "awsume_shell/mfa/terminal_qr.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <vector>

namespace awsume_shell::mfa {
namespace {

/// 1x1 code with a dark module: the drawing is 9x9 modules with the quiet zone.
QrMatrix one_dark() { return QrMatrix{1, {true}}; }

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

const std::string k_full = "\u2588";
const std::string k_upper = "\u2580";
const std::string k_lower = "\u2584";

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) {
        out += s;
    }
    return out;
}

TEST(TerminalQr, HalfBlocksWithQuietZoneInkIsLight) {
    // 9 module rows -> 5 text lines; the dark module is row 4 (top half of line 2).
    const auto lines = lines_of(render_terminal_qr(one_dark(), {}));
    ASSERT_EQ(lines.size(), 5U);
    EXPECT_EQ(lines[0], repeat(k_full, 9));
    EXPECT_EQ(lines[1], repeat(k_full, 9));
    EXPECT_EQ(lines[2], repeat(k_full, 4) + k_lower + repeat(k_full, 4));
    EXPECT_EQ(lines[3], repeat(k_full, 9));
    // Row 8 is the last quiet-zone row; the half row below the drawing is never ink.
    EXPECT_EQ(lines[4], repeat(k_upper, 9));
}

TEST(TerminalQr, InvertMakesDarkModulesTheInk) {
    TerminalQrOptions options;
    options.invert = true;
    const auto lines = lines_of(render_terminal_qr(one_dark(), options));
    ASSERT_EQ(lines.size(), 5U);
    EXPECT_EQ(lines[0], std::string(9, ' '));
    EXPECT_EQ(lines[2], std::string(4, ' ') + k_upper + std::string(4, ' '));
    EXPECT_EQ(lines[4], std::string(9, ' '));
}

TEST(TerminalQr, HalfBlockMappingOfTwoRows) {
    // Column 0: dark over dark, 1: dark over light, 2: light over dark, 3: light over light.
    QrMatrix m{4, {true, true, false, false,  //
                   true, false, true, false,  //
                   false, false, false, false,  //
                   false, false, false, false}};
    TerminalQrOptions options;
    options.invert = true;  // ink = dark, easier to read here
    const auto lines = lines_of(render_terminal_qr(m, options));
    ASSERT_EQ(lines.size(), 6U);  // 12 rows -> 6 lines
    EXPECT_EQ(lines[2], std::string(4, ' ') + k_full + k_upper + k_lower + " " + std::string(4, ' '));
}

TEST(TerminalQr, AsciiFallbackUsesTwoCharactersPerModule) {
    TerminalQrOptions options;
    options.utf8 = false;
    const auto lines = lines_of(render_terminal_qr(one_dark(), options));
    ASSERT_EQ(lines.size(), 9U);
    EXPECT_EQ(lines[0], std::string(18, '#'));
    EXPECT_EQ(lines[4], std::string(8, '#') + "  " + std::string(8, '#'));
}

TEST(TerminalQr, ColourWrapsEveryLine) {
    TerminalQrOptions options;
    options.colour = true;
    const auto lines = lines_of(render_terminal_qr(one_dark(), options));
    ASSERT_EQ(lines.size(), 5U);
    for (const auto& line : lines) {
        EXPECT_EQ(line.rfind("\x1b[97;40m", 0), 0U);
        EXPECT_EQ(line.substr(line.size() - 4), "\x1b[0m");
    }
}

TEST(TerminalQr, LocaleDetection) {
    util::Env env;
    EXPECT_FALSE(locale_is_utf8(env));
    env.set("LANG", "en_US.UTF-8");
    EXPECT_TRUE(locale_is_utf8(env));
    env.set("LC_CTYPE", "C");
    EXPECT_FALSE(locale_is_utf8(env));
    env.set("LC_ALL", "C.utf8");
    EXPECT_TRUE(locale_is_utf8(env));
}

}  // namespace
}  // namespace awsume_shell::mfa
