// replace_section_keys / section_keys (the -o output section) and edit_file_locked (the
// lock and symlink rules shared by -o, -a and provision-mfa).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "awsume_shell/config/ini_editor.hpp"
#include "awsume_shell/config/ini_reader.hpp"
#include "awsume_shell/util/file_lock.hpp"
#include "unit/cache/temp_dir.hpp"

using awsume_shell::config::edit_file_locked;
using awsume_shell::config::FileEdit;
using awsume_shell::config::KeyValues;
using awsume_shell::config::parse_ini;
using awsume_shell::config::replace_section_keys;
using awsume_shell::config::section_keys;
using awsume_shell::config::set_values_in_file;
using awsume_shell::testing::mode_of;
using awsume_shell::testing::read_text;
using awsume_shell::testing::TempDir;
using awsume_shell::testing::write_text;
using awsume_shell::util::FileLock;

namespace {

const std::vector<std::string> k_owned{"aws_access_key_id", "aws_secret_access_key", "aws_session_token",
                                       "expiration"};

std::string replace(std::string_view text, const KeyValues& kv) {
    auto out = replace_section_keys(text, "out", k_owned, kv);
    EXPECT_TRUE(out) << (out ? "" : out.error().message);
    if (out) {
        EXPECT_TRUE(parse_ini(*out, "edited")) << *out;
    }
    return out ? *out : "";
}

}  // namespace

TEST(IniEditorSection, SectionKeysListsTheFirstMatchingSection) {
    const auto keys = section_keys("[a]\nk = 1\n[ out ]\n# c\nManager = x\n  cont\nb: 2\n[c]\nz = 3\n", "out");
    ASSERT_TRUE(keys);
    EXPECT_EQ(*keys, (KeyValues{{"manager", "x"}, {"b", "2"}}));
    EXPECT_FALSE(section_keys("[a]\nk = 1\n", "out"));
    EXPECT_EQ(section_keys("[out]\n", "out"), KeyValues{});
}

TEST(IniEditorSection, ReplacesEveryOwnedKeyAndKeepsTheRest) {
    const std::string text =
        "[a]\nk = 1\n\n[out]\n# mine\naws_access_key_id = OLD\nregion = x\naws_session_token = tok\n"
        "  continued\nexpiration = 2020\n\n[b]\nz = 2\n";
    EXPECT_EQ(replace(text, {{"aws_access_key_id", "NEW"}, {"aws_secret_access_key", "S"}}),
              "[a]\nk = 1\n\n[out]\n# mine\naws_access_key_id = NEW\naws_secret_access_key = S\nregion = x\n"
              "\n[b]\nz = 2\n");
}

TEST(IniEditorSection, KeepsIndentAndLineEnds) {
    EXPECT_EQ(replace("[out]\r\n  aws_access_key_id = OLD\r\n  expiration = 1", {{"aws_access_key_id", "N"}}),
              "[out]\r\n  aws_access_key_id = N\r\n");
}

TEST(IniEditorSection, AddsAfterTheLastKeyOrAppendsTheSection) {
    EXPECT_EQ(replace("[out]\nother = 1", {{"aws_access_key_id", "N"}}), "[out]\nother = 1\naws_access_key_id = N\n");
    EXPECT_EQ(replace("[a]\nk = 1\n", {{"aws_access_key_id", "N"}}), "[a]\nk = 1\n\n[out]\naws_access_key_id = N\n");
}

TEST(IniEditorSection, RefusesAValueThatIsNotOneLine) {
    EXPECT_FALSE(replace_section_keys("", "out", k_owned, {{"aws_access_key_id", "a\nb"}}));
}

TEST(EditFileLocked, WaitsForTheLockBesideTheFile) {
    TempDir dir;
    const std::string path = dir.file("credentials");
    write_text(path, "[a]\nk = 1\n");
    auto held = FileLock::acquire(dir.file(".credentials.lock"), 0);
    ASSERT_TRUE(held);
    bool called = false;
    auto result = edit_file_locked(
        path, 0600, [&](FileEdit&) -> awsume_shell::Result<std::string> { called = true; return std::string("x"); },
        0);
    ASSERT_FALSE(result);
    EXPECT_TRUE(awsume_shell::util::is_lock_timeout(result.error())) << result.error().message;
    EXPECT_FALSE(called);
    EXPECT_EQ(read_text(path), "[a]\nk = 1\n");
    held->release();
    EXPECT_TRUE(set_values_in_file(path, "a", {{"k", "2"}}, 0600));
    EXPECT_EQ(read_text(path), "[a]\nk = 2\n");
}

TEST(EditFileLocked, ADanglingSymlinkGetsItsTargetCreated) {
    TempDir dir;
    ASSERT_EQ(::mkdir(dir.file("dotfiles").c_str(), 0755), 0);
    ASSERT_EQ(::symlink("dotfiles/credentials", dir.file("credentials").c_str()), 0);
    ASSERT_EQ(::symlink("credentials", dir.file("link2").c_str()), 0);  // a chain of two
    ASSERT_TRUE(set_values_in_file(dir.file("link2"), "out", {{"k", "v"}}, 0600));
    EXPECT_EQ(read_text(dir.file("dotfiles/credentials")), "[out]\nk = v\n");
    EXPECT_EQ(mode_of(dir.file("dotfiles/credentials")), 0600u);
    struct stat st {};
    ASSERT_EQ(::lstat(dir.file("credentials").c_str(), &st), 0);
    EXPECT_TRUE(S_ISLNK(st.st_mode));
}

TEST(EditFileLocked, ASymlinkLoopIsAnError) {
    TempDir dir;
    ASSERT_EQ(::symlink("b", dir.file("a").c_str()), 0);
    ASSERT_EQ(::symlink("a", dir.file("b").c_str()), 0);
    EXPECT_FALSE(set_values_in_file(dir.file("a"), "out", {{"k", "v"}}, 0600));
}

TEST(EditFileLocked, AnEditErrorLeavesTheFileAlone) {
    TempDir dir;
    const std::string path = dir.file("config");
    write_text(path, "[a]\n");
    auto result = edit_file_locked(path, 0600, [](FileEdit&) -> awsume_shell::Result<std::string> {
        return awsume_shell::make_error(awsume_shell::Errc::usage, "no");
    });
    EXPECT_FALSE(result);
    EXPECT_EQ(read_text(path), "[a]\n");
}
