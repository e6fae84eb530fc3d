#include "awsume_shell/util/atomic_file.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <vector>

#include "awsume_shell/util/signals.hpp"

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

/// ".NAME.tmp-": the start of every temp file name made for NAME.
std::string temp_prefix(const std::string& base) { return "." + base + ".tmp-"; }

/// Removes temp files an earlier write of the same file left behind (it was killed between
/// mkstemp and rename): ours (owned by us, regular), and either older than
/// k_stale_temp_seconds or named after a writer process that is gone. A live writer's fresh
/// temp file is left alone. Names of versions before the writer's pid was in the name
/// (".NAME.tmp-XXXXXX") are judged by age only.
void remove_stale_temps(const std::string& dir, const std::string& base) {
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) {
        return;
    }
    const std::string prefix = temp_prefix(base);
    const std::time_t now = std::time(nullptr);
    while (const dirent* entry = ::readdir(d)) {
        const std::string_view name(entry->d_name);
        if (name.substr(0, prefix.size()) != prefix) {
            continue;
        }
        struct stat st {};
        if (::fstatat(::dirfd(d), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) ||
            st.st_uid != ::geteuid()) {
            continue;
        }
        bool stale = now - st.st_mtime > k_stale_temp_seconds;
        // ".NAME.tmp-PID-XXXXXX"
        const std::string_view rest = name.substr(prefix.size());
        const std::size_t dash = rest.find('-');
        if (!stale && dash != std::string_view::npos && dash > 0 && dash < 10 &&
            rest.substr(0, dash).find_first_not_of("0123456789") == std::string_view::npos) {
            const long pid = std::strtol(std::string(rest.substr(0, dash)).c_str(), nullptr, 10);
            stale = pid > 0 && !process_exists(pid);
        }
        if (stale) {
            ::unlinkat(::dirfd(d), entry->d_name, 0);
        }
    }
    ::closedir(d);
}

}  // namespace

Result<void> write_file_atomically(const std::string& path, std::string_view content,
                                   mode_t mode) {
    const std::string dir = parent_of(path);
    const auto slash = path.find_last_of('/');
    const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    remove_stale_temps(dir, base);
    std::string tmpl = dir + "/" + temp_prefix(base) + std::to_string(::getpid()) + "-XXXXXX";
    std::vector<char> name(tmpl.begin(), tmpl.end());
    name.push_back('\0');

    // mkostemp creates the file 0600 (never wider, whatever the umask), and it stays so
    // until it has its final name: a copy left by a crash is readable by nobody else.
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
    if (!write_all(fd, content)) {
        return fail("cannot write", errno);
    }
    if (::fsync(fd) != 0) {
        return fail("cannot sync", errno);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        return fail("cannot replace", errno);
    }
    // Only now the final mode (through the descriptor: the name may already be another
    // writer's). Killed before this line, the file is 0600: narrower, never wider.
    const int chmod_error = ::fchmod(fd, mode & 07777) != 0 ? errno : 0;
    ::close(fd);
    if (chmod_error != 0) {
        return io_error("cannot set the mode of", path, chmod_error);
    }
    sync_dir(dir);
    return {};
}

Result<void> make_private_parent(const std::string& path, mode_t mode) {
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos || slash == 0) {  // never "." or "/" made private
        return make_error(Errc::io, "not a path inside a folder of its own: " + path);
    }
    return make_private_dir(path.substr(0, slash), mode);
}

Result<std::string> make_private_temp_dir(const Env& env, const std::string& prefix) {
    const std::string base = env.get("TMPDIR").value_or("/tmp");
    std::string pattern = base + "/" + prefix + ".XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {  // mkdtemp creates it 0700
        return make_error(Errc::io, "cannot create a private folder in " + base + ": " + std::strerror(errno));
    }
    return pattern;
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
