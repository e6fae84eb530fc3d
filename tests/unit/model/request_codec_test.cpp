#include <gtest/gtest.h>

#include "awsume_shell/model/request.hpp"

namespace awsume_shell::model {
namespace {

Request full_request() {
    Request request;
    request.profile = "prod";
    request.role_arn = "arn:aws:iam::111122223333:role/admin";
    request.session_name = "alice's \"session\"";
    request.role_duration = 7200;
    request.session_duration = 43200;
    request.config_file = "/home/alice/my aws/config";
    request.credentials_file = "/home/alice/.aws/credentials";
    request.region = "eu-west-1";
    request.output_profile = "work";
    request.auto_refresh = true;
    request.refresh_blocker = "profile 'x' takes its source keys from the environment";
    return request;
}

void expect_refused(std::string_view text) {
    auto decoded = decode_request(text);
    ASSERT_FALSE(decoded) << text;
    EXPECT_EQ(decoded.error().code, Errc::usage) << text;
    EXPECT_NE(decoded.error().message.find("AWSUME_SHELL_SESSION"), std::string::npos) << text;
}

TEST(RequestCodec, RoundTrips) {
    const Request request = full_request();
    auto decoded = decode_request(encode_request(request));
    ASSERT_TRUE(decoded) << decoded.error().message;
    EXPECT_EQ(*decoded, request);

    Request minimal;
    minimal.profile = "dev";
    EXPECT_EQ(encode_request(minimal), R"({"profile":"dev","v":1})");
    EXPECT_EQ(*decode_request(encode_request(minimal)), minimal);
}

TEST(RequestCodec, RoleArnWithoutProfileIsAllowed) {
    Request request;
    request.role_arn = "arn:aws:iam::111122223333:role/x";
    EXPECT_TRUE(decode_request(encode_request(request)));
}

TEST(RequestCodec, TheMfaCodeAndThisRunsFlagsAreNeverEncoded) {
    Request request = full_request();
    request.mfa_code = "493817";
    request.refresh = true;
    const std::string text = encode_request(request);
    EXPECT_EQ(text.find("493817"), std::string::npos) << text;
    EXPECT_EQ(text.find("mfa"), std::string::npos) << text;
    EXPECT_EQ(text, encode_request(full_request()));
    auto decoded = decode_request(text);
    ASSERT_TRUE(decoded);
    EXPECT_FALSE(decoded->mfa_code);
    EXPECT_FALSE(decoded->refresh);
}

// The keys and the form the first version wrote: a sub-shell started by it still refreshes.
TEST(RequestCodec, ReadsWhatTheFirstVersionWrote) {
    auto decoded = decode_request(
        R"({"auto_refresh":true,"config_file":"/c","credentials_file":"/k","output_profile":"o",)"
        R"("profile":"p","refresh_blocker":"why","region":"eu-west-1","role_arn":"arn:aws:iam::1:role/r",)"
        R"("role_duration":900,"session_duration":129600,"session_name":"s","v":1})");
    ASSERT_TRUE(decoded) << decoded.error().message;
    EXPECT_EQ(decoded->profile, "p");
    EXPECT_EQ(decoded->role_arn, "arn:aws:iam::1:role/r");
    EXPECT_EQ(decoded->session_name, "s");
    EXPECT_EQ(decoded->role_duration, 900);
    EXPECT_EQ(decoded->session_duration, 129600);
    EXPECT_EQ(decoded->config_file, "/c");
    EXPECT_EQ(decoded->credentials_file, "/k");
    EXPECT_EQ(decoded->region, "eu-west-1");
    EXPECT_EQ(decoded->output_profile, "o");
    EXPECT_TRUE(decoded->auto_refresh);
    EXPECT_EQ(decoded->refresh_blocker, "why");
    // null was never written, but reads as absent.
    auto with_null = decode_request(R"({"v":1,"profile":"p","region":null})");
    ASSERT_TRUE(with_null);
    EXPECT_FALSE(with_null->region);
}

TEST(RequestCodec, RejectsWhatIsNotOurs) {
    for (const char* text : {"", "prod", "[]", R"({"profile":"p"})", R"({"v":2,"profile":"p"})",
                             R"({"v":"1","profile":"p"})", R"({"v":1})", R"({"v":1,"profile":""})",
                             R"({"v":1,"profile":5})", R"({"v":1,"profile":"p","role_duration":"1h"})",
                             R"({"v":1,"profile":"p","role_duration":3600.5})",
                             R"({"v":1,"profile":"p","region":5})", R"({"v":1,"profile":"p","auto_refresh":1})"}) {
        expect_refused(text);
    }
}

TEST(RequestCodec, RejectsAKeyGivenTwice) {
    // Which of the two a reader takes differs between JSON readers: neither is taken.
    expect_refused(R"({"v":1,"profile":"p","profile":"q"})");
    expect_refused(R"({"v":1,"profile":"p","region":"eu-west-1","region":"us-east-1"})");
    expect_refused(R"({"v":1,"v":1,"profile":"p"})");
}

TEST(RequestCodec, RejectsUnknownKeysWithoutQuotingThem) {
    expect_refused(R"({"v":1,"profile":"p","mfa_code":"493817"})");
    expect_refused(R"({"v":1,"profile":"p","refresh":true})");
    expect_refused(R"({"v":1,"profile":"p","Region":"eu-west-1"})");
    auto decoded = decode_request(R"({"v":1,"profile":"p","mfa_code":"493817"})");
    EXPECT_EQ(decoded.error().message.find("493817"), std::string::npos) << decoded.error().message;
}

TEST(RequestCodec, RejectsLifetimesOutOfRange) {
    for (const char* text : {R"({"v":1,"profile":"p","role_duration":899})",
                             R"({"v":1,"profile":"p","role_duration":43201})",
                             R"({"v":1,"profile":"p","role_duration":-900})",
                             R"({"v":1,"profile":"p","role_duration":18446744073709551615})",
                             R"({"v":1,"profile":"p","session_duration":129601})",
                             R"({"v":1,"profile":"p","session_duration":4294968196})"}) {
        expect_refused(text);
    }
    EXPECT_TRUE(decode_request(R"({"v":1,"profile":"p","role_duration":43200,"session_duration":900})"));
}

TEST(RequestCodec, AutoRefreshNeedsAnOutputProfile) {
    Request request;
    request.profile = "p";
    request.auto_refresh = true;  // -a alone: its profile is named once credentials are known
    EXPECT_EQ(encode_request(request), R"({"profile":"p","v":1})");
    auto decoded = decode_request(R"({"v":1,"profile":"p","auto_refresh":true})");
    ASSERT_TRUE(decoded);
    EXPECT_FALSE(decoded->auto_refresh);
}

TEST(RequestCodec, InvalidUtf8IsReplacedNotThrown) {
    Request request;
    request.profile = "p";
    request.config_file = std::string("/home/\xff/config");
    auto decoded = decode_request(encode_request(request));
    ASSERT_TRUE(decoded);
    EXPECT_NE(decoded->config_file, request.config_file);
}

}  // namespace
}  // namespace awsume_shell::model
