#include "awsume_shell/credentials/credentials.hpp"

#include "awsume_shell/util/time_format.hpp"

namespace awsume_shell::credentials {

std::string redact_key_id(const std::string& access_key_id) {
    if (access_key_id.size() <= 8) {
        return std::string(access_key_id.size(), '*');
    }
    return access_key_id.substr(0, 4) + std::string(access_key_id.size() - 8, '*') +
           access_key_id.substr(access_key_id.size() - 4);
}

std::string describe(const Credentials& creds) {
    std::string text = redact_key_id(creds.access_key_id);
    if (creds.is_temporary()) {
        text += " (temporary";
        if (creds.expiration) {
            text += ", expires " + util::format_iso8601(*creds.expiration);
        }
        text += ")";
    } else {
        text += " (long-term)";
    }
    return text;
}

}  // namespace awsume_shell::credentials
