#include "awsume_shell/aws/retry.hpp"

#include <gtest/gtest.h>

namespace aws = awsume_shell::aws;
using awsume_shell::Errc;
using awsume_shell::Error;

namespace {

TEST(Retry, ThrottlingCodesAreRetryable) {
    for (const char* code : {"Throttling", "ThrottlingException", "RequestLimitExceeded",
                             "SlowDown", "EC2ThrottledException", "TooManyRequestsException"}) {
        EXPECT_TRUE(aws::is_throttling_code(code)) << code;
        EXPECT_TRUE(aws::is_retryable(Error{Errc::aws, "x", code}, 400, true)) << code;
    }
}

TEST(Retry, TransientCodesAndServerStatusesAreRetryable) {
    EXPECT_TRUE(aws::is_retryable(Error{Errc::aws, "x", "RequestTimeout"}, 400, true));
    EXPECT_TRUE(aws::is_retryable(Error{Errc::aws, "x", "PriorRequestNotComplete"}, 400, true));
    for (long status : {500L, 502L, 503L, 504L}) {
        EXPECT_TRUE(aws::is_retryable(Error{Errc::network, "x", ""}, status, true)) << status;
    }
    EXPECT_FALSE(aws::is_retryable(Error{Errc::network, "x", ""}, 501, true));
}

TEST(Retry, TransportFailuresAreRetryable) {
    EXPECT_TRUE(aws::is_retryable(Error{Errc::network, "timeout", ""}, 0, false));
}

TEST(Retry, DeniedValidationAndMfaAreNotRetried) {
    EXPECT_FALSE(aws::is_retryable(Error{Errc::aws, "x", "AccessDenied"}, 403, true));
    EXPECT_FALSE(aws::is_retryable(Error{Errc::aws, "x", "ValidationError"}, 400, true));
    EXPECT_FALSE(aws::is_retryable(Error{Errc::mfa, "x", "AccessDenied"}, 403, true));
    EXPECT_FALSE(aws::is_retryable(Error{Errc::mfa, "x", "Throttling"}, 500, true));
}

TEST(Retry, FullJitterBackoffIsCappedAt20Seconds) {
    EXPECT_DOUBLE_EQ(aws::backoff_seconds(1, 1.0), 0.2);
    EXPECT_DOUBLE_EQ(aws::backoff_seconds(2, 0.5), 0.2);
    EXPECT_DOUBLE_EQ(aws::backoff_seconds(3, 0.0), 0.0);
    EXPECT_DOUBLE_EQ(aws::backoff_seconds(10, 1.0), 20.0);
    EXPECT_DOUBLE_EQ(aws::backoff_seconds(1000, 0.5), 10.0);
}

TEST(Retry, ClockSkewErrors) {
    EXPECT_TRUE(aws::is_clock_skew_error("RequestTimeTooSkewed", ""));
    EXPECT_TRUE(aws::is_clock_skew_error("RequestExpired", ""));
    EXPECT_TRUE(aws::is_clock_skew_error("InvalidSignatureException", ""));
    EXPECT_TRUE(aws::is_clock_skew_error("RequestInTheFuture", ""));
    EXPECT_TRUE(aws::is_clock_skew_error("SignatureDoesNotMatch",
                                         "SignatureDoesNotMatch: Signature expired: 2026..."));
    EXPECT_FALSE(aws::is_clock_skew_error("SignatureDoesNotMatch", "The request signature we calculated does not match"));
    EXPECT_FALSE(aws::is_clock_skew_error("AccessDenied", "Signature expired"));
}

TEST(Retry, ParsesHttpDates) {
    EXPECT_EQ(aws::parse_http_date("Sun, 30 Aug 2015 12:36:00 GMT"), 1440938160);
    EXPECT_EQ(aws::parse_http_date("Sun, 22 Nov 2026 03:20:43 GMT"), 1795317643);
    EXPECT_FALSE(aws::parse_http_date("yesterday"));
    EXPECT_FALSE(aws::parse_http_date("Sun, 30 Foo 2015 12:36:00 GMT"));
    EXPECT_FALSE(aws::parse_http_date("Sun, 30 Aug 2015 12:36:00 PST"));
}

TEST(Retry, DefaultHooksWork) {
    auto hooks = aws::default_retry_hooks();
    double r = hooks.random01();
    EXPECT_GE(r, 0.0);
    EXPECT_LT(r, 1.0);
    hooks.sleep(0.0);
}

}  // namespace

// A clock more than 5 minutes fast: AWS says "Signature not yet current" (issue 8 item 21).
TEST(Retry, FastClockIsClockSkewToo) {
    EXPECT_TRUE(aws::is_clock_skew_error(
        "SignatureDoesNotMatch",
        "SignatureDoesNotMatch: Signature not yet current: 20261122T040000Z is still later "
        "than 20261122T032500Z (20261122T032000Z + 5 min.)"));
}
