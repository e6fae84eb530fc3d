#include "awsume_shell/cache/store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "awsume_shell/util/atomic_file.hpp"
#include "awsume_shell/util/file_trust.hpp"
#include "entry_json.hpp"

namespace awsume_shell::cache {

namespace {

constexpr off_t k_max_file_size = 64 * 1024;

void set_problem(std::string* out, const std::string& why) {
    if (out != nullptr) {
        *out = why;
    }
}

}  // namespace

Store::Store(std::string dir) : m_dir(std::move(dir)) {}

std::string Store::default_dir(const util::Env& env) { return util::tool_home(env) + "/cache"; }

std::string Store::path_for(const CacheKey& key) const { return m_dir + "/" + file_name_for(key); }

std::optional<Entry> Store::load(const CacheKey& key, std::string* problem) const {
    const std::string path = path_for(key);
    // O_NOFOLLOW: a symlink planted in the cache is refused, not read through.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
        if (errno != ENOENT) {
            set_problem(problem,
                        errno == ELOOP ? "is a symlink; not trusted" : std::strerror(errno));
        }
        return std::nullopt;
    }
    struct stat st {};
    std::string why;
    std::string text;
    if (::fstat(fd, &st) != 0) {
        why = std::strerror(errno);
    } else {
        why = util::private_file_problem(st);
    }
    if (why.empty() && st.st_size > k_max_file_size) {
        why = "larger than 64 KiB";
    }
    if (why.empty()) {
        text.resize(static_cast<std::size_t>(st.st_size) + 1);  // +1 notices growth
        std::size_t got = 0;
        while (got < text.size()) {
            const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n <= 0) {
                if (n < 0) {
                    why = std::strerror(errno);
                }
                break;
            }
            got += static_cast<std::size_t>(n);
        }
        text.resize(got);
    }
    ::close(fd);
    if (!why.empty()) {
        set_problem(problem, why);
        return std::nullopt;
    }
    std::string parse_problem;
    auto entry = entry_from_json(text, key.kind, parse_problem);
    if (!entry) {
        set_problem(problem, parse_problem);
    }
    return entry;
}

Result<void> Store::save(const CacheKey& key, const Entry& entry) {
    TRY_VOID(util::make_private_dir(m_dir, 0700));
    const std::string text = entry_to_json(key.kind, entry);
    if (text.empty()) {
        return make_error(Errc::io, "cannot encode cache entry " + path_for(key));
    }
    return util::write_file_atomically(path_for(key), text, 0600);
}

Result<util::FileLock> Store::lock(const CacheKey& key, long timeout_ms) {
    TRY_VOID(util::make_private_dir(m_dir, 0700));
    return util::FileLock::acquire(path_for(key) + ".lock", timeout_ms);
}

}  // namespace awsume_shell::cache
