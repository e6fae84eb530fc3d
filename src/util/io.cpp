#include "awsume_shell/util/io.hpp"

#include <unistd.h>

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
