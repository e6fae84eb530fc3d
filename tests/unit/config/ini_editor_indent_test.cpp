// Where a new key goes in a section that has no keys yet (fuzz reproducer
// ini_editor/new_key_under_indented_header). configparser, which botocore uses, reads a line
// indented deeper than the key above it as that key's continuation, skipping blank and
// comment lines; so a new key must be indented at least as deep as the next line that is
// neither, or that line (say an indented header `  [b]`) and all it holds would be lost.
#include "awsume_shell/config/ini_editor.hpp"

#include <gtest/gtest.h>

#include "awsume_shell/config/ini_reader.hpp"

using awsume_shell::config::parse_ini;
using awsume_shell::config::replace_section_keys;
using awsume_shell::config::set_ini_value;

namespace {

std::string edit(std::string_view text, const std::string& section, const std::string& key, const std::string& value) {
    auto out = set_ini_value(text, section, key, value);
    EXPECT_TRUE(out) << (out ? "" : out.error().message);
    return out ? *out : "";
}

/// Section names and their key counts, as the reader sees them.
std::string shape_of(std::string_view text) {
    auto doc = parse_ini(text, "f");
    if (!doc) {
        return doc.error().message;
    }
    std::string out;
    for (const auto& section : doc->sections) {
        out += "[" + section.name + "]" + std::to_string(section.entries.size()) + " ";
    }
    return out;
}

}  // namespace

TEST(IniEditorIndent, NewKeyDoesNotSwallowAnIndentedNextHeader) {
    const std::string out = edit("  [a]\n  [b]\n", "a", "k", "v");
    EXPECT_EQ(out, "  [a]\n  k = v\n  [b]\n");
    EXPECT_EQ(shape_of(out), "[a]1 [b]0 ");
}

TEST(IniEditorIndent, NextHeaderDeeperThanItsOwnSection) {
    const std::string out = edit("[a]\n\n    [b]\n    x = 1\n", "a", "k", "v");
    EXPECT_EQ(out, "[a]\n    k = v\n\n    [b]\n    x = 1\n");
    EXPECT_EQ(shape_of(out), "[a]1 [b]1 ");
}

TEST(IniEditorIndent, CommentsBetweenDoNotDecideTheIndent) {
    // configparser skips comment lines whatever their indent: the header after them counts.
    const std::string out = edit("[a]\n      # note\n  [b]\n", "a", "k", "v");
    EXPECT_EQ(out, "[a]\n  k = v\n      # note\n  [b]\n");
    EXPECT_EQ(shape_of(out), "[a]1 [b]0 ");
    EXPECT_EQ(edit("[a]\n# only a comment\n[b]\n", "a", "j", "2"), "[a]\nj = 2\n# only a comment\n[b]\n");
}

TEST(IniEditorIndent, LastSectionTakesTheHeadersIndent) {
    EXPECT_EQ(edit("[x]\n  y = 1\n  [a]\n", "a", "k", "v"), "[x]\n  y = 1\n  [a]\n  k = v\n");
    EXPECT_EQ(edit("\t[a]\n# end\n", "a", "k", "v"), "\t[a]\n\tk = v\n# end\n");
}

TEST(IniEditorIndent, ReplaceSectionKeysInAnEmptySectionToo) {
    auto out = replace_section_keys("  [a]\n  [b]\n  x = 1\n", "a", {"k"}, {{"k", "v"}, {"j", "w"}});
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(*out, "  [a]\n  k = v\n  j = w\n  [b]\n  x = 1\n");
    EXPECT_EQ(shape_of(*out), "[a]2 [b]1 ");
}
