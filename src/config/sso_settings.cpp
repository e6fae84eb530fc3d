// A profile's IAM Identity Center settings, by the AWS CLI v2's rules (botocore
// credentials.py SSOProvider._load_sso_config and tokens.py SSOTokenProvider, awscli
// customizations/sso/utils.py): with sso_session, every key of the session section is
// merged into the profile's (a key set differently in both is an error), and the session
// section itself must hold sso_start_url and sso_region (the token provider reads them
// there); without it, the profile holds them (legacy). sso_account_id and sso_role_name
// come from the merged keys.
#include "awsume_shell/config/sso_settings.hpp"

#include "awsume_shell/util/region.hpp"

namespace awsume_shell::config {

namespace {

Unexpected config_error(std::string message) { return make_error(Errc::config, std::move(message)); }

std::string quoted(const std::string& s) { return "'" + s + "'"; }

/// awscli's parse_sso_registration_scopes: split at commas, trimmed, empty ones dropped.
std::vector<std::string> split_scopes(const std::string& raw) {
    std::vector<std::string> scopes;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = raw.find(',', start);
        std::string scope = raw.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        const auto first = scope.find_first_not_of(" \t\r\n\v\f");
        if (first != std::string::npos) {
            const auto last = scope.find_last_not_of(" \t\r\n\v\f");
            scopes.push_back(scope.substr(first, last - first + 1));
        }
        if (comma == std::string::npos) {
            return scopes;
        }
        start = comma + 1;
    }
}

/// "a, b and c" of the keys `section` lacks (empty when none).
std::string missing_keys(const Profile& section, std::initializer_list<const char*> keys) {
    std::vector<std::string> missing;
    for (const char* key : keys) {
        if (!section.has(key)) {
            missing.emplace_back(key);
        }
    }
    std::string out;
    for (std::size_t i = 0; i < missing.size(); ++i) {
        out += (i == 0 ? "" : i + 1 == missing.size() ? " and " : ", ") + missing[i];
    }
    return out;
}

/// `[sso-session NAME]` of `set`, or the error: the section does not exist (named by
/// `named_at`), or lacks its start URL or region.
Result<const Profile*> session_section(const ProfileSet& set, const std::string& name, const std::string& who,
                                       const std::string& named_at) {
    const Profile* session = set.find_sso_session(name);
    if (session == nullptr) {
        if (set.problem()) {  // a file had to be read whole after all, and is broken
            return unexpected(*set.problem());
        }
        return config_error(who + "sso_session " + quoted(name) + " (" + named_at + ") has no [sso-session " + name +
                            "] section in " + set.paths.config);
    }
    const std::string missing = missing_keys(*session, {"sso_start_url", "sso_region"});
    if (!missing.empty()) {
        return config_error(who + "[sso-session " + name + "] (" + session->origin() + ") has no " + missing);
    }
    return session;
}

constexpr const char* k_session_keys[] = {"sso_start_url", "sso_region", "sso_registration_scopes"};

SsoSettings from_session(const Profile& session) {
    SsoSettings sso;
    sso.session_name = session.name;
    sso.start_url = *session.get("sso_start_url");
    sso.region = *session.get("sso_region");
    if (auto scopes = session.get("sso_registration_scopes")) {
        sso.scopes = split_scopes(*scopes);
    }
    for (const char* key : k_session_keys) {
        if (session.has(key)) {
            sso.origins[key] = session.origin(key);
        }
    }
    return sso;
}

std::string joined(const std::vector<std::string>& scopes) {
    std::string out;
    for (const auto& scope : scopes) {
        out += (out.empty() ? "" : ",") + scope;
    }
    return out;
}

}  // namespace

bool names_sso_role(const Profile& p) { return p.has("sso_account_id") || p.has("sso_role_name"); }

bool is_sso_profile(const Profile& p) {
    return p.has("sso_session") || p.has("sso_start_url") || p.has("sso_region") || p.has("sso_account_id") ||
           p.has("sso_role_name");
}

Result<SsoSettings> sso_settings_of_profile(const ProfileSet& set, const Profile& p, SsoUse use) {
    const std::string who = "profile " + quoted(p.name) + ": ";
    Profile merged = p;  // the profile's keys, then the session's (botocore's resolved config)
    SsoSettings sso;
    if (auto session_name = p.get("sso_session")) {
        const std::string named_at = p.origin("sso_session");
        TRY(const Profile* session, session_section(set, *session_name, who, named_at));
        for (const auto& [key, value] : session->values) {
            const auto own = p.values.find(key);
            if (own != p.values.end() && own->second.value != value.value) {
                return config_error(who + key + " is " + quoted(own->second.value) + " at " + p.origin(key) +
                                    " but " + quoted(value.value) + " in [sso-session " + *session_name + "] at " +
                                    session->origin(key));
            }
            merged.values.insert({key, value});
        }
        sso = from_session(*session);
        sso.origin = named_at;
    } else {
        const std::string missing = missing_keys(p, {"sso_start_url", "sso_region"});
        if (!missing.empty()) {
            return config_error(who + "IAM Identity Center profile (" + p.origin() + ") has no " + missing +
                                " (and no sso_session)");
        }
        sso.start_url = *p.get("sso_start_url");
        sso.region = *p.get("sso_region");
        sso.origin = p.origin("sso_start_url");
        sso.origins["sso_start_url"] = sso.origin;
        sso.origins["sso_region"] = p.origin("sso_region");
    }
    const std::string missing =
        use == SsoUse::sign_in ? std::string() : missing_keys(merged, {"sso_account_id", "sso_role_name"});
    if (!missing.empty()) {
        return config_error(who + "IAM Identity Center profile (" + p.origin() + ") has no " + missing);
    }
    // It becomes the portal's host name (portal.sso.REGION.amazonaws.com): caught here, with its place.
    TRY_VOID(util::check_region(sso.region, "profile " + quoted(p.name) + ": sso_region (" + sso.origins["sso_region"] + ")",
                                Errc::config));
    sso.account_id = merged.get("sso_account_id");
    sso.role_name = merged.get("sso_role_name");
    for (const char* key : {"sso_session", "sso_account_id", "sso_role_name"}) {
        if (merged.has(key)) {
            sso.origins[key] = merged.origin(key);
        }
    }
    sso.profile = p.name;
    return sso;
}

Result<SsoSettings> sso_settings_of_session(const ProfileSet& set, const std::string& name) {
    TRY(const Profile* session, session_section(set, name, "", "--sso-session"));
    SsoSettings sso = from_session(*session);
    sso.origin = session->origin();
    TRY_VOID(util::check_region(sso.region, "sso_region (" + sso.origins["sso_region"] + ")", Errc::config));
    return sso;
}

std::map<std::string, std::string> to_hop_settings(const SsoSettings& sso) {
    std::map<std::string, std::string> settings{{"sso_start_url", sso.start_url}, {"sso_region", sso.region}};
    if (!sso.session_name.empty()) {
        settings["sso_session"] = sso.session_name;
    }
    if (!sso.scopes.empty()) {
        settings["sso_registration_scopes"] = joined(sso.scopes);
    }
    if (sso.account_id) {
        settings["sso_account_id"] = *sso.account_id;
    }
    if (sso.role_name) {
        settings["sso_role_name"] = *sso.role_name;
    }
    for (const auto& [key, where] : sso.origins) {
        settings[key + ".origin"] = where;
    }
    return settings;
}

SsoSettings sso_settings_of_hop(const std::map<std::string, std::string>& settings, const std::string& profile,
                                const std::string& origin) {
    auto value = [&](const std::string& key) -> std::optional<std::string> {
        const auto it = settings.find(key);
        return it == settings.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    SsoSettings sso;
    sso.session_name = value("sso_session").value_or("");
    sso.start_url = value("sso_start_url").value_or("");
    sso.region = value("sso_region").value_or("");
    sso.scopes = split_scopes(value("sso_registration_scopes").value_or(""));
    sso.account_id = value("sso_account_id");
    sso.role_name = value("sso_role_name");
    sso.profile = profile;
    sso.origin = origin;
    constexpr std::string_view k_origin = ".origin";
    for (const auto& [key, where] : settings) {
        if (key.size() > k_origin.size() && key.compare(key.size() - k_origin.size(), k_origin.size(), k_origin) == 0) {
            sso.origins[key.substr(0, key.size() - k_origin.size())] = where;
        }
    }
    return sso;
}

}  // namespace awsume_shell::config
