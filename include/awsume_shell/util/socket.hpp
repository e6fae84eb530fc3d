#pragma once
/// The few sockets awsume-shell opens itself (everything that talks to AWS goes through
/// libcurl in the AWS module): the credentials server's loopback listener and its private
/// control socket, and the one-line client of that control socket.

#include <cstddef>
#include <string>

#include "awsume_shell/util/result.hpp"

namespace awsume_shell::util {

/// A listening socket; the descriptor is close-on-exec and non-blocking.
struct Listener {
    int fd = -1;
    int port = 0;  ///< TCP only
};

/// TCP on 127.0.0.1 only (never 0.0.0.0: nothing outside this machine may ask), on a port
/// the kernel picks. Errc::io "cannot listen on 127.0.0.1: ...".
Result<Listener> listen_loopback();

/// A Unix stream socket at `path` (in a private folder: the folder's 0700 is the access
/// check). Errc::io naming the path.
Result<Listener> listen_unix(const std::string& path);

/// Accepts one connection (non-blocking, close-on-exec); -1 when none is waiting.
int accept_connection(int listener_fd) noexcept;

/// Connects to the Unix socket at `path`, sends `request`, and reads the answer until the
/// server closes, at most `max_bytes` and `timeout_ms` in all. Errc::io naming the path
/// (also for a timeout: "... no answer within N s").
Result<std::string> unix_request(const std::string& path, const std::string& request, int timeout_ms,
                                 std::size_t max_bytes);

}  // namespace awsume_shell::util
