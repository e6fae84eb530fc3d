#include "awsume_shell/credentials/sso_token_source.hpp"

#include "awsume_shell/cache/sso_token.hpp"
#include "awsume_shell/util/time_format.hpp"

namespace awsume_shell::credentials {

namespace {

std::string who(const config::SsoSettings& sso) {
    return sso.profile.empty() ? "sso-session '" + sso.session_name + "'" : "profile '" + sso.profile + "'";
}

std::string session_words(const config::SsoSettings& sso) {
    return sso.session_name.empty() ? "the IAM Identity Center sign-in to " + sso.start_url
                                    : "the IAM Identity Center session '" + sso.session_name + "'";
}

std::string login_command(const config::SsoSettings& sso) {
    return sso.profile.empty() ? "awsume-shell login --sso-session " + sso.session_name
                               : "awsume-shell login " + sso.profile;
}

/// The exit-3 line: what is missing, where, and the command that fixes it.
Unexpected sign_in_needed(const config::SsoSettings& sso, const std::string& why) {
    return make_error(Errc::sign_in, who(sso) + ": " + session_words(sso) + " has no valid token (" + why +
                                         "): run `" + login_command(sso) + "`");
}

}  // namespace

Result<std::string> sso_access_token(const config::SsoSettings& sso, Services& services) {
    const std::string path = cache::sso_token_path(cache::sso_cache_dir(services.env), sso.token_key());
    auto cached = cache::read_sso_token(path);
    if (!cached) {
        return sign_in_needed(sso, cached.error().message);
    }
    if (!*cached) {
        return sign_in_needed(sso, "none in " + path);
    }
    const cache::SsoToken& token = **cached;
    const util::UnixTime now = services.clock.now();
    if (token.fresh_at(now)) {
        services.log.debug(session_words(sso) + ": cached token from " + path + " valid until " +
                           util::format_iso8601(token.expires_at));
        return token.access_token;
    }
    return sign_in_needed(sso, path + (token.expires_at > now ? " expires at " : " expired at ") +
                                   util::format_iso8601(token.expires_at));
}

}  // namespace awsume_shell::credentials
