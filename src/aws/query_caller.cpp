#include "awsume_shell/aws/query_caller.hpp"

#include <algorithm>
#include <cstdio>

#include "awsume_shell/aws/query_xml.hpp"

namespace awsume_shell::aws {

bool is_secret_param(std::string_view name) {
    return name == "TokenCode" || name == "AuthenticationCode1" ||
           name == "AuthenticationCode2" || name.find("Secret") != name.npos ||
           name.find("Token") != name.npos;
}

QueryCaller::QueryCaller(HttpClient& http, const util::Clock& clock, RetryHooks hooks,
                         int max_attempts, DebugSink debug, long budget_ms)
    : m_http(http),
      m_clock(clock),
      m_hooks(std::move(hooks)),
      m_max_attempts(max_attempts < 1 ? 1 : max_attempts),
      m_debug(std::move(debug)),
      m_budget_ms(budget_ms < 1 ? 1 : budget_ms) {
    if (!m_hooks.monotonic_seconds) {
        m_hooks.monotonic_seconds = steady_seconds;
    }
}

namespace {

/// Less than this left of the deadline is none: an attempt could not even connect.
constexpr long k_min_attempt_ms = 50;

std::string seconds_text(long ms) {
    if (ms % 1000 == 0) {
        return std::to_string(ms / 1000) + " s";
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(ms) / 1000.0);
    return text;
}

/// What the terminal's waiting line names: "HOST (ACTION [SUBJECT], attempt i/n)".
std::string waiting_label(const Exchange& exchange, int attempt, int max_attempts) {
    std::string what(exchange.action);
    if (!exchange.subject.empty()) {
        what += " " + exchange.subject;
    }
    return exchange.endpoint->host + " (" + what + ", attempt " + std::to_string(attempt) + "/" +
           std::to_string(max_attempts) + ")";
}

}  // namespace

Error QueryCaller::deadline_error(const Exchange& exchange, int attempts) const {
    return Error{Errc::network,
                 "no answer from " + exchange.endpoint->host + " to " + std::string(exchange.action) +
                     " within " + seconds_text(m_budget_ms) + " (network_timeout; after " +
                     std::to_string(attempts) + (attempts == 1 ? " attempt)" : " attempts)"),
                 ""};
}

HttpRequest QueryCaller::build_request(const model::Credentials& caller, const QueryCall& call,
                                       const std::string& body, util::UnixTime now) const {
    HttpRequest request;
    request.method = "POST";
    request.url = call.endpoint->url;
    request.headers = {{"Host", call.endpoint->host},
                       {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
    request.body = body;
    SigningParams params;
    params.credentials = caller;
    params.region = call.endpoint->signing_region;
    params.service = std::string(call.service);
    params.time = now;
    SigningResult signature =
        sign(SigningRequest{"POST", call.endpoint->path, {}, request.headers, body}, params);
    request.headers.insert(request.headers.end(), signature.headers.begin(),
                           signature.headers.end());
    return request;
}

Result<std::string> QueryCaller::call(const model::Credentials& caller,
                                      const QueryCall& call) {
    const std::string body = form_encode(call.action, call.version, call.params);
    Exchange exchange;
    exchange.endpoint = call.endpoint;
    exchange.action = call.action;
    for (const auto& [name, value] : call.params) {
        if (name == "RoleArn") {
            exchange.subject = value;
        }
    }
    exchange.own_deadline = call.own_deadline;
    exchange.signed_with_clock = true;
    exchange.build = [&](util::UnixTime now) { return build_request(caller, call, body, now); };
    const std::string host = call.endpoint->host;
    exchange.parse_error = [&host](const HttpResponse& response) {
        return parse_error_response(response.body, response.status, host);
    };
    if (m_debug) {
        std::string line = "POST " + call.endpoint->url + " Action=" + std::string(call.action);
        for (const auto& [name, value] : call.params) {
            line += " " + name + "=" + (is_secret_param(name) ? std::string("<redacted>") : value);
        }
        exchange.trace = std::move(line);
    }
    return send(exchange);
}

Result<std::string> QueryCaller::send(const Exchange& exchange) {
    // The deadline counts network time only (attempts and back-off), summed over the calls
    // of the command: a user typing an MFA code between two calls does not spend it.
    const double started = m_hooks.monotonic_seconds();
    const double budget =
        static_cast<double>(m_budget_ms) / 1000.0 - (exchange.own_deadline ? 0.0 : m_spent_seconds);
    struct Spend {
        QueryCaller& caller;
        double started;
        bool counted;
        ~Spend() {
            if (counted) {
                caller.m_spent_seconds += caller.m_hooks.monotonic_seconds() - started;
            }
        }
    } spend{*this, started, !exchange.own_deadline};
    auto left_ms = [&] {
        return static_cast<long>((budget - (m_hooks.monotonic_seconds() - started)) * 1000.0);
    };
    bool skew_corrected = false;
    int attempt = 0;
    int sent = 0;
    while (true) {
        ++attempt;
        const long left = left_ms();
        if (left < k_min_attempt_ms) {
            return unexpected(deadline_error(exchange, sent));
        }
        if (m_debug) {
            m_debug(exchange.trace + " (attempt " + std::to_string(attempt) + ")");
        }
        HttpRequest request = exchange.build(m_clock.now() + m_clock_offset);
        request.timeout_ms = left;
        request.waiting_for = waiting_label(exchange, attempt, m_max_attempts);
        auto response = m_http.send(request);
        ++sent;
        if (!response && response.error().code == Errc::network && left_ms() < k_min_attempt_ms) {
            return unexpected(deadline_error(exchange, sent));  // the deadline ended this attempt
        }
        Error error{Errc::network, {}, {}};
        long status = 0;
        if (response) {
            status = response->status;
            if (m_debug) {
                m_debug("HTTP " + std::to_string(status) + " from " + exchange.endpoint->host + " (" +
                        std::to_string(response->body.size()) + " bytes)");
            }
            if (status >= 200 && status < 300) {
                return std::move(response->body);
            }
            error = exchange.parse_error(*response);
        } else {
            error = response.error();
        }
        const bool permanent = error.aws_code == k_permanent_transport_error;
        if (permanent || error.aws_code == k_read_timeout_transport_error) {
            error.aws_code.clear();  // our transport markers, no AWS error code
        }

        if (response && exchange.signed_with_clock && !skew_corrected &&
            is_clock_skew_error(error.aws_code, error.message)) {
            auto date = response->headers.find("date");
            auto server_time = date == response->headers.end()
                                   ? std::nullopt
                                   : parse_http_date(date->second);
            if (server_time) {
                skew_corrected = true;
                m_clock_offset = *server_time - m_clock.now();
                if (m_debug) {
                    m_debug(error.aws_code + ": re-signing with the server's clock (offset " +
                            std::to_string(m_clock_offset) + " s)");
                }
                --attempt;  // a corrected retry does not use up the retry budget
                continue;
            }
        }
        if (attempt >= m_max_attempts || permanent ||
            !is_retryable(error, status, response.has_value())) {
            if (attempt > 1) {
                error.message += " (after " + std::to_string(attempt) + " attempts)";
            }
            return unexpected(std::move(error));
        }
        const double delay =
            std::min(backoff_seconds(attempt, m_hooks.random01 ? m_hooks.random01() : 1.0),
                     std::max(0.0, static_cast<double>(left_ms()) / 1000.0));
        if (m_debug) {
            char text[32];
            std::snprintf(text, sizeof text, "%.2f", delay);
            m_debug("retrying in " + std::string(text) + " s after " +
                    (error.aws_code.empty() ? error.message : error.aws_code));
        }
        if (m_hooks.sleep) {
            m_hooks.sleep(delay);
        }
    }
}

}  // namespace awsume_shell::aws
