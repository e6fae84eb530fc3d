// argv as cli::main_entry reads it: the default command, the verbatim command after "--",
// options before and after PROFILE, and a mistyped command name.
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "awsume_shell/cli/command.hpp"
#include "awsume_shell/cli/command_line.hpp"
#include "awsume_shell/cli/mistyped_command.hpp"
#include "unit/cache/temp_dir.hpp"

namespace awsume_shell::cli {
namespace {

using Words = std::vector<std::string>;

TEST(CommandLine, AProfileAloneStartsTheSubShell) {
    EXPECT_EQ(split_command_line({"prod"}).args, (Words{"shell", "prod"}));
    EXPECT_EQ(split_command_line({"prod", "-r"}).args, (Words{"shell", "prod", "-r"}));
}

TEST(CommandLine, AnOptionFirstAlsoStartsTheSubShell) {
    EXPECT_EQ(split_command_line({"-r", "prod"}).args, (Words{"shell", "-r", "prod"}));
    EXPECT_EQ(split_command_line({"--role-duration", "3600", "prod"}).args,
              (Words{"shell", "--role-duration", "3600", "prod"}));
}

TEST(CommandLine, ACommandNameIsKept) {
    for (const CommandEntry& entry : command_table()) {
        EXPECT_EQ(split_command_line({entry.name, "x"}).args, (Words{entry.name, "x"})) << entry.name;
    }
}

TEST(CommandLine, TopLevelFlagsAreNotProfiles) {
    for (const char* flag : {"--help", "-h", "--version"}) {
        EXPECT_EQ(split_command_line({flag}).args, (Words{flag})) << flag;
    }
}

TEST(CommandLine, NothingAtAllAsksForHelp) {
    const CommandLine line = split_command_line({});
    EXPECT_EQ(line.args, (Words{"--help"}));
    EXPECT_FALSE(line.command);
}

TEST(CommandLine, ExecTakesEverythingAfterTheFirstDashesVerbatim) {
    const CommandLine line =
        split_command_line({"exec", "prod", "-r", "--", "sh", "-c", "echo -- $1", "--", "-r", "exec", "prod"});
    EXPECT_EQ(line.args, (Words{"exec", "prod", "-r"}));
    ASSERT_TRUE(line.command);
    EXPECT_EQ(*line.command, (Words{"sh", "-c", "echo -- $1", "--", "-r", "exec", "prod"}));
}

TEST(CommandLine, ExecWithNothingAfterTheDashesHasAnEmptyCommand) {
    const CommandLine line = split_command_line({"exec", "prod", "--"});
    EXPECT_EQ(line.args, (Words{"exec", "prod"}));
    ASSERT_TRUE(line.command);
    EXPECT_TRUE(line.command->empty());
}

TEST(CommandLine, ExecWithoutDashesHasNoCommand) {
    const CommandLine line = split_command_line({"exec", "prod"});
    EXPECT_EQ(line.args, (Words{"exec", "prod"}));
    EXPECT_FALSE(line.command);
}

TEST(CommandLine, OnlyACommandThatRunsOneSplitsAtTheDashes) {
    for (const Words& argv : {Words{"prod", "--", "ls"}, Words{"shell", "prod", "--", "ls"},
                              Words{"export", "prod", "--", "ls"}}) {
        const CommandLine line = split_command_line(argv);
        EXPECT_FALSE(line.command) << argv[0];
        EXPECT_EQ(line.args.back(), "ls") << argv[0];
    }
}

/// The parser main_entry builds: every command of the table with its own options. Returns
/// the subcommand that was chosen (nullptr on a parse error, its message in `error`).
struct Parsed {
    CLI::App app{"awsume-shell"};
    std::vector<std::unique_ptr<Command>> commands;
    CLI::App* chosen = nullptr;
    std::string error;
};

std::unique_ptr<Parsed> parse(const Words& argv) {
    auto parsed = std::make_unique<Parsed>();
    const CommandLine line = split_command_line(argv);
    parsed->app.require_subcommand(1);
    for (const CommandEntry& entry : command_table()) {
        auto command = entry.make();
        if (line.command && line.args.front() == entry.name) {
            command->set_command(*line.command);
        }
        command->setup(*parsed->app.add_subcommand(entry.name, std::string(command->summary())));
        parsed->commands.push_back(std::move(command));
    }
    std::vector<const char*> words{"awsume-shell"};
    for (const auto& arg : line.args) {
        words.push_back(arg.c_str());
    }
    try {
        parsed->app.parse(static_cast<int>(words.size()), words.data());
        parsed->chosen = parsed->app.get_subcommands().front();
    } catch (const CLI::ParseError& e) {
        parsed->error = e.what();
    }
    return parsed;
}

std::string option(const Parsed& parsed, const std::string& name) {
    const CLI::Option* opt = parsed.chosen->get_option(name);
    return opt->count() ? opt->as<std::string>() : std::string("(unset)");
}

TEST(CommandLineOptions, OptionsBeforeAndAfterProfileMeanTheSame) {
    for (const Words& argv : {Words{"exec", "-r", "--role-duration", "3600", "prod", "--", "true"},
                              Words{"exec", "prod", "-r", "--role-duration", "3600", "--", "true"},
                              Words{"exec", "-r", "prod", "--role-duration=3600", "--", "true"}}) {
        auto parsed = parse(argv);
        ASSERT_NE(parsed->chosen, nullptr) << parsed->error;
        EXPECT_EQ(parsed->chosen->get_name(), "exec");
        EXPECT_EQ(option(*parsed, "PROFILE"), "prod");
        EXPECT_EQ(option(*parsed, "--role-duration"), "3600");
        EXPECT_EQ(parsed->chosen->get_option("--refresh")->count(), 1u);
    }
}

TEST(CommandLineOptions, TheDefaultCommandTakesOptionsOnEitherSide) {
    for (const Words& argv : {Words{"-o", "out", "prod"}, Words{"prod", "-o", "out"}}) {
        auto parsed = parse(argv);
        ASSERT_NE(parsed->chosen, nullptr) << parsed->error;
        EXPECT_EQ(parsed->chosen->get_name(), "shell");
        EXPECT_EQ(option(*parsed, "PROFILE"), "prod");
        EXPECT_EQ(option(*parsed, "--output-profile"), "out");
    }
}

TEST(CommandLineOptions, AnOptionOfTheCommandAfterTheDashesIsNotOurs) {
    auto parsed = parse({"exec", "prod", "--", "aws", "--region", "us-east-1", "--debug"});
    ASSERT_NE(parsed->chosen, nullptr) << parsed->error;
    EXPECT_EQ(option(*parsed, "--region"), "(unset)");
    EXPECT_EQ(parsed->chosen->get_option("--debug")->count(), 0u);
}

TEST(CommandLineOptions, AnUnknownOptionIsAParseError) {
    auto parsed = parse({"exec", "prod", "--no-such-option", "--", "true"});
    EXPECT_EQ(parsed->chosen, nullptr);
    EXPECT_NE(parsed->error.find("--no-such-option"), std::string::npos) << parsed->error;
}

TEST(CommandLineOptions, ASecondProfileIsAParseError) {
    auto parsed = parse({"exec", "prod", "dev", "--", "true"});
    EXPECT_EQ(parsed->chosen, nullptr);
    EXPECT_NE(parsed->error.find("dev"), std::string::npos) << parsed->error;
}

/// An environment whose AWS files are in `dir`, holding `config` (may be empty).
util::Env aws_files_in(const testing::TempDir& dir, const std::string& config) {
    testing::write_text(dir.file("config"), config);
    testing::write_text(dir.file("credentials"), "");
    util::Env env;
    env.set("HOME", dir.path());
    env.set("AWS_CONFIG_FILE", dir.file("config"));
    env.set("AWS_SHARED_CREDENTIALS_FILE", dir.file("credentials"));
    return env;
}

TEST(MistypedCommand, AWordCloseToACommandIsRefusedWithTheCommandItIsCloseTo) {
    testing::TempDir dir;
    const auto error = mistyped_command({"exce", "prod", "--", "true"}, aws_files_in(dir, ""));
    ASSERT_TRUE(error);
    EXPECT_EQ(error->code, Errc::usage);
    EXPECT_NE(error->message.find("'exce'"), std::string::npos) << error->message;
    EXPECT_NE(error->message.find("did you mean 'exec'"), std::string::npos) << error->message;
    EXPECT_EQ(error->message.find('\n'), std::string::npos) << error->message;
}

TEST(MistypedCommand, AProfileOfThatNameIsAProfile) {
    testing::TempDir dir;
    EXPECT_FALSE(mistyped_command({"exce"}, aws_files_in(dir, "[profile exce]\nregion = eu-west-1\n")));
}

TEST(MistypedCommand, TheConfigFileOptionIsWhereTheProfileIsLookedFor) {
    testing::TempDir dir;
    testing::write_text(dir.file("other"), "[profile lsit]\nregion = eu-west-1\n");
    const util::Env env = aws_files_in(dir, "");
    EXPECT_TRUE(mistyped_command({"lsit"}, env));
    EXPECT_FALSE(mistyped_command({"lsit", "--config-file", dir.file("other")}, env));
    EXPECT_FALSE(mistyped_command({"lsit", "--config-file=" + dir.file("other")}, env));
}

TEST(MistypedCommand, CommandsOptionsAndFarWordsAreNotTypos) {
    testing::TempDir dir;
    const util::Env env = aws_files_in(dir, "");
    EXPECT_FALSE(mistyped_command({}, env));
    EXPECT_FALSE(mistyped_command({"exec", "prod"}, env));
    EXPECT_FALSE(mistyped_command({"--help"}, env));
    EXPECT_FALSE(mistyped_command({"-r", "exce"}, env));
    EXPECT_FALSE(mistyped_command({"production"}, env));
}

}  // namespace
}  // namespace awsume_shell::cli
