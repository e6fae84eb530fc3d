#include "awsume_shell/mfa/user_keys.hpp"

#include "awsume_shell/config/profile_resolver.hpp"

namespace awsume_shell::mfa {

Result<model::Credentials> long_term_user_keys(const config::ProfileSet& profiles,
                                                     const std::string& name) {
    TRY(config::ResolvedChain chain, config::resolve_profile(profiles, name));
    const std::string prefix = "profile " + name + ": provision-mfa needs an IAM user's own "
                                                   "long-term keys, ";
    if (chain.hops.size() != 1) {
        const config::Hop& role = chain.hops.back();
        return make_error(Errc::config, prefix + "but it assumes role " + role.role_arn + " (" +
                                            role.origin + "); use --profile with its source user");
    }
    const config::Hop& hop = chain.hops.front();
    if (hop.kind != config::HopKind::static_keys) {
        return make_error(Errc::config, prefix + "but it gets credentials from " +
                                            (hop.kind == config::HopKind::environment
                                                 ? std::string("the environment")
                                                 : hop.kind) +
                                            (hop.origin.empty() ? "" : " (" + hop.origin + ")"));
    }
    if (hop.static_credentials.is_temporary()) {
        return make_error(Errc::config, prefix + "but it holds a session token (" + hop.origin +
                                            ")");
    }
    return hop.static_credentials;
}

}  // namespace awsume_shell::mfa
