#include "awsume_shell/util/io.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
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

namespace {

/// Maps the pages of a large fresh buffer in one call (Linux 5.14+; elsewhere a no-op):
/// a 3 MB file would otherwise take a page fault every 4 KiB as it is read in.
void prefault(char* data, size_t size) {
#ifdef MADV_POPULATE_WRITE
    const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
    const auto begin = (reinterpret_cast<uintptr_t>(data) + page - 1) & ~(page - 1);
    const auto end = (reinterpret_cast<uintptr_t>(data) + size) & ~(page - 1);
    if (size >= 64 * 1024 && end > begin) {
        ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE);
    }
#else
    (void)data;
    (void)size;
#endif
}

}  // namespace

Result<std::string> read_all(int fd, size_t max_bytes) {
    std::string text;
    // A regular file's size is known: one allocation, so a large file is never in memory
    // twice (a growing string copies itself at each doubling).
    if (struct stat st {}; ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        text.reserve(std::min(static_cast<size_t>(st.st_size), max_bytes));
        prefault(text.data(), text.capacity());
    }
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

Result<std::optional<int>> open_if_exists(const std::string& path, Errc code) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd >= 0) {
        return std::optional<int>{fd};
    }
    if (errno == ENOENT || errno == ENOTDIR) {
        return std::optional<int>{};
    }
    return make_error(code, "cannot read " + path + ": " + std::strerror(errno));
}

}  // namespace awsume_shell::util
