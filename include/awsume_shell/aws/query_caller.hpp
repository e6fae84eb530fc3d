#pragma once
/// One signed AWS Query call with retries: form body -> SigV4 -> HttpClient, retried in the
/// SDK "standard" way, re-signed once with a corrected clock when AWS says ours is off.
/// The clock offset found is kept for every later call through the same caller.

#include <functional>
#include <string>
#include <string_view>

#include "awsume_shell/aws/endpoints.hpp"
#include "awsume_shell/aws/http_client.hpp"
#include "awsume_shell/aws/retry.hpp"
#include "awsume_shell/aws/sigv4.hpp"
#include "awsume_shell/model/credentials.hpp"
#include "awsume_shell/util/clock.hpp"

namespace awsume_shell::aws {

/// Receives one debug line (no trailing newline); already free of secrets.
using DebugSink = std::function<void(const std::string& line)>;

struct QueryCall {
    const Endpoint* endpoint = nullptr;
    std::string_view service;  ///< "sts", "iam"
    std::string_view version;  ///< API version
    std::string_view action;
    NameValues params;
    /// An undo (deleting what an earlier call of the command created): bounded by a whole
    /// network_timeout of its own, not by what the earlier calls left, or a deadline spent
    /// by a hung call would leave the thing it should undo behind.
    bool own_deadline = false;
};

class QueryCaller {
public:
    /// `budget_ms`: the deadline of all calls through this caller together (one command's).
    QueryCaller(HttpClient& http, const util::Clock& clock, RetryHooks hooks, int max_attempts,
                DebugSink debug, long budget_ms = 30000);

    /// Body of the 2xx answer, or the error of the last attempt; Errc::network "no answer
    /// from HOST to ACTION within N s (network_timeout; ...)" once the budget is spent.
    Result<std::string> call(const model::Credentials& caller, const QueryCall& call);

private:
    HttpRequest build_request(const model::Credentials& caller, const QueryCall& call,
                              const std::string& body) const;
    void trace(const QueryCall& call, int attempt) const;
    Error deadline_error(const QueryCall& call, int attempts) const;

    HttpClient& m_http;
    const util::Clock& m_clock;
    RetryHooks m_hooks;
    int m_max_attempts;
    DebugSink m_debug;
    long m_budget_ms;
    double m_spent_seconds = 0;  ///< network time of the earlier calls (waits for the user excluded)
    util::UnixTime m_clock_offset = 0;  ///< server minus local time, learnt from a skew error
};

/// Parameter names whose values never appear in debug output.
bool is_secret_param(std::string_view name);

}  // namespace awsume_shell::aws
