#include "awsume_shell/shell/time_left.hpp"

namespace awsume_shell::shell {

namespace {
constexpr long k_critical_seconds = 300;
}

std::string format_time_left(long seconds) {
    if (seconds <= 0) {
        return "expired";
    }
    if (seconds >= 3600) {
        long minutes = seconds % 3600 / 60;
        return std::to_string(seconds / 3600) + "h" + (minutes < 10 ? "0" : "") +
               std::to_string(minutes) + "m";
    }
    if (seconds >= 60) {
        return std::to_string(seconds / 60) + "m";
    }
    return std::to_string(seconds) + "s";
}

TimeLevel time_level(long seconds_left, long refresh_before_expiry) {
    if (seconds_left < k_critical_seconds) {
        return TimeLevel::critical;
    }
    if (seconds_left < refresh_before_expiry) {
        return TimeLevel::warning;
    }
    return TimeLevel::ok;
}

const char* to_string(TimeLevel level) {
    switch (level) {
    case TimeLevel::ok:
        return "ok";
    case TimeLevel::warning:
        return "warning";
    case TimeLevel::critical:
        return "critical";
    }
    return "ok";
}

}  // namespace awsume_shell::shell
