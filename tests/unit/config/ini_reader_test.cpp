#include "awsume_shell/config/ini_reader.hpp"

#include <gtest/gtest.h>

using awsume_shell::Errc;
using awsume_shell::config::IniDocument;
using awsume_shell::config::parse_ini;

namespace {

IniDocument parse_ok(std::string_view text) {
    auto doc = parse_ini(text, "cfg");
    EXPECT_TRUE(doc) << (doc ? "" : doc.error().message);
    return doc ? *doc : IniDocument{};
}

std::string parse_error(std::string_view text) {
    auto doc = parse_ini(text, "/home/u/.aws/config");
    EXPECT_FALSE(doc);
    if (doc) {
        return "";
    }
    EXPECT_EQ(doc.error().code, Errc::config);
    return doc.error().message;
}

}  // namespace

TEST(IniReader, ReadsSectionsKeysAndLines) {
    auto doc = parse_ok("# top comment\n[default]\nregion = eu-west-1\n\n[profile dev]\noutput: json\n");
    ASSERT_EQ(doc.sections.size(), 2u);
    EXPECT_EQ(doc.sections[0].name, "default");
    EXPECT_EQ(doc.sections[0].line, 2);
    EXPECT_EQ(doc.sections[0].entries[0].key, "region");
    EXPECT_EQ(doc.sections[0].entries[0].value, "eu-west-1");
    EXPECT_EQ(doc.sections[0].entries[0].line, 3);
    EXPECT_EQ(doc.sections[1].name, "profile dev");
    EXPECT_EQ(doc.sections[1].find("output")->value, "json");
}

TEST(IniReader, HandlesCrlfCrAndBom) {
    auto doc = parse_ok("\xEF\xBB\xBF[default]\r\nregion = us-east-1\r\n\r\n[b]\rk = v\r");
    ASSERT_EQ(doc.sections.size(), 2u);
    EXPECT_EQ(doc.sections[0].name, "default");
    EXPECT_EQ(doc.sections[0].find("region")->value, "us-east-1");
    EXPECT_EQ(doc.sections[1].find("k")->value, "v");
    EXPECT_EQ(doc.sections[1].find("k")->line, 5);
}

TEST(IniReader, NoInlineCommentsSoSecretsKeepSemicolonAndHash) {
    auto doc = parse_ok("[a]\nsecret = abc ;def #ghi\nother=x;y\n  ; indented comment\n# c\n");
    EXPECT_EQ(doc.sections[0].find("secret")->value, "abc ;def #ghi");
    EXPECT_EQ(doc.sections[0].find("other")->value, "x;y");
    EXPECT_EQ(doc.sections[0].entries.size(), 2u);
}

TEST(IniReader, LongValuesSurviveWhole) {
    const std::string token(2000, 'T');
    const std::string long_name(80, 'n');
    auto doc = parse_ok("[" + long_name + "]\naws_session_token = " + token + "\nnext = 1\n");
    ASSERT_EQ(doc.sections.size(), 1u);
    EXPECT_EQ(doc.sections[0].name, long_name);
    EXPECT_EQ(doc.sections[0].find("aws_session_token")->value, token);
    EXPECT_EQ(doc.sections[0].find("next")->line, 3);
}

TEST(IniReader, IndentedLinesContinueTheKeyAbove) {
    auto doc = parse_ok("[profile a]\nregion = x\ns3 =\n  max_concurrent_requests = 10\n  # note\n"
                        "  addressing_style = path\nafter = y\n");
    const auto& s = doc.sections[0];
    ASSERT_EQ(s.entries.size(), 3u);
    EXPECT_EQ(s.find("s3")->value, "\nmax_concurrent_requests = 10\naddressing_style = path");
    EXPECT_EQ(s.find("after")->value, "y");
    EXPECT_EQ(s.find("max_concurrent_requests"), nullptr);
}

TEST(IniReader, EquallyIndentedKeysAreSeparateKeys) {
    auto doc = parse_ok("[a]\n  region = x\n  output = json\n    deeper = continues\n");
    const auto& s = doc.sections[0];
    ASSERT_EQ(s.entries.size(), 2u);
    EXPECT_EQ(s.find("region")->value, "x");
    EXPECT_EQ(s.find("output")->value, "json\ndeeper = continues");
}

TEST(IniReader, KeysAreLowercasedAndTrimmedSectionsKeptAsWritten) {
    auto doc = parse_ok("[Profile Dev]\n  AWS_Access_Key_ID   =   AKIA  \nempty=\n");
    EXPECT_EQ(doc.sections[0].name, "Profile Dev");
    EXPECT_EQ(doc.sections[0].find("aws_access_key_id")->value, "AKIA");
    EXPECT_EQ(doc.sections[0].find("empty")->value, "");
}

TEST(IniReader, SplitsAtTheFirstEqualsOrColon) {
    auto doc = parse_ok("[a]\nrole_arn = arn:aws:iam::1:role/x\nurl: http://h:1/=x\n");
    EXPECT_EQ(doc.sections[0].find("role_arn")->value, "arn:aws:iam::1:role/x");
    EXPECT_EQ(doc.sections[0].find("url")->value, "http://h:1/=x");
}

TEST(IniReader, SectionHeaderRunsToTheLastBracket) {
    auto doc = parse_ok("[a] ; not a comment in configparser either\nk=v\n");
    EXPECT_EQ(doc.sections[0].name, "a");
}

TEST(IniReader, GarbageLineNamesFileAndLine) {
    EXPECT_EQ(parse_error("[a]\nk = v\ngarbage\n"), "/home/u/.aws/config:3: not a '[section]' or 'key = value' line");
}

TEST(IniReader, KeyBeforeAnySectionIsAnError) {
    EXPECT_EQ(parse_error("\nregion = x\n[a]\n"),
              "/home/u/.aws/config:2: key outside of a section (add a [section] header above it)");
}

TEST(IniReader, TopLevelKeysAllowedWhenAsked) {
    auto doc = parse_ini("role_prefix = x\n[settings]\nk = v\n", "s", {.allow_top_level_keys = true});
    ASSERT_TRUE(doc);
    ASSERT_EQ(doc->sections.size(), 2u);
    EXPECT_EQ(doc->sections[0].name, "");
    EXPECT_EQ(doc->sections[0].find("role_prefix")->value, "x");
}

TEST(IniReader, BrokenHeadersAndEmptyKeysAreErrors) {
    EXPECT_EQ(parse_error("[a]\nk=v\n[profile b\n"), "/home/u/.aws/config:3: section header without ']'");
    EXPECT_EQ(parse_error("[]\n"), "/home/u/.aws/config:1: empty section name '[]'");
    EXPECT_EQ(parse_error("[a]\n = v\n"), "/home/u/.aws/config:2: missing key name before '='");
}

TEST(IniReader, DuplicatesAreErrorsAsInConfigparser) {
    EXPECT_EQ(parse_error("[a]\nk=1\n[b]\n[a]\n"), "/home/u/.aws/config:4: duplicate section '[a]'");
    EXPECT_EQ(parse_error("[a]\nk=1\nK=2\n"), "/home/u/.aws/config:3: duplicate key 'k' (first on line 2)");
}

TEST(IniReader, FirstErrorWins) {
    EXPECT_EQ(parse_error("k=1\n[a]\ngarbage\n"),
              "/home/u/.aws/config:1: key outside of a section (add a [section] header above it)");
}
