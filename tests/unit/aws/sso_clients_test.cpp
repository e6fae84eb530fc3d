// The real SSO portal and SSO-OIDC clients over a scripted HttpClient: requests as AWS
// takes them, AWS's answer and error documents (tests/data/aws/sso_*, oidc_*), endpoints,
// retries and redaction.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "unit/aws/scripted_http.hpp"

namespace aws = awsume_shell::aws;
using awsume_shell::Errc;
using aws_test::fixture;
using aws_test::Harness;
using aws_test::header;
using aws_test::reply;

namespace {

constexpr const char* k_bearer = "aoaAAAAAGBEARERTOKENsecret";

aws::SsoRoleCredentialsRequest role_request() { return {"eu-central-1", k_bearer, "111122223333", "Dev Ops"}; }

/// The portal's own error header: the code, then ':' and a namespace.
std::map<std::string, std::string> error_type(const std::string& code, const std::string& ns) {
    return {{"x-amzn-errortype", code + ":" + ns}, {"content-type", "application/json"}};
}

const std::string k_portal_ns = "http://internal.amazon.com/coral/com.amazon.switchboard.portal/";
const std::string k_oidc_ns = "http://internal.amazon.com/coral/com.amazonaws.switchboard.portal.oidc/";

void expect_no_secret(const Harness& h, std::initializer_list<std::string> secrets) {
    ASSERT_FALSE(h.debug_lines.empty());
    for (const auto& line : h.debug_lines) {
        for (const auto& secret : secrets) {
            EXPECT_EQ(line.find(secret), std::string::npos) << line;
        }
    }
}

}  // namespace

TEST(SsoPortal, GetRoleCredentialsIsAnUnsignedGetWithTheBearerTokenInItsHeader) {
    Harness h;
    h.http->answers.push_back(reply(200, "sso_get_role_credentials.json"));
    auto creds = h.api.sso_portal->get_role_credentials(role_request());
    ASSERT_TRUE(creds) << creds.error().message;
    EXPECT_EQ(creds->access_key_id, "ASIAEXAMPLESSOROLE01");
    EXPECT_EQ(creds->secret_access_key, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSSOSECRET1");
    EXPECT_EQ(creds->session_token, "IQoJb3JpZ2luX2VjEXAMPLESSOSESSIONTOKEN");
    EXPECT_EQ(creds->expiration, 1795346400) << "AWS's milliseconds, as seconds";
    ASSERT_EQ(h.http->requests.size(), 1U);
    const auto& sent = h.http->requests[0];
    EXPECT_EQ(sent.method, "GET");
    EXPECT_EQ(sent.url,
              "https://portal.sso.eu-central-1.amazonaws.com/federation/credentials?role_name=Dev%20Ops&account_id="
              "111122223333");
    EXPECT_EQ(header(sent, "x-amz-sso_bearer_token"), k_bearer);
    EXPECT_EQ(header(sent, "Authorization"), "") << "no SigV4";
    EXPECT_EQ(sent.body, "");
    expect_no_secret(h, {k_bearer, "SSOSECRET1", "SSOSESSIONTOKEN"});
    EXPECT_EQ(h.debug_lines[0].rfind("GET https://portal.sso.eu-central-1.amazonaws.com/federation/credentials", 0),
              0U);
    EXPECT_NE(h.debug_lines[0].find("x-amz-sso_bearer_token=<redacted>"), std::string::npos) << h.debug_lines[0];
}

TEST(SsoPortal, AnUnauthorizedTokenIsTheErrorCodeWithoutItsNamespaceAndIsNotRetried) {
    Harness h;
    h.http->answers.push_back(
        reply(401, "sso_error_unauthorized.json", error_type("UnauthorizedException", k_portal_ns)));
    auto creds = h.api.sso_portal->get_role_credentials(role_request());
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().code, Errc::aws);
    EXPECT_EQ(creds.error().aws_code, "UnauthorizedException");
    EXPECT_EQ(creds.error().message, "UnauthorizedException: Session token not found or invalid");
    EXPECT_EQ(h.http->requests.size(), 1U);
}

TEST(SsoPortal, TheCodeIsTakenFromTheBodyWhenNoHeaderNamesIt) {
    Harness h;
    aws::HttpResponse forbidden{403, {}, R"({"__type":"com.amazon.switchboard.portal#ForbiddenException","message":"No access"})"};
    h.http->answers.push_back(forbidden);
    auto creds = h.api.sso_portal->get_role_credentials(role_request());
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().aws_code, "ForbiddenException");
    EXPECT_EQ(creds.error().message, "ForbiddenException: No access");
    EXPECT_EQ(h.http->requests.size(), 1U);
}

TEST(SsoPortal, TooManyRequestsAndServerErrorsAreRetried) {
    Harness h;
    h.http->answers.push_back(reply(429, "sso_error_too_many_requests.json",
                                    error_type("TooManyRequestsException", k_portal_ns)));
    h.http->answers.push_back(reply(503, "html_bad_gateway.html"));
    h.http->answers.push_back(reply(200, "sso_get_role_credentials.json"));
    auto creds = h.api.sso_portal->get_role_credentials(role_request());
    ASSERT_TRUE(creds) << creds.error().message;
    EXPECT_EQ(h.http->requests.size(), 3U);
    EXPECT_EQ(h.sleeps.size(), 2U);

    Harness down;
    for (int i = 0; i < 3; ++i) {
        down.http->answers.push_back(reply(502, "html_bad_gateway.html"));
    }
    auto failed = down.api.sso_portal->get_role_credentials(role_request());
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, Errc::network);
    EXPECT_EQ(failed.error().message,
              "malformed response from portal.sso.eu-central-1.amazonaws.com: HTTP 502 without an AWS error document "
              "(after 3 attempts)");
}

TEST(SsoPortal, AnAnswerMissingAFieldNamesTheField) {
    const std::pair<std::string, std::string> cases[] = {
        {R"({"roleCredentials":{"accessKeyId":"A","secretAccessKey":"S","expiration":1}})", "missing sessionToken"},
        {R"({"roleCredentials":{"accessKeyId":"A","secretAccessKey":"S","sessionToken":"T"}})", "missing expiration"},
        {R"({"roleCredentials":{"accessKeyId":"A","secretAccessKey":"S","sessionToken":"T","expiration":"soon"}})",
         "expiration is not a whole number"},
        {R"({"roleCredentials":{"accessKeyId":"A","secretAccessKey":7,"sessionToken":"T","expiration":1}})",
         "secretAccessKey is not a string"},
        {R"({"roleCredentials":{"accessKeyId":"A","secretAccessKey":"S","sessionToken":"T","expiration":-5}})",
         "expiration is out of range"},
        {R"({"roleCredentials":{"accessKeyId":"A","secretAccessKey":"S","sessionToken":"T",)"
         R"("expiration":18446744073709551615}})",
         "expiration is out of range"},
        {R"({"credentials":{}})", "missing roleCredentials"},
        {R"([1,2])", "not a JSON object"},
        {"<html>", "not a JSON object"},
    };
    for (const auto& [body, why] : cases) {
        Harness h;
        h.http->answers.push_back(aws::HttpResponse{200, {}, body});
        auto creds = h.api.sso_portal->get_role_credentials(role_request());
        ASSERT_FALSE(creds) << body;
        EXPECT_EQ(creds.error().code, Errc::network);
        EXPECT_EQ(creds.error().message,
                  "malformed GetRoleCredentials response from portal.sso.eu-central-1.amazonaws.com: " + why);
    }
}

TEST(SsoEndpoints, TheServicesVariableThenAwsEndpointUrlNeverTheProfilesEndpointUrl) {
    aws::ClientOptions options;
    options.endpoint_url = "https://sts-only.example.com";
    options.env.set("AWS_ENDPOINT_URL", "http://127.0.0.1:4000/all");
    Harness global(options);
    global.http->answers.push_back(reply(200, "sso_get_role_credentials.json"));
    global.http->answers.push_back(reply(200, "oidc_create_token.json"));
    ASSERT_TRUE(global.api.sso_portal->get_role_credentials(role_request()));
    ASSERT_TRUE(global.api.sso_oidc->create_token({"eu-west-1", "id", "secret", aws::k_refresh_token_grant, "", "r"}));
    EXPECT_EQ(global.http->requests[0].url,
              "http://127.0.0.1:4000/all/federation/credentials?role_name=Dev%20Ops&account_id=111122223333");
    EXPECT_EQ(header(global.http->requests[0], "Host"), "127.0.0.1:4000");
    EXPECT_EQ(global.http->requests[1].url, "http://127.0.0.1:4000/all/token");

    options.env.set("AWS_ENDPOINT_URL_SSO", "http://127.0.0.1:4001");
    options.env.set("AWS_ENDPOINT_URL_SSO_OIDC", "http://localhost:4002/");
    Harness own(options);
    own.http->answers.push_back(reply(200, "sso_get_role_credentials.json"));
    own.http->answers.push_back(reply(200, "oidc_create_token.json"));
    ASSERT_TRUE(own.api.sso_portal->get_role_credentials(role_request()));
    ASSERT_TRUE(own.api.sso_oidc->create_token({"eu-west-1", "id", "secret", aws::k_refresh_token_grant, "", "r"}));
    EXPECT_EQ(own.http->requests[0].url.rfind("http://127.0.0.1:4001/federation/credentials?", 0), 0U);
    EXPECT_EQ(own.http->requests[1].url, "http://localhost:4002/token");

    Harness standard;
    standard.http->answers.push_back(reply(200, "oidc_create_token.json"));
    ASSERT_TRUE(standard.api.sso_oidc->create_token({"cn-north-1", "id", "secret", aws::k_refresh_token_grant, "", "r"}));
    EXPECT_EQ(standard.http->requests[0].url, "https://oidc.cn-north-1.amazonaws.com.cn/token");
}

TEST(SsoEndpoints, ABadRegionOrPlainHttpElsewhereIsAConfigErrorWithoutARequest) {
    Harness h;
    auto request = role_request();
    request.region = "evil.example.com/x";
    auto bad_region = h.api.sso_portal->get_role_credentials(request);
    ASSERT_FALSE(bad_region);
    EXPECT_EQ(bad_region.error().code, Errc::config);
    EXPECT_EQ(bad_region.error().message.rfind("sso_region: region 'evil.example.com/x'", 0), 0U)
        << bad_region.error().message;
    aws::ClientOptions options;
    options.env.set("AWS_ENDPOINT_URL_SSO_OIDC", "http://oidc.example.com");
    Harness plain(options);
    auto refused = plain.api.sso_oidc->register_client({"eu-west-1", "awsume-shell-host", {}});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Errc::config);
    EXPECT_EQ(refused.error().message.rfind("AWS_ENDPOINT_URL_SSO_OIDC: plain http://", 0), 0U)
        << refused.error().message;
    EXPECT_TRUE(h.http->requests.empty());
    EXPECT_TRUE(plain.http->requests.empty());
}

TEST(SsoOidc, RegisterClientAsksForAPublicClientWithTheScopes) {
    Harness h;
    h.http->answers.push_back(reply(200, "oidc_register_client.json"));
    auto client = h.api.sso_oidc->register_client({"eu-west-1", "awsume-shell-host", {"sso:account:access"}});
    ASSERT_TRUE(client) << client.error().message;
    EXPECT_EQ(client->client_id, "_ZGlkOkNsaWVudElkRXhhbXBsZQ");
    EXPECT_EQ(client->client_secret, "eyJraWQiOiJrZXktRXhhbXBsZUNsaWVudFNlY3JldCJ9");
    EXPECT_EQ(client->client_secret_expires_at, 1803093600);
    const auto& sent = h.http->requests.at(0);
    EXPECT_EQ(sent.method, "POST");
    EXPECT_EQ(sent.url, "https://oidc.eu-west-1.amazonaws.com/client/register");
    EXPECT_EQ(header(sent, "Content-Type"), "application/json");
    EXPECT_EQ(nlohmann::json::parse(sent.body),
              (nlohmann::json{{"clientName", "awsume-shell-host"}, {"clientType", "public"}, {"scopes", {"sso:account:access"}}}));
    // Without scopes, none are sent (and AWS issues no refresh token).
    Harness bare;
    bare.http->answers.push_back(reply(200, "oidc_register_client.json"));
    ASSERT_TRUE(bare.api.sso_oidc->register_client({"eu-west-1", "n", {}}));
    EXPECT_FALSE(nlohmann::json::parse(bare.http->requests.at(0).body).contains("scopes"));
    expect_no_secret(h, {"eyJraWQiOiJrZXktRXhhbXBsZUNsaWVudFNlY3JldCJ9"});
}

TEST(SsoOidc, StartDeviceAuthorizationSendsTheClientAndStartUrl) {
    Harness h;
    h.http->answers.push_back(reply(200, "oidc_start_device_authorization.json"));
    auto device = h.api.sso_oidc->start_device_authorization({"eu-west-1", "cid", "CLIENTSECRET", "https://corp/start"});
    ASSERT_TRUE(device) << device.error().message;
    EXPECT_EQ(device->device_code, "devicecode-EXAMPLE-5x8nq2bKkNUgdGVzdA");
    EXPECT_EQ(device->user_code, "WDKT-QZQB");
    EXPECT_EQ(device->verification_uri, "https://device.sso.eu-west-1.amazonaws.com/");
    EXPECT_EQ(device->verification_uri_complete, "https://device.sso.eu-west-1.amazonaws.com/?user_code=WDKT-QZQB");
    EXPECT_EQ(device->expires_in, 600);
    EXPECT_EQ(device->interval, 1);
    const auto& sent = h.http->requests.at(0);
    EXPECT_EQ(sent.url, "https://oidc.eu-west-1.amazonaws.com/device_authorization");
    EXPECT_EQ(nlohmann::json::parse(sent.body),
              (nlohmann::json{{"clientId", "cid"}, {"clientSecret", "CLIENTSECRET"}, {"startUrl", "https://corp/start"}}));
    expect_no_secret(h, {"CLIENTSECRET", "devicecode-EXAMPLE"});

    Harness defaults;
    defaults.http->answers.push_back(aws::HttpResponse{
        200, {}, R"({"deviceCode":"d","userCode":"u","verificationUri":"https://v/","expiresIn":600})"});
    auto plain = defaults.api.sso_oidc->start_device_authorization({"eu-west-1", "cid", "s", "https://corp/start"});
    ASSERT_TRUE(plain) << plain.error().message;
    EXPECT_EQ(plain->interval, 5) << "AWS's default when absent";
    EXPECT_EQ(plain->verification_uri_complete, "");
}

TEST(SsoOidc, CreateTokenSendsTheGrantAndReadsTheTokens) {
    Harness h;
    h.http->answers.push_back(reply(200, "oidc_create_token.json"));
    auto token = h.api.sso_oidc->create_token(
        {"eu-west-1", "cid", "CLIENTSECRET", aws::k_device_code_grant, "DEVICECODE", ""});
    ASSERT_TRUE(token) << token.error().message;
    EXPECT_EQ(token->access_token, "aoaAAAAAGEXAMPLEACCESSTOKENvalue");
    EXPECT_EQ(token->refresh_token, "aorvJYubGpU6i91YnH7EXAMPLEREFRESHTOKEN");
    EXPECT_EQ(token->expires_in, 28800);
    EXPECT_EQ(nlohmann::json::parse(h.http->requests.at(0).body),
              (nlohmann::json{{"clientId", "cid"},
                              {"clientSecret", "CLIENTSECRET"},
                              {"grantType", "urn:ietf:params:oauth:grant-type:device_code"},
                              {"deviceCode", "DEVICECODE"}}));
    expect_no_secret(h, {"CLIENTSECRET", "DEVICECODE", "EXAMPLEACCESSTOKEN", "EXAMPLEREFRESHTOKEN"});

    Harness refresh;
    refresh.http->answers.push_back(aws::HttpResponse{200, {}, R"({"accessToken":"NEWTOKEN","expiresIn":3600})"});
    auto renewed =
        refresh.api.sso_oidc->create_token({"eu-west-1", "cid", "s", aws::k_refresh_token_grant, "", "REFRESHSECRET"});
    ASSERT_TRUE(renewed) << renewed.error().message;
    EXPECT_FALSE(renewed->refresh_token) << "none issued: the old one stays";
    const auto body = nlohmann::json::parse(refresh.http->requests.at(0).body);
    EXPECT_EQ(body.at("grantType"), "refresh_token");
    EXPECT_EQ(body.at("refreshToken"), "REFRESHSECRET");
    EXPECT_FALSE(body.contains("deviceCode"));
    expect_no_secret(refresh, {"REFRESHSECRET", "NEWTOKEN"});
}

TEST(SsoOidc, PendingAndSlowDownComeBackUntouchedForThePollLoop) {
    Harness h;
    h.http->answers.push_back(reply(400, "oidc_error_authorization_pending.json",
                                    error_type("AuthorizationPendingException", k_oidc_ns)));
    auto pending = h.api.sso_oidc->create_token({"eu-west-1", "cid", "s", aws::k_device_code_grant, "d", ""});
    ASSERT_FALSE(pending);
    EXPECT_EQ(pending.error().code, Errc::aws);
    EXPECT_EQ(pending.error().aws_code, "AuthorizationPendingException");
    EXPECT_EQ(h.http->requests.size(), 1U) << "never retried by the client";

    // Only the OAuth error in the body (no header): its exception's name.
    Harness slow;
    slow.http->answers.push_back(reply(400, "oidc_error_slow_down.json"));
    auto slowed = slow.api.sso_oidc->create_token({"eu-west-1", "cid", "s", aws::k_device_code_grant, "d", ""});
    ASSERT_FALSE(slowed);
    EXPECT_EQ(slowed.error().aws_code, "SlowDownException");
    EXPECT_EQ(slowed.error().message, "SlowDownException");
    EXPECT_EQ(slow.http->requests.size(), 1U) << "never retried by the client";
    EXPECT_TRUE(slow.sleeps.empty());

    Harness revoked;
    revoked.http->answers.push_back(
        reply(400, "oidc_error_invalid_grant.json", error_type("InvalidGrantException", k_oidc_ns)));
    auto refused = revoked.api.sso_oidc->create_token({"eu-west-1", "cid", "s", aws::k_refresh_token_grant, "", "r"});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().aws_code, "InvalidGrantException");
    EXPECT_EQ(refused.error().message, "InvalidGrantException: Invalid refresh token provided");
}

TEST(SsoOidc, AnAnswerMissingAFieldNamesTheField) {
    Harness h;
    h.http->answers.push_back(aws::HttpResponse{200, {}, R"({"clientId":"c","clientSecretExpiresAt":1})"});
    auto client = h.api.sso_oidc->register_client({"eu-west-1", "n", {}});
    ASSERT_FALSE(client);
    EXPECT_EQ(client.error().message, "malformed RegisterClient response from oidc.eu-west-1.amazonaws.com: missing clientSecret");
    Harness token;
    token.http->answers.push_back(aws::HttpResponse{200, {}, R"({"accessToken":"a","expiresIn":0})"});
    auto expired = token.api.sso_oidc->create_token({"eu-west-1", "c", "s", aws::k_refresh_token_grant, "", "r"});
    ASSERT_FALSE(expired);
    EXPECT_EQ(expired.error().message, "malformed CreateToken response from oidc.eu-west-1.amazonaws.com: expiresIn is out of range");
    Harness device;
    device.http->answers.push_back(aws::HttpResponse{
        200, {}, R"({"deviceCode":"d","userCode":"u","verificationUri":"https://v/","expiresIn":600,"interval":86400})"});
    auto slow = device.api.sso_oidc->start_device_authorization({"eu-west-1", "c", "s", "https://corp/start"});
    ASSERT_FALSE(slow);
    EXPECT_EQ(slow.error().message,
              "malformed StartDeviceAuthorization response from oidc.eu-west-1.amazonaws.com: interval is out of range");
}
