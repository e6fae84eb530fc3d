#pragma once
/// `--server` / `--no-server` of shell and exec, and the credentials server started for a
/// session (output/credentials_server.hpp): its renewals obtain the same request again.

#include <string>

#include "awsume_shell/cli/credential_options.hpp"
#include "awsume_shell/output/credentials_server.hpp"

namespace awsume_shell::cli {

struct ServerChoice {
    bool on = false;   ///< --server
    bool off = false;  ///< --no-server (wins over the setting)
};

void add_server_options(CLI::App& app, ServerChoice& choice);

/// --server, else the setting credential_server, unless --no-server; the setting yields
/// to -o / -a (which --server refuses, check_server_request).
bool server_wanted(const ServerChoice& choice, const config::ToolSettings& settings, const model::Request& request);

/// Seconds a renewal worker may take before the server kills it: every call of a renewal
/// shares one network_timeout, and a lock wait may come on top.
long server_renewal_timeout(const config::ToolSettings& settings);

/// Errc::usage when the request cannot be served: -o / -a (the output profile would be the
/// SDKs' source instead of the server). Checked before any MFA prompt.
Result<void> check_server_request(const model::Request& request);

/// Starts the server for `session` (already obtained for `request`); `state_dir` as in
/// output::ServerSpec ("" for exec).
Result<output::RunningServer> start_session_server(const Session& session, const output::SessionInfo& info,
                                                   const model::Request& request, Context& context,
                                                   const std::string& state_dir);

}  // namespace awsume_shell::cli
