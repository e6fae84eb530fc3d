#include "awsume_shell/cli/refresher_registry.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include <nlohmann/json.hpp>

#include "awsume_shell/cache/store.hpp"
#include "awsume_shell/util/atomic_file.hpp"
#include "awsume_shell/util/signals.hpp"

namespace awsume_shell::cli {

namespace {

using Json = nlohmann::json;

/// A renewal in progress (network deadline, a lock on the cache) is let finish: a stop or a
/// takeover waits this long for the lock before giving up.
constexpr auto k_stop_wait = std::chrono::seconds(45);
constexpr auto k_poll = std::chrono::milliseconds(50);
constexpr size_t k_max_record = 64 * 1024;

std::optional<std::string> read_small_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
        return std::nullopt;
    }
    std::string text;
    char buffer[4096];
    ssize_t n = 0;
    while ((n = ::read(fd, buffer, sizeof buffer)) > 0 && text.size() < k_max_record) {
        text.append(buffer, static_cast<size_t>(n));
    }
    ::close(fd);
    return text;
}

bool lock_is_held(const std::string& path) {
    auto probe = util::FileLock::acquire(path, 0);
    return !probe && util::is_lock_timeout(probe.error());
}

}  // namespace

bool is_refresher_process(long pid) {
    if (pid <= 1) {
        return false;
    }
    auto cmdline = read_small_file("/proc/" + std::to_string(pid) + "/cmdline");
    static const std::string k_mark("auto-refresh\0--serve", 20);
    return cmdline && cmdline->find(k_mark) != std::string::npos;
}

RefresherRegistry::RefresherRegistry(const util::Env& env)
    : m_dir(cache::Store::default_dir(env) + "/auto-refresh") {}

std::string RefresherRegistry::file_stem(const std::string& name) {
    static const char* k_hex = "0123456789ABCDEF";
    std::string stem;
    for (size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        const bool plain = std::isalnum(c) || c == '-' || c == '_' || (c == '.' && i > 0);
        if (plain) {
            stem.push_back(static_cast<char>(c));
        } else {
            stem.push_back('%');
            stem.push_back(k_hex[c >> 4]);
            stem.push_back(k_hex[c & 15]);
        }
    }
    return stem;
}

std::string RefresherRegistry::lock_path(const std::string& name) const {
    return m_dir + "/" + file_stem(name) + ".lock";
}

std::string RefresherRegistry::record_path(const std::string& name) const {
    return m_dir + "/" + file_stem(name) + ".json";
}

Result<util::FileLock> RefresherRegistry::take_over(const std::string& name, const util::Log& log) const {
    TRY_VOID(util::make_private_dir(m_dir));
    const auto deadline = std::chrono::steady_clock::now() + k_stop_wait;
    long signalled = 0;
    for (;;) {
        auto lock = util::FileLock::acquire(lock_path(name), 0);
        if (lock || !util::is_lock_timeout(lock.error())) {
            return lock;
        }
        // The holder writes its record right after locking: until then the record may
        // name its predecessor, which is_refresher_process refuses once it has gone.
        if (auto record = read(record_path(name));
            record && record->pid != signalled && record->pid != ::getpid() &&
            is_refresher_process(record->pid)) {
            log.info("replacing the refresher of '" + name + "' (pid " + std::to_string(record->pid) + ")");
            util::send_signal(record->pid, SIGTERM);
            signalled = record->pid;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return make_error(Errc::io, "another refresher of '" + name + "' holds " +
                                            lock_path(name) + " and did not stop");
        }
        std::this_thread::sleep_for(k_poll);
    }
}

Result<void> RefresherRegistry::write(const RefresherRecord& r) const {
    Json doc = {{"v", 1},           {"output_profile", r.output_profile},
                {"pid", r.pid},     {"source", r.source},
                {"started", r.started}, {"next_refresh", r.next_refresh},
                {"expires", r.expires}};
    return util::write_file_atomically(record_path(r.output_profile),
                                       doc.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n",
                                       0600);
}

void RefresherRegistry::remove_record(const std::string& name) const {
    ::unlink(record_path(name).c_str());
}

Result<RefresherRecord> RefresherRegistry::read(const std::string& path) const {
    auto text = read_small_file(path);
    if (!text) {
        return make_error(Errc::io, "cannot read " + path + ": " + std::strerror(errno));
    }
    Json doc = Json::parse(*text, nullptr, false);
    auto text_of = [&doc](const char* key) {
        auto it = doc.find(key);
        return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    auto number_of = [&doc](const char* key) {
        auto it = doc.find(key);
        return it != doc.end() && it->is_number_integer() ? it->get<long long>() : 0LL;
    };
    if (doc.is_discarded() || !doc.is_object() || number_of("v") != 1) {
        return make_error(Errc::io, path + " is not a refresher record");
    }
    RefresherRecord r;
    r.output_profile = text_of("output_profile");
    r.pid = static_cast<long>(number_of("pid"));
    r.source = text_of("source");
    r.started = number_of("started");
    r.next_refresh = number_of("next_refresh");
    r.expires = number_of("expires");
    return r;
}

std::vector<RefresherRecord> RefresherRegistry::running() const {
    std::vector<RefresherRecord> result;
    DIR* dir = ::opendir(m_dir.c_str());
    if (dir == nullptr) {
        return result;
    }
    const std::string suffix = ".lock";
    while (const dirent* entry = ::readdir(dir)) {
        const std::string file = entry->d_name;
        if (file.size() <= suffix.size() || file.compare(file.size() - suffix.size(), suffix.size(), suffix) != 0) {
            continue;
        }
        const std::string stem = file.substr(0, file.size() - suffix.size());
        const std::string lock = m_dir + "/" + file;
        const std::string record = m_dir + "/" + stem + ".json";
        if (!lock_is_held(lock)) {
            continue;  // a refresher that died (kill -9) leaves its record: not running
        }
        if (auto r = read(record); r && file_stem(r->output_profile) == stem) {
            result.push_back(*r);
        }
    }
    ::closedir(dir);
    std::sort(result.begin(), result.end(),
              [](const RefresherRecord& a, const RefresherRecord& b) { return a.output_profile < b.output_profile; });
    return result;
}

Result<RefresherRecord> RefresherRegistry::stop(const std::string& name) const {
    auto record = read(record_path(name));
    if (!lock_is_held(lock_path(name)) || !record || !is_refresher_process(record->pid)) {
        return make_error(Errc::usage, "no auto-refresh is running for '" + name +
                                           "' (see awsume-shell auto-refresh --list)");
    }
    if (!util::send_signal(record->pid, SIGTERM)) {
        return make_error(Errc::io, "cannot stop the refresher of '" + name + "' (pid " +
                                        std::to_string(record->pid) + "): " + std::strerror(errno));
    }
    const auto deadline = std::chrono::steady_clock::now() + k_stop_wait;
    while (lock_is_held(lock_path(name))) {
        if (std::chrono::steady_clock::now() >= deadline) {
            return make_error(Errc::io, "the refresher of '" + name + "' (pid " +
                                            std::to_string(record->pid) + ") did not stop");
        }
        std::this_thread::sleep_for(k_poll);
    }
    return *record;
}

}  // namespace awsume_shell::cli
