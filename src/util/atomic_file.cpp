#include "awsume_shell/util/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace awsume_shell::util {

namespace {

Unexpected io_error(const std::string& what, const std::string& path, int err) {
    return make_error(Errc::io, what + " " + path + ": " + std::strerror(err));
}

std::string parent_of(const std::string& path) {
    const auto slash = path.find_last_of('/');
    if (slash == std::string::npos) {
        return ".";
    }
    return slash == 0 ? "/" : path.substr(0, slash);
}

bool write_all(int fd, std::string_view content) {
    const char* p = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    return true;
}

/// Makes the rename durable; best effort, as some file systems refuse fsync on a directory.
void sync_dir(const std::string& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

}  // namespace

Result<void> write_file_atomically(const std::string& path, std::string_view content,
                                   mode_t mode) {
    const std::string dir = parent_of(path);
    const auto slash = path.find_last_of('/');
    const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    std::string tmpl = dir + "/." + base + ".tmp-XXXXXX";
    std::vector<char> name(tmpl.begin(), tmpl.end());
    name.push_back('\0');

    // mkostemp creates the file 0600 (never wider, whatever the umask): nobody can read the
    // content before the final mode is set.
    const int fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd < 0) {
        return io_error("cannot create a temporary file for", path, errno);
    }
    const std::string tmp(name.data());
    auto fail = [&](const char* what, int err) {
        ::close(fd);
        ::unlink(tmp.c_str());
        return io_error(what, path, err);
    };
    if (::fchmod(fd, mode & 07777) != 0) {
        return fail("cannot set the mode of", errno);
    }
    if (!write_all(fd, content)) {
        return fail("cannot write", errno);
    }
    if (::fsync(fd) != 0) {
        return fail("cannot sync", errno);
    }
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return io_error("cannot write", path, err);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return io_error("cannot replace", path, err);
    }
    sync_dir(dir);
    return {};
}

Result<void> make_private_dir(const std::string& dir, mode_t mode) {
    if (dir.empty()) {
        return make_error(Errc::io, "cannot create a directory with an empty name");
    }
    // Walk the components left to right, creating what is missing.
    std::size_t pos = 0;
    while (true) {
        pos = dir.find('/', pos + 1);
        const bool last = pos == std::string::npos || dir.find_first_not_of('/', pos) == std::string::npos;
        const std::string part = last ? dir : dir.substr(0, pos);
        const mode_t want = last ? mode : 0700;
        if (::mkdir(part.c_str(), want) == 0) {
            if (last && ::chmod(part.c_str(), mode) != 0) {  // the umask may have narrowed it
                return io_error("cannot set the mode of", part, errno);
            }
        } else if (errno != EEXIST) {
            return io_error("cannot create directory", part, errno);
        }
        if (last) {
            break;
        }
    }
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) {
        return io_error("cannot use directory", dir, errno);
    }
    if (!S_ISDIR(st.st_mode)) {
        return make_error(Errc::io, "cannot use directory " + dir + ": not a directory");
    }
    if (st.st_uid == ::geteuid() && (st.st_mode & 07777 & ~mode) != 0) {
        if (::chmod(dir.c_str(), mode) != 0) {
            return io_error("cannot set the mode of", dir, errno);
        }
    }
    return {};
}

}  // namespace awsume_shell::util
