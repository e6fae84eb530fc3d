#include "awsume_shell/util/socket.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "awsume_shell/util/io.hpp"

namespace awsume_shell::util {

namespace {

constexpr int k_backlog = 128;

Error socket_error(const std::string& what) {
    return Error{Errc::io, what + ": " + std::strerror(errno), {}};
}

bool fill_unix_address(const std::string& path, sockaddr_un& address) {
    address = {};
    address.sun_family = AF_UNIX;
    if (path.size() >= sizeof address.sun_path) {
        return false;
    }
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    return true;
}

}  // namespace

Result<Listener> listen_loopback() {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        return unexpected(socket_error("cannot listen on 127.0.0.1"));
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(fd, k_backlog) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        Error error = socket_error("cannot listen on 127.0.0.1");
        ::close(fd);
        return unexpected(error);
    }
    return Listener{fd, ntohs(address.sin_port)};
}

Result<Listener> listen_unix(const std::string& path) {
    sockaddr_un address;
    if (!fill_unix_address(path, address)) {
        return make_error(Errc::io, "cannot listen on " + path + ": the path is too long for a socket");
    }
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        return unexpected(socket_error("cannot listen on " + path));
    }
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(fd, k_backlog) != 0) {
        Error error = socket_error("cannot listen on " + path);
        ::close(fd);
        return unexpected(error);
    }
    return Listener{fd, 0};
}

int accept_connection(int listener_fd) noexcept {
    for (;;) {
        const int fd = ::accept4(listener_fd, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd >= 0 || errno != EINTR) {
            return fd;
        }
    }
}

Result<std::string> unix_request(const std::string& path, const std::string& request, int timeout_ms,
                                 std::size_t max_bytes) {
    sockaddr_un address;
    if (!fill_unix_address(path, address)) {
        return make_error(Errc::io, path + ": the path is too long for a socket");
    }
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return unexpected(socket_error(path));
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    int connected = 0;
    do {
        connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    } while (connected != 0 && errno == EINTR);
    if (connected != 0) {
        return unexpected(socket_error(path));
    }
    TRY_VOID(write_all(fd, request));
    ::shutdown(fd, SHUT_WR);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    std::string answer;
    char buffer[4096];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0) {
            return make_error(Errc::io, path + ": no answer within " + std::to_string(timeout_ms / 1000) + " s");
        }
        pollfd wait{fd, POLLIN, 0};
        const int ready = ::poll(&wait, 1, static_cast<int>(left));
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready < 0) {
            return unexpected(socket_error(path));
        }
        if (ready == 0) {
            continue;
        }
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return unexpected(socket_error(path));
        }
        if (n == 0) {
            return answer;
        }
        answer.append(buffer, static_cast<std::size_t>(n));
        if (answer.size() > max_bytes) {
            return make_error(Errc::io, path + ": the answer is too long");
        }
    }
}

}  // namespace awsume_shell::util
