#pragma once
/// Test doubles for the credentials area: STS, IAM and the SSO portal that record what they
/// were asked and answers from a script, an MFA source whose terminal is scripted, and a World that wires
/// them with a cache in a temp dir and a fixed clock into Services.

#include <cstdio>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "awsume_shell/aws/api.hpp"
#include "awsume_shell/cache/store.hpp"
#include "awsume_shell/config/profile_resolver.hpp"
#include "awsume_shell/credentials/mfa_code_source.hpp"
#include "awsume_shell/credentials/services.hpp"
#include "awsume_shell/util/clock.hpp"
#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/log.hpp"
#include "unit/cache/temp_dir.hpp"

namespace awsume_shell::testing {

using model::Credentials;

constexpr util::UnixTime k_now = 1'700'000'000;

inline model::Credentials user_keys(const std::string& key_id = "AKIAUSER0000000001") {
    return model::Credentials{key_id, "user-secret", "", std::nullopt};
}

/// Answers every STS call with new, distinct temporary credentials (ASIA0001, ASIA0002...)
/// that live `duration_seconds` (default 3600) from the clock's now, unless a scripted
/// error is queued for that call. Both services in one, since the chain uses both
/// (IAM to detect an MFA device and to name a session) and tests count all calls together.
class FakeApi final : public aws::Sts, public aws::Iam {
public:
    explicit FakeApi(const util::Clock& clock) : m_clock(clock) {}

    struct SessionCall {
        model::Credentials caller;
        aws::GetSessionTokenRequest request;
    };
    struct RoleCall {
        model::Credentials caller;
        aws::AssumeRoleRequest request;
    };

    std::vector<SessionCall> session_calls;
    std::vector<RoleCall> role_calls;
    int get_user_calls = 0;
    int list_mfa_devices_calls = 0;

    std::deque<Error> session_errors;  ///< popped by the next GetSessionToken calls
    std::deque<Error> role_errors;     ///< popped by the next AssumeRole calls
    Result<aws::IamUser> user = aws::IamUser{"alice", "AIDAALICE", "arn:aws:iam::123456789012:user/alice"};
    std::vector<aws::MfaDevice> mfa_devices;
    std::optional<Error> mfa_devices_error;  ///< answers ListMFADevices instead of the devices

    int total_calls() const {
        return static_cast<int>(session_calls.size() + role_calls.size()) + get_user_calls +
               list_mfa_devices_calls;
    }

    Result<model::Credentials> get_session_token(const model::Credentials& caller,
                                          const aws::GetSessionTokenRequest& request) override {
        session_calls.push_back({caller, request});
        return answer(session_errors, request.duration_seconds);
    }
    Result<model::Credentials> assume_role(const model::Credentials& caller,
                                    const aws::AssumeRoleRequest& request) override {
        role_calls.push_back({caller, request});
        return answer(role_errors, request.duration_seconds);
    }
    Result<aws::CallerIdentity> get_caller_identity(const model::Credentials&) override {
        return make_error(Errc::aws, "not scripted");
    }
    Result<aws::IamUser> get_user(const model::Credentials&) override {
        ++get_user_calls;
        return user;
    }
    Result<std::vector<aws::MfaDevice>> list_mfa_devices(
        const model::Credentials&, const std::optional<std::string>&) override {
        ++list_mfa_devices_calls;
        if (mfa_devices_error) {
            return unexpected(*mfa_devices_error);
        }
        return mfa_devices;
    }
    Result<aws::VirtualMfaDevice> create_virtual_mfa_device(const model::Credentials&,
                                                            const std::string&) override {
        return make_error(Errc::aws, "not scripted");
    }
    Result<void> enable_mfa_device(const model::Credentials&, const std::string&, const std::string&,
                                   const std::string&, const std::string&) override {
        return make_error(Errc::aws, "not scripted");
    }
    Result<void> delete_virtual_mfa_device(const model::Credentials&, const std::string&) override {
        return make_error(Errc::aws, "not scripted");
    }

private:
    Result<model::Credentials> answer(std::deque<Error>& errors, std::optional<int> duration) {
        if (!errors.empty()) {
            Error error = errors.front();
            errors.pop_front();
            return unexpected(error);
        }
        ++m_issued;
        char id[32];
        std::snprintf(id, sizeof id, "ASIA%04d", m_issued);
        return model::Credentials{id, "secret-" + std::to_string(m_issued),
                           "token-" + std::to_string(m_issued),
                           m_clock.now() + duration.value_or(3600)};
    }

    const util::Clock& m_clock;
    int m_issued = 0;
};

/// The SSO portal: records every GetRoleCredentials and answers new role credentials
/// (ASIASSO0001, ...) living `lifetime` seconds, unless a scripted error is queued.
class FakeSsoPortal final : public aws::SsoPortal {
public:
    explicit FakeSsoPortal(const util::Clock& clock) : m_clock(clock) {}

    std::vector<aws::SsoRoleCredentialsRequest> calls;
    std::deque<Error> errors;
    long lifetime = 3600;

    Result<model::Credentials> get_role_credentials(const aws::SsoRoleCredentialsRequest& request) override {
        calls.push_back(request);
        if (!errors.empty()) {
            Error error = errors.front();
            errors.pop_front();
            return unexpected(error);
        }
        char id[32];
        std::snprintf(id, sizeof id, "ASIASSO%04zu", calls.size());
        return model::Credentials{id, "sso-secret-" + std::to_string(calls.size()),
                                  "sso-token-" + std::to_string(calls.size()), m_clock.now() + lifetime};
    }

private:
    const util::Clock& m_clock;
};

/// The metadata services: keep what they were asked, hand out `answer`.
class FakeMetadata final : public aws::Metadata {
public:
    std::vector<aws::InstanceCredentialsRequest> instance_calls;
    std::vector<aws::ContainerCredentialsRequest> container_calls;
    Result<model::Credentials> answer =
        model::Credentials{"ASIAMETADATA000001", "metadata-secret", "metadata-token", k_now + 3600};

    Result<model::Credentials> instance_credentials(const aws::InstanceCredentialsRequest& request) override {
        instance_calls.push_back(request);
        return answer;
    }
    Result<model::Credentials> container_credentials(const aws::ContainerCredentialsRequest& request) override {
        container_calls.push_back(request);
        return answer;
    }
    std::size_t calls() const { return instance_calls.size() + container_calls.size(); }
};

/// The real MfaCodeSource (flag code once, then mfa_process), with the terminal scripted:
/// prompt() hands out `prompt_codes` in order and fails like a missing terminal after.
class ScriptedMfa final : public credentials::MfaCodeSource {
public:
    using MfaCodeSource::MfaCodeSource;

    std::deque<std::string> prompt_codes;
    std::vector<std::string> prompt_reasons;

    Result<credentials::MfaCode> prompt(const std::string& serial,
                                        const std::string& reason) override {
        prompt_reasons.push_back(reason);
        if (prompt_codes.empty()) {
            return make_error(Errc::mfa, "an MFA code is needed for " + serial +
                                             " but there is no terminal to ask on");
        }
        std::string code = prompt_codes.front();
        prompt_codes.pop_front();
        return credentials::MfaCode{code, true};
    }
    int prompts() const { return static_cast<int>(prompt_reasons.size()); }
};

/// Everything a provider needs, fresh per test. `api` is shared with `lazy` as both services.
struct World {
    explicit World(std::optional<std::string> flag_code = std::nullopt)
        : store(dir.path() + "/cache"), owned_api(std::make_shared<FakeApi>(clock)),
          api(owned_api.get()), owned_portal(std::make_shared<FakeSsoPortal>(clock)), portal(owned_portal.get()),
          owned_metadata(std::make_shared<FakeMetadata>()), metadata(owned_metadata.get()),
          lazy(aws::Clients{.sts = owned_api, .iam = owned_api, .sso_portal = owned_portal, .metadata = owned_metadata}),
          mfa(std::move(flag_code), env, log),
          services{env, clock, log, store, lazy, mfa} {}

    TempDir dir;
    util::Env env;
    util::FixedClock clock{k_now};
    util::Log log{false};
    cache::Store store;
    std::shared_ptr<FakeApi> owned_api;
    FakeApi* api;
    std::shared_ptr<FakeSsoPortal> owned_portal;
    FakeSsoPortal* portal;
    std::shared_ptr<FakeMetadata> owned_metadata;
    FakeMetadata* metadata;
    credentials::LazyApi lazy;
    ScriptedMfa mfa;
    credentials::Services services;
};

// --- hand-built chains -------------------------------------------------------------------

inline config::Hop user_hop(const std::string& profile,
                            std::optional<std::string> mfa_serial = std::nullopt,
                            model::Credentials keys = user_keys()) {
    config::Hop hop;
    hop.kind = config::HopKind::static_keys;
    hop.profile = profile;
    hop.static_credentials = std::move(keys);
    hop.mfa_serial = std::move(mfa_serial);
    return hop;
}

inline config::Hop role_hop(const std::string& profile, const std::string& role_arn) {
    config::Hop hop;
    hop.kind = config::HopKind::assume_role;
    hop.profile = profile;
    hop.role_arn = role_arn;
    return hop;
}

inline config::ResolvedChain chain_of(std::vector<config::Hop> hops) {
    config::ResolvedChain chain;
    chain.profile = hops.back().profile;
    chain.hops = std::move(hops);
    return chain;
}

}  // namespace awsume_shell::testing
