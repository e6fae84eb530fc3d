// The only file that knows libcurl.
#include <curl/curl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <mutex>
#include <optional>

#include "awsume_shell/aws/http_client.hpp"
#include "awsume_shell/aws/proxy.hpp"
#include "awsume_shell/util/io.hpp"
#include "awsume_shell/util/signals.hpp"

namespace awsume_shell::aws {
namespace {

struct BodySink {
    std::string* body = nullptr;
    bool too_large = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* sink = static_cast<BodySink*>(user);
    if (sink->body->size() + size * count > k_max_response_bytes) {
        sink->too_large = true;
        return 0;  // libcurl aborts the transfer (CURLE_WRITE_ERROR)
    }
    sink->body->append(data, size * count);
    return size * count;
}

constexpr char k_erase_line[] = "\r\033[K";

/// While the waiting line is up, a signal that ends the process (Ctrl-C, TERM, HUP) erases
/// it first, then ends the process as it would have; signals ignored or handled before are
/// left alone (ScopedSignals::Where::default_only).
extern "C" void erase_and_end(int signal_number) {
    (void)!::write(STDERR_FILENO, k_erase_line, sizeof k_erase_line - 1);
    util::end_by_signal(signal_number);
}

/// The terminal's "waiting for ..." line: shown once an attempt has taken a second, erased
/// when it ends (or a signal ends the process), so a slow endpoint is never a silent hang.
class WaitNotice {
public:
    WaitNotice(bool enabled, const std::string& what)
        : m_enabled(enabled && !what.empty()), m_what(what), m_start(std::chrono::steady_clock::now()) {}
    ~WaitNotice() {
        if (m_shown) {
            (void)util::write_all(STDERR_FILENO, k_erase_line);
            m_erasers.reset();
        }
    }
    WaitNotice(const WaitNotice&) = delete;
    WaitNotice& operator=(const WaitNotice&) = delete;

    void tick() {
        if (!m_enabled || m_shown ||
            std::chrono::steady_clock::now() - m_start < std::chrono::seconds(1)) {
            return;
        }
        m_shown = true;
        m_erasers.emplace(std::initializer_list<int>{SIGINT, SIGTERM, SIGHUP}, erase_and_end,
                          util::ScopedSignals::Where::default_only);
        std::string line = "awsume-shell: waiting for ";
        // Host names and ARNs are ASCII; anything else here came from a hostile config file
        // and may be a control character (C0, DEL, or C1 such as U+009B = CSI in UTF-8).
        for (char c : m_what) {
            const auto byte = static_cast<unsigned char>(c);
            line += (byte < 0x20 || byte >= 0x7f) ? '?' : c;
        }
        line += "...";
        // One terminal row, or "\r" could not erase what wrapped.
        winsize size{};
        if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 4 &&
            line.size() >= size.ws_col) {
            line = line.substr(0, size.ws_col - 4) + "...";
        }
        (void)util::write_all(STDERR_FILENO, line);
    }

private:
    bool m_enabled;
    bool m_shown = false;
    std::optional<util::ScopedSignals> m_erasers;
    std::string m_what;
    std::chrono::steady_clock::time_point m_start;
};

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    static_cast<WaitNotice*>(user)->tick();
    return 0;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* response = static_cast<HttpResponse*>(user);
    std::string_view line(data, size * count);
    if (line.rfind("HTTP/", 0) == 0) {
        response->headers.clear();  // a new response (after 100 Continue or a redirect)
        return size * count;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
        return size * count;
    }
    std::string name(line.substr(0, colon));
    for (char& c : name) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
        value.remove_prefix(1);
    }
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' ||
                              value.back() == ' ' || value.back() == '\t')) {
        value.remove_suffix(1);
    }
    response->headers[name] = std::string(value);
    return size * count;
}

/// Failures a second try may cure; certificate and usage errors are not among them.
bool is_transient(CURLcode code) {
    switch (code) {
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_COULDNT_CONNECT:
        case CURLE_OPERATION_TIMEDOUT:
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
            return true;
        default:
            return false;
    }
}

/// Whether the attempt got past connecting (the peer accepted): a timeout then means its
/// answer never came, not that nothing listens.
bool was_connected(CURL* curl) {
    curl_off_t connect_us = 0;
    return curl_easy_getinfo(curl, CURLINFO_CONNECT_TIME_T, &connect_us) == CURLE_OK && connect_us > 0;
}

std::string host_of(const std::string& url) {
    std::size_t start = url.find("://");
    start = start == std::string::npos ? 0 : start + 3;
    std::size_t end = url.find_first_of("/?#", start);
    return url.substr(start, end == std::string::npos ? end : end - start);
}

class CurlHttpClient final : public HttpClient {
public:
    explicit CurlHttpClient(const ClientOptions& options)
        : m_env(options.env),
          m_connect_timeout_ms(options.connect_timeout_ms),
          m_read_timeout_ms(options.read_timeout_ms),
          m_total_timeout_ms(options.total_timeout_ms),
          m_show_waits(::isatty(STDERR_FILENO) == 1) {
        if (auto bundle = options.env.get("AWS_CA_BUNDLE")) {
            m_ca_bundle = *bundle;
        } else if (options.ca_bundle && !options.ca_bundle->empty()) {
            m_ca_bundle = *options.ca_bundle;
        }
        static std::once_flag once;
        std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    }

    ~CurlHttpClient() override {
        if (m_handle != nullptr) {
            curl_easy_cleanup(m_handle);
        }
    }
    CurlHttpClient(const CurlHttpClient&) = delete;
    CurlHttpClient& operator=(const CurlHttpClient&) = delete;

    Result<HttpResponse> send(const HttpRequest& request) override {
        const std::string host = host_of(request.url);
        TRY(const std::string proxy, proxy_for(request.url, m_env));
        // One handle per client, reset between requests: retries reuse the connection.
        if (m_handle == nullptr) {
            m_handle = curl_easy_init();
            if (m_handle == nullptr) {
                return make_error(Errc::network, "cannot initialise libcurl for " + host);
            }
        } else {
            curl_easy_reset(m_handle);
        }
        CURL* curl = m_handle;
        HttpResponse response;
        char error_buffer[CURL_ERROR_SIZE] = {};
        curl_slist* headers = nullptr;
        for (const auto& [name, value] : request.headers) {
            // libcurl derives Host from the URL; sending ours too would duplicate it.
            if (name == "Host" || name == "host") {
                continue;
            }
            headers = curl_slist_append(headers, (name + ": " + value).c_str());
        }
        headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip

        curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        // Without it, an attempt that timed out while resolving waits for getaddrinfo to
        // return (libcurl joins its resolver thread): a hung DNS server would outlast the
        // deadline. With it, the thread is left behind and ends with the process.
        curl_easy_setopt(curl, CURLOPT_QUICK_EXIT, 1L);
        // "" turns off libcurl's own reading of http_proxy & co.: proxy_for() decided.
        curl_easy_setopt(curl, CURLOPT_PROXY, proxy.c_str());
        curl_easy_setopt(curl, CURLOPT_NOPROXY, "");  // nor its reading of no_proxy
        const long attempt_ms = request.timeout_ms > 0 ? std::min(request.timeout_ms, m_total_timeout_ms)
                                                       : m_total_timeout_ms;
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, std::min(m_connect_timeout_ms, attempt_ms));
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, attempt_ms);
        // A read timeout: less than a byte a second for read_timeout_ms ends the attempt.
        curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
        curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, std::max(1L, m_read_timeout_ms / 1000));
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);  // a signed request never moves
        curl_easy_setopt(curl, CURLOPT_USERAGENT, "awsume-shell/" AWSUME_SHELL_VERSION);
        if (!m_ca_bundle.empty()) {
            curl_easy_setopt(curl, CURLOPT_CAINFO, m_ca_bundle.c_str());
        }
        if (request.method == "POST") {
            curl_easy_setopt(curl, CURLOPT_POST, 1L);
            curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
            curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                             static_cast<curl_off_t>(request.body.size()));
        } else if (request.method != "GET") {
            curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
        }
        BodySink sink{&response.body};
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
        curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
        WaitNotice notice(m_show_waits, request.waiting_for);
        curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
        curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &notice);
        curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);

        const CURLcode code = curl_easy_perform(curl);
        curl_slist_free_all(headers);
        if (sink.too_large) {
            // Not retried: the same endpoint would send the same.
            return make_error(Errc::network, "answer from " + host + " is larger than 4 MiB (transfer aborted)",
                              k_permanent_transport_error);
        }
        if (code != CURLE_OK) {
            std::string reason = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
            // libcurl quotes a proxy URL it cannot use whole, password and all.
            if (!proxy.empty()) {
                for (std::size_t at = reason.find(proxy); at != std::string::npos; at = reason.find(proxy, at)) {
                    const std::string shown = redact_proxy(proxy);
                    reason.replace(at, proxy.size(), shown);
                    at += shown.size();
                }
            }
            if (code == CURLE_SSL_CACERT_BADFILE || code == CURLE_PEER_FAILED_VERIFICATION) {
                reason += m_ca_bundle.empty()
                              ? " (a private CA can be set with AWS_CA_BUNDLE or ca_bundle)"
                              : " (CA bundle " + m_ca_bundle + ")";
            }
            if (code == CURLE_OPERATION_TIMEDOUT && was_connected(curl)) {
                return make_error(Errc::network, "cannot reach " + host + ": " + reason,
                                  k_read_timeout_transport_error);
            }
            return make_error(Errc::network, "cannot reach " + host + ": " + reason,
                              is_transient(code) ? "" : k_permanent_transport_error);
        }
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
        return response;
    }

private:
    util::Env m_env;
    long m_connect_timeout_ms;
    long m_read_timeout_ms;
    long m_total_timeout_ms;
    bool m_show_waits;
    std::string m_ca_bundle;
    CURL* m_handle = nullptr;
};

}  // namespace

std::unique_ptr<HttpClient> make_curl_http_client(const ClientOptions& options) {
    return std::make_unique<CurlHttpClient>(options);
}

}  // namespace awsume_shell::aws
