#include <memory>

#include "awsume_shell/cache/store.hpp"
#include "awsume_shell/config/aws_files.hpp"
#include "awsume_shell/config/profile.hpp"
#include "awsume_shell/config/profile_resolver.hpp"
#include "awsume_shell/credentials/chain_builder.hpp"
#include "awsume_shell/credentials/client_options.hpp"
#include "awsume_shell/credentials/obtain.hpp"
#include "awsume_shell/credentials/services.hpp"
#include "awsume_shell/util/region.hpp"

namespace awsume_shell::credentials {

namespace {

/// The AWS CLI's default session lifetime for GetSessionToken, and awsume's.
constexpr int k_default_session_duration = 43200;

Result<std::optional<int>> session_duration(const model::Request& request, const Environment& e) {
    if (request.session_duration) {
        return std::optional<int>(*request.session_duration);
    }
    if (auto text = e.env.get("AWS_SESSION_DURATION")) {
        try {
            size_t used = 0;
            int value = std::stoi(*text, &used);
            // GetSessionToken's own limits, checked before a call is spent on them.
            if (used == text->size() && model::k_session_duration_range.contains(value)) {
                return std::optional<int>(value);
            }
        } catch (const std::exception&) {
        }
        return make_error(Errc::usage, "AWS_SESSION_DURATION='" + *text +
                                           "' is not a number of seconds from 900 to 129600");
    }
    if (e.settings.session_duration) {
        return std::optional<int>(static_cast<int>(*e.settings.session_duration));
    }
    return std::optional<int>(k_default_session_duration);
}

/// --region, AWS_REGION, AWS_DEFAULT_REGION, else the profile's; checked before it is
/// used in a host name, the error naming where it came from.
Result<std::optional<std::string>> choose_region(const model::Request& request, const util::Env& env,
                                                 const config::ProfileSet& profiles,
                                                 const std::string& name,
                                                 const config::ResolvedChain& chain) {
    if (request.region) {
        TRY_VOID(util::check_region(*request.region, "--region", Errc::usage));
        return request.region;
    }
    TRY(auto from_env, util::region_from_env(env));
    if (from_env) {
        return from_env;
    }
    if (chain.region) {
        const config::Profile* profile = profiles.find(name);
        const std::string where = profile != nullptr ? profile->origin("region") : "region";
        TRY_VOID(util::check_region(*chain.region, where.empty() ? "region" : where, Errc::config));
    }
    return chain.region;
}

}  // namespace

Result<Obtained> obtain_credentials(const model::Request& request, const Environment& e) {
    const auto paths = config::locate_aws_files(e.env, request.config_file, request.credentials_file);
    // Snapshots beside the credential cache: a cache hit then reads only its sections.
    TRY(auto profiles, config::load_profiles(paths, config::snapshot_dir_in(cache::Store::default_dir(e.env))));
    for (const auto& file : profiles.from_snapshot()) {
        e.log.debug(file + ": unchanged since its snapshot; reading only the sections needed");
    }

    std::string name;
    if (!request.profile.empty()) {
        name = request.profile;
    } else if (request.role_arn) {
        name = "default";  // --role-arn alone: the default profile is the source
    } else {
        return make_error(Errc::usage, "no PROFILE given (see awsume-shell --help)");
    }
    const bool from_snapshots = !profiles.from_snapshot().empty();  // before a lookup reads a file whole
    auto resolved = config::resolve_profile(profiles, name);
    if (!resolved && from_snapshots) {
        // A snapshot tells what its file held when it was written. Before that becomes an
        // error (a "not found" above all: an edit on a file system whose times are too
        // coarse to show it), the files are read whole, as without snapshots.
        e.log.debug("'" + name + "' not resolved from the snapshots (" + resolved.error().message +
                    "); reading the files whole");
        TRY(profiles, config::load_profiles(paths));
        resolved = config::resolve_profile(profiles, name);
    }
    TRY(auto chain, std::move(resolved));

    ChainOptions options;
    options.session_name = request.session_name;
    options.role_duration = request.role_duration;
    options.skip_cached_roles = request.refresh;
    TRY(options.session_duration, session_duration(request, e));
    std::string partition = "aws";
    if (request.role_arn) {
        TRY(auto arn, expand_role_arn(*request.role_arn, e.settings.role_prefix));
        config::Hop hop;
        hop.kind = config::HopKind::assume_role;
        hop.role_arn = arn;
        chain.hops.push_back(hop);
        options.session_name_from_user = !request.session_name;
        partition = partition_of(arn);
    } else if (chain.hops.size() > 1) {
        partition = partition_of(chain.hops.back().role_arn);
    }

    Obtained obtained;
    obtained.profile = name;
    if (request.role_arn) {
        // What the prompt shows: the role's name, as uber's assume-role does.
        const std::string& arn = chain.hops.back().role_arn;
        obtained.profile = arn.substr(arn.rfind('/') + 1);
    }
    TRY(obtained.region, choose_region(request, e.env, profiles, name, chain));
    if (chain.hops.size() > 1) {
        obtained.role_arn = chain.hops.back().role_arn;
    }
    if (!chain.hops.empty() && chain.hops.front().kind == config::HopKind::environment) {
        obtained.refresh_blocker = "profile '" + chain.hops.front().profile +
                                   "' takes its source keys from the environment "
                                   "(credential_source = Environment), and the sub-shell does not "
                                   "keep those long-term keys";
    }
    obtained.config_path = paths.config;
    obtained.credentials_path = paths.credentials;

    TRY(const aws::ClientOptions client,
        make_client_options(e, {obtained.region.value_or(""), chain.endpoint_url, chain.ca_bundle, partition}));

    cache::Store store(cache::Store::default_dir(e.env));
    LazyApi api(client);
    MfaCodeSource mfa(request.mfa_code, e.env, e.log);
    mfa.set_process_timeout(e.settings.process_timeout);
    Services services{e.env, e.clock, e.log, store, api, mfa, e.settings.refresh_before_expiry};
    services.process_timeout = e.settings.process_timeout;
    // -r: new SSO role credentials too (a role whose source's are refused recovers). The
    // background refresher renews a role without them: it must not need an SSO token while
    // they live.
    services.skip_cached_sources = request.refresh && (!request.keep_cached_sources || chain.hops.size() == 1);

    TRY(auto provider, build_provider(chain, options, services));
    TRY(obtained.credentials, provider->retrieve());
    obtained.description = provider->describe();
    // Every provider's answer, cached or not (credential_process too), is checked here.
    TRY_VOID(check_usable_lifetime(obtained.credentials, e.clock.now(), obtained.description));
    return obtained;
}

}  // namespace awsume_shell::credentials
