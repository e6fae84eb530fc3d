// Control bytes in INI files (issue 8 item 13): never a crash, never a hidden line. What
// configparser (and so botocore) does is the reference: a value may hold any byte but a
// line end; a line that is neither a header, a key, a comment nor a continuation is an error.
#include "awsume_shell/config/ini_reader.hpp"

#include <gtest/gtest.h>

#include <string>

using awsume_shell::config::IniOptions;
using awsume_shell::config::parse_ini;

namespace {

std::string error_of(std::string_view text) {
    auto doc = parse_ini(text, "f");
    return doc ? std::string("<parsed>") : doc.error().message;
}

}  // namespace

TEST(IniReaderControlBytes, ValueOfOneControlByteIsAValue) {
    // \x01 was the continuation marker fed to inih: the first key of a section crashed.
    for (char c : std::string("\x01\x02\x1b\x7f")) {
        const std::string text = std::string("[s]\nk = ") + c + "\n";
        auto doc = parse_ini(text, "f");
        ASSERT_TRUE(doc) << doc.error().message;
        ASSERT_EQ(doc->sections.size(), 1u);
        ASSERT_EQ(doc->sections[0].entries.size(), 1u);
        EXPECT_EQ(doc->sections[0].entries[0].value, std::string(1, c));
    }
    IniOptions top;
    top.allow_top_level_keys = true;
    auto doc = parse_ini("k = \x01\n", "f", top);
    ASSERT_TRUE(doc) << doc.error().message;
    EXPECT_EQ(doc->sections.at(0).entries.at(0).value, "\x01");
}

TEST(IniReaderControlBytes, ContinuationOfOneControlByte) {
    auto doc = parse_ini("[s]\nk = a\n  \x01\n", "f");
    ASSERT_TRUE(doc) << doc.error().message;
    EXPECT_EQ(doc->sections[0].entries.at(0).value, "a\n\x01");
}

TEST(IniReaderControlBytes, LineOfOnlyAControlByteIsAnError) {
    EXPECT_EQ(error_of("[s]\nk = v\n\x01\n"), "f:3: not a '[section]' or 'key = value' line");
    EXPECT_EQ(error_of("[s]\n\x01\n"), "f:2: not a '[section]' or 'key = value' line");
}

TEST(IniReaderControlBytes, NulAtLineStartDoesNotHideAHeader) {
    const std::string text("[a]\nk = v\n\0[b]\nx = y\n", 20);
    EXPECT_EQ(error_of(text), "f:3: not a '[section]' or 'key = value' line");
}

TEST(IniReaderControlBytes, NulInsideAValueIsKept) {
    const std::string text("[a]\nk = v\0w\n", 12);
    auto doc = parse_ini(text, "f");
    ASSERT_TRUE(doc) << doc.error().message;
    EXPECT_EQ(doc->sections[0].entries.at(0).value, std::string("v\0w", 3));
}

TEST(IniReaderControlBytes, NulInAKeyLineBeforeTheEqualsSign) {
    const std::string text("[a]\n\0k = v\n", 11);
    auto doc = parse_ini(text, "f");
    ASSERT_TRUE(doc) << doc.error().message;  // configparser: key "\0k"
    EXPECT_EQ(doc->sections[0].entries.at(0).key, std::string("\0k", 2));
}

TEST(IniReaderControlBytes, BomAfterBlanksOnLineOneIsNotSkipped) {
    // inih skips a BOM at the start of the first line it is fed; only the text's own first
    // three bytes are a BOM. configparser reads U+FEFF anywhere else as a character.
    EXPECT_EQ(error_of("  \xEF\xBB\xBF[a]\nk = v\n"), "f:1: not a '[section]' or 'key = value' line");
    EXPECT_EQ(error_of("\v\xEF\xBB\xBF"), "f:1: not a '[section]' or 'key = value' line");
    EXPECT_EQ(error_of("\xEF\xBB\xBF\xEF\xBB\xBF[a]\nk = v\n"), "f:1: not a '[section]' or 'key = value' line");
    IniOptions top;
    top.allow_top_level_keys = true;
    auto doc = parse_ini(" \xEF\xBB\xBF[a]\n", "f", top);
    EXPECT_FALSE(doc);
    doc = parse_ini(" \xEF\xBB\xBFk = v\n", "f", top);
    ASSERT_TRUE(doc) << doc.error().message;
    EXPECT_EQ(doc->sections.at(0).entries.at(0).key, "\xEF\xBB\xBFk");
}
