#pragma once
/// Profile name -> the ordered hops that produce its credentials, by botocore's rules
/// (credentials.py AssumeRoleProvider): role_arn wins over keys in the same profile; a
/// role needs exactly one of source_profile / credential_source; a source profile with
/// keys is used for its keys even when it also has role_arn; a profile may name itself as
/// source_profile to use its own keys; chains of any depth; cycles are errors.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "awsume_shell/config/profile.hpp"
#include "awsume_shell/model/credentials.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::config {

/// The kinds of hop that code outside the source tables names. A source kind is any name
/// with a row in config/source_rules.cpp (which profile keys make it) and one in
/// credentials/source_table.cpp (which provider fetches it): a new source needs no name here.
struct HopKind {
    static constexpr std::string_view static_keys = "static_keys";
    static constexpr std::string_view environment = "environment";
    static constexpr std::string_view credential_process = "credential_process";
    static constexpr std::string_view assume_role = "assume_role";
    // credential_source = Ec2InstanceMetadata / EcsContainer (source_rules and source_table rows)
    static constexpr std::string_view ec2_instance_metadata = "ec2_instance_metadata";
    static constexpr std::string_view ecs_container = "ecs_container";
};

struct Hop {
    std::string kind{HopKind::static_keys};  ///< a HopKind or another source table's kind
    std::string profile;                          ///< profile this hop comes from ("" for synthetic)
    model::Credentials static_credentials;  ///< static_keys: key, secret, token (no expiry)
    std::string command;                          ///< credential_process
    std::string role_arn;                         ///< assume_role
    std::optional<std::string> role_session_name, external_id;
    std::optional<int> duration_seconds;                 ///< validated positive integer
    std::optional<std::string> mfa_serial, mfa_process;  ///< as set on THIS hop's profile
    std::string mfa_process_origin;                      ///< "file:line" of mfa_process
    std::string origin;  ///< "file:line" of what defines the hop (role_arn, keys, command...)
    /// A source's own settings, key -> value, as its source_rules row resolved them (SSO:
    /// sso_start_url, sso_region, sso_account_id, sso_role_name, sso_session,
    /// sso_registration_scopes; metadata: ec2_metadata_service_endpoint, ...), and
    /// "KEY.origin" -> "file:line" for those its errors name.
    std::map<std::string, std::string> settings;
};

/// hops[0] is the source (static_keys / environment / credential_process), then every role
/// in order, the requested profile's role last. The profile-level settings come from the
/// requested profile only, as in the AWS CLI.
struct ResolvedChain {
    std::string profile;  ///< requested name
    std::vector<Hop> hops;
    std::optional<std::string> region, endpoint_url, ca_bundle;
};

/// Errc::config naming the profile and file:line on any problem: missing profile (with "did
/// you mean"), missing source profile, cycle ("profile cycle: a -> b -> a"), both or neither
/// of source_profile / credential_source, unsupported credential_source or SSO, half a key
/// pair, a bad duration_seconds, a profile with nothing usable.
Result<ResolvedChain> resolve_profile(const ProfileSet& set, const std::string& name);

/// The MFA device the chain asks a code for first, as the chain builder picks it: a role's
/// own mfa_serial (AWS CLI), for the first role also its source user's (awsume). For list.
std::optional<std::string> effective_mfa_serial(const ResolvedChain& chain);

}  // namespace awsume_shell::config
