#pragma once
/// The credentialed sub-shell: the user's $SHELL (bash or zsh) started after the user's own
/// rc files, with a countdown prompt and `aws` wrappers that refresh. The rc files are
/// filled templates in a private 0700 folder, hold no secret and are removed at exit.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "awsume_shell/shell/shell_flavour.hpp"
#include "awsume_shell/util/clock.hpp"
#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::shell {

struct SubshellSpec {
    std::string profile;                      ///< shown in the prompt
    std::optional<util::UnixTime> expires;    ///< none: no countdown, never refreshed
    long refresh_before_expiry = 900;         ///< seconds
    std::vector<std::string> wrap_commands{"aws"};
    /// Prompt text with {profile} and {left}; nullopt = "({profile} {left})", "" = no
    /// prefix in the prompt (AWSUME_SHELL_PROMPT still holds the default text).
    std::optional<std::string> prompt_format;
    /// Colour when neither NO_COLOR nor AWS_SESSION_COLORS decide (they are read by the
    /// shell at every prompt); nullopt = stdout is a terminal and TERM is not "dumb".
    std::optional<bool> colour;
    std::string self_path;      ///< absolute path of the awsume-shell binary
    std::string session_state;  ///< encode_session_state(...), for AWSUME_SHELL_SESSION
    util::UnixTime now = 0;     ///< start time, the clock of shells without EPOCHSECONDS
    /// With a credentials server: its state file ("EXPIRES STATUS"), read by the prompt
    /// with builtins; the `aws` wrappers then leave renewing to the server. "" without.
    std::string server_state;
};

struct ShellChoice {
    std::reference_wrapper<const ShellFlavour> kind;  ///< its row of shell_flavours()
    std::string path;  ///< what to exec: $SHELL, else the passwd entry
};

/// From $SHELL (else the passwd entry) by base name, which starts with a row's name;
/// anything else is Errc::config
/// "unsupported shell 'fish' ($SHELL=/usr/bin/fish); supported: bash, zsh".
Result<ShellChoice> detect_shell(const util::Env& env);

/// Prompt format after {profile} substitution, with the characters a prompt would
/// interpret (\ $ ` % and control bytes) replaced by '_'. Pure.
std::string prompt_prefix_text(const std::string& format, const std::string& profile);

/// Write the filled rc files into a fresh 0700 folder (mkdtemp under $TMPDIR or /tmp) and
/// return its path. Files are 0600. The caller removes it (remove_rc_dir).
Result<std::string> build_rc_dir(const SubshellSpec& spec, const ShellFlavour& kind,
                                 const util::Env& env);
void remove_rc_dir(const std::string& dir);

/// argv and extra environment (the row's rc_dir_variable) to start the shell with rc_dir.
struct ShellLaunch {
    std::vector<std::string> argv;
    util::Env env;
};
ShellLaunch shell_launch(const ShellChoice& shell, const std::string& rc_dir,
                         const SubshellSpec& spec, util::Env env_with_credentials);

/// Build the rc folder, run the shell in the foreground and wait for it, remove the folder.
/// Returns the shell's exit status (128+N when killed by signal N). SIGINT/SIGQUIT are
/// ignored while waiting (the shell owns the terminal); SIGHUP/SIGTERM are passed on to the
/// shell (util::run_in_foreground).
Result<int> run_subshell(const SubshellSpec& spec, const util::Env& env_with_credentials);

}  // namespace awsume_shell::shell
