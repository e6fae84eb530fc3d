#include "awsume_shell/aws/query_xml.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace aws = awsume_shell::aws;
using awsume_shell::Errc;

namespace {

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(AWSUME_SHELL_TEST_DATA) + "/aws/" + name, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    EXPECT_FALSE(out.str().empty()) << name;
    return out.str();
}

const std::string k_host = "sts.amazonaws.com";

TEST(QueryXml, FormEncodeOrdersActionVersionThenParams) {
    EXPECT_EQ(aws::form_encode("AssumeRole", aws::k_sts_version,
                               {{"RoleArn", "arn:aws:iam::1:role/a b"}, {"RoleSessionName", "x+y"}}),
              "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fa%20b"
              "&RoleSessionName=x%2By");
}

TEST(QueryXml, ParsesGetSessionTokenCredentials) {
    auto creds = aws::parse_credentials_response(fixture("get_session_token.xml"),
                                                 "GetSessionToken", k_host);
    ASSERT_TRUE(creds) << creds.error().message;
    EXPECT_EQ(creds->access_key_id, "ASIAIOSFODNN7EXAMPLE");
    EXPECT_EQ(creds->secret_access_key, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY");
    EXPECT_EQ(creds->session_token.substr(0, 20), "AQoEXAMPLEH4aoAH0gNC");
    ASSERT_TRUE(creds->expiration);
    EXPECT_EQ(*creds->expiration, 1795360460);  // 2026-11-22T15:14:20Z
}

TEST(QueryXml, ParsesAssumeRoleCredentialsWithFractionalExpiry) {
    auto creds = aws::parse_credentials_response(fixture("assume_role.xml"), "AssumeRole", k_host);
    ASSERT_TRUE(creds) << creds.error().message;
    EXPECT_EQ(creds->access_key_id, "ASIAIOSFODNN7EXAMPLE");
    ASSERT_TRUE(creds->expiration);
    EXPECT_EQ(*creds->expiration, 1795320860);  // 2026-11-22T04:14:20Z
}

TEST(QueryXml, RejectsAnswerToAnotherAction) {
    auto creds =
        aws::parse_credentials_response(fixture("assume_role.xml"), "GetSessionToken", k_host);
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().code, Errc::network);
    EXPECT_NE(creds.error().message.find("malformed response from sts.amazonaws.com"),
              std::string::npos);
}

TEST(QueryXml, MissingCredentialElementsAreMalformed) {
    auto creds = aws::parse_credentials_response(fixture("malformed_missing_credentials.xml"),
                                                 "AssumeRole", k_host);
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().code, Errc::network);
    EXPECT_NE(creds.error().message.find("SecretAccessKey"), std::string::npos);
}

TEST(QueryXml, TruncatedDocumentIsMalformed) {
    auto id = aws::parse_caller_identity(fixture("malformed_truncated.xml"), k_host);
    ASSERT_FALSE(id);
    EXPECT_EQ(id.error().code, Errc::network);
    EXPECT_EQ(id.error().message.rfind("malformed response from sts.amazonaws.com: ", 0), 0u);
}

TEST(QueryXml, ParsesCallerIdentity) {
    auto id = aws::parse_caller_identity(fixture("get_caller_identity.xml"), k_host);
    ASSERT_TRUE(id) << id.error().message;
    EXPECT_EQ(id->account, "123456789012");
    EXPECT_EQ(id->arn, "arn:aws:iam::123456789012:user/Alice");
    EXPECT_EQ(id->user_id, "AIDACKCEVSQ6C2EXAMPLE");
}

TEST(QueryXml, ParsesGetUser) {
    auto user = aws::parse_get_user(fixture("get_user.xml"), "iam.amazonaws.com");
    ASSERT_TRUE(user) << user.error().message;
    EXPECT_EQ(user->user_name, "Bob");
    EXPECT_EQ(user->user_id, "AIDACKCEVSQ6C2EXAMPLE");
    EXPECT_EQ(user->arn, "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Bob");
}

TEST(QueryXml, ParsesMfaDeviceList) {
    auto page = aws::parse_list_mfa_devices(fixture("list_mfa_devices.xml"), "iam.amazonaws.com");
    ASSERT_TRUE(page) << page.error().message;
    ASSERT_EQ(page->devices.size(), 2u);
    EXPECT_EQ(page->devices[0].serial_number, "R1234");
    EXPECT_EQ(page->devices[1].serial_number, "arn:aws:iam::123456789012:mfa/Bob");
    EXPECT_EQ(page->devices[1].user_name, "Bob");
    EXPECT_TRUE(page->marker.empty());
}

TEST(QueryXml, MfaDeviceListKeepsMarkerWhenTruncated) {
    auto page = aws::parse_list_mfa_devices(fixture("list_mfa_devices_truncated.xml"), "iam");
    ASSERT_TRUE(page) << page.error().message;
    EXPECT_EQ(page->devices.size(), 1u);
    EXPECT_EQ(page->marker, "page-2");
}

TEST(QueryXml, EmptyMfaDeviceList) {
    auto page = aws::parse_list_mfa_devices(fixture("list_mfa_devices_empty.xml"), "iam");
    ASSERT_TRUE(page) << page.error().message;
    EXPECT_TRUE(page->devices.empty());
}

TEST(QueryXml, VirtualMfaSeedIsDecodedFromBase64ToBase32Text) {
    auto device = aws::parse_create_virtual_mfa_device(fixture("create_virtual_mfa_device.xml"),
                                                       "iam.amazonaws.com");
    ASSERT_TRUE(device) << device.error().message;
    EXPECT_EQ(device->serial_number, "arn:aws:iam::123456789012:mfa/ExampleName");
    EXPECT_EQ(device->base32_seed,
              "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
}

TEST(QueryXml, EmptyResponsesCheckTheirRoot) {
    EXPECT_TRUE(aws::parse_empty_response(fixture("enable_mfa_device.xml"), "EnableMFADevice", "iam"));
    EXPECT_TRUE(aws::parse_empty_response(fixture("delete_virtual_mfa_device.xml"),
                                          "DeleteVirtualMFADevice", "iam"));
    EXPECT_FALSE(aws::parse_empty_response(fixture("enable_mfa_device.xml"),
                                           "DeleteVirtualMFADevice", "iam"));
}

TEST(QueryXml, AccessDeniedIsAnAwsError) {
    auto error = aws::parse_error_response(fixture("error_access_denied.xml"), 403, k_host);
    EXPECT_EQ(error.code, Errc::aws);
    EXPECT_EQ(error.aws_code, "AccessDenied");
    EXPECT_EQ(error.message.rfind("AccessDenied: User: arn:aws:iam::123456789012:user/Alice", 0), 0u);
}

TEST(QueryXml, RejectedMfaCodeIsAnMfaError) {
    auto error = aws::parse_error_response(fixture("error_mfa_rejected.xml"), 403, k_host);
    EXPECT_EQ(error.code, Errc::mfa);
    EXPECT_EQ(error.aws_code, "AccessDenied");
    auto iam = aws::parse_error_response(fixture("error_invalid_authentication_code.xml"), 403, "iam");
    EXPECT_EQ(iam.code, Errc::mfa);
    EXPECT_EQ(iam.aws_code, "InvalidAuthenticationCode");
}

TEST(QueryXml, ThrottlingErrorKeepsItsCode) {
    auto error = aws::parse_error_response(fixture("error_throttling.xml"), 400, k_host);
    EXPECT_EQ(error.code, Errc::aws);
    EXPECT_EQ(error.aws_code, "Throttling");
    EXPECT_EQ(error.message, "Throttling: Rate exceeded");
}

TEST(QueryXml, NonXmlErrorBodyIsANetworkError) {
    auto error = aws::parse_error_response(fixture("html_bad_gateway.html"), 502, k_host);
    EXPECT_EQ(error.code, Errc::network);
    EXPECT_TRUE(error.aws_code.empty());
    EXPECT_NE(error.message.find("HTTP 502"), std::string::npos);
    auto empty = aws::parse_error_response("", 503, k_host);
    EXPECT_EQ(empty.code, Errc::network);
}

TEST(QueryXml, Base64Decode) {
    EXPECT_EQ(aws::base64_decode("aGVsbG8="), "hello");
    EXPECT_EQ(aws::base64_decode("aGVsbG8"), "hello");
    EXPECT_EQ(aws::base64_decode("aGVs\nbG8="), "hello");
    EXPECT_FALSE(aws::base64_decode("aGV*bG8="));
}

}  // namespace
