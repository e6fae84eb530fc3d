// Issue 8, item 28: credentials in an STS answer are refused when they hold a character that
// no AWS key, secret or token has (a newline, an escape, a space): such an answer is a bad
// server answer (Errc::network, exit 1), never handed on to a shell, a file or the cache.
#include <gtest/gtest.h>

#include "awsume_shell/aws/query_xml.hpp"

namespace aws = awsume_shell::aws;
using awsume_shell::Errc;

namespace {

std::string answer(const std::string& key_id, const std::string& secret, const std::string& token) {
    return "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
           "<Credentials><AccessKeyId>" + key_id + "</AccessKeyId><SecretAccessKey>" + secret +
           "</SecretAccessKey><SessionToken>" + token + "</SessionToken>"
           "<Expiration>2026-11-22T04:14:20Z</Expiration></Credentials>"
           "</AssumeRoleResult></AssumeRoleResponse>";
}

TEST(CredentialsAnswer, PlainValuesAreAccepted) {
    auto creds = aws::parse_credentials_response(answer("ASIAEXAMPLE", "se/cr+et=", "to/ken+=="),
                                                 "AssumeRole", "sts.example");
    ASSERT_TRUE(creds) << creds.error().message;
    EXPECT_EQ(creds->secret_access_key, "se/cr+et=");
}

TEST(CredentialsAnswer, ControlCharactersAreAServerError) {
    const std::string bad[] = {"a\nb", "a&#10;b", "a\rb", "a\x1b[2Jb", "a b", "a\tb", "a\x7f"};
    for (const std::string& value : bad) {
        for (int field = 0; field < 3; ++field) {
            auto creds = aws::parse_credentials_response(
                answer(field == 0 ? value : "ASIAEXAMPLE", field == 1 ? value : "secret",
                       field == 2 ? value : "token"),
                "AssumeRole", "sts.example");
            ASSERT_FALSE(creds) << "field " << field << " value " << value;
            EXPECT_EQ(creds.error().code, Errc::network) << creds.error().message;
            EXPECT_NE(creds.error().message.find("sts.example"), std::string::npos);
            // The message names the field, never its value (it may be a secret).
            EXPECT_EQ(creds.error().message.find(value), std::string::npos);
        }
    }
}

}  // namespace
