#include "awsume_shell/util/io.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace awsume_shell::util {

Result<void> write_all(int fd, std::string_view text) {
    size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return make_error(Errc::io, std::string("cannot write output: ") + std::strerror(errno));
        }
        done += static_cast<size_t>(n);
    }
    return {};
}

Result<std::string> read_all(int fd, size_t max_bytes) {
    std::string text;
    char buffer[16384];
    while (text.size() < max_bytes) {
        const ssize_t n = ::read(fd, buffer, std::min(sizeof buffer, max_bytes - text.size()));
        if (n == 0) {
            break;
        }
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return make_error(Errc::io, std::strerror(errno));
        }
        text.append(buffer, static_cast<size_t>(n));
    }
    return text;
}

std::vector<char*> c_string_array(std::vector<std::string>& strings) {
    std::vector<char*> out;
    out.reserve(strings.size() + 1);
    for (auto& s : strings) {
        out.push_back(s.data());
    }
    out.push_back(nullptr);
    return out;
}

}  // namespace awsume_shell::util
