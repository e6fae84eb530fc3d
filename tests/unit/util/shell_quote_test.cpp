#include "awsume_shell/util/shell_quote.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

using awsume_shell::util::dotenv_quote;
using awsume_shell::util::fish_quote;
using awsume_shell::util::sh_quote;

namespace {

std::vector<std::string> hostile_values() {
    return {"",          "plain",       "with space",   "it's",        "'",          "''",
            "\"dq\"",    "a\nb",        "\n",           "$(id)",       "`id`",       "${HOME}",
            "$HOME",     "back\\slash", "\\",           "\\'",         "-n",         "-e",
            "--",        "=x",          "~root",        "*",           "a;b|c&d",    "é ü ☃ 🙂",
            "\t tab\r",  "!event",      "#hash",        "\x01\x7f\xff", "x=y",       "{a,b}",
            "%1",        "'\"'\"'"};
}

/// Runs `shell -c 'eval "$1"; printf %s "$X"' _ script` and returns its stdout.
std::string eval_in(const char* shell, const std::string& script) {
    int out[2];
    if (::pipe(out) != 0) {
        return "<pipe failed>";
    }
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(out[1], 1);
        ::close(out[0]);
        ::close(out[1]);
        ::execl(shell, shell, "-c", "eval \"$1\"; printf %s \"$X\"", "_", script.c_str(),
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(out[1]);
    std::string result;
    char buf[4096];
    ssize_t n = 0;
    while ((n = ::read(out[0], buf, sizeof buf)) > 0) {
        result.append(buf, static_cast<std::size_t>(n));
    }
    ::close(out[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return result;
}

}  // namespace

TEST(ShellQuote, ShLeavesSafeWordsBare) {
    EXPECT_EQ(sh_quote("AKIAIOSFODNN7EXAMPLE"), "AKIAIOSFODNN7EXAMPLE");
    EXPECT_EQ(sh_quote("a/b+c=="), "a/b+c==");
    EXPECT_EQ(sh_quote("2026-11-22T03:14:20Z"), "2026-11-22T03:14:20Z");
    EXPECT_EQ(sh_quote(""), "''");
    EXPECT_EQ(sh_quote("=x"), "'=x'");
    EXPECT_EQ(sh_quote("it's"), "'it'\\''s'");
}

TEST(ShellQuote, ShRoundTripsThroughRealShells) {
    for (const char* shell : {"/bin/bash", "/bin/sh", "/usr/bin/zsh"}) {
        if (::access(shell, X_OK) != 0) {
            continue;
        }
        for (const auto& value : hostile_values()) {
            EXPECT_EQ(eval_in(shell, "X=" + sh_quote(value)), value) << shell << ": " << value;
            EXPECT_EQ(eval_in(shell, "set -- " + sh_quote(value) + "; X=$1"), value)
                << shell << " (as a word): " << value;
        }
    }
}

TEST(ShellQuote, FishEscapesBackslashAndQuote) {
    EXPECT_EQ(fish_quote("a'b\\c"), "'a\\'b\\\\c'");
    EXPECT_EQ(fish_quote(""), "''");
}

TEST(ShellQuote, FishRoundTripsWhenFishIsInstalled) {
    const char* fish = nullptr;
    for (const char* candidate : {"/usr/bin/fish", "/usr/local/bin/fish"}) {
        if (::access(candidate, X_OK) == 0) {
            fish = candidate;
        }
    }
    if (fish == nullptr) {
        GTEST_SKIP() << "fish is not installed";
    }
    for (const auto& value : hostile_values()) {
        int out[2];
        ASSERT_EQ(::pipe(out), 0);
        const std::string script = "set X " + fish_quote(value) + "; printf %s \"$X\"";
        const pid_t pid = ::fork();
        if (pid == 0) {
            ::dup2(out[1], 1);
            ::close(out[0]);
            ::close(out[1]);
            ::execl(fish, fish, "--no-config", "-c", script.c_str(), static_cast<char*>(nullptr));
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
        EXPECT_EQ(got, value);
    }
}

TEST(ShellQuote, DotenvSingleQuotesWhatEveryReaderKeepsLiterally) {
    EXPECT_EQ(dotenv_quote("plain $(x) `y` \"z\" $HOME #c"), "'plain $(x) `y` \"z\" $HOME #c'");
    EXPECT_EQ(dotenv_quote("\xc3\xa9 \t"), "'\xc3\xa9 \t'");
    EXPECT_EQ(dotenv_quote(""), "''");
}

TEST(ShellQuote, DotenvRefusesWhatAReaderWouldChange) {
    // python-dotenv interpolates ${...} even in single quotes and unescapes \\ and \';
    // a shell cannot hold ' in single quotes; no reader keeps a line end; python-dotenv
    // reads UTF-8 only.
    for (const char* value : {"${HOME}", "a${X:-y}b", "back\\slash", "it's", "a\nb", "a\rb",
                              "\xff", "\xc3"}) {
        EXPECT_FALSE(dotenv_quote(value)) << value;
    }
    EXPECT_FALSE(dotenv_quote(std::string("n\0ul", 4)));
}
