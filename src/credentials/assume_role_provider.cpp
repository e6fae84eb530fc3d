#include "awsume_shell/credentials/chain_builder.hpp"
#include "awsume_shell/credentials/sts_providers.hpp"

namespace awsume_shell::credentials {

namespace {

class AssumeRoleProvider final : public Provider {
public:
    AssumeRoleProvider(std::unique_ptr<Provider> source, RoleSpec role, Services& services)
        : m_source(std::move(source)), m_role(std::move(role)), m_services(services) {}

    Result<model::Credentials> retrieve() override {
        TRY(auto source, m_source->retrieve());
        aws::AssumeRoleRequest request;
        request.role_arn = m_role.role_arn;
        request.duration_seconds = m_role.duration_seconds;
        // Decided here, not when the chain is built: only now is it known whether the source
        // is temporary (an MFA session found through ListMFADevices, credential_process).
        if (source.is_temporary() && request.duration_seconds &&
            *request.duration_seconds > k_chained_role_max_seconds) {
            m_services.log.warning("role " + m_role.role_arn +
                                   " is assumed with temporary credentials; AWS allows at most 1 h, "
                                   "lowering " + std::to_string(*request.duration_seconds) +
                                   " s to 3600 s");
            request.duration_seconds = k_chained_role_max_seconds;
        }
        request.external_id = m_role.external_id;
        request.role_session_name = m_role.session_name;
        if (m_role.session_name_lookup) {
            TRY(request.role_session_name, m_role.session_name_lookup(source));
        }
        bool code_from_prompt = false;
        if (m_role.mfa) {
            TRY(auto code, m_services.mfa.code_for(m_role.mfa->serial, m_role.mfa->process, m_role.mfa->process_origin));
            request.serial_number = m_role.mfa->serial;
            request.token_code = code.code;
            code_from_prompt = code.from_prompt;
        }
        TRY(auto sts, m_services.api.sts());
        m_services.log.debug("AssumeRole " + m_role.role_arn + " as '" +
                             request.role_session_name + "' from " + m_source->describe());
        auto result = sts->assume_role(source, request);
        if (!result && result.error().code == Errc::mfa && code_from_prompt) {
            TRY(auto again, m_services.mfa.prompt(m_role.mfa->serial, "MFA code rejected by AWS."));
            request.token_code = again.code;
            result = sts->assume_role(source, request);
        }
        return result;
    }
    /// The source's work before any lock: a role assumed from an SSO profile signs in first.
    Result<void> prepare() override { return m_source->prepare(); }
    std::string identity() const override {
        return "role " + m_role.role_arn + " from " + m_source->identity();
    }
    std::string describe() const override {
        return "role " + m_role.role_arn + " (from " + m_source->describe() + ")";
    }

private:
    std::unique_ptr<Provider> m_source;
    RoleSpec m_role;
    Services& m_services;
};

}  // namespace

std::unique_ptr<Provider> make_assume_role_provider(std::unique_ptr<Provider> source, RoleSpec role,
                                                    Services& services) {
    return std::make_unique<AssumeRoleProvider>(std::move(source), std::move(role), services);
}

}  // namespace awsume_shell::credentials
