#pragma once
/// awsume-shell's own settings: ~/.awsume-shell/config.ini (AWSUME_SHELL_HOME replaces
/// ~/.awsume-shell), then the nearest .awsume-shell.ini from the current directory upward,
/// which overrides key by key. Keys sit at the top of a file or under [settings].

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::config {

struct ToolSettings {
    std::optional<std::string> role_prefix;  ///< e.g. "arn:aws:iam::123456789012:role/"
    long refresh_before_expiry = 900;        ///< seconds
    std::optional<long> session_duration;    ///< seconds, 900..129600
    std::string profile_name_prefix;
    std::vector<std::string> wrap_commands{"aws"};
    std::optional<std::string> prompt_format;
    long network_timeout = 30;  ///< seconds: the deadline of all network calls of one command
    long process_timeout = 300;  ///< seconds a credential_process / mfa_process may run
    bool credential_server = false;  ///< `--server` for every shell and exec (docs/server.md)
    std::vector<std::string> sources;  ///< files that were read, in order
};

/// Reads the two files (either may be missing), after narrowing the tool home to 0700 when it
/// is ours. Errc::config "FILE:LINE: ..." for an unknown key (with a suggestion), an unknown
/// section or a bad value; "FILE: ..." for a file someone else could have written
/// (util::read_trusted_file: owned by another user, or writable by group or others).
Result<ToolSettings> load_tool_settings(const util::Env& env, const std::string& cwd);

/// Applies one file's text over `settings` (pure; used by load_tool_settings).
Result<void> apply_tool_settings(ToolSettings& settings, std::string_view text, const std::string& file_name);

/// The nearest DIR/.awsume-shell.ini for DIR = cwd, its parent, ... up to /; "" if none.
std::string find_project_settings(const std::string& cwd);

}  // namespace awsume_shell::config
