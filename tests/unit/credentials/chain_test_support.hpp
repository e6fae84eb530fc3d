#pragma once
/// Shared by the build_provider tests: ARNs and building + retrieving a chain once.

#include "awsume_shell/credentials/chain_builder.hpp"
#include "unit/credentials/fake_api.hpp"

namespace awsume_shell::testing {

using credentials::ChainOptions;

inline const std::string k_user_mfa = "arn:aws:iam::111111111111:mfa/alice";
inline const std::string k_role_mfa = "arn:aws:iam::222222222222:mfa/role-device";
inline const std::string k_role_a = "arn:aws:iam::222222222222:role/A";
inline const std::string k_role_b = "arn:aws:iam::333333333333:role/B";
inline const std::string k_role_c = "arn:aws:iam::444444444444:role/C";

/// Builds the provider for `chain` and retrieves once, as one awsume-shell run would.
inline Result<model::Credentials> fetch(World& world, const config::ResolvedChain& chain,
                                 const ChainOptions& options = {}) {
    auto provider = credentials::build_provider(chain, options, world.services);
    if (!provider) {
        return unexpected(provider.error());
    }
    return (*provider)->retrieve();
}

}  // namespace awsume_shell::testing
