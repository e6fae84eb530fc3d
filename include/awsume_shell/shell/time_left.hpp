#pragma once
/// The countdown shown in the sub-shell's prompt. The shell templates (shellrc/*.sh) compute
/// the same thing with shell arithmetic at every prompt; unit tests check both agree.

#include <string>

namespace awsume_shell::shell {

/// `XhYYm` from one hour up, `Ym` from one minute, `Zs` below, `expired` at 0 or less.
std::string format_time_left(long seconds);

/// Colour class of the prompt: ok (green), warning (yellow, less than the refresh margin
/// left), critical (red, less than 5 minutes or expired).
enum class TimeLevel { ok, warning, critical };
TimeLevel time_level(long seconds_left, long refresh_before_expiry);
const char* to_string(TimeLevel level);

}  // namespace awsume_shell::shell
