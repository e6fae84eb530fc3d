#include "awsume_shell/cli/credential_options.hpp"

#include <CLI/CLI.hpp>

#include "awsume_shell/cli/auto_refresh.hpp"
#include "awsume_shell/config/aws_files.hpp"

namespace awsume_shell::cli {

void add_credential_options(CLI::App& app, model::Request& o, bool with_profile) {
    if (with_profile) {
        app.add_option("PROFILE", o.profile, "profile in ~/.aws/config or ~/.aws/credentials");
    }
    app.add_option("--role-arn", o.role_arn,
                   "role to assume: full ARN, [PARTITION:]ACCOUNT:ROLE, or ROLE with role_prefix");
    app.add_option("--session-name", o.session_name, "RoleSessionName of the role");
    app.add_option("--role-duration", o.role_duration, "role credential lifetime in seconds")
        ->check(CLI::Range(model::k_role_duration_range.min, model::k_role_duration_range.max));
    app.add_option("--session-duration", o.session_duration,
                   "MFA session (GetSessionToken) lifetime in seconds (default 43200)")
        ->check(CLI::Range(model::k_session_duration_range.min, model::k_session_duration_range.max));
    app.add_option("--mfa-code", o.mfa_code, "one-time MFA code (else mfa_process, else asked)");
    app.add_option("--config-file", o.config_file, "AWS config file (default ~/.aws/config)");
    app.add_option("--credentials-file", o.credentials_file,
                   "AWS credentials file (default ~/.aws/credentials)");
    app.add_option("--region", o.region, "region (else AWS_REGION, AWS_DEFAULT_REGION, profile)");
    app.add_option("-o,--output-profile", o.output_profile,
                   "also write the credentials into this profile of the credentials file");
    app.add_flag("-a,--auto-refresh", o.auto_refresh,
                 "keep the output profile refreshed in the background");
    app.add_flag("-r,--refresh", o.refresh, "ignore cached role credentials");
    // Read by cli::main_entry, which decides debug output for every command.
    app.add_flag("--debug")->description("trace to stderr (secrets redacted)");
}

Result<Session> obtain_session(const model::Request& options, Context& context) {
    if (options.output_profile) {
        const auto paths = config::locate_aws_files(context.env, options.config_file, options.credentials_file);
        TRY_VOID(output::check_output_profile(paths.credentials, paths.config, *options.output_profile));
    }
    Session session;
    TRY(session.settings, config::load_tool_settings(context.env, context.cwd));
    credentials::Environment environment{context.env, context.clock, context.log, session.settings};
    TRY(session.obtained, credentials::obtain_credentials(options, environment));
    return session;
}

}  // namespace awsume_shell::cli

namespace awsume_shell::cli {

Result<output::SessionInfo> deliver_session(const Session& session, const model::Request& options,
                                            Context& context) {
    output::SessionInfo info;
    info.profile = session.obtained.profile;
    info.region = session.obtained.region;
    info.credentials = session.obtained.credentials;
    if (options.auto_refresh && !options.output_profile) {
        // -a alone: the profile uber's assume-role would write (profile_name_prefix).
        model::Request named = options;
        named.output_profile = credentials::default_output_profile(
            session.settings.profile_name_prefix, session.obtained);
        context.log.info("--auto-refresh: keeping profile '" + *named.output_profile +
                         "' of " + session.obtained.credentials_path + " fresh");
        return deliver_session(session, named, context);
    }
    if (options.output_profile) {
        info.output_profile = options.output_profile;
        TRY(const output::ProfileWritten written,
            output::write_profile_credentials(session.obtained.credentials_path, *options.output_profile, info));
        if (const std::string note = output::narrowed_mode_note(written); !note.empty()) {
            context.log.info(note);
        }
        context.log.debug("wrote credentials into profile '" + *options.output_profile + "' of " + written.path);
        if (options.auto_refresh) {
            if (!info.credentials.expiration) {
                return make_error(Errc::usage, "--auto-refresh: the credentials of '" + info.profile +
                                                   "' do not expire; nothing to refresh");
            }
            TRY_VOID(start_auto_refresh(options, context, *info.credentials.expiration));
        }
    }
    return info;
}

}  // namespace awsume_shell::cli
