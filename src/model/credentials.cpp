#include "awsume_shell/model/credentials.hpp"

#include "awsume_shell/util/time_format.hpp"

namespace awsume_shell::model {

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

Result<void> check_usable_lifetime(const Credentials& creds, util::UnixTime now, std::string_view from) {
    if (!creds.expiration || *creds.expiration - now > k_min_usable_lifetime) {
        return {};
    }
    const util::UnixTime left = *creds.expiration - now;
    const std::string when = util::format_iso8601(*creds.expiration);
    std::string what = left <= 0 ? "expired at " + when + " (" + std::to_string(-left) + " s ago)"
                                 : "expire at " + when + " (in " + std::to_string(left) + " s)";
    return make_error(Errc::aws, "credentials from " + std::string(from) + " " + what +
                                     "; refusing credentials with less than " +
                                     std::to_string(k_min_usable_lifetime) +
                                     " s left (is the clock right? is duration_seconds too short?)");
}

}  // namespace awsume_shell::model
