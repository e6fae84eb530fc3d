#include "awsume_shell/config/profile_resolver.hpp"

#include <algorithm>
#include <cctype>

#include "awsume_shell/config/source_rules.hpp"
#include "awsume_shell/util/spellcheck.hpp"

namespace awsume_shell::config {

namespace {

Unexpected config_error(std::string message) { return make_error(Errc::config, std::move(message)); }

std::string quoted(const std::string& s) { return "'" + s + "'"; }

Result<std::optional<int>> duration_of(const Profile& p) {
    auto text = p.get("duration_seconds");
    if (!text) {
        return std::optional<int>{};
    }
    const bool digits = std::all_of(text->begin(), text->end(), [](unsigned char c) { return std::isdigit(c); });
    if (!digits || text->size() > 6 || std::stol(*text) == 0) {
        return config_error("duration_seconds " + quoted(*text) + " (" + p.origin("duration_seconds") +
                            ") is not a positive whole number of seconds");
    }
    return std::optional<int>{std::stoi(*text)};
}

Result<Hop> role_hop(const Profile& p) {
    const bool has_source = p.has("source_profile");
    const bool has_credential_source = p.has("credential_source");
    if (has_source && has_credential_source) {
        return config_error("profile " + quoted(p.name) + " has both source_profile (" + p.origin("source_profile") +
                            ") and credential_source (" + p.origin("credential_source") + "); keep one");
    }
    if (!has_source && !has_credential_source) {
        return config_error("profile " + quoted(p.name) + " has role_arn (" + p.origin("role_arn") +
                            ") but neither source_profile nor credential_source");
    }
    Hop hop = hop_from_profile(HopKind::assume_role, p, "role_arn");
    hop.role_arn = *p.get("role_arn");
    // Caught here, with file:line, rather than spent on an AssumeRole call AWS refuses.
    if (hop.role_arn.rfind("arn:", 0) != 0 || hop.role_arn.back() == '/') {
        return config_error(p.origin("role_arn") + ": role_arn '" + hop.role_arn +
                            "' is not an IAM role ARN (arn:PARTITION:iam::ACCOUNT:role/NAME)");
    }
    hop.role_session_name = p.get("role_session_name");
    hop.external_id = p.get("external_id");
    TRY(hop.duration_seconds, duration_of(p));
    return hop;
}

std::string cycle_text(const std::vector<std::string>& visited, const std::string& again) {
    std::string out = "profile cycle: ";
    for (const auto& name : visited) {
        out += name + " -> ";
    }
    return out + again;
}

/// Roles from `start` down to the source; `roles` gets the requested role first.
Result<Hop> walk_roles(const ProfileSet& set, const Profile& start, std::vector<Hop>& roles) {
    std::vector<std::string> visited{start.name};
    const Profile* current = &start;
    for (;;) {
        TRY(Hop role, role_hop(*current));
        roles.push_back(std::move(role));
        if (current->has("credential_source")) {
            return credential_source_hop(*current);
        }
        const std::string source_name = *current->get("source_profile");
        const Profile* source = set.find(source_name);
        if (source == nullptr) {
            const std::string suggestion = util::did_you_mean(source_name, set.names());
            if (set.problem()) {  // a file had to be read whole after all, and is broken
                return unexpected(*set.problem());
            }
            return config_error("source_profile " + quoted(source_name) + " (" +
                                current->origin("source_profile") + ") not found" + suggestion);
        }
        if (std::find(visited.begin(), visited.end(), source_name) != visited.end()) {
            if (source_name != current->name) {
                // Named where the loop closes, so the user knows which line to change.
                return config_error(current->origin("source_profile") + ": " +
                                    cycle_text(visited, source_name) + " (source_profile of " +
                                    quoted(current->name) + ")");
            }
            if (!own_sources_beat_role_arn(*current)) {
                return config_error("profile " + quoted(current->name) + " names itself as source_profile (" +
                                    current->origin("source_profile") +
                                    ") but has no aws_access_key_id / aws_secret_access_key");
            }
            return profile_source_hop(set, *current);
        }
        visited.push_back(source_name);
        if (own_sources_beat_role_arn(*source) || !source->has("role_arn")) {
            return profile_source_hop(set, *source);
        }
        current = source;
    }
}

}  // namespace

Result<ResolvedChain> resolve_profile(const ProfileSet& set, const std::string& name) {
    const Profile* profile = set.find(name);
    if (profile == nullptr) {
        const std::string suggestion = util::did_you_mean(name, set.names());
        if (set.problem()) {  // a file had to be read whole after all, and is broken
            return unexpected(*set.problem());
        }
        return config_error("profile " + quoted(name) + " not found in " + set.paths.config + " and " +
                            set.paths.credentials + suggestion);
    }
    ResolvedChain chain;
    chain.profile = name;
    chain.region = profile->get("region");
    chain.endpoint_url = profile->get("endpoint_url");
    chain.ca_bundle = profile->get("ca_bundle");
    if (profile->has("role_arn")) {
        std::vector<Hop> roles;
        TRY(Hop source, walk_roles(set, *profile, roles));
        chain.hops.push_back(std::move(source));
        chain.hops.insert(chain.hops.end(), std::make_move_iterator(roles.rbegin()),
                          std::make_move_iterator(roles.rend()));
        return chain;
    }
    TRY(Hop hop, profile_source_hop(set, *profile));
    chain.hops.push_back(std::move(hop));
    return chain;
}

std::optional<std::string> effective_mfa_serial(const ResolvedChain& chain) {
    for (std::size_t i = 1; i < chain.hops.size(); ++i) {
        if (chain.hops[i].mfa_serial) {
            return chain.hops[i].mfa_serial;
        }
        if (i == 1 && chain.hops[0].mfa_serial) {
            return chain.hops[0].mfa_serial;
        }
    }
    if (chain.hops.size() == 1) {
        return chain.hops[0].mfa_serial;  // a user: its own (a GetSessionToken, if any)
    }
    return std::nullopt;
}

}  // namespace awsume_shell::config
