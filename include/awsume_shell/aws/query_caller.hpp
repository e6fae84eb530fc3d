#pragma once
/// One signed AWS Query call with retries: form body -> SigV4 -> HttpClient, retried in the
/// SDK "standard" way, re-signed once with a corrected clock when AWS says ours is off.
/// The clock offset found is kept for every later call through the same caller. Calls of
/// other protocols (the restJson SSO services, rest_json.hpp) go through the same retry
/// loop and deadline as an Exchange.

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
    /// A call bounded by a whole network_timeout of its own, which it neither takes from nor
    /// adds to the command's: an undo (deleting what an earlier call of the command
    /// created; a deadline spent by a hung call would leave the thing behind), a sign-in's
    /// poll (a hundred of them while the user approves must not end the sign-in).
    bool own_deadline = false;
};

/// One call of any protocol, as the retry loop sees it.
struct Exchange {
    const Endpoint* endpoint = nullptr;
    std::string_view action;  ///< named in messages and in the waiting line
    std::string subject;      ///< beside the action in the waiting line (a role ARN), or ""
    bool own_deadline = false;  ///< as QueryCall::own_deadline
    /// Re-sent once, built at the server's time, when AWS answers that our clock is off (SigV4).
    bool signed_with_clock = false;
    /// Each attempt's request; `now` is the clock corrected by what a skew error taught.
    std::function<HttpRequest(util::UnixTime now)> build;
    /// The AWS error of an answer outside 2xx.
    std::function<Error(const HttpResponse& response)> parse_error;
    /// The debug line of an attempt, already free of secrets (" (attempt N)" is added).
    std::string trace;
};

class QueryCaller {
public:
    /// `budget_ms`: the deadline of all calls through this caller together (one command's).
    QueryCaller(HttpClient& http, const util::Clock& clock, RetryHooks hooks, int max_attempts,
                DebugSink debug, long budget_ms = 30000);

    /// Body of the 2xx answer, or the error of the last attempt; Errc::network "no answer
    /// from HOST to ACTION within N s (network_timeout; ...)" once the budget is spent.
    Result<std::string> call(const model::Credentials& caller, const QueryCall& call);

    /// The same for any protocol: the body of the 2xx answer, or the error of the last attempt.
    Result<std::string> send(const Exchange& exchange);

    /// Whether --debug lines are wanted (a client builds its trace line only then).
    bool tracing() const { return static_cast<bool>(m_debug); }

private:
    HttpRequest build_request(const model::Credentials& caller, const QueryCall& call,
                              const std::string& body, util::UnixTime now) const;
    Error deadline_error(const Exchange& exchange, int attempts) const;

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
