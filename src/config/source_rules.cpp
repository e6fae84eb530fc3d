#include "awsume_shell/config/source_rules.hpp"

#include <algorithm>
#include <array>

#include "awsume_shell/config/sso_settings.hpp"

namespace awsume_shell::config {

namespace {

Unexpected config_error(std::string message) { return make_error(Errc::config, std::move(message)); }

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

// --- sources a profile holds ----------------------------------------------------------

/// Source-profile test of botocore (_has_static_credentials): either key present.
bool has_any_key(const Profile& p) { return p.has("aws_access_key_id") || p.has("aws_secret_access_key"); }

Result<Hop> static_keys_hop(const ProfileSet&, const Profile& p) {
    if (!p.has_static_keys()) {
        const bool has_id = p.has("aws_access_key_id");
        const std::string present = has_id ? "aws_access_key_id" : "aws_secret_access_key";
        const std::string missing = has_id ? "aws_secret_access_key" : "aws_access_key_id";
        return config_error("profile " + quoted(p.name) + " has " + present + " (" + p.origin(present) +
                            ") but no " + missing);
    }
    Hop hop = hop_from_profile(HopKind::static_keys, p, "aws_access_key_id");
    hop.static_credentials.access_key_id = *p.get("aws_access_key_id");
    hop.static_credentials.secret_access_key = *p.get("aws_secret_access_key");
    hop.static_credentials.session_token = p.get("aws_session_token").value_or("");
    return hop;
}

bool has_credential_process(const Profile& p) { return p.has("credential_process"); }

Result<Hop> credential_process_hop(const ProfileSet&, const Profile& p) {
    Hop hop = hop_from_profile(HopKind::credential_process, p, "credential_process");
    hop.command = *p.get("credential_process");
    return hop;
}

/// The settings of the sso_settings.cpp rules, kept on the hop (so the provider needs no
/// ProfileSet); the hop is defined where the token is named (sso_session or sso_start_url).
Result<Hop> sso_hop(const ProfileSet& set, const Profile& p) {
    TRY(const SsoSettings sso, sso_settings_of_profile(set, p));
    Hop hop = hop_from_profile("sso", p, p.has("sso_session") ? "sso_session" : "sso_start_url");
    hop.settings = to_hop_settings(sso);
    return hop;
}

/// An empty kind marks a row that only explains: no provider makes that source yet (the
/// same in k_credential_sources).
/// botocore's order: SSO (a profile naming its role: sso_account_id or sso_role_name), the
/// keys, credential_process. The last row catches an SSO profile set up halfway (only
/// sso_session or sso_start_url...), to say what it lacks rather than "no credentials".
constexpr std::array k_profile_sources{
    ProfileSourceRule{"sso", names_sso_role, sso_hop},
    ProfileSourceRule{HopKind::static_keys, has_any_key, static_keys_hop, true},
    ProfileSourceRule{HopKind::credential_process, has_credential_process, credential_process_hop},
    ProfileSourceRule{"sso", is_sso_profile, sso_hop},
};

// --- values of credential_source ------------------------------------------------------

/// The hop of a source outside the profile (environment, IMDS, container endpoint); its kind
/// is the row's, set by credential_source_hop.
Result<Hop> outside_source_hop(const Profile& p, const std::string& where) {
    Hop hop;
    hop.profile = p.name;  // named in its errors
    hop.origin = where;
    return hop;
}

/// The profile keys of the instance metadata service, with where each is set (for errors);
/// the variables that win over them are read by the provider, when it fetches.
Result<Hop> instance_metadata_hop(const Profile& p, const std::string& where) {
    TRY(Hop hop, outside_source_hop(p, where));
    for (const char* key : {"ec2_metadata_service_endpoint", "ec2_metadata_service_endpoint_mode",
                            "ec2_metadata_v1_disabled"}) {
        if (auto value = p.get(key)) {
            hop.settings[key] = *value;
            hop.settings[std::string(key) + ".origin"] = p.origin(key);
        }
    }
    return hop;
}

constexpr std::array k_credential_sources{
    CredentialSourceRule{"Environment", HopKind::environment, outside_source_hop},
    CredentialSourceRule{"Ec2InstanceMetadata", HopKind::ec2_instance_metadata, instance_metadata_hop},
    // The container endpoint comes from the environment alone (the ECS agent or EKS sets it).
    CredentialSourceRule{"EcsContainer", HopKind::ecs_container, outside_source_hop},
};

/// "A, B or C": the values the table accepts, for the error that lists them.
std::string accepted_values() {
    std::string out;
    for (std::size_t i = 0; i < k_credential_sources.size(); ++i) {
        if (i > 0) {
            out += i + 1 == k_credential_sources.size() ? " or " : ", ";
        }
        out += k_credential_sources[i].value;
    }
    return out;
}

}  // namespace

Hop hop_from_profile(std::string_view kind, const Profile& p, const std::string& origin_key) {
    Hop hop;
    hop.kind = kind;
    hop.profile = p.name;
    hop.mfa_serial = p.get("mfa_serial");
    hop.mfa_process = p.get("mfa_process");
    hop.mfa_process_origin = p.origin("mfa_process");
    hop.origin = p.origin(origin_key);
    return hop;
}

std::span<const ProfileSourceRule> profile_source_rules() { return k_profile_sources; }

bool own_sources_beat_role_arn(const Profile& p) {
    return std::any_of(k_profile_sources.begin(), k_profile_sources.end(),
                       [&](const ProfileSourceRule& rule) { return rule.beats_role_arn && rule.applies(p); });
}

const ProfileSourceRule* profile_source_rule(const Profile& p) {
    for (const ProfileSourceRule& rule : k_profile_sources) {
        if (rule.applies(p)) {
            return &rule;
        }
    }
    return nullptr;
}

Result<Hop> profile_source_hop(const ProfileSet& set, const Profile& p) {
    if (const ProfileSourceRule* rule = profile_source_rule(p)) {
        return rule->make(set, p);
    }
    return config_error("profile " + quoted(p.name) + " (" + p.origin() +
                        ") has no credentials: set aws_access_key_id and aws_secret_access_key, "
                        "role_arn with source_profile, credential_process, or sso_session (IAM Identity Center)");
}

std::span<const CredentialSourceRule> credential_source_rules() { return k_credential_sources; }

Result<Hop> credential_source_hop(const Profile& p) {
    const std::string source = *p.get("credential_source");
    const std::string where = p.origin("credential_source");
    for (const CredentialSourceRule& rule : k_credential_sources) {
        if (rule.value == source) {
            TRY(Hop hop, rule.make(p, where));
            hop.kind = rule.kind;  // the row's kind, written once
            return hop;
        }
    }
    return config_error("invalid credential_source " + quoted(source) + " (" + where +
                        "): expected " + accepted_values());
}

}  // namespace awsume_shell::config
