// The real Api over a scripted HttpClient: retries, clock skew, signing, redaction.
#include "awsume_shell/aws/aws_api.hpp"

#include <gtest/gtest.h>

#include "unit/aws/scripted_http.hpp"

namespace aws = awsume_shell::aws;
namespace util = awsume_shell::util;
using awsume_shell::Errc;
using awsume_shell::Result;

namespace {

using aws_test::fixture;
using aws_test::Harness;
using aws_test::header;
using aws_test::k_now;
using aws_test::reply;

awsume_shell::model::Credentials user_keys() {
    return {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "", std::nullopt};
}

TEST(AwsApi, GetCallerIdentitySendsASignedQueryRequest) {
    Harness h;
    h.http->answers.push_back(reply(200, "get_caller_identity.xml"));
    auto id = h.api.sts->get_caller_identity(user_keys());
    ASSERT_TRUE(id) << id.error().message;
    EXPECT_EQ(id->account, "123456789012");
    ASSERT_EQ(h.http->requests.size(), 1u);
    const auto& request = h.http->requests[0];
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.url, "https://sts.amazonaws.com/");
    EXPECT_EQ(request.body, "Action=GetCallerIdentity&Version=2011-06-15");
    EXPECT_EQ(header(request, "X-Amz-Date"), "20261122T032000Z");
    EXPECT_EQ(header(request, "X-Amz-Security-Token"), "");
    EXPECT_EQ(header(request, "Authorization").rfind(
                  "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/sts/aws4_request, "
                  "SignedHeaders=content-type;host;x-amz-date, Signature=", 0),
              0u);
}

TEST(AwsApi, AssumeRoleWithTemporaryCallerSignsTheToken) {
    aws::ClientOptions options;
    options.region = "eu-west-1";
    Harness h(options);
    h.http->answers.push_back(reply(200, "assume_role.xml"));
    auto caller = user_keys();
    caller.session_token = "SESSIONTOKEN";
    aws::AssumeRoleRequest request{"arn:aws:iam::123456789012:role/demo", "sess", 3600, "ext",
                                   "arn:aws:iam::123456789012:mfa/bob", "123456"};
    auto creds = h.api.sts->assume_role(caller, request);
    ASSERT_TRUE(creds) << creds.error().message;
    const auto& sent = h.http->requests.at(0);
    EXPECT_EQ(sent.url, "https://sts.eu-west-1.amazonaws.com/");
    EXPECT_EQ(header(sent, "X-Amz-Security-Token"), "SESSIONTOKEN");
    EXPECT_NE(header(sent, "Authorization").find("x-amz-security-token"), std::string::npos);
    EXPECT_EQ(sent.body,
              "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3A"
              "role%2Fdemo&RoleSessionName=sess&DurationSeconds=3600&ExternalId=ext&SerialNumber="
              "arn%3Aaws%3Aiam%3A%3A123456789012%3Amfa%2Fbob&TokenCode=123456");
}

TEST(AwsApi, DebugOutputNamesTheCallButNoSecrets) {
    Harness h;
    h.http->answers.push_back(reply(200, "get_session_token.xml"));
    auto caller = user_keys();
    caller.session_token = "SESSIONTOKEN";
    ASSERT_TRUE(h.api.sts->get_session_token(caller, {3600, "arn:aws:iam::1:mfa/bob", "654321"}));
    ASSERT_FALSE(h.debug_lines.empty());
    EXPECT_EQ(h.debug_lines[0].rfind("POST https://sts.amazonaws.com/ Action=GetSessionToken", 0), 0u);
    EXPECT_NE(h.debug_lines[0].find("(attempt 1)"), std::string::npos);
    for (const auto& line : h.debug_lines) {
        EXPECT_EQ(line.find("654321"), std::string::npos) << line;
        EXPECT_EQ(line.find("SESSIONTOKEN"), std::string::npos) << line;
        EXPECT_EQ(line.find("EXAMPLEKEY"), std::string::npos) << line;
        EXPECT_EQ(line.find("Signature="), std::string::npos) << line;
    }
}

TEST(AwsApi, ThrottlingTwiceThenSuccess) {
    Harness h;
    h.http->answers.push_back(reply(400, "error_throttling.xml"));
    h.http->answers.push_back(reply(400, "error_throttling.xml"));
    h.http->answers.push_back(reply(200, "get_caller_identity.xml"));
    auto id = h.api.sts->get_caller_identity(user_keys());
    ASSERT_TRUE(id) << id.error().message;
    EXPECT_EQ(h.http->requests.size(), 3u);
    ASSERT_EQ(h.sleeps.size(), 2u);
    EXPECT_DOUBLE_EQ(h.sleeps[0], 0.1);  // 0.5 * 0.1 * 2^1
    EXPECT_DOUBLE_EQ(h.sleeps[1], 0.2);  // 0.5 * 0.1 * 2^2
}

TEST(AwsApi, ServerErrorsGiveUpAfterThreeAttempts) {
    Harness h;
    for (int i = 0; i < 5; ++i) {
        h.http->answers.push_back(reply(503, "html_bad_gateway.html"));
    }
    auto id = h.api.sts->get_caller_identity(user_keys());
    ASSERT_FALSE(id);
    EXPECT_EQ(id.error().code, Errc::network);
    EXPECT_NE(id.error().message.find("HTTP 503"), std::string::npos);
    EXPECT_NE(id.error().message.find("after 3 attempts"), std::string::npos);
    EXPECT_EQ(h.http->requests.size(), 3u);
}

TEST(AwsApi, TransportErrorsAreRetried) {
    Harness h;
    h.http->answers.push_back(awsume_shell::make_error(Errc::network, "cannot reach sts: timeout"));
    h.http->answers.push_back(reply(200, "get_caller_identity.xml"));
    EXPECT_TRUE(h.api.sts->get_caller_identity(user_keys()));
    EXPECT_EQ(h.http->requests.size(), 2u);
}

TEST(AwsApi, AccessDeniedIsNotRetried) {
    Harness h;
    h.http->answers.push_back(reply(403, "error_access_denied.xml"));
    aws::AssumeRoleRequest request;
    request.role_arn = "arn:aws:iam::123456789012:role/admin";
    request.role_session_name = "s";
    auto creds = h.api.sts->assume_role(user_keys(), request);
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().code, Errc::aws);
    EXPECT_EQ(creds.error().aws_code, "AccessDenied");
    EXPECT_EQ(h.http->requests.size(), 1u);
    EXPECT_TRUE(h.sleeps.empty());
}

TEST(AwsApi, RejectedMfaCodeIsAnMfaErrorAndNotRetried) {
    Harness h;
    h.http->answers.push_back(reply(403, "error_mfa_rejected.xml"));
    auto creds = h.api.sts->get_session_token(user_keys(), {std::nullopt, "arn:aws:iam::1:mfa/b", "1"});
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().code, Errc::mfa);
    EXPECT_EQ(h.http->requests.size(), 1u);
}

TEST(AwsApi, ClockSkewIsCorrectedOnceAndRemembered) {
    Harness h;
    // The server is one hour ahead of us.
    h.http->answers.push_back(reply(403, "error_signature_expired.xml",
                                    {{"date", "Sun, 22 Nov 2026 04:20:00 GMT"}}));
    h.http->answers.push_back(reply(200, "get_caller_identity.xml"));
    h.http->answers.push_back(reply(200, "get_caller_identity.xml"));
    ASSERT_TRUE(h.api.sts->get_caller_identity(user_keys()));
    ASSERT_EQ(h.http->requests.size(), 2u);
    EXPECT_EQ(header(h.http->requests[0], "X-Amz-Date"), "20261122T032000Z");
    EXPECT_EQ(header(h.http->requests[1], "X-Amz-Date"), "20261122T042000Z");
    EXPECT_TRUE(h.sleeps.empty());
    ASSERT_TRUE(h.api.sts->get_caller_identity(user_keys()));
    EXPECT_EQ(header(h.http->requests[2], "X-Amz-Date"), "20261122T042000Z");
}

TEST(AwsApi, ClockSkewIsCorrectedOnlyOnce) {
    Harness h;
    for (int i = 0; i < 3; ++i) {
        h.http->answers.push_back(reply(403, "error_signature_expired.xml",
                                        {{"date", "Sun, 22 Nov 2026 04:20:00 GMT"}}));
    }
    auto id = h.api.sts->get_caller_identity(user_keys());
    ASSERT_FALSE(id);
    EXPECT_EQ(id.error().aws_code, "SignatureDoesNotMatch");
    EXPECT_EQ(h.http->requests.size(), 2u);
}

TEST(AwsApi, BadEndpointIsAConfigErrorWithoutRequests) {
    aws::ClientOptions options;
    options.env.set("AWS_ENDPOINT_URL_IAM", "http://iam.example.com");
    Harness h(options);
    auto user = h.api.iam->get_user(user_keys());
    ASSERT_FALSE(user);
    EXPECT_EQ(user.error().code, Errc::config);
    EXPECT_TRUE(h.http->requests.empty());
}

TEST(AwsApi, ListMfaDevicesFollowsMarkers) {
    Harness h;
    h.http->answers.push_back(reply(200, "list_mfa_devices_truncated.xml"));
    h.http->answers.push_back(reply(200, "list_mfa_devices.xml"));
    auto devices = h.api.iam->list_mfa_devices(user_keys(), std::string("Bob"));
    ASSERT_TRUE(devices) << devices.error().message;
    EXPECT_EQ(devices->size(), 3u);
    ASSERT_EQ(h.http->requests.size(), 2u);
    EXPECT_EQ(h.http->requests[0].url, "https://iam.amazonaws.com/");
    EXPECT_EQ(h.http->requests[0].body, "Action=ListMFADevices&Version=2010-05-08&UserName=Bob");
    EXPECT_EQ(h.http->requests[1].body,
              "Action=ListMFADevices&Version=2010-05-08&UserName=Bob&Marker=page-2");
    EXPECT_NE(header(h.http->requests[0], "Authorization").find("/us-east-1/iam/aws4_request"),
              std::string::npos);
}

TEST(AwsApi, ProvisioningCalls) {
    Harness h;
    h.http->answers.push_back(reply(200, "create_virtual_mfa_device.xml"));
    h.http->answers.push_back(reply(200, "enable_mfa_device.xml"));
    h.http->answers.push_back(reply(200, "delete_virtual_mfa_device.xml"));
    auto device = h.api.iam->create_virtual_mfa_device(user_keys(), "bob");
    ASSERT_TRUE(device) << device.error().message;
    EXPECT_TRUE(h.api.iam->enable_mfa_device(user_keys(), "bob", device->serial_number, "111111",
                                         "222222"));
    EXPECT_TRUE(h.api.iam->delete_virtual_mfa_device(user_keys(), device->serial_number));
    for (const auto& line : h.debug_lines) {
        EXPECT_EQ(line.find("111111"), std::string::npos) << line;
        EXPECT_EQ(line.find("JBSWY3DP"), std::string::npos) << line;
    }
}

}  // namespace

namespace {

TEST(AwsApi, PermanentTransportErrorsAreNotRetried) {
    Harness h;
    h.http->answers.push_back(awsume_shell::make_error(
        Errc::network, "cannot reach sts: SSL certificate problem", aws::k_permanent_transport_error));
    auto id = h.api.sts->get_caller_identity(user_keys());
    ASSERT_FALSE(id);
    EXPECT_EQ(id.error().code, Errc::network);
    EXPECT_TRUE(id.error().aws_code.empty());
    EXPECT_EQ(h.http->requests.size(), 1u);
}

}  // namespace
