#include "awsume_shell/output/credentials_server.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <ctime>
#include <list>
#include <optional>
#include <vector>

#include "awsume_shell/output/server_http.hpp"
#include "awsume_shell/output/served_credentials.hpp"
#include "awsume_shell/util/atomic_file.hpp"
#include "awsume_shell/util/io.hpp"
#include "awsume_shell/util/process_companion.hpp"
#include "awsume_shell/util/random.hpp"
#include "awsume_shell/util/signals.hpp"
#include "awsume_shell/util/socket.hpp"

namespace awsume_shell::output {

namespace {

using Steady = std::chrono::steady_clock;

constexpr std::size_t k_token_bytes = 32;        // 256 bits; the contract asks for 128 at least
constexpr std::size_t k_max_connections = 256;   // more wait in the listen backlog
constexpr auto k_connection_time = std::chrono::seconds(5);  // to send a request head
constexpr auto k_drain_time = std::chrono::seconds(1);
constexpr std::size_t k_max_outcome = 64 * 1024;
constexpr long k_longest_sleep_ms = 60 * 1000;  // a suspended laptop wakes with the clock moved on

// --- the line format of a worker's outcome (and of the control socket's answers) ------
// ok\nKEY\nSECRET\nTOKEN\nEXPIRES\nISSUED\n  or  error\nERRC\nAWS_CODE\nMESSAGE\n

bool one_line(const std::string& value) { return value.find_first_of("\r\n") == std::string::npos; }

std::string encode_outcome(const Result<model::Credentials>& outcome) {
    if (outcome) {
        const model::Credentials& c = *outcome;
        if (one_line(c.access_key_id) && one_line(c.secret_access_key) && one_line(c.session_token) &&
            c.expiration) {
            return "ok\n" + c.access_key_id + "\n" + c.secret_access_key + "\n" + c.session_token + "\n" +
                   std::to_string(*c.expiration) + "\n" + std::to_string(c.issued.value_or(0)) + "\n";
        }
        return encode_outcome(make_error(Errc::aws, "the renewed credentials are malformed or do not expire"));
    }
    std::string message = outcome.error().message;
    std::replace(message.begin(), message.end(), '\n', ' ');
    std::replace(message.begin(), message.end(), '\r', ' ');
    std::string aws_code = outcome.error().aws_code;
    if (!one_line(aws_code)) {
        aws_code.clear();
    }
    return "error\n" + std::to_string(static_cast<int>(outcome.error().code)) + "\n" + aws_code + "\n" + message + "\n";
}

std::optional<long long> number(const std::string& text) {
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) {
        return std::nullopt;
    }
    return std::stoll(text);
}

Result<model::Credentials> decode_outcome(const std::string& text, const std::string& from) {
    std::vector<std::string> lines;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t eol = text.find('\n', pos);
        if (eol == std::string::npos) {
            break;
        }
        lines.push_back(text.substr(pos, eol - pos));
        pos = eol + 1;
    }
    if (lines.size() == 6 && lines[0] == "ok") {
        auto expires = number(lines[4]);
        auto issued = number(lines[5]);
        if (expires && issued && !lines[1].empty() && !lines[2].empty()) {
            model::Credentials c{lines[1], lines[2], lines[3], *expires, std::nullopt};
            if (*issued > 0) {
                c.issued = *issued;
            }
            return c;
        }
    }
    if (lines.size() == 4 && lines[0] == "error") {
        auto code = number(lines[1]);
        if (code && *code <= static_cast<long long>(Errc::interrupted)) {
            return make_error(static_cast<Errc>(*code), lines[3], lines[2]);
        }
    }
    return make_error(Errc::io, from + " ended without an answer");
}

util::UnixTime wall_now() { return static_cast<util::UnixTime>(::time(nullptr)); }

/// One accepted connection: an SDK's GET, or the sub-shell's control request.
struct Connection {
    int fd = -1;
    bool control = false;
    std::string in;
    std::string out;
    std::size_t sent = 0;
    bool waiting = false;  ///< control: answered when the renewal it asked for ends
    /// Answered: what the client still sends is read and dropped until it closes, since
    /// closing with unread bytes would reset the connection and lose the answer in flight.
    bool draining = false;
    Steady::time_point deadline;
};

class Server {
public:
    Server(const ServerSpec& spec, int listener, int control, std::string token)
        : m_spec(spec),
          m_listener(listener),
          m_control(control),
          m_token(std::move(token)),
          m_served(spec.credentials, spec.refresh_before_expiry, spec.profile, spec.refresh_hint) {}

    int run(long parent) {
        m_parent = util::watch_parent(parent);
        if (m_parent < 0) {
            return 0;
        }
        m_signals = util::signal_fd({SIGTERM, SIGHUP, SIGINT, SIGUSR1});
        if (m_signals < 0) {
            return 1;
        }
        while (!m_stop) {
            const util::UnixTime now = wall_now();
            if (!m_worker && m_served.next_renewal() && now >= *m_served.next_renewal()) {
                start_renewal(false);
            }
            wait_and_handle();
        }
        if (m_worker) {
            util::end_worker(*m_worker, true);
        }
        return 0;
    }

private:
    void wait_and_handle() {
        std::vector<pollfd> fds;
        fds.push_back({m_parent, POLLIN, 0});
        fds.push_back({m_signals, POLLIN, 0});
        const bool room = m_connections.size() < k_max_connections;
        fds.push_back({room ? m_listener : -1, POLLIN, 0});
        fds.push_back({room ? m_control : -1, POLLIN, 0});
        fds.push_back({m_worker ? m_worker->out : -1, POLLIN, 0});
        for (const Connection& c : m_connections) {
            const bool sending = !c.out.empty() && !c.draining;
            fds.push_back({c.fd, static_cast<short>(sending ? POLLOUT : c.waiting ? 0 : POLLIN), 0});
        }
        const int ready = ::poll(fds.data(), fds.size(), timeout_ms());
        if (ready < 0 && errno != EINTR) {
            m_stop = true;
            return;
        }
        if (ready <= 0) {
            expire();
            return;
        }
        if (fds[0].revents != 0) {
            m_stop = true;  // the command or the sub-shell's awsume-shell has ended
            return;
        }
        if (fds[1].revents != 0) {
            util::drain_signal_fd(m_signals, &Server::on_signal, this);
        }
        if (fds[4].revents != 0) {
            read_worker();
        }
        std::size_t i = 5;
        for (auto it = m_connections.begin(); it != m_connections.end(); ++i) {
            const short events = fds[i].revents;
            if (events != 0 && !serve(*it, events)) {
                ::close(it->fd);
                it = m_connections.erase(it);
            } else {
                ++it;
            }
        }
        if (fds[2].revents != 0) {
            accept_from(m_listener, false);
        }
        if (fds[3].revents != 0) {
            accept_from(m_control, true);
        }
        expire();
    }

    static void on_signal(int sig, void* data) {
        auto* self = static_cast<Server*>(data);
        if (sig == SIGUSR1) {
            self->renew_now();
        } else {
            self->m_stop = true;
        }
    }

    int timeout_ms() const {
        long ms = k_longest_sleep_ms;
        const auto steady_now = Steady::now();
        for (const Connection& c : m_connections) {
            if (!c.waiting) {
                ms = std::min<long>(ms, std::chrono::duration_cast<std::chrono::milliseconds>(c.deadline - steady_now).count() + 1);
            }
        }
        if (m_worker) {
            ms = std::min<long>(ms, std::chrono::duration_cast<std::chrono::milliseconds>(m_worker_deadline - steady_now).count() + 1);
        } else if (auto next = m_served.next_renewal()) {
            ms = std::min<long>(ms, (*next - wall_now()) * 1000);
        }
        return static_cast<int>(std::max<long>(ms, 0));
    }

    void accept_from(int listener, bool control) {
        while (m_connections.size() < k_max_connections) {
            const int fd = util::accept_connection(listener);
            if (fd < 0) {
                return;
            }
            Connection c;
            c.fd = fd;
            c.control = control;
            c.deadline = Steady::now() + k_connection_time;
            m_connections.push_back(std::move(c));
        }
    }

    /// False when the connection is done (answered, closed by the client, or broken).
    bool serve(Connection& c, short events) {
        // A waiting control client is polled for nothing: any event is its hang-up (it gave
        // up, Ctrl-C), and reading its line again would ask for another renewal.
        if ((events & (POLLERR | POLLNVAL)) != 0 || (c.waiting && events != 0)) {
            return false;
        }
        char buffer[4096];
        if (c.draining) {
            const ssize_t n = ::recv(c.fd, buffer, sizeof buffer, 0);
            return n > 0 || (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK));
        }
        if (!c.out.empty()) {
            while (c.sent < c.out.size()) {
                const ssize_t n = ::send(c.fd, c.out.data() + c.sent, c.out.size() - c.sent, MSG_NOSIGNAL);
                if (n < 0 && errno == EINTR) {
                    continue;
                }
                if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                    return true;
                }
                if (n <= 0) {
                    return false;
                }
                c.sent += static_cast<std::size_t>(n);
            }
            if (c.control) {
                return false;
            }
            ::shutdown(c.fd, SHUT_WR);  // all sent: Connection: close
            c.draining = true;
            c.deadline = Steady::now() + k_drain_time;
            return true;
        }
        const ssize_t n = ::recv(c.fd, buffer, sizeof buffer, 0);
        if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) {
            return true;
        }
        if (n <= 0) {
            return c.control && n == 0 && handle_control(c);
        }
        c.in.append(buffer, static_cast<std::size_t>(n));
        if (c.control) {
            return c.in.size() <= 64 && (c.in.find('\n') == std::string::npos || handle_control(c));
        }
        handle_http(c);
        return true;
    }

    void respond(Connection& c, int status, const std::string& body, const char* extra = "") {
        c.out = http_response(status, body, extra);
        c.sent = 0;
        // Sent at once in almost every case; the rest when the socket takes it.
        serve(c, POLLOUT);
    }

    void handle_http(Connection& c) {
        const ParsedHead parsed = parse_request_head(c.in);
        switch (parsed.status) {
        case HeadStatus::incomplete:
            return;
        case HeadStatus::too_large:
            return respond(c, 431, error_document("RequestHeaderFieldsTooLarge", "awsume-shell: the request head is too long"));
        case HeadStatus::bad:
            return respond(c, 400, error_document("BadRequest", "awsume-shell: " + parsed.problem));
        case HeadStatus::complete:
            break;
        }
        const RequestHead& head = parsed.head;
        if (head.method != "GET") {
            return respond(c, 405, error_document("MethodNotAllowed", "awsume-shell: only GET is answered here"),
                           "Allow: GET\r\n");
        }
        if (!util::constant_time_equal(m_token, head.header("authorization").value_or(""))) {
            return respond(c, 403, error_document("AccessDenied",
                                                  "awsume-shell: the Authorization header does not hold this "
                                                  "server's token (AWS_CONTAINER_AUTHORIZATION_TOKEN)"));
        }
        const std::string path = head.target.substr(0, head.target.find('?'));
        if (path != k_server_path) {
            return respond(c, 404, error_document("NotFound", std::string("awsume-shell: the credentials are at ") + k_server_path));
        }
        const util::UnixTime now = wall_now();
        if (!m_worker && m_served.renew_on_request(now)) {
            start_renewal(true);
        }
        const ServedAnswer answer = m_served.answer(now);
        respond(c, answer.status, answer.body);
    }

    /// "renew": take what the cache holds now, answer when done; "credentials": the
    /// credentials served now. Any other line is refused.
    bool handle_control(Connection& c) {
        const std::string line = c.in.substr(0, c.in.find('\n'));
        if (line == "renew") {
            c.waiting = true;
            renew_now();
            return true;
        }
        if (line == "credentials") {
            c.out = encode_outcome(m_served.credentials());
        } else {
            c.out = encode_outcome(make_error(Errc::usage, "the credentials server does not know '" + line.substr(0, 20) + "'"));
        }
        c.sent = 0;
        return serve(c, POLLOUT);
    }

    void renew_now() {
        if (m_worker) {
            m_rerun = true;  // the running renewal may have read the cache before it changed
        } else {
            start_renewal(true);
        }
    }

    void start_renewal(bool from_cache) {
        m_served.renewal_started(wall_now());
        write_state();
        auto worker = util::start_worker([this, from_cache](int out) {
            return util::write_all(out, encode_outcome(m_spec.renew(from_cache))) ? 0 : 1;
        });
        if (!worker) {
            finish_renewal(unexpected(worker.error()));
            return;
        }
        m_worker = *worker;
        m_worker_output.clear();
        m_worker_deadline = Steady::now() + std::chrono::seconds(m_spec.renewal_timeout);
    }

    void read_worker() {
        char buffer[4096];
        for (;;) {
            const ssize_t n = ::read(m_worker->out, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK) {
                    return;
                }
                break;
            }
            if (n == 0) {
                break;
            }
            m_worker_output.append(buffer, static_cast<std::size_t>(n));
            if (m_worker_output.size() > k_max_outcome) {
                break;
            }
        }
        util::end_worker(*m_worker, m_worker_output.size() > k_max_outcome);
        m_worker.reset();
        finish_renewal(decode_outcome(m_worker_output, "the renewal"));
    }

    void expire() {
        const auto steady_now = Steady::now();
        if (m_worker && steady_now >= m_worker_deadline) {
            util::end_worker(*m_worker, true);
            m_worker.reset();
            finish_renewal(make_error(Errc::network, "the renewal took longer than " +
                                                         std::to_string(m_spec.renewal_timeout) + " s"));
        }
        for (auto it = m_connections.begin(); it != m_connections.end();) {
            if (!it->waiting && steady_now >= it->deadline) {
                ::close(it->fd);
                it = m_connections.erase(it);
            } else {
                ++it;
            }
        }
    }

    void finish_renewal(const Result<model::Credentials>& outcome) {
        const util::UnixTime now = wall_now();
        if (outcome) {
            auto usable = model::check_usable_lifetime(*outcome, now, "the renewal");
            if (usable) {
                m_served.renewal_succeeded(*outcome, now);
            } else {
                m_served.renewal_failed(usable.error(), now);
            }
        } else {
            m_served.renewal_failed(outcome.error(), now);
        }
        write_state();
        if (m_rerun) {
            m_rerun = false;
            start_renewal(true);
            return;
        }
        const std::string answer = m_served.failure().empty()
                                       ? encode_outcome(m_served.credentials())
                                       : encode_outcome(make_error(Errc::config, m_served.failure()));
        for (Connection& c : m_connections) {
            if (c.control && c.waiting) {
                c.waiting = false;
                c.out = answer;
                c.sent = 0;
                c.deadline = Steady::now() + k_connection_time;
            }
        }
    }

    void write_state() {
        if (!m_spec.state_dir.empty()) {
            (void)util::write_file_atomically(server_state_file(m_spec.state_dir), m_served.state_line(), 0600);
        }
    }

    const ServerSpec& m_spec;
    int m_listener;
    int m_control;
    std::string m_token;
    ServedCredentials m_served;
    int m_parent = -1;
    int m_signals = -1;
    bool m_stop = false;
    bool m_rerun = false;
    std::list<Connection> m_connections;
    std::optional<util::Worker> m_worker;
    std::string m_worker_output;
    Steady::time_point m_worker_deadline;
};

Result<model::Credentials> ask_control(const std::string& state_dir, const std::string& request, int timeout_ms) {
    const std::string path = server_control_socket(state_dir);
    auto answer = util::unix_request(path, request, timeout_ms, k_max_outcome);
    if (!answer) {
        return make_error(Errc::io, "the credentials server does not answer (" + answer.error().message + ")");
    }
    return decode_outcome(*answer, "the credentials server");
}

}  // namespace

std::string server_state_file(const std::string& state_dir) { return state_dir + "/state"; }
std::string server_control_socket(const std::string& state_dir) { return state_dir + "/control"; }

Result<RunningServer> start_credentials_server(const ServerSpec& spec) {
    if (!spec.credentials.expiration) {
        return make_error(Errc::usage, "--server: the credentials of '" + spec.profile +
                                           "' are long-term keys; the server hands out temporary credentials only");
    }
    RunningServer server;
    TRY(server.token, util::random_hex(k_token_bytes));
    TRY(const util::Listener listener, util::listen_loopback());
    server.url = "http://127.0.0.1:" + std::to_string(listener.port) + k_server_path;
    util::Listener control;
    if (!spec.state_dir.empty()) {
        auto made = util::listen_unix(server_control_socket(spec.state_dir));
        if (!made) {
            ::close(listener.fd);
            return unexpected(made.error());
        }
        control = *made;
        ServedCredentials first(spec.credentials, spec.refresh_before_expiry, spec.profile, spec.refresh_hint);
        if (auto written = util::write_file_atomically(server_state_file(spec.state_dir), first.state_line(), 0600);
            !written) {
            ::close(listener.fd);
            ::close(control.fd);
            return unexpected(written.error());
        }
    }
    const long parent = static_cast<long>(::getpid());
    auto pid = util::start_companion(
        [&] {
            Server loop(spec, listener.fd, control.fd, server.token);
            return loop.run(parent);
        },
        spec.keep_stderr, "--server");
    ::close(listener.fd);
    if (control.fd >= 0) {
        ::close(control.fd);
    }
    TRY(server.pid, std::move(pid));
    return server;
}

void stop_credentials_server(const RunningServer& server) noexcept { util::stop_companion(server.pid); }

EnvChanges server_environment(const SessionInfo& info, const RunningServer& server) {
    EnvChanges out = credential_environment(info);
    static const char* const k_preferred_by_sdks[] = {
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
        "AWS_CREDENTIAL_EXPIRATION", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"};
    std::vector<std::pair<std::string, std::string>> kept;
    for (auto& [name, value] : out.set) {
        if (std::find(std::begin(k_preferred_by_sdks), std::end(k_preferred_by_sdks), name) == std::end(k_preferred_by_sdks)) {
            kept.emplace_back(name, value);
        }
    }
    out.set = std::move(kept);
    out.set.emplace_back("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url);
    out.set.emplace_back("AWS_CONTAINER_AUTHORIZATION_TOKEN", server.token);
    for (const char* name : k_preferred_by_sdks) {
        if (std::find(out.unset.begin(), out.unset.end(), name) == out.unset.end()) {
            out.unset.emplace_back(name);
        }
    }
    return out;
}

Result<util::UnixTime> ask_server_to_renew(const std::string& state_dir, int timeout_ms) {
    auto renewed = ask_control(state_dir, "renew\n", timeout_ms);
    if (!renewed) {
        return unexpected(renewed.error());
    }
    return renewed->expiration.value_or(0);
}

Result<model::Credentials> ask_server_for_credentials(const std::string& state_dir, int timeout_ms) {
    return ask_control(state_dir, "credentials\n", timeout_ms);
}

}  // namespace awsume_shell::output
