#pragma once
/// The options shared by shell, exec and export (the contract's "Options" table), bound to
/// the fields of a model::Request, and the pipeline from that request to credentials.

#include "awsume_shell/cli/command.hpp"
#include "awsume_shell/config/tool_settings.hpp"
#include "awsume_shell/credentials/obtain.hpp"
#include "awsume_shell/model/request.hpp"

namespace awsume_shell::cli {

/// Adds the options (and the PROFILE positional unless `with_profile` is false).
void add_credential_options(CLI::App& app, model::Request& request, bool with_profile = true);

/// Tool settings, then the whole credential pipeline.
struct Session {
    config::ToolSettings settings;
    credentials::Obtained obtained;
};
Result<Session> obtain_session(const model::Request& request, Context& context);

}  // namespace awsume_shell::cli

#include "awsume_shell/output/environment.hpp"
#include "awsume_shell/output/profile_writer.hpp"

namespace awsume_shell::cli {

/// The output stage's view of the session; writes the -o profile when asked (and starts the
/// -a refresher), so every command that hands out credentials does the same.
Result<output::SessionInfo> deliver_session(const Session& session, const model::Request& request,
                                            Context& context);

}  // namespace awsume_shell::cli
