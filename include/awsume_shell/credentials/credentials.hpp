#pragma once
/// A set of AWS credentials as it flows through the pipeline: from a provider, through the
/// cache, to an output. Never print one directly: use describe() which redacts.

#include <optional>
#include <string>

#include "awsume_shell/util/clock.hpp"

namespace awsume_shell::credentials {

struct Credentials {
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token;                ///< empty for long-term keys
    std::optional<util::UnixTime> expiration;  ///< none for long-term keys

    bool is_temporary() const { return !session_token.empty(); }
    /// True while more than `margin` seconds are left (always true without expiry).
    bool fresh_at(util::UnixTime now, util::UnixTime margin) const {
        return !expiration || *expiration - now > margin;
    }
};

/// "AKIA…WXYZ (temporary, expires 2026-11-22T04:14:20Z)" – key id shortened, no secret.
std::string describe(const Credentials& creds);
/// Key id with the middle masked ("AKIA************WXYZ"), for debug output.
std::string redact_key_id(const std::string& access_key_id);

}  // namespace awsume_shell::credentials
