#pragma once
/// The credentials server (`--server`, setting `credential_server = on`): for the life of a
/// command or sub-shell, an endpoint on 127.0.0.1 in the ECS container-credentials format,
/// so that every SDK in it fetches its credentials itself and renews them when they near
/// their end. The server is a companion process (util/process_companion.hpp) that answers
/// from memory and renews in a worker process without a terminal. See docs/server.md.

#include <functional>
#include <string>

#include "awsume_shell/model/credentials.hpp"
#include "awsume_shell/output/environment.hpp"
#include "awsume_shell/util/clock.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::output {

/// The path of the endpoint (a full URI must have one; the SDKs send it as given).
inline constexpr const char* k_server_path = "/awsume-shell/credentials";
/// The sub-shell's variable naming the server's private folder (its state file and control
/// socket); set only in a sub-shell with a server.
inline constexpr const char* k_server_dir_variable = "AWSUME_SHELL_SERVER_DIR";

/// Obtains the credentials again, in a worker process without a terminal. `from_cache`:
/// take what the cache holds (after awsume-shell-refresh put new credentials there, or to
/// retry after a failure); otherwise new role credentials (-r) through the cached MFA session.
using RenewCredentials = std::function<Result<model::Credentials>(bool from_cache)>;

struct ServerSpec {
    std::string profile;                 ///< in error messages
    model::Credentials credentials;      ///< the first ones, already obtained; they expire
    long refresh_before_expiry = 900;    ///< seconds, through model::refresh_margin_for
    long renewal_timeout = 90;           ///< seconds a worker may take before it is killed
    RenewCredentials renew;
    /// Sub-shell: the private folder for the state file and the control socket; "" (exec):
    /// neither.
    std::string state_dir;
    std::string refresh_hint;            ///< after "run awsume-shell-refresh" in errors
    bool keep_stderr = false;            ///< --debug: the server's and workers' messages
};

struct RunningServer {
    long pid = -1;
    std::string url;    ///< http://127.0.0.1:PORT/awsume-shell/credentials
    std::string token;  ///< 256 random bits, hex
};

/// Listens (before returning, so the child can connect at once), writes the state file,
/// and forks the server. Must be called while single-threaded.
Result<RunningServer> start_credentials_server(const ServerSpec& spec);

/// For a caller that outlives the server (the sub-shell): ends it and waits for it.
void stop_credentials_server(const RunningServer& server) noexcept;

/// The child's environment: the contract's variables as credential_environment sets them,
/// but AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN instead of
/// the keys, and none of the variables an SDK would prefer to the endpoint
/// (AWS_ACCESS_KEY_ID..., AWS_PROFILE, AWS_CONTAINER_CREDENTIALS_RELATIVE_URI,
/// AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE).
EnvChanges server_environment(const SessionInfo& info, const RunningServer& server);

std::string server_state_file(const std::string& state_dir);
std::string server_control_socket(const std::string& state_dir);

/// awsume-shell-refresh: asks the sub-shell's server to take the credentials now in the
/// cache, waits for it, and returns their expiry. Errc::config with the server's reason
/// when it could not.
Result<util::UnixTime> ask_server_to_renew(const std::string& state_dir, int timeout_ms);
/// status: the credentials the server hands out now (its container document, parsed).
Result<model::Credentials> ask_server_for_credentials(const std::string& state_dir, int timeout_ms);

}  // namespace awsume_shell::output
