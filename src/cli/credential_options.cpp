#include "awsume_shell/cli/credential_options.hpp"

#include <CLI/CLI.hpp>

#include "awsume_shell/cli/auto_refresh.hpp"
#include "awsume_shell/config/aws_files.hpp"

namespace awsume_shell::cli {

void add_credential_options(CLI::App& app, CredentialOptions& o, bool with_profile) {
    if (with_profile) {
        app.add_option("PROFILE", o.profile, "profile in ~/.aws/config or ~/.aws/credentials");
    }
    app.add_option("--role-arn", o.role_arn,
                   "role to assume: full ARN, [PARTITION:]ACCOUNT:ROLE, or ROLE with role_prefix");
    app.add_option("--session-name", o.session_name, "RoleSessionName of the role");
    app.add_option("--role-duration", o.role_duration, "role credential lifetime in seconds")
        ->check(CLI::Range(900, 43200));
    app.add_option("--session-duration", o.session_duration,
                   "MFA session (GetSessionToken) lifetime in seconds (default 43200)")
        ->check(CLI::Range(900, 129600));
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
    app.add_flag("--debug", o.debug, "trace to stderr (secrets redacted)");
}

void apply_debug_setting(Context& context, bool debug_flag) {
    auto on = [&](const char* name) { return context.env.get(name).value_or("0") == "1"; };
    context.log.set_debug(debug_flag || on("AWSUME_SHELL_DEBUG") || on("AWS_SESSION_DEBUG"));
}

credentials::Request to_request(const CredentialOptions& o) {
    credentials::Request request;
    if (!o.profile.empty()) {
        request.profile = o.profile;
    }
    request.role_arn = o.role_arn;
    request.session_name = o.session_name;
    request.role_duration = o.role_duration;
    request.session_duration = o.session_duration;
    request.mfa_code = o.mfa_code;
    request.config_file = o.config_file;
    request.credentials_file = o.credentials_file;
    request.region = o.region;
    request.refresh = o.refresh;
    return request;
}

shell::SessionState session_state_from(const CredentialOptions& o) {
    shell::SessionState state;
    state.profile = o.profile;
    state.role_arn = o.role_arn;
    state.session_name = o.session_name;
    if (o.role_duration) {
        state.role_duration = *o.role_duration;
    }
    if (o.session_duration) {
        state.session_duration = *o.session_duration;
    }
    state.config_file = o.config_file;
    state.credentials_file = o.credentials_file;
    state.region = o.region;
    state.output_profile = o.output_profile;
    state.auto_refresh = o.auto_refresh && o.output_profile;
    return state;
}

CredentialOptions options_from(const shell::SessionState& state) {
    CredentialOptions options;
    options.profile = state.profile;
    options.role_arn = state.role_arn;
    options.session_name = state.session_name;
    if (state.role_duration) {
        options.role_duration = static_cast<int>(*state.role_duration);
    }
    if (state.session_duration) {
        options.session_duration = static_cast<int>(*state.session_duration);
    }
    options.config_file = state.config_file;
    options.credentials_file = state.credentials_file;
    options.region = state.region;
    options.output_profile = state.output_profile;
    options.auto_refresh = state.auto_refresh && state.output_profile;
    return options;
}

Result<Session> obtain_session(const CredentialOptions& options, Context& context) {
    apply_debug_setting(context, options.debug);
    if (options.output_profile) {
        const auto paths = config::locate_aws_files(context.env, options.config_file, options.credentials_file);
        TRY_VOID(output::check_output_profile(paths.credentials, paths.config, *options.output_profile));
    }
    Session session;
    TRY(session.settings, config::load_tool_settings(context.env, context.cwd));
    credentials::Environment environment{context.env, context.clock, context.log, session.settings};
    TRY(session.obtained, credentials::obtain_credentials(to_request(options), environment));
    return session;
}

}  // namespace awsume_shell::cli

namespace awsume_shell::cli {

Result<output::SessionInfo> deliver_session(const Session& session, const CredentialOptions& options,
                                            Context& context) {
    output::SessionInfo info;
    info.profile = session.obtained.profile;
    info.region = session.obtained.region;
    info.credentials = session.obtained.credentials;
    if (options.auto_refresh && !options.output_profile) {
        // -a alone: the profile uber's assume-role would write (profile_name_prefix).
        CredentialOptions named = options;
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
