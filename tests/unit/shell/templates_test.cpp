#include <gtest/gtest.h>

#include "awsume_shell/shell/templates.hpp"
#include "shell_test_support.hpp"

namespace awsume_shell::shell {
namespace {

TEST(ShellTemplates, EmbeddedCopiesMatchShellrc) {
    for (TemplateId id : {TemplateId::bash, TemplateId::zsh, TemplateId::zsh_startup}) {
        std::string path = std::string(AWSUME_SHELL_SOURCE_DIR) + "/shellrc/" + template_file_name(id);
        std::string on_disk = testing::read_file(path);
        ASSERT_FALSE(on_disk.empty()) << path;
        EXPECT_TRUE(on_disk == template_text(id))
            << path << " differs from the embedded copy (shellrc/embed.sh)";
    }
}

TEST(FillTemplate, QuotesEveryValue) {
    auto out = fill_template("a=@A@ b=@B@ mail=x@y.z @ @@ @lower@ end@",
                             {{"A", "it's $HOME"}, {"B", "plain/path"}});
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(*out, "a='it'\\''s $HOME' b=plain/path mail=x@y.z @ @@ @lower@ end@");
}

TEST(FillTemplate, ListsBecomeSeveralWords) {
    auto out = fill_template("for c in @L@; do", {}, {{"L", {"aws", "my tool"}}});
    ASSERT_TRUE(out);
    EXPECT_EQ(*out, "for c in aws 'my tool'; do");
    EXPECT_EQ(*fill_template("for c in @L@; do", {}, {{"L", {}}}), "for c in ; do");
}

TEST(FillTemplate, OutputIsNotRescanned) {
    EXPECT_EQ(*fill_template("@A@@B@", {{"A", "@B"}, {"B", "x"}}), "@Bx");
}

TEST(FillTemplate, MissingValueNamesThePlaceholder) {
    auto out = fill_template("x=@NOPE@", {});
    ASSERT_FALSE(out);
    EXPECT_NE(out.error().message.find("@NOPE@"), std::string::npos);
}

}  // namespace
}  // namespace awsume_shell::shell
