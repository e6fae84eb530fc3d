#include <gtest/gtest.h>

#include "awsume_shell/credentials/mfa_code_source.hpp"
#include "unit/credentials/fake_api.hpp"

namespace awsume_shell::credentials {
namespace {

using testing::ScriptedMfa;

const std::string k_serial = "arn:aws:iam::111111111111:mfa/alice";

TEST(ValidateMfaCode, AcceptsSixDigitsAndTrimsSpace) {
    EXPECT_EQ(validate_mfa_code("123456", "x").value_or(""), "123456");
    EXPECT_EQ(validate_mfa_code(" 012345\n", "x").value_or(""), "012345");
}

TEST(ValidateMfaCode, RefusesAnythingElseNamingTheOrigin) {
    for (const char* bad : {"", "12345", "1234567", "12345a", "12 456", "١٢٣٤٥٦"}) {
        auto code = validate_mfa_code(bad, "mfa_process");
        ASSERT_FALSE(code) << bad;
        EXPECT_EQ(code.error().code, Errc::mfa);
        EXPECT_NE(code.error().message.find("mfa_process"), std::string::npos);
        EXPECT_NE(code.error().message.find("6 digits"), std::string::npos);
    }
}

TEST(MfaCodeSource, FlagCodeIsHandedOutOnceThenThePromptIsAsked) {
    util::Env env;
    util::Log log(false);
    ScriptedMfa mfa(std::string("123456"), env, log);
    mfa.prompt_codes = {"654321"};
    auto first = mfa.code_for(k_serial, std::nullopt);
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_EQ(first->code, "123456");
    EXPECT_FALSE(first->from_prompt);
    auto second = mfa.code_for(k_serial, std::nullopt);
    ASSERT_TRUE(second) << second.error().message;
    EXPECT_EQ(second->code, "654321");
    EXPECT_TRUE(second->from_prompt);
    EXPECT_EQ(mfa.prompts(), 1);
}

TEST(MfaCodeSource, EnvironmentCodeIsUsedWhenNoFlagIsGiven) {
    util::Env env;
    env.set("AWS_SESSION_MFA_CODE", "222222");
    env.set("AWSUME_SHELL_MFA_CODE", "111111");
    util::Log log(false);
    ScriptedMfa mfa(std::nullopt, env, log);
    EXPECT_EQ(mfa.code_for(k_serial, std::nullopt)->code, "111111");
    // Once only: the next need falls through to the (here absent) terminal.
    auto again = mfa.code_for(k_serial, std::nullopt);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, Errc::mfa);
}

TEST(MfaCodeSource, FlagCodeWinsOverTheEnvironment) {
    util::Env env;
    env.set("AWSUME_SHELL_MFA_CODE", "111111");
    util::Log log(false);
    ScriptedMfa mfa(std::string("333333"), env, log);
    EXPECT_EQ(mfa.code_for(k_serial, std::nullopt)->code, "333333");
}

TEST(MfaCodeSource, MalformedFlagCodeIsAnMfaError) {
    util::Env env;
    util::Log log(false);
    ScriptedMfa mfa(std::string("12345"), env, log);
    auto code = mfa.code_for(k_serial, std::nullopt);
    ASSERT_FALSE(code);
    EXPECT_EQ(code.error().code, Errc::mfa);
    EXPECT_NE(code.error().message.find("--mfa-code"), std::string::npos);
    EXPECT_EQ(mfa.prompts(), 0);
}

TEST(MfaCodeSource, MfaProcessOutputIsTheCode) {
    util::Env env;
    util::Log log(false);
    ScriptedMfa mfa(std::nullopt, env, log);
    auto code = mfa.code_for(k_serial, std::string("echo 987654"));
    ASSERT_TRUE(code) << code.error().message;
    EXPECT_EQ(code->code, "987654");
    EXPECT_FALSE(code->from_prompt);
    EXPECT_EQ(mfa.prompts(), 0);
}

TEST(MfaCodeSource, FailingMfaProcessIsAnMfaError) {
    util::Env env;
    util::Log log(false);
    ScriptedMfa mfa(std::nullopt, env, log);
    auto code = mfa.code_for(k_serial, std::string("exit 4"));
    ASSERT_FALSE(code);
    EXPECT_EQ(code.error().code, Errc::mfa);
    EXPECT_NE(code.error().message.find("status 4"), std::string::npos);
}

}  // namespace
}  // namespace awsume_shell::credentials
