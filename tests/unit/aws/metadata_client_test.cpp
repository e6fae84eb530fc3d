// The IMDS and container credentials client over a fake metadata service: the IMDSv2
// handshake, the v1 fallback and its switch, strict documents, bounded tries.
#include "awsume_shell/aws/metadata_client.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <vector>

#include "awsume_shell/aws/aws_api.hpp"

namespace aws = awsume_shell::aws;
using awsume_shell::Errc;
using awsume_shell::Result;

namespace {

constexpr const char* k_base = "http://169.254.169.254";
constexpr const char* k_creds_json =
    R"({"Code": "Success", "LastUpdated": "2026-12-02T06:00:00Z", "Type": "AWS-HMAC",
        "AccessKeyId": "ASIAINSTANCE0000001", "SecretAccessKey": "instance/secret",
        "Token": "instance-session-token", "Expiration": "2026-12-02T12:00:00Z"})";

std::string header(const aws::HttpRequest& request, const std::string& name) {
    for (const auto& [n, v] : request.headers) {
        if (n == name) {
            return v;
        }
    }
    return "(absent)";
}

/// A metadata service answering by method and path; every request is kept.
class FakeMetadataService final : public aws::HttpClient {
public:
    using Handler = std::function<Result<aws::HttpResponse>(const aws::HttpRequest&)>;
    std::map<std::string, Handler> routes;  ///< "PUT /latest/api/token" -> handler
    std::vector<aws::HttpRequest> requests;

    Result<aws::HttpResponse> send(const aws::HttpRequest& request) override {
        requests.push_back(request);
        const std::size_t path = request.url.find('/', request.url.find("://") + 3);
        auto route = routes.find(request.method + " " + request.url.substr(path));
        if (route == routes.end()) {
            return aws::HttpResponse{404, {}, "not found"};
        }
        return route->second(request);
    }
    std::size_t count(const std::string& method) const {
        std::size_t n = 0;
        for (const auto& r : requests) {
            n += r.method == method;
        }
        return n;
    }
};

Result<aws::HttpResponse> answer(long status, std::string body) {
    return aws::HttpResponse{status, {}, std::move(body)};
}

/// IMDSv2: the token is required on every GET.
void serve_v2(FakeMetadataService& imds, std::string document = k_creds_json) {
    imds.routes["PUT /latest/api/token"] = [](const aws::HttpRequest& r) {
        return header(r, "X-aws-ec2-metadata-token-ttl-seconds") == "21600" ? answer(200, "TOKEN-1")
                                                                             : answer(400, "");
    };
    auto with_token = [](std::string body) {
        return [body](const aws::HttpRequest& r) {
            return header(r, "X-aws-ec2-metadata-token") == "TOKEN-1" ? answer(200, body) : answer(401, "");
        };
    };
    imds.routes["GET /latest/meta-data/iam/security-credentials/"] = with_token("web-role\n");
    imds.routes["GET /latest/meta-data/iam/security-credentials/web-role"] = with_token(document);
}

struct Harness {
    FakeMetadataService http;
    std::vector<double> sleeps;
    std::vector<std::string> debug;
    aws::MetadataClient client{http, aws::RetryHooks{[this](double s) { sleeps.push_back(s); }, {}, {}},
                               [this](const std::string& line) { debug.push_back(line); }};

    Result<awsume_shell::model::Credentials> instance(bool v1_disabled = false) {
        return client.instance_credentials({std::string(k_base) + "/", v1_disabled, 1000});
    }
};

TEST(MetadataClient, Imdsv2AsksATokenThenTheRoleThenItsCredentials) {
    Harness h;
    serve_v2(h.http);
    auto creds = h.instance();
    ASSERT_TRUE(creds) << creds.error().message;
    EXPECT_EQ(creds->access_key_id, "ASIAINSTANCE0000001");
    EXPECT_EQ(creds->secret_access_key, "instance/secret");
    EXPECT_EQ(creds->session_token, "instance-session-token");
    EXPECT_EQ(creds->expiration, 1796212800);  // 2026-12-02T12:00:00Z
    ASSERT_EQ(h.http.requests.size(), 3u);
    EXPECT_EQ(h.http.requests[0].method, "PUT");
    EXPECT_EQ(h.http.requests[0].url, "http://169.254.169.254/latest/api/token");
    EXPECT_EQ(h.http.requests[2].url, "http://169.254.169.254/latest/meta-data/iam/security-credentials/web-role");
    for (const auto& r : h.http.requests) {
        EXPECT_EQ(r.timeout_ms, 1000);
    }
}

TEST(MetadataClient, FallsBackToImdsv1WhenTheTokenPutIsRefused) {
    for (long status : {403L, 404L, 405L}) {
        Harness h;
        h.http.routes["PUT /latest/api/token"] = [status](const aws::HttpRequest&) { return answer(status, ""); };
        auto v1 = [](std::string body) {
            return [body](const aws::HttpRequest& r) {
                return header(r, "X-aws-ec2-metadata-token") == "(absent)" ? answer(200, body) : answer(400, "");
            };
        };
        h.http.routes["GET /latest/meta-data/iam/security-credentials/"] = v1("web-role");
        h.http.routes["GET /latest/meta-data/iam/security-credentials/web-role"] = v1(k_creds_json);
        auto creds = h.instance();
        ASSERT_TRUE(creds) << status << ": " << creds.error().message;
        EXPECT_EQ(creds->access_key_id, "ASIAINSTANCE0000001");

        Harness off;
        off.http.routes = h.http.routes;
        auto refused = off.instance(/*v1_disabled=*/true);
        ASSERT_FALSE(refused);
        EXPECT_NE(refused.error().message.find("HTTP " + std::to_string(status)), std::string::npos);
        EXPECT_NE(refused.error().message.find("IMDSv1 fallback is disabled"), std::string::npos);
        EXPECT_EQ(off.http.count("GET"), 0u);  // nothing asked without a token
    }
}

TEST(MetadataClient, OtherTokenAnswersAreErrorsNotAFallback) {
    Harness h;
    h.http.routes["PUT /latest/api/token"] = [](const aws::HttpRequest&) { return answer(400, ""); };
    auto creds = h.instance();
    ASSERT_FALSE(creds);
    EXPECT_NE(creds.error().message.find("HTTP 400 to the session token request"), std::string::npos);
    EXPECT_EQ(h.http.count("GET"), 0u);
}

TEST(MetadataClient, AnAbsentServiceIsAskedOnceNotRetried) {
    Harness h;
    h.http.routes["PUT /latest/api/token"] = [](const aws::HttpRequest&) -> Result<aws::HttpResponse> {
        return awsume_shell::make_error(Errc::network, "cannot reach 169.254.169.254: Connection timed out");
    };
    auto creds = h.instance();
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().code, Errc::network);
    EXPECT_NE(creds.error().message.find("did not answer the session token request"), std::string::npos);
    EXPECT_EQ(h.http.requests.size(), 1u);
    EXPECT_TRUE(h.sleeps.empty());
}

/// Every request of the service fails with this transport error.
void serve_failure(FakeMetadataService& service, Errc code, std::string message, std::string aws_code = {}) {
    auto fail = [=](const aws::HttpRequest&) -> Result<aws::HttpResponse> {
        return awsume_shell::make_error(code, message, aws_code);
    };
    service.routes["PUT /latest/api/token"] = fail;
    service.routes["GET /v2/credentials/task-1"] = fail;
}

TEST(MetadataClient, ErrorsThatAreNotTransportKeepTheirCode) {
    // A proxy refusal is a configuration error (exit 2), not a silent service.
    const std::string refusal = "http_proxy is set: a plain http:// request to 169.254.169.254 would cross";
    Harness h;
    serve_failure(h.http, Errc::config, refusal);
    auto imds = h.instance();
    ASSERT_FALSE(imds);
    EXPECT_EQ(imds.error().code, Errc::config);
    EXPECT_NE(imds.error().message.find(refusal), std::string::npos);
    EXPECT_EQ(imds.error().message.find("hop limit"), std::string::npos) << imds.error().message;
    auto ecs = h.client.container_credentials({"http://169.254.170.2/v2/credentials/task-1", std::nullopt, 1000});
    ASSERT_FALSE(ecs);
    EXPECT_EQ(ecs.error().code, Errc::config);
    EXPECT_NE(ecs.error().message.find(refusal), std::string::npos);
}

TEST(MetadataClient, TheHopLimitHintOnlyForAReadTimeoutOnAnAcceptedConnection) {
    Harness refused;
    serve_failure(refused.http, Errc::network, "cannot reach 127.0.0.1:9: Connection refused");
    auto plain = refused.instance();
    ASSERT_FALSE(plain);
    EXPECT_EQ(plain.error().code, Errc::network);
    EXPECT_NE(plain.error().message.find("Connection refused"), std::string::npos);
    EXPECT_EQ(plain.error().message.find("hop limit"), std::string::npos) << plain.error().message;

    Harness silent;
    serve_failure(silent.http, Errc::network, "cannot reach 169.254.169.254: Operation timed out",
                  aws::k_read_timeout_transport_error);
    auto dropped = silent.instance();
    ASSERT_FALSE(dropped);
    EXPECT_EQ(dropped.error().code, Errc::network);
    EXPECT_NE(dropped.error().message.find("hop limit"), std::string::npos) << dropped.error().message;
    EXPECT_TRUE(dropped.error().aws_code.empty());  // the marker never leaves the AWS code
}

TEST(MetadataClient, AServerErrorIsTriedOnceMore) {
    Harness h;
    serve_v2(h.http);
    int puts = 0;
    h.http.routes["PUT /latest/api/token"] = [&puts](const aws::HttpRequest&) {
        return ++puts == 1 ? answer(503, "") : answer(200, "TOKEN-1");
    };
    ASSERT_TRUE(h.instance());
    EXPECT_EQ(puts, 2);
    EXPECT_EQ(h.sleeps.size(), 1u);

    Harness down;
    down.http.routes["PUT /latest/api/token"] = [](const aws::HttpRequest&) { return answer(500, ""); };
    ASSERT_FALSE(down.instance());
    EXPECT_EQ(down.http.requests.size(), static_cast<std::size_t>(aws::k_metadata_attempts));
}

TEST(MetadataClient, AnExpiredTokenIsRenewedOnce) {
    Harness h;
    serve_v2(h.http);
    int puts = 0;
    h.http.routes["PUT /latest/api/token"] = [&puts](const aws::HttpRequest&) {
        return answer(200, ++puts == 1 ? "STALE" : "TOKEN-1");
    };
    ASSERT_TRUE(h.instance());
    EXPECT_EQ(puts, 2);

    Harness never;
    serve_v2(never.http);
    never.http.routes["PUT /latest/api/token"] = [](const aws::HttpRequest&) { return answer(200, "STALE"); };
    auto creds = never.instance();
    ASSERT_FALSE(creds);
    EXPECT_NE(creds.error().message.find("HTTP 401"), std::string::npos);
    EXPECT_EQ(never.http.count("PUT"), 2u);
}

TEST(MetadataClient, NoRoleAndBadRoleNames) {
    Harness none;
    serve_v2(none.http);
    none.http.routes.erase("GET /latest/meta-data/iam/security-credentials/");
    auto creds = none.instance();
    ASSERT_FALSE(creds);
    EXPECT_NE(creds.error().message.find("has no IAM role"), std::string::npos);

    for (const char* name : {"", "../../user-data", "a b", "role?x=1", "r\x1b[2J"}) {
        Harness h;
        serve_v2(h.http);
        h.http.routes["GET /latest/meta-data/iam/security-credentials/"] = [name](const aws::HttpRequest&) {
            return answer(200, name);
        };
        auto bad = h.instance();
        ASSERT_FALSE(bad) << name;
        EXPECT_NE(bad.error().message.find("not an IAM role name"), std::string::npos);
        EXPECT_EQ(h.http.requests.size(), 2u) << "no request with role " << name;
    }
}

TEST(MetadataClient, TheTokenMustBeAToken) {
    for (std::string token : {std::string(), std::string(2000, 'a'), std::string("tok\r\nX-Evil: 1")}) {
        Harness h;
        serve_v2(h.http);
        h.http.routes["PUT /latest/api/token"] = [token](const aws::HttpRequest&) { return answer(200, token); };
        auto creds = h.instance();
        ASSERT_FALSE(creds);
        EXPECT_NE(creds.error().message.find("session token that is not one"), std::string::npos);
        EXPECT_EQ(h.http.count("GET"), 0u);
    }
}

TEST(MetadataClient, InstanceDocumentsAreReadStrictly) {
    const std::string from = "IMDS";
    auto error_of = [&](const std::string& body) {
        auto creds = aws::parse_instance_credentials(body, from);
        EXPECT_FALSE(creds) << body;
        return creds ? std::string() : creds.error().message;
    };
    EXPECT_NE(error_of(R"({"Code": "AssumeRoleUnauthorizedAccess", "Message": "cannot assume"})")
                  .find("Code AssumeRoleUnauthorizedAccess: cannot assume"),
              std::string::npos);
    EXPECT_NE(error_of(R"({"AccessKeyId": "A", "SecretAccessKey": "S", "Token": "T",
                         "Expiration": "2026-12-02T12:00:00Z"})").find("without a \"Code\""),
              std::string::npos);
    EXPECT_NE(error_of(R"({"Code": "Success", "SecretAccessKey": "S", "Token": "T",
                         "Expiration": "2026-12-02T12:00:00Z"})").find("without \"AccessKeyId\""),
              std::string::npos);
    EXPECT_NE(error_of(R"({"Code": "Success", "AccessKeyId": "A", "SecretAccessKey": "S", "Token": "T",
                         "Expiration": "tomorrow"})").find("not an ISO 8601 time"),
              std::string::npos);
    EXPECT_NE(error_of(R"({"Code": "Success", "AccessKeyId": 5, "SecretAccessKey": "S", "Token": "T",
                         "Expiration": "2026-12-02T12:00:00Z"})").find("not a non-empty string"),
              std::string::npos);
    EXPECT_NE(error_of("[1]").find("not a JSON object"), std::string::npos);
    EXPECT_NE(error_of("{\"Code\": \"Success\", \"pad\": \"" + std::string(70000, 'x') + "\"}").find("64 KiB"),
              std::string::npos);
    // Hostile text is quoted escaped and bounded.
    const std::string shown = error_of("{\"Code\": \"\\u001b[2J" + std::string(500, 'c') + "\"}");
    EXPECT_EQ(shown.find('\x1b'), std::string::npos);
    EXPECT_LT(shown.size(), 300u);
}

TEST(MetadataClient, ContainerCredentialsWithTheAuthorizationHeader) {
    Harness h;
    h.http.routes["GET /v2/credentials/task-1"] = [](const aws::HttpRequest& r) {
        if (header(r, "Authorization") != "secret-token") {
            return answer(403, R"({"code": "AccessDenied", "message": "bad token"})");
        }
        return answer(200, R"({"AccessKeyId": "ASIATASK", "SecretAccessKey": "task/secret",
                               "Token": "task-token", "Expiration": "2026-12-02T12:00:00Z",
                               "RoleArn": "arn:aws:iam::111122223333:role/task"})");
    };
    const std::string url = "http://127.0.0.1:51679/v2/credentials/task-1";
    auto creds = h.client.container_credentials({url, std::string("secret-token"), 1000});
    ASSERT_TRUE(creds) << creds.error().message;
    EXPECT_EQ(creds->access_key_id, "ASIATASK");
    EXPECT_EQ(creds->session_token, "task-token");
    EXPECT_EQ(h.http.requests[0].timeout_ms, 1000);

    auto denied = h.client.container_credentials({url, std::string("wrong"), 1000});
    ASSERT_FALSE(denied);
    EXPECT_EQ(denied.error().code, Errc::aws);
    EXPECT_EQ(denied.error().aws_code, "AccessDenied");
    EXPECT_NE(denied.error().message.find("HTTP 403 AccessDenied: bad token"), std::string::npos);
    EXPECT_EQ(denied.error().message.find("wrong"), std::string::npos);
    EXPECT_EQ(denied.error().message.find("/v2/credentials"), std::string::npos);  // host only

    auto anonymous = h.client.container_credentials({url, std::nullopt, 1000});
    ASSERT_FALSE(anonymous);
    EXPECT_EQ(header(h.http.requests.back(), "Authorization"), "(absent)");

    auto injected = h.client.container_credentials({url, std::string("t\r\nX-Evil: 1"), 1000});
    ASSERT_FALSE(injected);
    EXPECT_EQ(h.http.requests.size(), 3u);  // never sent
}

/// No failure, however it happens, quotes the IMDS token, the authorization token or a key
/// the service handed out: not in the error, not in a debug line.
void expect_no_secret(const Harness& h, const awsume_shell::Error& error, const std::string& scenario) {
    for (const char* secret : {"TOKEN-1", "instance/secret", "instance-session-token", "task-auth-token",
                               "task/secret"}) {
        EXPECT_EQ(error.message.find(secret), std::string::npos) << scenario << ": " << error.message;
        EXPECT_EQ(error.aws_code.find(secret), std::string::npos) << scenario << ": " << error.aws_code;
        for (const auto& line : h.debug) {
            EXPECT_EQ(line.find(secret), std::string::npos) << scenario << ": " << line;
        }
    }
}

TEST(MetadataClient, NoFailureQuotesATokenOrASecret) {
    // Documents that hold the secret and still fail.
    const std::map<std::string, std::string> bad_documents = {
        {"no expiration", R"({"Code": "Success", "AccessKeyId": "A", "SecretAccessKey": "instance/secret",
                              "Token": "instance-session-token"})"},
        {"bad expiration", R"({"Code": "Success", "AccessKeyId": "A", "SecretAccessKey": "instance/secret",
                               "Token": "instance-session-token", "Expiration": "instance/secret"})"},
        {"no key id", R"({"Code": "Success", "SecretAccessKey": "instance/secret", "Token": "instance-session-token",
                          "Expiration": "2026-12-02T12:00:00Z"})"},
        {"not JSON", "SecretAccessKey=instance/secret Token=instance-session-token"},
        {"too large", "{\"SecretAccessKey\": \"instance/secret\", \"pad\": \"" + std::string(70000, 'x') + "\"}"},
    };
    for (const auto& [scenario, document] : bad_documents) {
        Harness h;
        serve_v2(h.http, document);
        auto creds = h.instance();
        ASSERT_FALSE(creds) << scenario;
        expect_no_secret(h, creds.error(), "IMDS " + scenario);
    }
    // Failures after the token was sent: a server error, a refusal, a transport error.
    for (long status : {500L, 403L, 400L}) {
        Harness h;
        serve_v2(h.http);
        h.http.routes["GET /latest/meta-data/iam/security-credentials/web-role"] = [status](const aws::HttpRequest&) {
            return answer(status, "{\"code\": \"Denied\", \"message\": \"no\"}");
        };
        auto creds = h.instance();
        ASSERT_FALSE(creds) << status;
        expect_no_secret(h, creds.error(), "IMDS HTTP " + std::to_string(status));
    }
    Harness dropped;
    serve_v2(dropped.http);
    dropped.http.routes["GET /latest/meta-data/iam/security-credentials/"] = [](const aws::HttpRequest&)
        -> Result<aws::HttpResponse> { return awsume_shell::make_error(Errc::network, "Connection reset"); };
    auto none = dropped.instance();
    ASSERT_FALSE(none);
    expect_no_secret(dropped, none.error(), "IMDS transport error");

    // The container endpoint, with its authorization token, on every way to fail.
    const std::string url = "http://127.0.0.1:51679/v2/credentials/task-1";
    std::vector<std::function<Result<aws::HttpResponse>(const aws::HttpRequest&)>> failures = {
        [](const aws::HttpRequest&) { return answer(403, R"({"code": "AccessDenied", "message": "bad"})"); },
        [](const aws::HttpRequest&) { return answer(500, ""); },
        [](const aws::HttpRequest&) { return answer(200, R"({"code": "ClientException", "message": "x"})"); },
        [](const aws::HttpRequest&) { return answer(200, R"({"AccessKeyId": "A", "SecretAccessKey": "task/secret"})"); },
        [](const aws::HttpRequest&) { return answer(200, "task/secret"); },
        [](const aws::HttpRequest&) -> Result<aws::HttpResponse> {
            return awsume_shell::make_error(Errc::network, "cannot reach 127.0.0.1:51679: timed out",
                                            aws::k_read_timeout_transport_error);
        },
    };
    for (std::size_t i = 0; i < failures.size(); ++i) {
        Harness h;
        h.http.routes["GET /v2/credentials/task-1"] = failures[i];
        auto creds = h.client.container_credentials({url, std::string("task-auth-token"), 1000});
        ASSERT_FALSE(creds) << i;
        ASSERT_EQ(header(h.http.requests.front(), "Authorization"), "task-auth-token");  // it was sent
        expect_no_secret(h, creds.error(), "ECS failure " + std::to_string(i));
    }
}

TEST(MetadataClient, ContainerErrorDocumentsAreErrors) {
    auto creds = aws::parse_container_credentials(R"({"code": "ClientException", "message": "no task"})", "ECS");
    ASSERT_FALSE(creds);
    EXPECT_NE(creds.error().message.find("ClientException: no task"), std::string::npos);
    auto partial = aws::parse_container_credentials(R"({"AccessKeyId": "A", "SecretAccessKey": "S"})", "ECS");
    ASSERT_FALSE(partial);
    EXPECT_NE(partial.error().message.find("without \"Token\""), std::string::npos);
}

TEST(MetadataClient, TheModuleHandsItOut) {
    auto fake = std::make_unique<FakeMetadataService>();
    FakeMetadataService* http = fake.get();
    serve_v2(*http);
    aws::Clients clients = aws::make_aws_clients(aws::ClientOptions{}, std::move(fake),
                                                 std::make_shared<awsume_shell::util::FixedClock>(0));
    ASSERT_NE(clients.metadata, nullptr);
    auto creds = clients.metadata->instance_credentials({k_base, false, 1000});
    ASSERT_TRUE(creds) << creds.error().message;
    EXPECT_EQ(http->requests.size(), 3u);
}

}  // namespace
