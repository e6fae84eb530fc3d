#include "awsume_shell/output/environment.hpp"

#include "awsume_shell/util/time_format.hpp"

namespace awsume_shell::output {

EnvChanges credential_environment(const SessionInfo& info) {
    EnvChanges out;
    const auto& creds = info.credentials;
    auto set_or_unset = [&out](bool set, const char* name, const std::string& value) {
        if (set) {
            out.set.emplace_back(name, value);
        } else {
            out.unset.emplace_back(name);
        }
    };
    out.set.emplace_back("AWS_ACCESS_KEY_ID", creds.access_key_id);
    out.set.emplace_back("AWS_SECRET_ACCESS_KEY", creds.secret_access_key);
    // AWS_SECURITY_TOKEN is the old boto name, still read by some tools.
    set_or_unset(creds.is_temporary(), "AWS_SESSION_TOKEN", creds.session_token);
    set_or_unset(creds.is_temporary(), "AWS_SECURITY_TOKEN", creds.session_token);
    out.set.emplace_back("AWSUME_PROFILE", info.profile);
    const bool expires = creds.expiration.has_value();
    set_or_unset(expires, "AWS_CREDENTIAL_EXPIRATION",
                 expires ? util::format_iso8601(*creds.expiration) : std::string());
    set_or_unset(expires, "AWSUME_SHELL_EXPIRES",
                 expires ? std::to_string(*creds.expiration) : std::string());
    if (info.region) {
        out.set.emplace_back("AWS_REGION", *info.region);
        out.set.emplace_back("AWS_DEFAULT_REGION", *info.region);
    }
    // A leftover AWS_PROFILE would make some SDKs prefer that profile over our keys.
    const bool output = info.output_profile.has_value();
    set_or_unset(output, "AWS_PROFILE", info.output_profile.value_or(""));
    set_or_unset(output, "AWS_DEFAULT_PROFILE", info.output_profile.value_or(""));
    // Set only in a sub-shell with a credentials server (credentials_server.hpp): a session
    // started from one is not served by it.
    out.unset.emplace_back("AWSUME_SHELL_SERVER_DIR");
    return out;
}

void apply(const EnvChanges& changes, util::Env& env) {
    for (const auto& [name, value] : changes.set) {
        env.set(name, value);
    }
    for (const auto& name : changes.unset) {
        env.unset(name);
    }
}

}  // namespace awsume_shell::output
