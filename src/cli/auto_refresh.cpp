#include "awsume_shell/cli/auto_refresh.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "awsume_shell/aws/api_loader.hpp"
#include "awsume_shell/cli/refresher_registry.hpp"
#include "awsume_shell/util/atomic_file.hpp"
#include "awsume_shell/util/io.hpp"
#include "awsume_shell/util/process_spawn.hpp"
#include "awsume_shell/util/signals.hpp"
#include "awsume_shell/util/time_format.hpp"

namespace awsume_shell::cli {

namespace {

constexpr size_t k_max_request = 64 * 1024;

/// Named as the registry names its files (RefresherRegistry::file_stem), so that no two
/// output profiles share a log.
std::string log_path(const Context& context, const std::string& profile) {
    const std::string home = util::tool_home(context.env);
    (void)util::make_private_dir(home);
    return home + "/auto-refresh-" + RefresherRegistry::file_stem(profile) + ".log";
}

std::string source_of(const model::Request& state) {
    std::string source = state.profile.empty() ? "default" : state.profile;
    if (state.role_arn) {
        source += " --role-arn " + *state.role_arn;
    }
    return source;
}

Result<std::string> read_request(int fd) {
    std::string text;
    char buffer[4096];
    for (;;) {
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return make_error(Errc::io, std::string("auto-refresh: reading the request: ") + std::strerror(errno));
        }
        if (n == 0) {
            return text;
        }
        text.append(buffer, static_cast<size_t>(n));
        if (text.size() > k_max_request) {
            return make_error(Errc::usage, "auto-refresh: the request is too long");
        }
    }
}

/// The loop of a refresher that holds its output profile's lock.
int refresh_loop(model::Request options, Context& context, const RefresherRegistry& registry,
                 RefresherRecord record, const util::StopSignals& stop) {
    const std::string name = *options.output_profile;
    options.mfa_code.reset();  // one-time codes are spent; renewals go through the MFA session
    options.auto_refresh = false;
    options.refresh = true;
    options.keep_cached_sources = true;
    int failures = 0;
    auto finish = [&](int status) {
        registry.remove_record(name);
        return status;
    };
    for (;;) {
        const util::UnixTime now = context.clock.now();
        record.next_refresh = failures > 0 ? now + retry_delay(failures) : next_refresh_at(now, record.expires);
        if (auto written = registry.write(record); !written) {
            context.log.warning("auto-refresh of '" + name + "': " + written.error().message);
        }
        if (!stop.sleep_until(context.clock, record.next_refresh)) {
            context.log.info("auto-refresh of '" + name + "' stopped (signal " +
                             std::to_string(util::StopSignals::received()) + ")");
            return finish(0);
        }
        auto session = obtain_session(options, context);
        Result<output::SessionInfo> delivered =
            session ? deliver_session(*session, options, context) : Result<output::SessionInfo>(unexpected(session.error()));
        if (!delivered) {
            ++failures;
            if (!is_transient(delivered.error()) || failures >= k_refresh_max_failures) {
                context.log.error("auto-refresh of '" + name + "' stops: " + delivered.error().message);
                return finish(1);
            }
            context.log.warning("auto-refresh of '" + name + "' failed (" + delivered.error().message +
                                "); trying again in " + std::to_string(retry_delay(failures)) + " s");
            continue;
        }
        failures = 0;
        if (!delivered->credentials.expiration) {
            context.log.error("auto-refresh of '" + name + "' stops: credentials do not expire");
            return finish(1);
        }
        record.expires = *delivered->credentials.expiration;
        context.log.info("refreshed '" + name + "' (expires " + util::format_iso8601(record.expires) + ")");
    }
}

}  // namespace

util::UnixTime next_refresh_at(util::UnixTime now, util::UnixTime expires) {
    return std::max(expires - k_refresh_margin, now + k_refresh_floor);
}

Result<void> start_auto_refresh(const model::Request& options, const Context& context,
                                util::UnixTime expires) {
    const std::string log = log_path(context, *options.output_profile);
    const std::string request =
        std::to_string(expires) + "\n" + model::encode_request(options);
    int channel[2];
    if (::pipe2(channel, O_CLOEXEC) != 0) {
        return make_error(Errc::io, std::string("--auto-refresh: pipe: ") + std::strerror(errno));
    }
    const int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    const int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600);
    // The request on stdin, /dev/null on stdout, the log on stderr.
    auto started = util::start_daemon({context.self_path, "auto-refresh", "--serve"}, context.env,
                                      {channel[0], null_fd, log_fd >= 0 ? log_fd : null_fd}, "--auto-refresh");
    for (int fd : {channel[0], null_fd, log_fd}) {
        ::close(fd);
    }
    if (!started) {
        ::close(channel[1]);
        return unexpected(started.error());
    }
    Result<void> sent;
    {
        util::ScopedSignals no_sigpipe({SIGPIPE}, SIG_IGN);  // a refresher that died is an error, not our end
        sent = util::write_all(channel[1], request);
        ::close(channel[1]);
    }
    if (!sent) {
        return make_error(Errc::io, "--auto-refresh: the refresher did not start (see " + log + ")");
    }
    return {};
}

int serve_auto_refresh(Context& context) {
    context.log.set_timestamps(true);
    const util::StopSignals stop;
    if (::isatty(STDIN_FILENO) == 1) {
        context.log.error("auto-refresh --serve is started by -a, not by hand (see auto-refresh --list)");
        return exit_code_for(Errc::usage);
    }
    auto text = read_request(STDIN_FILENO);
    if (const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC); null_fd >= 0) {
        ::dup2(null_fd, STDIN_FILENO);
        ::close(null_fd);
    }
    if (!text) {
        context.log.error(text.error().message);
        return exit_code_for(text.error().code);
    }
    const size_t newline = text->find('\n');
    util::UnixTime expires = 0;
    try {
        expires = newline == std::string::npos ? 0 : std::stoll(text->substr(0, newline));
    } catch (const std::exception&) {
    }
    auto state = model::decode_request(newline == std::string::npos ? "" : text->substr(newline + 1));
    if (expires <= 0 || !state || !state->output_profile) {
        context.log.error("auto-refresh --serve: not a refresher request (it is started by -a)");
        return exit_code_for(Errc::usage);
    }
    const std::string name = *state->output_profile;
    if (auto loaded = aws::load_module(context.env); !loaded) {
        context.log.error("auto-refresh of '" + name + "' does not start: " + loaded.error().message);
        return exit_code_for(loaded.error().code);
    }
    RefresherRegistry registry(context.env);
    auto lock = registry.take_over(name, context.log);
    if (!lock) {
        context.log.error("auto-refresh of '" + name + "' does not start: " + lock.error().message);
        return exit_code_for(lock.error().code);
    }
    RefresherRecord record;
    record.output_profile = name;
    record.pid = ::getpid();
    record.source = source_of(*state);
    record.started = context.clock.now();
    record.expires = expires;
    context.log.info("auto-refresh of '" + name + "' from " + record.source + " started (pid " +
                     std::to_string(record.pid) + ")");
    return refresh_loop(*state, context, registry, record, stop);
}

}  // namespace awsume_shell::cli
