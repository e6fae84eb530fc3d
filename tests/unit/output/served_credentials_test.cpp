#include "awsume_shell/output/served_credentials.hpp"

#include <gtest/gtest.h>

using namespace awsume_shell;
using output::ServedCredentials;

namespace {

constexpr util::UnixTime k_t0 = 1'800'000'000;

model::Credentials lasting(util::UnixTime issued, long lifetime, const std::string& key = "ASIAFIRST") {
    model::Credentials c{key, "secret", "token", issued + lifetime, issued};
    return c;
}

ServedCredentials hour_long() { return ServedCredentials(lasting(k_t0, 3600), 900, "prod", "in this sub-shell"); }

/// Hour-long credentials whose renewal at the margin failed for want of an MFA code.
ServedCredentials after_an_mfa_failure() {
    auto served = hour_long();
    served.renewal_started(k_t0 + 2701);
    served.renewal_failed(make_error(Errc::mfa, "code needed").error, k_t0 + 2702);
    return served;
}

}  // namespace

TEST(ServedCredentials, AnswersTheContainerDocumentFromMemory) {
    const auto served = hour_long();
    const auto answer = served.answer(k_t0 + 10);
    EXPECT_EQ(answer.status, 200);
    EXPECT_EQ(answer.body, "{\"AccessKeyId\": \"ASIAFIRST\", \"SecretAccessKey\": \"secret\", \"Token\": \"token\", "
                           "\"Expiration\": \"2027-01-15T09:00:00Z\"}");
}

TEST(ServedCredentials, RenewsAtTheMarginButNeverWithinTheFloor) {
    auto served = hour_long();
    // 15 min before expiry, one second past the cache's own margin.
    EXPECT_EQ(served.next_renewal(), k_t0 + 3600 - 900 + 1);
    served.renewal_started(k_t0 + 2701);
    EXPECT_FALSE(served.next_renewal()) << "one renewal at a time";
    // Credentials shorter than the margin: a third of their life, and 30 s apart at least.
    ServedCredentials short_lived(lasting(k_t0, 62), 900, "prod", "");
    EXPECT_EQ(short_lived.next_renewal(), k_t0 + 62 - 20 + 1);
    ServedCredentials tiny(lasting(k_t0, 40), 900, "prod", "");
    EXPECT_EQ(tiny.next_renewal(), k_t0 + 30);
}

TEST(ServedCredentials, OldCredentialsAreServedWhileARenewalRunsAndAfterItFailed) {
    auto served = hour_long();
    served.renewal_started(k_t0 + 2701);
    EXPECT_EQ(served.answer(k_t0 + 2702).status, 200);
    served.renewal_failed(make_error(Errc::mfa, "an MFA code is needed").error, k_t0 + 2703);
    EXPECT_EQ(served.answer(k_t0 + 3599).status, 200) << "still valid: an SDK may use them to the end";
    const auto expired = served.answer(k_t0 + 3600);
    EXPECT_EQ(expired.status, 503);
    EXPECT_NE(expired.body.find("CredentialsNeedRefresh"), std::string::npos) << expired.body;
    EXPECT_NE(expired.body.find("run awsume-shell-refresh in this sub-shell"), std::string::npos) << expired.body;
    EXPECT_EQ(served.state_line(), std::to_string(k_t0 + 3600) + " needs-refresh\n");
}

TEST(ServedCredentials, OnlyTheUserCanMendAnMfaFailureSoRequestsRetryTheCacheRarely) {
    auto served = after_an_mfa_failure();
    EXPECT_FALSE(served.next_renewal()) << "no timer: nothing changes by waiting";
    EXPECT_FALSE(served.renew_on_request(k_t0 + 2702 + output::k_retry_on_request - 1));
    EXPECT_TRUE(served.renew_on_request(k_t0 + 2702 + output::k_retry_on_request));
    served.renewal_started(k_t0 + 2720);
    EXPECT_FALSE(served.renew_on_request(k_t0 + 2800)) << "not while one runs";
    served.renewal_succeeded(lasting(k_t0 + 2721, 3600, "ASIASECOND"), k_t0 + 2721);
    EXPECT_EQ(served.answer(k_t0 + 3700).status, 200);
    EXPECT_NE(served.answer(k_t0 + 3700).body.find("ASIASECOND"), std::string::npos);
    EXPECT_EQ(served.failure(), "");
    EXPECT_EQ(served.next_renewal(), k_t0 + 2721 + 3600 - 900 + 1);
}

TEST(ServedCredentials, PassingTroubleIsRetriedWithBackOff) {
    auto served = hour_long();
    served.renewal_started(k_t0 + 2701);
    served.renewal_failed(make_error(Errc::network, "timed out").error, k_t0 + 2705);
    EXPECT_EQ(served.next_renewal(), k_t0 + 2705 + 30);
    EXPECT_FALSE(served.renew_on_request(k_t0 + 2800)) << "the timer retries, not every request";
    served.renewal_started(k_t0 + 2735);
    served.renewal_failed(make_error(Errc::network, "timed out").error, k_t0 + 2736);
    EXPECT_EQ(served.next_renewal(), k_t0 + 2736 + 60);
    EXPECT_EQ(served.state_line(), std::to_string(k_t0 + 3600) + " failing\n");
    const auto expired = served.answer(k_t0 + 3600);
    EXPECT_EQ(expired.status, 503);
    EXPECT_NE(expired.body.find("failed: timed out"), std::string::npos) << expired.body;
}

TEST(ServedCredentials, ExpiredWhileRenewingSaysSo) {
    auto served = hour_long();
    served.renewal_started(k_t0 + 3599);
    const auto answer = served.answer(k_t0 + 3600);
    EXPECT_EQ(answer.status, 503);
    EXPECT_NE(answer.body.find("being renewed"), std::string::npos) << answer.body;
    EXPECT_EQ(served.state_line(), std::to_string(k_t0 + 3600) + " renewing\n");
}

TEST(ServedCredentials, ARetryFromTheCacheStillNamesAwsumeShellRefresh) {
    auto served = after_an_mfa_failure();
    ASSERT_TRUE(served.renew_on_request(k_t0 + 3600));
    served.renewal_started(k_t0 + 3600);  // a request looks in the cache again
    const auto answer = served.answer(k_t0 + 3601);
    EXPECT_EQ(answer.status, 503);
    EXPECT_NE(answer.body.find("CredentialsNeedRefresh"), std::string::npos) << answer.body;
    EXPECT_NE(answer.body.find("awsume-shell-refresh"), std::string::npos) << answer.body;
}
