// The SSO clients against botocore's own service models (tests/data/aws/botocore/): every
// request goes where the model says (method, path, query string, header, JSON members),
// every member read from an answer is one the model names, and the error shapes the poll
// loop and the provider rely on exist with the status AWS answers them with.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "unit/aws/scripted_http.hpp"

namespace aws = awsume_shell::aws;
using aws_test::fixture;
using aws_test::Harness;
using aws_test::header;
using aws_test::reply;

namespace {

nlohmann::json model(const std::string& service) {
    return nlohmann::json::parse(fixture("botocore/" + service + "-2019-06-10.json"));
}

const nlohmann::json& shape(const nlohmann::json& m, const std::string& name) { return m.at("shapes").at(name); }

std::set<std::string> member_names(const nlohmann::json& structure) {
    std::set<std::string> names;
    for (const auto& [name, member] : structure.at("members").items()) {
        names.insert(name);
    }
    return names;
}

std::set<std::string> keys_of(const nlohmann::json& object) {
    std::set<std::string> keys;
    for (const auto& [key, value] : object.items()) {
        keys.insert(key);
    }
    return keys;
}

/// The operation's HTTP method and path, and that `url` is that path on the endpoint.
void expect_operation(const nlohmann::json& m, const std::string& op, const aws::HttpRequest& sent,
                      const std::string& endpoint) {
    const auto& http = m.at("operations").at(op).at("http");
    EXPECT_EQ(sent.method, http.at("method").get<std::string>()) << op;
    const std::string path = http.at("requestUri").get<std::string>();
    EXPECT_EQ(sent.url.substr(0, sent.url.find('?')), endpoint + path) << op;
    EXPECT_EQ(m.at("operations").at(op).at("authtype"), "none") << op << ": no SigV4";
}

}  // namespace

TEST(SsoServiceModel, GetRoleCredentialsPutsEachMemberWhereTheModelSays) {
    const auto m = model("sso");
    Harness h;
    h.http->answers.push_back(reply(200, "sso_get_role_credentials.json"));
    ASSERT_TRUE(h.api.sso_portal->get_role_credentials({"us-east-1", "TOKEN", "123456789012", "Admin"}));
    const auto& sent = h.http->requests.at(0);
    expect_operation(m, "GetRoleCredentials", sent, "https://portal.sso.us-east-1.amazonaws.com");
    EXPECT_EQ(m.at("metadata").at("endpointPrefix"), "portal.sso");
    const auto& input = shape(m, "GetRoleCredentialsRequest").at("members");
    EXPECT_EQ(input.at("accessToken").at("location"), "header");
    EXPECT_EQ(header(sent, input.at("accessToken").at("locationName").get<std::string>()), "TOKEN");
    const std::string query = sent.url.substr(sent.url.find('?') + 1);
    EXPECT_EQ(input.at("roleName").at("location"), "querystring");
    EXPECT_EQ(input.at("accountId").at("location"), "querystring");
    EXPECT_EQ(query, input.at("roleName").at("locationName").get<std::string>() + "=Admin&" +
                         input.at("accountId").at("locationName").get<std::string>() + "=123456789012");
    // What the client reads is what the model answers.
    const auto answer = nlohmann::json::parse(fixture("sso_get_role_credentials.json"));
    EXPECT_EQ(keys_of(answer), member_names(shape(m, "GetRoleCredentialsResponse")));
    EXPECT_EQ(keys_of(answer.at("roleCredentials")), member_names(shape(m, "RoleCredentials")));
    EXPECT_EQ(shape(m, "ExpirationTimestampType").at("type"), "long") << "epoch milliseconds, a number";
    EXPECT_EQ(shape(m, "UnauthorizedException").at("error").at("httpStatusCode"), 401);
    EXPECT_EQ(shape(m, "TooManyRequestsException").at("error").at("httpStatusCode"), 429);
}

TEST(SsoServiceModel, TheOidcBodiesAndAnswersUseTheModelsMemberNames) {
    const auto m = model("sso-oidc");
    EXPECT_EQ(m.at("metadata").at("endpointPrefix"), "oidc");
    EXPECT_EQ(m.at("metadata").at("protocol"), "rest-json");
    Harness h;
    h.http->answers.push_back(reply(200, "oidc_register_client.json"));
    h.http->answers.push_back(reply(200, "oidc_start_device_authorization.json"));
    h.http->answers.push_back(reply(200, "oidc_create_token.json"));
    h.http->answers.push_back(reply(200, "oidc_create_token.json"));
    ASSERT_TRUE(h.api.sso_oidc->register_client({"eu-west-1", "n", {"sso:account:access"}}));
    ASSERT_TRUE(h.api.sso_oidc->start_device_authorization({"eu-west-1", "c", "s", "https://x/start"}));
    ASSERT_TRUE(h.api.sso_oidc->create_token({"eu-west-1", "c", "s", aws::k_device_code_grant, "d", ""}));
    ASSERT_TRUE(h.api.sso_oidc->create_token({"eu-west-1", "c", "s", aws::k_refresh_token_grant, "", "r"}));
    const std::string endpoint = "https://oidc.eu-west-1.amazonaws.com";
    const std::pair<const char*, const char*> calls[] = {{"RegisterClient", "RegisterClientRequest"},
                                                         {"StartDeviceAuthorization", "StartDeviceAuthorizationRequest"},
                                                         {"CreateToken", "CreateTokenRequest"},
                                                         {"CreateToken", "CreateTokenRequest"}};
    for (std::size_t i = 0; i < std::size(calls); ++i) {
        const auto& sent = h.http->requests.at(i);
        expect_operation(m, calls[i].first, sent, endpoint);
        const auto body = nlohmann::json::parse(sent.body);
        const auto members = member_names(shape(m, calls[i].second));
        for (const auto& key : keys_of(body)) {
            EXPECT_TRUE(members.count(key)) << calls[i].first << " sends " << key;
        }
        for (const auto& required : shape(m, calls[i].second).at("required")) {
            EXPECT_TRUE(body.contains(required.get<std::string>())) << calls[i].first << " lacks " << required;
        }
    }
    const std::pair<const char*, const char*> answers[] = {
        {"oidc_register_client.json", "RegisterClientResponse"},
        {"oidc_start_device_authorization.json", "StartDeviceAuthorizationResponse"},
        {"oidc_create_token.json", "CreateTokenResponse"}};
    for (const auto& [file, response] : answers) {
        const auto members = member_names(shape(m, response));
        for (const auto& key : keys_of(nlohmann::json::parse(fixture(file)))) {
            EXPECT_TRUE(members.count(key)) << file << " has " << key;
        }
    }
    // The poll loop's errors: 400 with the OAuth error member whose value the body carries.
    for (const char* error : {"AuthorizationPendingException", "SlowDownException", "ExpiredTokenException",
                              "InvalidGrantException"}) {
        EXPECT_EQ(shape(m, error).at("error").at("httpStatusCode"), 400) << error;
        EXPECT_EQ(member_names(shape(m, error)), (std::set<std::string>{"error", "error_description"})) << error;
    }
}
