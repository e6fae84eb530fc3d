#pragma once
/// The IAM Identity Center calls awsume-shell makes: the SSO portal (role credentials for a
/// bearer token) and SSO-OIDC (client registration, device authorization, tokens). Both are
/// AWS restJson services without SigV4: the portal takes the token in the header
/// `x-amz-sso_bearer_token`, OIDC takes the client's id and secret in the body.
///
/// Endpoints (contract, "Credential sources"): AWS_ENDPOINT_URL_SSO / AWS_ENDPOINT_URL_SSO_OIDC,
/// else AWS_ENDPOINT_URL, else https://portal.sso.REGION.amazonaws.com /
/// https://oidc.REGION.amazonaws.com, REGION being the request's (sso_region), never the
/// profile's region.
///
/// Errors: Errc::aws with aws_code set to AWS's error code (the x-amzn-ErrorType header or
/// the body's `__type`, without a namespace: "UnauthorizedException",
/// "AuthorizationPendingException", "SlowDownException", "ExpiredTokenException",
/// "InvalidGrantException", ...) and message "CODE: AWS's message"; Errc::network for
/// transport trouble after retries. No token, secret or code ever appears in a message.

#include <optional>
#include <string>
#include <vector>

#include "awsume_shell/model/credentials.hpp"
#include "awsume_shell/util/clock.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::aws {

/// GET /federation/credentials?role_name=R&account_id=A
struct SsoRoleCredentialsRequest {
    std::string region;        ///< sso_region
    std::string access_token;  ///< the bearer token (secret)
    std::string account_id;
    std::string role_name;
};

class SsoPortal {
public:
    virtual ~SsoPortal() = default;
    /// roleCredentials of the answer; `expiration` is AWS's epoch milliseconds, as seconds.
    virtual Result<model::Credentials> get_role_credentials(const SsoRoleCredentialsRequest& request) = 0;
};

/// POST /client/register
struct RegisterClientRequest {
    std::string region;
    std::string client_name;          ///< e.g. "awsume-shell-HOST"
    std::vector<std::string> scopes;  ///< sso_registration_scopes: with scopes a refresh token is issued
};

struct RegisteredClient {
    std::string client_id;
    std::string client_secret;                  ///< secret
    util::UnixTime client_secret_expires_at = 0;  ///< registrationExpiresAt of the token cache
};

/// POST /device_authorization
struct StartDeviceAuthorizationRequest {
    std::string region;
    std::string client_id;
    std::string client_secret;
    std::string start_url;
};

struct DeviceAuthorization {
    std::string device_code;  ///< secret
    std::string user_code;    ///< shown to the user
    std::string verification_uri;
    std::string verification_uri_complete;  ///< may be empty
    long expires_in = 0;                    ///< seconds
    long interval = 5;                      ///< seconds between polls (AWS's default when absent)
};

/// POST /token, grant urn:ietf:params:oauth:grant-type:device_code or refresh_token.
struct CreateTokenRequest {
    std::string region;
    std::string client_id;
    std::string client_secret;
    std::string grant_type;  ///< k_device_code_grant or k_refresh_token_grant
    std::string device_code;    ///< device grant (secret)
    std::string refresh_token;  ///< refresh grant (secret)
};

inline constexpr const char* k_device_code_grant = "urn:ietf:params:oauth:grant-type:device_code";
inline constexpr const char* k_refresh_token_grant = "refresh_token";

/// CreateToken's answer; a client hands out none without an access token and a lifetime.
struct OidcToken {
    std::string access_token;                  ///< secret, never empty
    std::optional<std::string> refresh_token;  ///< secret; absent when the client has no scopes
    long expires_in = 0;                       ///< seconds, at least 1
};

class SsoOidc {
public:
    virtual ~SsoOidc() = default;
    virtual Result<RegisteredClient> register_client(const RegisterClientRequest& request) = 0;
    virtual Result<DeviceAuthorization> start_device_authorization(
        const StartDeviceAuthorizationRequest& request) = 0;
    /// Pending, slow-down and expiry come back as Errc::aws with their aws_code, untouched:
    /// the caller's poll loop decides (an OIDC client never retries those itself).
    virtual Result<OidcToken> create_token(const CreateTokenRequest& request) = 0;
};

}  // namespace awsume_shell::aws
