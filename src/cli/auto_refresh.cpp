#include "awsume_shell/cli/auto_refresh.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "awsume_shell/util/atomic_file.hpp"

namespace awsume_shell::cli {

namespace {

std::string log_path(const Context& context, const std::string& profile) {
    const std::string home = util::tool_home(context.env);
    std::string safe;
    for (char c : profile) {
        safe.push_back(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '_');
    }
    (void)util::make_private_dir(home);
    return home + "/auto-refresh-" + safe + ".log";
}

[[noreturn]] void refresher(CredentialOptions options, Context context, util::UnixTime expires) {
    options.mfa_code.reset();  // one-time codes are spent; renewals go through the MFA session
    options.auto_refresh = false;
    options.refresh = true;
    for (;;) {
        const long margin = 300;
        util::UnixTime wake = expires - margin;
        while (context.clock.now() < wake) {
            ::sleep(static_cast<unsigned>(std::min<util::UnixTime>(wake - context.clock.now(), 60)));
        }
        auto session = obtain_session(options, context);
        if (!session) {
            context.log.error("auto-refresh of '" + *options.output_profile +
                              "' stops: " + session.error().message);
            ::_exit(1);
        }
        auto delivered = deliver_session(*session, options, context);
        if (!delivered || !session->obtained.credentials.expiration) {
            context.log.error("auto-refresh of '" + *options.output_profile + "' stops" +
                              (delivered ? std::string(": credentials do not expire")
                                         : ": " + delivered.error().message));
            ::_exit(1);
        }
        expires = *session->obtained.credentials.expiration;
        context.log.info("refreshed '" + *options.output_profile + "'");
    }
}

}  // namespace

Result<void> start_auto_refresh(const CredentialOptions& options, const Context& context,
                                util::UnixTime expires) {
    const std::string log = log_path(context, *options.output_profile);
    pid_t pid = ::fork();
    if (pid < 0) {
        return make_error(Errc::io, std::string("--auto-refresh: fork: ") + std::strerror(errno));
    }
    if (pid > 0) {
        return {};
    }
    // Child: its own session, no terminal (it can never prompt), stderr to its log.
    ::setsid();
    int null_fd = ::open("/dev/null", O_RDWR);
    int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600);
    ::dup2(null_fd, STDIN_FILENO);
    ::dup2(null_fd, STDOUT_FILENO);
    ::dup2(log_fd >= 0 ? log_fd : null_fd, STDERR_FILENO);
    if (::fork() != 0) {
        ::_exit(0);  // double fork: the refresher is nobody's child
    }
    refresher(options, context, expires);
}

}  // namespace awsume_shell::cli
