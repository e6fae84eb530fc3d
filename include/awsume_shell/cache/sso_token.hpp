#pragma once
/// The AWS CLI's IAM Identity Center token cache, shared both ways: one JSON file per
/// session, ~/.aws/sso/cache/<sha1-hex of the session name, or of the start URL for a legacy
/// profile>.json, as botocore's SSOTokenLoader names it. We read and write the fields the
/// AWS CLI writes and keep every other member of the file as it is (docs/sso-sign-in.md).

#include <optional>
#include <string>
#include <string_view>

#include "awsume_shell/util/clock.hpp"
#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/file_lock.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::cache {

/// Larger than any token file the AWS CLI writes (about 3 KiB) by far; a bigger one is refused.
constexpr std::size_t k_max_sso_file_size = 64 * 1024;

/// As botocore: a token with less than this left is refreshed (or signed in again).
constexpr long k_sso_token_margin = 15 * 60;

struct SsoToken {
    std::string access_token;        ///< accessToken (secret)
    util::UnixTime expires_at = 0;   ///< expiresAt
    std::optional<std::string> refresh_token;  ///< refreshToken (secret)
    std::optional<std::string> client_id;      ///< clientId of the registration that got it
    std::optional<std::string> client_secret;  ///< clientSecret (secret)
    std::optional<util::UnixTime> registration_expires_at;  ///< registrationExpiresAt
    std::optional<std::string> region;     ///< sso_region
    std::optional<std::string> start_url;  ///< startUrl

    /// More than k_sso_token_margin left at `now`.
    bool fresh_at(util::UnixTime now) const { return expires_at - now > k_sso_token_margin; }
    /// A refresh token and a client whose registration still lives at `now` (as botocore's
    /// SSOTokenProvider asks before a refresh).
    bool can_refresh(util::UnixTime now) const;
};

/// ~/.aws/sso/cache (HOME from `env`), where the AWS CLI keeps it.
std::string sso_cache_dir(const util::Env& env);
/// DIR/<sha1-hex of token_key>.json.
std::string sso_token_path(const std::string& dir, const std::string& token_key);

/// expiresAt in every form found in the wild: "2026-12-02T10:00:00Z" (the AWS CLI),
/// "2026-12-02T10:00:00UTC" (botocore's strftime "%Z"), "2026-12-02T10:00:00+00:00" and
/// "...+01:00" (isoformat), fractional seconds, a space instead of "T", " UTC" / " GMT" after
/// the time. A time without any zone is refused: we never guess one.
std::optional<util::UnixTime> parse_sso_time(std::string_view text);
/// "YYYY-MM-DDTHH:MM:SSZ", as the AWS CLI writes expiresAt.
std::string format_sso_time(util::UnixTime t);

/// The token in `text`, or nullopt with `problem` (one line, no secret) saying what is wrong.
std::optional<SsoToken> sso_token_from_json(std::string_view text, std::string& problem);

/// nullopt when the file does not exist. Errc::config "FILE: PROBLEM" for a file that is not
/// a token (bad JSON, a member missing or of the wrong type, expiresAt not a time, over
/// k_max_sso_file_size, not a regular file, writable by others).
Result<std::optional<SsoToken>> read_sso_token(const std::string& path);

/// `text` (the file as it was, possibly "") with the token's members set: those of `token`
/// that are empty optionals removed, every other member kept in its place. Not JSON (or not
/// an object) is replaced whole: there is nothing to keep.
std::string merge_sso_token(std::string_view text, const SsoToken& token);

/// Rewrites `path` atomically (0600; its folder made 0700 when we create it) with
/// merge_sso_token of what it holds now. The caller holds lock_sso_token(path).
Result<void> write_sso_token(const std::string& path, const SsoToken& token);

/// The lock of one session's token ("FILE.lock" beside it): held while the token is
/// refreshed or signed in again, so that parallel processes do it once.
Result<util::FileLock> lock_sso_token(const std::string& path, long timeout_ms);

}  // namespace awsume_shell::cache
