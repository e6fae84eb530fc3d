#include "awsume_shell/aws/aws_api.hpp"

#include <cstdio>

#include "awsume_shell/aws/endpoints.hpp"
#include "awsume_shell/aws/iam_client.hpp"
#include "awsume_shell/aws/metadata_client.hpp"
#include "awsume_shell/aws/sso_clients.hpp"
#include "awsume_shell/aws/sts_client.hpp"

namespace awsume_shell::aws {
namespace {

using model::Credentials;

/// What the services of one command share: the connection, the clock, and the caller that
/// keeps the retry budget and the network deadline of all their calls together.
class Connection {
public:
    Connection(const ClientOptions& options, std::unique_ptr<HttpClient> http,
               std::shared_ptr<const util::Clock> clock, RetryHooks hooks, DebugSink debug)
        : m_options(options),
          m_http(std::move(http)),
          m_clock(std::move(clock)),
          // Both get copies of the hooks and the debug sink: neither depends on the order
          // the members are declared in.
          m_metadata(*m_http, hooks, debug),
          m_caller(*m_http, *m_clock, hooks, options.max_attempts, debug, options.network_timeout_ms) {}

    // Endpoints are resolved per call so that a bad endpoint setting is reported by the
    // call that needs it (STS-only work does not fail over a bad IAM variable).
    Result<StsClient> sts_client() {
        TRY(auto endpoint, sts_endpoint(m_options));
        return StsClient(m_caller, std::move(endpoint));
    }
    Result<IamClient> iam_client() {
        TRY(auto endpoint, iam_endpoint(m_options));
        return IamClient(m_caller, std::move(endpoint));
    }
    // The SSO services' endpoint depends on each request's sso_region: resolved per call.
    SsoPortalClient sso_portal_client() { return SsoPortalClient(m_caller, m_options); }
    SsoOidcClient sso_oidc_client() { return SsoOidcClient(m_caller, m_options); }
    /// Outside the network deadline: its requests have their own short timeouts.
    Metadata& metadata() { return m_metadata; }

private:
    ClientOptions m_options;
    std::unique_ptr<HttpClient> m_http;
    std::shared_ptr<const util::Clock> m_clock;
    MetadataClient m_metadata;
    QueryCaller m_caller;
};

class AwsSts final : public Sts {
public:
    explicit AwsSts(std::shared_ptr<Connection> connection) : m_connection(std::move(connection)) {}

    Result<Credentials> get_session_token(const Credentials& caller,
                                          const GetSessionTokenRequest& request) override {
        TRY(auto sts, m_connection->sts_client());
        return sts.get_session_token(caller, request);
    }
    Result<Credentials> assume_role(const Credentials& caller,
                                    const AssumeRoleRequest& request) override {
        TRY(auto sts, m_connection->sts_client());
        return sts.assume_role(caller, request);
    }
    Result<CallerIdentity> get_caller_identity(const Credentials& caller) override {
        TRY(auto sts, m_connection->sts_client());
        return sts.get_caller_identity(caller);
    }

private:
    std::shared_ptr<Connection> m_connection;
};

class AwsIam final : public Iam {
public:
    explicit AwsIam(std::shared_ptr<Connection> connection) : m_connection(std::move(connection)) {}

    Result<IamUser> get_user(const Credentials& caller) override {
        TRY(auto iam, m_connection->iam_client());
        return iam.get_user(caller);
    }
    Result<std::vector<MfaDevice>> list_mfa_devices(
        const Credentials& caller, const std::optional<std::string>& user_name) override {
        TRY(auto iam, m_connection->iam_client());
        return iam.list_mfa_devices(caller, user_name);
    }
    Result<VirtualMfaDevice> create_virtual_mfa_device(const Credentials& caller,
                                                       const std::string& device_name) override {
        TRY(auto iam, m_connection->iam_client());
        return iam.create_virtual_mfa_device(caller, device_name);
    }
    Result<void> enable_mfa_device(const Credentials& caller, const std::string& user_name,
                                   const std::string& serial_number, const std::string& code1,
                                   const std::string& code2) override {
        TRY(auto iam, m_connection->iam_client());
        return iam.enable_mfa_device(caller, user_name, serial_number, code1, code2);
    }
    Result<void> delete_virtual_mfa_device(const Credentials& caller,
                                           const std::string& serial_number) override {
        TRY(auto iam, m_connection->iam_client());
        return iam.delete_virtual_mfa_device(caller, serial_number);
    }

private:
    std::shared_ptr<Connection> m_connection;
};

class AwsSsoPortal final : public SsoPortal {
public:
    explicit AwsSsoPortal(std::shared_ptr<Connection> connection) : m_connection(std::move(connection)) {}

    Result<Credentials> get_role_credentials(const SsoRoleCredentialsRequest& request) override {
        return m_connection->sso_portal_client().get_role_credentials(request);
    }

private:
    std::shared_ptr<Connection> m_connection;
};

class AwsSsoOidc final : public SsoOidc {
public:
    explicit AwsSsoOidc(std::shared_ptr<Connection> connection) : m_connection(std::move(connection)) {}

    Result<RegisteredClient> register_client(const RegisterClientRequest& request) override {
        return m_connection->sso_oidc_client().register_client(request);
    }
    Result<DeviceAuthorization> start_device_authorization(const StartDeviceAuthorizationRequest& request) override {
        return m_connection->sso_oidc_client().start_device_authorization(request);
    }
    Result<OidcToken> create_token(const CreateTokenRequest& request) override {
        return m_connection->sso_oidc_client().create_token(request);
    }

private:
    std::shared_ptr<Connection> m_connection;
};

class AwsMetadata final : public Metadata {
public:
    explicit AwsMetadata(std::shared_ptr<Connection> connection) : m_connection(std::move(connection)) {}

    Result<Credentials> instance_credentials(const InstanceCredentialsRequest& request) override {
        return m_connection->metadata().instance_credentials(request);
    }
    Result<Credentials> container_credentials(const ContainerCredentialsRequest& request) override {
        return m_connection->metadata().container_credentials(request);
    }

private:
    std::shared_ptr<Connection> m_connection;
};

}  // namespace

Clients make_aws_clients(const ClientOptions& options, std::unique_ptr<HttpClient> http,
                         std::shared_ptr<const util::Clock> clock, RetryHooks hooks,
                         DebugSink debug) {
    if (!options.debug) {
        debug = nullptr;
    } else if (!debug) {
        debug = [](const std::string& line) {
            std::fprintf(stderr, "awsume-shell: debug: %s\n", line.c_str());
        };
    }
    auto connection = std::make_shared<Connection>(options, std::move(http), std::move(clock),
                                                   std::move(hooks), std::move(debug));
    Clients clients;
    clients.sts = std::make_shared<AwsSts>(connection);
    clients.iam = std::make_shared<AwsIam>(connection);
    clients.sso_portal = std::make_shared<AwsSsoPortal>(connection);
    clients.sso_oidc = std::make_shared<AwsSsoOidc>(connection);
    clients.metadata = std::make_shared<AwsMetadata>(connection);
    return clients;
}

void make_default_aws_clients(const ClientOptions& options, Clients& out) {
    out = make_aws_clients(options, make_curl_http_client(options),
                           std::make_shared<util::SystemClock>());
}

}  // namespace awsume_shell::aws
