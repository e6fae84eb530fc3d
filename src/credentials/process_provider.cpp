#include <nlohmann/json.hpp>

#include "awsume_shell/credentials/source_providers.hpp"
#include "awsume_shell/credentials/source_table.hpp"
#include "awsume_shell/util/process.hpp"
#include "awsume_shell/util/time_format.hpp"

namespace awsume_shell::credentials {

namespace {

class ProcessProvider final : public Provider {
public:
    ProcessProvider(std::string command, std::string profile, std::string origin,
                    const util::Env& env, const util::Clock& clock, long timeout_seconds)
        : m_command(std::move(command)), m_profile(std::move(profile)), m_origin(std::move(origin)),
          m_env(env), m_clock(clock), m_timeout_seconds(timeout_seconds) {}

    Result<model::Credentials> retrieve() override {
        // The setting and the profile, never the command line: it may carry a token.
        const std::string origin = describe() + (m_origin.empty() ? "" : " (" + m_origin + ")");
        util::ProcessOptions options;
        options.what = origin;
        options.timeout_seconds = m_timeout_seconds;
        TRY(auto output, util::run_shell_command(m_command, m_env, options));
        if (output.exit_status != 0) {
            return make_error(Errc::io, origin + " exited with status " +
                                            std::to_string(output.exit_status));
        }
        TRY(auto creds, parse_credential_process_output(output.out, origin));
        if (creds.expiration && *creds.expiration <= m_clock.now()) {
            return make_error(Errc::io, origin + " returned credentials that expired at " +
                                            util::format_iso8601(*creds.expiration));
        }
        return creds;
    }
    std::string identity() const override { return "process " + m_command; }
    std::string describe() const override { return "credential_process of profile '" + m_profile + "'"; }

private:
    std::string m_command;
    std::string m_profile;
    std::string m_origin;
    const util::Env& m_env;
    const util::Clock& m_clock;
    long m_timeout_seconds;
};

Result<std::string> string_field(const nlohmann::json& doc, const char* name,
                                 const std::string& origin, bool required) {
    auto it = doc.find(name);
    if (it == doc.end() || it->is_null()) {
        if (required) {
            return make_error(Errc::io, origin + ": output has no \"" + std::string(name) + "\"");
        }
        return std::string();
    }
    if (!it->is_string()) {
        return make_error(Errc::io, origin + ": \"" + std::string(name) + "\" is not a string");
    }
    return it->get<std::string>();
}

}  // namespace

Result<model::Credentials> parse_credential_process_output(const std::string& json,
                                                    const std::string& origin) {
    nlohmann::json doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object()) {
        return make_error(Errc::io, origin + ": output is not a JSON object");
    }
    auto version = doc.find("Version");
    // Compared as JSON numbers: get<int>() would wrap 4294967297 to 1.
    if (version == doc.end() || !version->is_number_integer() || *version != 1) {
        return make_error(Errc::io, origin + ": unsupported \"Version\" (expected 1)");
    }
    model::Credentials creds;
    TRY(creds.access_key_id, string_field(doc, "AccessKeyId", origin, true));
    TRY(creds.secret_access_key, string_field(doc, "SecretAccessKey", origin, true));
    TRY(creds.session_token, string_field(doc, "SessionToken", origin, false));
    TRY(auto expiration, string_field(doc, "Expiration", origin, false));
    if (!expiration.empty()) {
        auto parsed = util::parse_iso8601(expiration);
        if (!parsed) {
            return make_error(Errc::io, origin + ": \"Expiration\" is not an ISO 8601 time");
        }
        creds.expiration = *parsed;
    }
    return creds;
}

std::unique_ptr<Provider> make_process_provider(std::string command, std::string profile,
                                                std::string origin, const util::Env& env,
                                                const util::Clock& clock, long timeout_seconds) {
    return std::make_unique<ProcessProvider>(std::move(command), std::move(profile), std::move(origin),
                                             env, clock, timeout_seconds);
}

/// The source_table row of credential_process.
std::unique_ptr<Provider> credential_process_source(const config::Hop& hop, Services& services) {
    return make_process_provider(hop.command, hop.profile, hop.origin, services.env, services.clock,
                                 services.process_timeout);
}

}  // namespace awsume_shell::credentials
