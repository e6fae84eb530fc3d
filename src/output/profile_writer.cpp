#include "awsume_shell/output/profile_writer.hpp"

#include "awsume_shell/config/ini_editor.hpp"
#include "awsume_shell/util/time_format.hpp"

namespace awsume_shell::output {

Result<void> write_profile_credentials(const std::string& credentials_path,
                                       const std::string& profile, const SessionInfo& info) {
    const auto& creds = info.credentials;
    std::vector<std::pair<std::string, std::string>> values{
        {"aws_access_key_id", creds.access_key_id},
        {"aws_secret_access_key", creds.secret_access_key},
    };
    if (creds.is_temporary()) {
        values.emplace_back("aws_session_token", creds.session_token);
    }
    if (creds.expiration) {
        values.emplace_back("expiration", util::format_iso8601(*creds.expiration));
    }
    if (info.region) {
        values.emplace_back("region", *info.region);
    }
    return config::set_values_in_file(credentials_path, profile, values, 0600);
}

}  // namespace awsume_shell::output
