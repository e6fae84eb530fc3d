#include "awsume_shell/credentials/sso_token_source.hpp"

#include "awsume_shell/cache/sso_token.hpp"
#include "awsume_shell/credentials/sso_login.hpp"
#include "awsume_shell/util/display_text.hpp"
#include "awsume_shell/util/time_format.hpp"

namespace awsume_shell::credentials {

namespace {

/// The exit-3 line: what is missing, where, and the command that fixes it.
Unexpected sign_in_needed(const config::SsoSettings& sso, const std::string& why) {
    return make_error(Errc::sign_in, sso_who(sso) + ": " + sso_session_words(sso) + " has no valid token (" + why +
                                         "): run `" + sso_login_command(sso) + "`");
}

struct Cached {
    std::optional<cache::SsoToken> token;
    std::string why_not;  ///< why it cannot be used as it is (for the messages)
    bool refused = false;  ///< it is the token the portal refused
};

/// `refused`: an access token the portal has refused (UnauthorizedException), not to be
/// used again even if its expiry says it could.
Cached read_cached(const std::string& path, util::UnixTime now, const std::string& refused) {
    auto read = cache::read_sso_token(path);
    if (!read) {
        return {std::nullopt, read.error().message};
    }
    if (!*read) {
        return {std::nullopt, "none in " + path};
    }
    const cache::SsoToken& token = **read;
    const bool was_refused = !refused.empty() && token.access_token == refused;
    std::string why;
    if (was_refused) {
        why = "the portal refused the token in " + path;
    } else if (!token.fresh_at(now)) {
        why = path + (token.expires_at > now ? " expires at " : " expired at ") + util::format_iso8601(token.expires_at);
    }
    return {std::move(*read), why, was_refused};
}

/// CreateToken with the refresh_token grant; the new token written back over the old one.
Result<std::string> refresh(const config::SsoSettings& sso, const cache::SsoToken& old, const std::string& path,
                            Services& services) {
    TRY(auto* oidc, services.api.sso_oidc());
    aws::CreateTokenRequest request;
    request.region = sso.region;
    request.client_id = *old.client_id;
    request.client_secret = *old.client_secret;
    request.grant_type = aws::k_refresh_token_grant;
    request.refresh_token = *old.refresh_token;
    TRY(auto answer, oidc->create_token(request));  // an access token and a lifetime (checked by the client)
    cache::SsoToken token = old;
    token.access_token = answer.access_token;
    token.expires_at = services.clock.now() + answer.expires_in;
    if (answer.refresh_token) {  // rotated; else the old one stays good
        token.refresh_token = answer.refresh_token;
    }
    if (auto written = cache::write_sso_token(path, token); !written) {
        services.log.warning(sso_session_words(sso) + ": the refreshed token could not be saved: " +
                             written.error().message);
    }
    services.log.debug(sso_session_words(sso) + ": token refreshed, valid until " +
                       util::format_iso8601(token.expires_at));
    return token.access_token;
}

}  // namespace

Result<std::string> sso_access_token(const config::SsoSettings& sso, Services& services, const std::string& refused) {
    auto terminal = SignInTerminal::open(services.env);
    return sso_access_token(sso, services, terminal ? &terminal->ui() : nullptr, nullptr, refused);
}

Result<std::string> sso_access_token(const config::SsoSettings& sso, Services& services, SignInUi* terminal,
                                     util::Sleeper* sleeper, const std::string& refused) {
    const std::string dir = cache::sso_cache_dir(services.env);
    const std::string path = cache::sso_token_path(dir, sso.token_key());
    Cached cached = read_cached(path, services.clock.now(), refused);
    if (cached.token && cached.why_not.empty()) {
        services.log.debug(sso_session_words(sso) + ": cached token from " + path + " valid until " +
                           util::format_iso8601(cached.token->expires_at));
        return cached.token->access_token;
    }
    // One refresh or sign-in per session at a time; whoever waited finds the new token.
    const std::string seen = cached.token ? cached.token->access_token : std::string();
    bool waited = false;
    TRY(auto lock, lock_sign_in(sso, path, terminal, waited));
    const util::UnixTime now = services.clock.now();
    cached = read_cached(path, now, refused);
    if (cached.token && cached.why_not.empty()) {
        services.log.debug(sso_session_words(sso) + ": token renewed by another awsume-shell");
        return cached.token->access_token;
    }
    std::string why = cached.why_not;
    // Like botocore: a token that cannot be renewed is still used while it lives, unless
    // the portal has already refused it.
    const bool still_usable = cached.token && cached.token->expires_at > now && !cached.refused;
    if (waited && still_usable && cached.token->access_token == seen) {
        // The one we waited for tried to renew it and could not (and said so): once is enough.
        services.log.debug(sso_session_words(sso) + ": another awsume-shell could not renew the token; using it");
        return cached.token->access_token;
    }
    if (cached.token && cached.token->can_refresh(now)) {
        auto refreshed = refresh(sso, *cached.token, path, services);
        if (refreshed) {
            return refreshed;
        }
        if (refreshed.error().code != Errc::aws && !still_usable) {
            return unexpected(refreshed.error());
        }
        why += refreshed.error().code == Errc::aws ? "; its refresh was refused: " + refreshed.error().aws_code
                                                   : "; its refresh failed: " + refreshed.error().message;
    } else if (cached.token) {
        why += "; it cannot be refreshed (no refresh token or client registration)";
    }
    if (still_usable) {
        services.log.warning(sso_session_words(sso) + ": " + why + "; using it until then (`" +
                             sso_login_command(sso) + "` renews it)");
        return cached.token->access_token;
    }
    if (terminal == nullptr) {
        return sign_in_needed(sso, why);
    }
    terminal->show("awsume-shell: " + util::printable(sso_who(sso) + ": " + sso_session_words(sso) +
                                                      " needs a new sign-in (" + why + ")") + "\n");
    TRY(auto* oidc, services.api.sso_oidc());
    std::optional<SignInSleeper> own_sleeper;
    if (sleeper == nullptr) {
        sleeper = &own_sleeper.emplace();
    }
    TRY(auto token, sign_in(sso, {*oidc, services.clock, *sleeper, *terminal, services.log, dir}));
    return token.access_token;
}

}  // namespace awsume_shell::credentials
