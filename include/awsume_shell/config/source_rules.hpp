#pragma once
/// Which profile keys make which credential source: the resolver's half of a source (the
/// provider half is credentials/source_table). One row per source; a new source is one row
/// here and one there, with the same kind name.

#include <span>
#include <string_view>

#include "awsume_shell/config/profile.hpp"
#include "awsume_shell/config/profile_resolver.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::config {

/// A hop of `kind` from profile `p`, defined by the key `origin_key`, with the profile's own
/// MFA settings (every hop carries them; the chain builder decides whose apply).
Hop hop_from_profile(std::string_view kind, const Profile& p, const std::string& origin_key);

/// A source a profile holds itself (keys, credential_process, ...).
struct ProfileSourceRule {
    std::string_view kind;  ///< of the hop it makes; "" for a row that only explains an error
    bool (*applies)(const Profile& p);
    /// The source hop, or Errc::config naming the profile and file:line. `set` holds the
    /// sections a source reads beside the profile's (SSO: its [sso-session]).
    Result<Hop> (*make)(const ProfileSet& set, const Profile& p);
    /// Botocore's rule for static keys: a source profile holding them is used for its own
    /// sources (own_sources_beat_role_arn) even when it also has role_arn, and a role
    /// profile may name itself as its own source_profile to use them. Other sources give
    /// way to role_arn.
    bool beats_role_arn = false;
};

/// In order of precedence (botocore's): the first row that applies wins.
std::span<const ProfileSourceRule> profile_source_rules();

/// botocore's _resolve_credentials_from_profile: a source profile for which a row that
/// beats role_arn applies (static keys) is used for its own sources, by the first row that
/// applies (SSO before the keys), not followed through its role_arn.
bool own_sources_beat_role_arn(const Profile& p);

/// The first row that applies to `p`, or nullptr.
const ProfileSourceRule* profile_source_rule(const Profile& p);

/// `p`'s own source by the first rule that applies; Errc::config "has no credentials" when
/// none does.
Result<Hop> profile_source_hop(const ProfileSet& set, const Profile& p);

/// A value of credential_source (on a role profile): the source the role starts from.
struct CredentialSourceRule {
    std::string_view value;  ///< as written in the profile, e.g. "Environment"
    std::string_view kind;   ///< of the hop it makes; "" for a row that only explains an error
    /// The source hop for role profile `p`, whose credential_source is at `where` (file:line);
    /// credential_source_hop gives it the row's kind.
    Result<Hop> (*make)(const Profile& p, const std::string& where);
};

std::span<const CredentialSourceRule> credential_source_rules();

/// The hop for `p`'s credential_source; Errc::config naming the accepted values otherwise.
Result<Hop> credential_source_hop(const Profile& p);

}  // namespace awsume_shell::config
