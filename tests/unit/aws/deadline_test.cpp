// One network deadline for all the calls of a command (issue 8 item 16), on a fake clock:
// every attempt gets at most what is left, a hung endpoint ends at the deadline.
#include <gtest/gtest.h>

#include <deque>
#include <fstream>
#include <sstream>

#include "awsume_shell/aws/aws_api.hpp"

namespace aws = awsume_shell::aws;
namespace util = awsume_shell::util;
using awsume_shell::Errc;
using awsume_shell::Result;

namespace {

/// An endpoint that answers each request after `seconds_per_request` on the fake clock,
/// or hangs until the request's timeout (answers empty).
class SlowHttpClient final : public aws::HttpClient {
public:
    double* now = nullptr;
    std::deque<std::pair<double, aws::HttpResponse>> answers;  ///< seconds taken, answer
    std::vector<aws::HttpRequest> requests;

    Result<aws::HttpResponse> send(const aws::HttpRequest& request) override {
        requests.push_back(request);
        if (answers.empty()) {  // hung: the per-attempt timeout ends it
            *now += static_cast<double>(request.timeout_ms) / 1000.0;
            return awsume_shell::make_error(Errc::network, "cannot reach sts: Operation timed out");
        }
        auto [seconds, answer] = answers.front();
        answers.pop_front();
        *now += seconds;
        return answer;
    }
};

std::string identity_xml() {
    std::ifstream in(std::string(AWSUME_SHELL_TEST_DATA) + "/aws/get_caller_identity.xml");
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

struct Clocked {
    double now = 0;
    SlowHttpClient* http = nullptr;
    aws::Clients api;

    explicit Clocked(long network_timeout_ms = 30000) {
        aws::ClientOptions options;
        options.network_timeout_ms = network_timeout_ms;
        auto client = std::make_unique<SlowHttpClient>();
        client->now = &now;
        http = client.get();
        aws::RetryHooks hooks;
        hooks.sleep = [this](double seconds) { now += seconds; };
        hooks.random01 = [] { return 1.0; };
        hooks.monotonic_seconds = [this] { return now; };
        api = aws::make_aws_clients(options, std::move(client),
                                std::make_shared<util::FixedClock>(1795317600), hooks);
    }
};

awsume_shell::model::Credentials keys() {
    return {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "", std::nullopt};
}

TEST(Deadline, HungEndpointEndsAtTheDeadlineWithAClearError) {
    Clocked c;
    auto id = c.api.sts->get_caller_identity(keys());
    ASSERT_FALSE(id);
    EXPECT_EQ(id.error().code, Errc::network);
    EXPECT_EQ(id.error().message,
              "no answer from sts.amazonaws.com to GetCallerIdentity within 30 s "
              "(network_timeout; after 1 attempt)");
    EXPECT_LE(c.now, 30.0);
    ASSERT_EQ(c.http->requests.size(), 1u);
    EXPECT_EQ(c.http->requests[0].timeout_ms, 30000);
}

TEST(Deadline, AllCallsOfACommandShareOneDeadline) {
    Clocked c(10000);
    c.http->answers.push_back({7.5, aws::HttpResponse{200, {}, identity_xml()}});
    ASSERT_TRUE(c.api.sts->get_caller_identity(keys()));
    auto second = c.api.sts->get_caller_identity(keys());
    ASSERT_FALSE(second);
    ASSERT_EQ(c.http->requests.size(), 2u);
    EXPECT_EQ(c.http->requests[1].timeout_ms, 2500);
    EXPECT_DOUBLE_EQ(c.now, 10.0);
    EXPECT_NE(second.error().message.find("within 10 s (network_timeout"), std::string::npos)
        << second.error().message;
}

TEST(Deadline, RetriesAndBackoffStayInsideTheDeadline) {
    Clocked c(1000);
    for (int i = 0; i < 3; ++i) {
        c.http->answers.push_back({0.3, aws::HttpResponse{503, {}, "<x/>"}});
    }
    auto id = c.api.sts->get_caller_identity(keys());
    ASSERT_FALSE(id);
    EXPECT_LE(c.now, 1.0 + 1e-9);
    for (const auto& request : c.http->requests) {
        EXPECT_GT(request.timeout_ms, 0);
        EXPECT_LE(request.timeout_ms, 1000);
    }
}

TEST(Deadline, WaitingLabelNamesHostActionRoleAndAttempt) {
    Clocked c;
    aws::AssumeRoleRequest request{"arn:aws:iam::123456789012:role/demo", "sess", {}, {}, {}, {}};
    (void)c.api.sts->assume_role(keys(), request);
    ASSERT_FALSE(c.http->requests.empty());
    EXPECT_EQ(c.http->requests[0].waiting_for,
              "sts.amazonaws.com (AssumeRole arn:aws:iam::123456789012:role/demo, attempt 1/3)");
}

TEST(Deadline, DeletingTheNewMfaDeviceGetsADeadlineOfItsOwn) {
    Clocked c(2000);
    ASSERT_FALSE(c.api.iam->enable_mfa_device(keys(), "carol", "arn:aws:iam::123456789012:mfa/carol",
                                          "123456", "654321"));  // hangs: the deadline is spent
    EXPECT_DOUBLE_EQ(c.now, 2.0);
    c.http->answers.push_back(
        {0.1, aws::HttpResponse{200, {}, "<DeleteVirtualMFADeviceResponse><ResponseMetadata/>"
                                         "</DeleteVirtualMFADeviceResponse>"}});
    EXPECT_TRUE(c.api.iam->delete_virtual_mfa_device(keys(), "arn:aws:iam::123456789012:mfa/carol"));
    ASSERT_EQ(c.http->requests.size(), 2u);
    EXPECT_EQ(c.http->requests[1].timeout_ms, 2000);
}

TEST(Deadline, TheDeviceCodePollsOfASignInNeitherUseNorSpendTheCommandsDeadline) {
    // A sign-in polls for up to ten minutes; at 0.5 s a poll (a far region), 30 polls
    // would spend a 10 s network deadline and end the sign-in the user is approving.
    Clocked c(10000);
    const aws::HttpResponse pending{400, {}, R"({"error":"authorization_pending","error_description":null})"};
    for (int i = 0; i < 30; ++i) {
        c.http->answers.push_back({0.5, pending});
    }
    c.http->answers.push_back({0.5, aws::HttpResponse{200, {}, R"({"accessToken":"T","expiresIn":3600})"}});
    const aws::CreateTokenRequest poll{"eu-west-1", "cid", "secret", aws::k_device_code_grant, "device", ""};
    for (int i = 0; i < 30; ++i) {
        auto answer = c.api.sso_oidc->create_token(poll);
        ASSERT_FALSE(answer);
        ASSERT_EQ(answer.error().aws_code, "AuthorizationPendingException") << "poll " << i << ": "
                                                                            << answer.error().message;
    }
    ASSERT_TRUE(c.api.sso_oidc->create_token(poll));
    EXPECT_EQ(c.http->requests.back().timeout_ms, 10000) << "each poll has the whole deadline";
    (void)c.api.sts->get_caller_identity(keys());  // the next call of the command still has all of it
    EXPECT_EQ(c.http->requests.back().timeout_ms, 10000);
}

}  // namespace
