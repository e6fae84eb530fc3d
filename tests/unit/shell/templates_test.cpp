#include <gtest/gtest.h>

#include <filesystem>

#include "awsume_shell/shell/shell_flavour.hpp"
#include "awsume_shell/shell/templates.hpp"
#include "shell_test_support.hpp"

namespace awsume_shell::shell {
namespace {

/// The template on disk with each `# @part NAME` line replaced by shellrc/parts/NAME, as
/// shellrc/embed.sh pastes it.
std::string expanded_from_disk(const std::string& shellrc, const std::string& file_name) {
    std::string text = testing::read_file(shellrc + file_name);
    const std::string directive = "# @part ";
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        end = end == std::string::npos ? text.size() : end + 1;
        std::string line = text.substr(pos, end - pos);
        if (line.rfind(directive, 0) == 0) {
            std::string part = line.substr(directive.size());
            part.erase(part.find_last_not_of('\n') + 1);
            line = testing::read_file(shellrc + "parts/" + part);
            EXPECT_FALSE(line.empty()) << file_name << ": no part " << part;
        }
        out += line;
        pos = end;
    }
    return out;
}

TEST(ShellTemplates, EmbeddedCopiesMatchShellrc) {
    const std::string shellrc = std::string(AWSUME_SHELL_SOURCE_DIR) + "/shellrc/";
    std::size_t on_disk_count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(shellrc)) {
        on_disk_count += entry.is_regular_file() && entry.path().filename() != "embed.sh" ? 1 : 0;
    }
    EXPECT_EQ(embedded_templates().size(), on_disk_count);
    for (const EmbeddedTemplate& embedded : embedded_templates()) {
        std::string on_disk = expanded_from_disk(shellrc, std::string(embedded.file_name));
        ASSERT_FALSE(on_disk.empty()) << embedded.file_name;
        EXPECT_TRUE(on_disk == embedded.text)
            << embedded.file_name << " differs from the embedded copy (shellrc/embed.sh)";
        EXPECT_EQ(embedded.text.find("# @part "), std::string_view::npos) << embedded.file_name;
    }
}

TEST(ShellTemplates, EveryRowNamesAnEmbeddedTemplate) {
    for (const ShellFlavour& shell : shell_flavours()) {
        for (const RcFile& file : shell.rc_files) {
            EXPECT_TRUE(template_text(file.template_name)) << shell.name << ": " << file.template_name;
        }
    }
    EXPECT_FALSE(template_text("nope.sh"));
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
