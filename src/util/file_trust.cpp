#include "awsume_shell/util/file_trust.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

#include "awsume_shell/util/io.hpp"

namespace awsume_shell::util {

namespace {

constexpr off_t k_max_settings_size = 1024 * 1024;

}  // namespace

std::string format_mode(mode_t mode) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
    return buf;
}

std::string private_file_problem(const struct stat& st) {
    if (!S_ISREG(st.st_mode)) {
        return "not a regular file";
    }
    if (st.st_uid != ::geteuid()) {
        return "owned by another user; not trusted";
    }
    if ((st.st_mode & 077) != 0) {
        return "permissions " + format_mode(st.st_mode) + " are wider than 0600; not trusted";
    }
    return {};
}

Result<void> check_trusted_file(const std::string& path, const struct stat& st) {
    const uid_t me = ::geteuid();
    if (st.st_uid != me && st.st_uid != 0) {
        return make_error(Errc::config, path + ": owned by uid " + std::to_string(st.st_uid) + ", not by you (uid " +
                                            std::to_string(me) + ") or root; not trusted");
    }
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        return make_error(Errc::config, path + ": writable by group or others (mode " + format_mode(st.st_mode) +
                                            "); not trusted: chmod go-w " + path);
    }
    return {};
}

Result<std::optional<std::string>> read_trusted_file(const std::string& path) {
    TRY(const auto opened, open_if_exists(path, Errc::config));
    if (!opened) {
        return std::optional<std::string>{};
    }
    const int fd = *opened;
    struct stat st {};
    std::string problem;
    if (::fstat(fd, &st) != 0) {
        problem = std::strerror(errno);
    } else if (!S_ISREG(st.st_mode)) {
        problem = "not a regular file";
    } else if (st.st_size > k_max_settings_size) {
        problem = "larger than 1 MiB";
    } else if (auto trusted = check_trusted_file(path, st); !trusted) {
        ::close(fd);
        return unexpected(trusted.error());
    }
    std::string text;
    if (problem.empty()) {
        auto read = read_all(fd, static_cast<std::size_t>(st.st_size));
        if (read) {
            text = std::move(*read);
        } else {
            problem = read.error().message;
        }
    }
    ::close(fd);
    if (!problem.empty()) {
        return make_error(Errc::config, "cannot read " + path + ": " + problem);
    }
    return std::optional<std::string>(std::move(text));
}

void narrow_own_dir(const std::string& dir) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == ::geteuid() &&
        (st.st_mode & 077) != 0) {
        ::chmod(dir.c_str(), 0700);
    }
}

}  // namespace awsume_shell::util
