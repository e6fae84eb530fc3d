#include "awsume_shell/aws/retry.hpp"

#include "awsume_shell/aws/http_client.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <memory>
#include <random>
#include <string>

namespace awsume_shell::aws {
namespace {

constexpr std::array<std::string_view, 14> k_throttling_codes = {
    "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
    "TooManyRequestsException", "ProvisionedThroughputExceededException",
    "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
    "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
    "EC2ThrottledException"};

constexpr std::array<std::string_view, 3> k_transient_codes = {
    "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"};

constexpr double k_base_delay = 0.1;
constexpr double k_max_backoff = 20.0;

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view code) {
    return std::find(list.begin(), list.end(), code) != list.end();
}

// Days from 1970-01-01 to y-m-d (Howard Hinnant's days_from_civil).
util::UnixTime days_from_civil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<util::UnixTime>(era) * 146097 + doe - 719468;
}

}  // namespace

double steady_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

RetryHooks default_retry_hooks() {
    auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
    RetryHooks hooks;
    hooks.sleep = [](double seconds) {
        if (seconds <= 0) {
            return;
        }
        timespec ts{};
        ts.tv_sec = static_cast<time_t>(seconds);
        ts.tv_nsec = static_cast<long>((seconds - static_cast<double>(ts.tv_sec)) * 1e9);
        while (nanosleep(&ts, &ts) != 0) {
        }
    };
    hooks.random01 = [engine]() {
        return std::uniform_real_distribution<double>(0.0, 1.0)(*engine);
    };
    hooks.monotonic_seconds = steady_seconds;
    return hooks;
}

bool is_throttling_code(std::string_view aws_code) {
    return contains(k_throttling_codes, aws_code);
}

bool is_retryable_response(std::string_view aws_code, long http_status) {
    if (is_throttling_code(aws_code) || contains(k_transient_codes, aws_code)) {
        return true;
    }
    return http_status == 500 || http_status == 502 || http_status == 503 || http_status == 504;
}

bool is_retryable(const Error& error, long http_status, bool got_response) {
    if (error.code == Errc::mfa) {
        return false;
    }
    if (!got_response) {
        return error.code == Errc::network && error.aws_code != k_permanent_transport_error;
    }
    return is_retryable_response(error.aws_code, http_status);
}

double backoff_seconds(int attempt, double random01) {
    double ceiling = k_max_backoff;
    if (attempt < 30) {
        ceiling = std::min(k_max_backoff, k_base_delay * std::ldexp(1.0, attempt));
    }
    return random01 * ceiling;
}

bool is_clock_skew_error(std::string_view aws_code, std::string_view message) {
    if (aws_code == "RequestTimeTooSkewed" || aws_code == "RequestExpired" ||
        aws_code == "InvalidSignatureException" || aws_code == "RequestInTheFuture") {
        return true;
    }
    // Our clock slow ("expired") or fast ("not yet current"): both are off by more than
    // AWS's 5 minutes, and the Date header of the answer corrects both.
    return aws_code == "SignatureDoesNotMatch" &&
           (message.find("Signature expired") != std::string_view::npos ||
            message.find("Signature not yet current") != std::string_view::npos);
}

std::optional<util::UnixTime> parse_http_date(std::string_view text) {
    // "Sun, 30 Aug 2015 12:36:00 GMT"
    static constexpr std::array<std::string_view, 12> k_months = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::size_t comma = text.find(", ");
    if (comma == std::string_view::npos) {
        return std::nullopt;
    }
    std::string rest(text.substr(comma + 2));
    int day = 0;
    int year = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    char month_name[4] = {};
    char zone[4] = {};
    if (std::sscanf(rest.c_str(), "%2d %3s %4d %2d:%2d:%2d %3s", &day, month_name, &year, &hour,
                    &minute, &second, zone) != 7 ||
        std::string_view(zone) != "GMT") {
        return std::nullopt;
    }
    auto month = std::find(k_months.begin(), k_months.end(), std::string_view(month_name));
    if (month == k_months.end() || day < 1 || day > 31 || hour > 23 || minute > 59 ||
        second > 60) {
        return std::nullopt;
    }
    int month_number = static_cast<int>(month - k_months.begin()) + 1;
    return days_from_civil(year, month_number, day) * 86400 + hour * 3600 + minute * 60 + second;
}

}  // namespace awsume_shell::aws
