#pragma once
/// Durations as people write them in settings: "900", "90s", "15m", "1h", "1h30m", "1d".

#include <string>
#include <string_view>

#include "awsume_shell/util/result.hpp"

namespace awsume_shell::util {

/// Seconds. A bare number is seconds; otherwise one or more NUMBER UNIT groups with units
/// d, h, m, s (each at most once, in that order). Errc::usage with a one-line reason when
/// malformed (the caller adds file:line or the option name).
Result<long> parse_duration(std::string_view text);

/// 3600 -> "1h", 5400 -> "1h30m", 90 -> "1m30s", 0 -> "0s": for messages.
std::string format_duration(long seconds);

}  // namespace awsume_shell::util
