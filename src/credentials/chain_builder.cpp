#include "awsume_shell/credentials/chain_builder.hpp"

#include <cctype>

#include "awsume_shell/credentials/source_table.hpp"
#include "awsume_shell/credentials/sts_providers.hpp"

namespace awsume_shell::credentials {

namespace {

/// Intermediate credentials (an MFA session, a role we only assume another role with) need
/// to live just long enough for the next call; AWS lets the next role outlive them.
constexpr long k_intermediate_margin = 60;

/// AssumeRole's DurationSeconds when none is sent.
constexpr long k_assume_role_default_seconds = 3600;

/// How errors name an mfa_process: the setting, its profile and file:line, not the command.
std::string process_origin(const config::Hop& hop) {
    return "mfa_process of profile '" + hop.profile + "'" +
           (hop.mfa_process_origin.empty() ? "" : " (" + hop.mfa_process_origin + ")");
}

std::optional<MfaDevice> device_of(const config::Hop& hop) {
    if (!hop.mfa_serial) {
        return std::nullopt;
    }
    return MfaDevice{*hop.mfa_serial, hop.mfa_process, process_origin(hop)};
}

std::unique_ptr<Provider> with_mfa_session(std::unique_ptr<Provider> user, const MfaDevice& device,
                                           const config::Hop& source_hop,
                                           const ChainOptions& options, long margin,
                                           Services& services) {
    auto key = cache::mfa_session_key(source_hop.static_credentials.access_key_id, device.serial);
    auto session =
        make_session_token_provider(std::move(user), device, options.session_duration, services);
    return make_cached_provider(std::move(session), key, margin, false, services);
}

}  // namespace

std::string session_name_for(const std::string& profile) {
    std::string name;
    for (char c : profile) {
        bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '+' || c == '=' ||
                  c == ',' || c == '.' || c == '@' || c == '-';
        name.push_back(ok ? c : '-');
    }
    if (name.size() < 2) {
        name = "awsume-shell-" + name;
    }
    return name.substr(0, 64);
}

Result<std::unique_ptr<Provider>> build_provider(const config::ResolvedChain& chain,
                                                 const ChainOptions& options, Services& services) {
    const auto& hops = chain.hops;
    const SourceFactory make_source = hops.empty() ? nullptr : source_factory(hops.front().kind);
    if (make_source == nullptr) {
        return make_error(Errc::config, "profile '" + chain.profile + "' resolves to no credentials");
    }
    const config::Hop& source_hop = hops.front();
    std::unique_ptr<Provider> provider = make_source(source_hop, services);
    const bool long_term_user = source_hop.kind == config::HopKind::static_keys &&
                                source_hop.static_credentials.session_token.empty();

    if (hops.size() == 1) {
        if (auto device = device_of(source_hop); device && long_term_user) {
            services.log.debug("profile '" + source_hop.profile +
                               "' is an MFA user: handing out its MFA session");
            return with_mfa_session(std::move(provider), *device, source_hop, options,
                                    services.refresh_margin, services);
        }
        services.log.debug("profile '" + source_hop.profile + "': " + provider->describe() +
                           ", handed on as it is");
        return provider;
    }

    for (size_t i = 1; i < hops.size(); ++i) {
        const config::Hop& hop = hops[i];
        const bool last = i + 1 == hops.size();
        RoleSpec role;
        role.role_arn = hop.role_arn;
        role.external_id = hop.external_id;
        role.duration_seconds = hop.duration_seconds;
        if (last && options.role_duration) {
            role.duration_seconds = options.role_duration;
        }
        if (last && options.session_name) {
            role.session_name = *options.session_name;
        } else if (hop.role_session_name) {
            role.session_name = *hop.role_session_name;
        } else if (last && options.session_name_from_user) {
            role.session_name = "<iam-user-name>";
            role.session_name_lookup = [&services](const model::Credentials& source) -> Result<std::string> {
                TRY(auto iam, services.api.iam());
                auto user = iam->get_user(source);
                if (!user) {
                    services.log.debug("iam:GetUser failed (" + user.error().message +
                                       "); session name 'awsume-shell'");
                    return std::string("awsume-shell");
                }
                return session_name_for(user->user_name);
            };
        } else {
            role.session_name = session_name_for(hop.profile.empty() ? chain.profile : hop.profile);
        }

        // mfa_serial of the role profile (AWS CLI), else of its source user (awsume).
        std::optional<MfaDevice> device = device_of(hop);
        if (!device && i == 1) {
            device = device_of(source_hop);
            if (device && hop.mfa_process) {
                device->process = hop.mfa_process;  // the role profile's own key wins
                device->process_origin = process_origin(hop);
            }
        }
        if (device && i == 1 && long_term_user) {
            const bool long_role = role.duration_seconds && *role.duration_seconds > k_chained_role_max_seconds;
            if (long_role) {
                services.log.debug("role " + hop.role_arn + " asked for " +
                                   std::to_string(*role.duration_seconds) +
                                   " s (> 1 h): AssumeRole with the user's keys and an MFA code");
                role.mfa = device;
            } else {
                services.log.debug("role " + hop.role_arn + " assumed through the MFA session of " +
                                   device->serial);
                provider = with_mfa_session(std::move(provider), *device, source_hop, options,
                                            k_intermediate_margin, services);
            }
        } else if (device) {
            services.log.debug("role " + hop.role_arn + ": MFA code passed with AssumeRole");
            role.mfa = device;
        } else if (i == 1 && long_term_user) {
            provider = make_mfa_detecting_provider(std::move(provider),
                                                   source_hop.static_credentials.access_key_id,
                                                   options.session_duration, services);
        }

        const std::string source_identity = provider->identity();
        auto key = cache::role_key(source_identity, role.role_arn, role.session_name,
                                   role.external_id.value_or(""));
        // What is asked for, not what AWS grants (a chained role is lowered to 1 h): a
        // longer request than the cached entry's is fetched anew, a shorter one is served.
        const long requested = role.duration_seconds.value_or(k_assume_role_default_seconds);
        auto assume = make_assume_role_provider(std::move(provider), std::move(role), services);
        provider = make_cached_provider(std::move(assume), key,
                                        last ? services.refresh_margin : k_intermediate_margin,
                                        options.skip_cached_roles, services, requested);
    }
    return provider;
}

}  // namespace awsume_shell::credentials
