#include "awsume_shell/output/export_format.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

using awsume_shell::output::credential_environment;
using awsume_shell::output::EnvChanges;
using awsume_shell::output::ExportFormat;
using awsume_shell::output::format_credential_process_json;
using awsume_shell::output::format_exports;
using awsume_shell::output::parse_export_format;
using awsume_shell::output::SessionInfo;

namespace {

const ExportFormat& format_row(std::string_view name) { return **parse_export_format(name); }

const std::vector<std::string>& hostile() {
    static const std::vector<std::string> values{
        "",        "plain",    "it's",        "\"q\"",      "a\nb\n",     "$(touch /tmp/pwned)",
        "`id`",    "${HOME}",  "back\\slash\\", "\\n",     "-n",         "-e x",
        "é ü ☃ 🙂", "\t\r",   "!x #y ;z &w", "'\"'\"'",   "=x",         "a=b",
        "\x01\x7f\xff"};
    return values;
}

/// Runs `program args...` with `input` as $1 of a -c script; returns stdout.
std::string run(const std::vector<std::string>& args) {
    int out[2];
    if (::pipe(out) != 0) {
        return "<pipe>";
    }
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(out[1], 1);
        ::close(out[0]);
        ::close(out[1]);
        std::vector<char*> argv;
        for (const auto& a : args) {
            argv.push_back(const_cast<char*>(a.c_str()));
        }
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(out[1]);
    std::string got;
    char buf[4096];
    ssize_t n = 0;
    while ((n = ::read(out[0], buf, sizeof buf)) > 0) {
        got.append(buf, static_cast<std::size_t>(n));
    }
    ::close(out[0]);
    ::waitpid(pid, nullptr, 0);
    return got;
}

}  // namespace

TEST(ExportFormat, ParsesNamesAndRejectsOthers) {
    EXPECT_EQ((*parse_export_format("sh"))->name, "sh");
    EXPECT_EQ((*parse_export_format("fish"))->name, "fish");
    EXPECT_EQ((*parse_export_format("json"))->name, "json");
    EXPECT_EQ((*parse_export_format("dotenv"))->name, "dotenv");
    auto bad = parse_export_format("powershell");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, awsume_shell::Errc::usage);
    EXPECT_EQ(bad.error().message.rfind("--format: ", 0), 0u);
}

TEST(ExportFormat, ShLinesLookAsDocumented) {
    EnvChanges c{{{"A", "x y"}, {"B", "plain"}}, {"C"}};
    EXPECT_EQ(format_exports(c, format_row("sh")).value(), "export A='x y'\nexport B=plain\nunset C\n");
    EXPECT_EQ(format_exports(c, format_row("fish")).value(),
              "set -gx A 'x y'\nset -gx B 'plain'\nset -e C\n");
    EXPECT_EQ(format_exports(c, format_row("dotenv")).value(), "A='x y'\nB='plain'\n");
    EXPECT_EQ(format_exports(c, format_row("json")).value(), "{\"A\": \"x y\", \"B\": \"plain\", \"C\": null}\n");
}

TEST(ExportFormat, NonIdentifierNamesAreSkipped) {
    EnvChanges c{{{"A;rm -rf /", "x"}, {"OK", "y"}}, {"$(x)"}};
    EXPECT_EQ(format_exports(c, format_row("sh")).value(), "export OK=y\n");
}

TEST(ExportFormat, ShSurvivesEvalInBashByteForByte) {
    for (const auto& value : hostile()) {
        EnvChanges c{{{"X", value}, {"AWSUME_PROFILE", value}}, {"GONE"}};
        const std::string script = format_exports(c, format_row("sh")).value();
        const std::string got = run({"/bin/bash", "-c",
                                     "GONE=1; eval \"$1\"; printf '%s|%s|%s' \"$X\" "
                                     "\"$(printenv AWSUME_PROFILE)\" \"${GONE-unset}\"",
                                     "_", script});
        // $(...) strips trailing newlines from printenv's answer; compare accordingly.
        std::string exported = value;
        while (!exported.empty() && exported.back() == '\n') {
            exported.pop_back();
        }
        EXPECT_EQ(got, value + "|" + exported + "|unset") << script;
    }
}

TEST(ExportFormat, ShSurvivesEvalInZsh) {
    if (::access("/usr/bin/zsh", X_OK) != 0) {
        GTEST_SKIP() << "zsh is not installed";
    }
    for (const auto& value : hostile()) {
        const std::string script = format_exports(EnvChanges{{{"X", value}}, {}}, format_row("sh")).value();
        EXPECT_EQ(run({"/usr/bin/zsh", "-fc", "eval \"$1\"; printf %s \"$X\"", "_", script}), value);
    }
}

TEST(ExportFormat, FishSurvivesSourceWhenFishIsInstalled) {
    if (::access("/usr/bin/fish", X_OK) != 0) {
        GTEST_SKIP() << "fish is not installed";
    }
    for (const auto& value : hostile()) {
        const std::string script = format_exports(EnvChanges{{{"X", value}}, {"GONE"}}, format_row("fish")).value();
        EXPECT_EQ(run({"/usr/bin/fish", "--no-config", "-c", script + "printf %s \"$X\""}), value);
    }
}

TEST(ExportFormat, DotenvRefusesAValueItCannotWriteExactly) {
    EnvChanges c;
    c.set.emplace_back("AWS_ACCESS_KEY_ID", "AKIA");
    c.set.emplace_back("AWSUME_PROFILE", "a${HOME}b");
    auto text = format_exports(c, format_row("dotenv"));
    ASSERT_FALSE(text);
    EXPECT_EQ(text.error().code, awsume_shell::Errc::usage);
    EXPECT_NE(text.error().message.find("AWSUME_PROFILE"), std::string::npos) << text.error().message;
    EXPECT_EQ(text.error().message.find("HOME"), std::string::npos) << "the value is not shown";
    EXPECT_TRUE(format_exports(c, format_row("sh")));  // sh can carry anything
}

TEST(ExportFormat, DotenvIsReadBackExactlyByPythonDotenvOrRefused) {
    const std::string probe = run({"/bin/sh", "-c", "python3 -c 'import dotenv' 2>/dev/null && echo yes"});
    if (probe != "yes\n") {
        GTEST_SKIP() << "python3 dotenv module (Debian python3-dotenv) is not installed";
    }
    EnvChanges c;
    std::vector<std::string> values;
    std::size_t refused = 0;
    for (const auto& v : hostile()) {
        if (!format_exports(EnvChanges{{{"V", v}}, {}}, format_row("dotenv"))) {
            ++refused;
            continue;
        }
        values.push_back(v);
        c.set.emplace_back("V" + std::to_string(values.size() - 1), v);
    }
    EXPECT_GE(values.size(), 10u);
    EXPECT_GE(refused, 5u);
    const std::string text = format_exports(c, format_row("dotenv")).value();
    const std::string json = run({"/bin/sh", "-c",
        "printf %s \"$1\" | python3 -c 'import sys, json, io, dotenv; "
        "print(json.dumps(dotenv.dotenv_values(stream=io.StringIO(sys.stdin.read()))))'",
        "_", text});
    const auto doc = nlohmann::json::parse(json, nullptr, false);
    ASSERT_TRUE(doc.is_object()) << json;
    for (std::size_t i = 0; i < values.size(); ++i) {
        EXPECT_EQ(doc.value("V" + std::to_string(i), std::string("<missing>")), values[i]) << i;
    }
}

TEST(ExportFormat, DotenvIsReadBackExactlyBySourcingInSh) {
    for (const auto& v : hostile()) {
        auto text = format_exports(EnvChanges{{{"V", v}}, {}}, format_row("dotenv"));
        if (!text) {
            continue;
        }
        EXPECT_EQ(run({"/bin/sh", "-c", "eval \"$1\"; printf %s \"$V\"", "_", *text}), v) << *text;
    }
}

TEST(CredentialProcessJson, HasTheDocumentedFields) {
    awsume_shell::model::Credentials creds;
    creds.access_key_id = "ASIAEXAMPLE";
    creds.secret_access_key = "se\"cret";
    creds.session_token = "tok";
    creds.expiration = 1795317260;
    const auto doc = nlohmann::json::parse(format_credential_process_json(creds));
    EXPECT_EQ(doc["Version"], 1);
    EXPECT_EQ(doc["AccessKeyId"], "ASIAEXAMPLE");
    EXPECT_EQ(doc["SecretAccessKey"], "se\"cret");
    EXPECT_EQ(doc["SessionToken"], "tok");
    EXPECT_EQ(doc["Expiration"], "2026-11-22T03:14:20Z");
    EXPECT_EQ(doc.size(), 5u);

    creds.session_token.clear();
    creds.expiration.reset();
    const auto plain = nlohmann::json::parse(format_credential_process_json(creds));
    EXPECT_FALSE(plain.contains("SessionToken"));
    EXPECT_FALSE(plain.contains("Expiration"));
    EXPECT_EQ(plain.size(), 3u);
}

TEST(ExportFormat, JsonObjectParses) {
    SessionInfo info;
    info.profile = "we\"ird\n\x01";
    info.credentials.access_key_id = "AKIA";
    info.credentials.secret_access_key = "s";
    const auto doc = nlohmann::json::parse(format_exports(credential_environment(info), format_row("json")).value());
    EXPECT_EQ(doc["AWSUME_PROFILE"], info.profile);
    EXPECT_TRUE(doc["AWS_SESSION_TOKEN"].is_null());
}

TEST(ExportFormat, TheTableDrivesNamesAliasesAndMessages) {
    EXPECT_EQ((*parse_export_format("bash"))->name, "sh");
    EXPECT_EQ((*parse_export_format("zsh"))->name, "sh");
    EXPECT_EQ((*parse_export_format("env"))->name, "dotenv");
    EXPECT_EQ(parse_export_format("powershell").error().message,
              "--format: unknown format 'powershell' (choose sh, fish, json or dotenv)");
    EXPECT_EQ(awsume_shell::output::export_format_names(false, ", ", ", ", " (default)"),
              "sh (default), fish, json, dotenv");
    EXPECT_EQ(awsume_shell::output::export_format_names(true, ", ", " or ", " (default)"),
              "sh (default) or fish");
    EXPECT_EQ(awsume_shell::output::export_format_names(true, ", ", " or "), "sh or fish");
    for (const ExportFormat& format : awsume_shell::output::export_formats()) {
        EXPECT_TRUE((format.write != nullptr) != (format.set_line != nullptr)) << format.name;
    }
}

TEST(ExportFormat, ExportOfJsonIsTheCredentialProcessDocument) {
    SessionInfo info;
    info.profile = "p";
    info.credentials.access_key_id = "AKIDEXAMPLE";
    info.credentials.secret_access_key = "secret";
    EXPECT_EQ(awsume_shell::output::format_export(info, format_row("json")).value(),
              format_credential_process_json(info.credentials));
    EXPECT_EQ(awsume_shell::output::format_export(info, format_row("sh")).value(),
              format_exports(credential_environment(info), format_row("sh")).value());
}
