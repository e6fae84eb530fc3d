#pragma once
/// ISO 8601 UTC timestamps, as AWS writes them ("2026-11-22T03:14:20Z") and as we write
/// them into files and variables: always with a zone, never naive local time.

#include <optional>
#include <string>
#include <string_view>

#include "awsume_shell/util/clock.hpp"

namespace awsume_shell::util {

/// "YYYY-MM-DDTHH:MM:SSZ".
std::string format_iso8601(UnixTime t);
/// Accepts "YYYY-MM-DDTHH:MM:SS" followed by optional fraction and "Z" or "+HH:MM"/"-HH:MM".
std::optional<UnixTime> parse_iso8601(std::string_view text);

}  // namespace awsume_shell::util
