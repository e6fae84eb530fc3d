#pragma once
/// What the two metadata sources (imds_provider.cpp, container_provider.cpp) share: errors in
/// the context of the profile and its credential_source line, and the lifetime check of what
/// the service handed out.

#include <string>

#include "awsume_shell/config/profile_resolver.hpp"
#include "awsume_shell/credentials/provider.hpp"
#include "awsume_shell/credentials/services.hpp"

namespace awsume_shell::credentials {

class MetadataSource : public Provider {
protected:
    /// `value`: the credential_source value, e.g. "Ec2InstanceMetadata".
    MetadataSource(const config::Hop& hop, Services& services, std::string value)
        : m_profile(hop.profile), m_origin(hop.origin), m_value(std::move(value)), m_env(services.env),
          m_clock(services.clock), m_api(services.api) {}

    /// "profile 'P' (credential_source = VALUE, FILE:LINE): MESSAGE", same code.
    Unexpected in_context(const Error& error) const;
    /// The service's answer, its error in context; credentials that are expired (or nearly)
    /// are refused: they would only earn an ExpiredToken from STS.
    Result<model::Credentials> checked(Result<model::Credentials> answer) const;
    std::string describe_as(const std::string& what) const {
        return what + " (credential_source of profile '" + m_profile + "')";
    }

    std::string m_profile;
    std::string m_origin;
    std::string m_value;
    const util::Env& m_env;
    const util::Clock& m_clock;
    LazyApi& m_api;
};

}  // namespace awsume_shell::credentials
