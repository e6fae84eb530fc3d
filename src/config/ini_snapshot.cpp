// Layout (native byte order, checked by a marker; the snapshot never leaves this machine):
//   "AWSNAP02" | u32 order marker | u32 kind | 7 x u64 identity | u64 path length |
//   u64 entry count | u64 pool length | path | entries (32 bytes each: u32 name offset,
//   u32 name length, u64 begin, u64 end, u32 line, u32 0), sorted by name | name pool
#include "awsume_shell/config/ini_snapshot.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <ctime>
#include <utility>
#include <vector>

#include "awsume_shell/util/atomic_file.hpp"
#include "awsume_shell/util/file_trust.hpp"

namespace awsume_shell::config {

namespace {

// 02: sso-session sections are entries too; a version-01 snapshot, which has none, would
// make "no such session" look exact.
constexpr char k_magic[8] = {'A', 'W', 'S', 'N', 'A', 'P', '0', '2'};
constexpr std::uint32_t k_order = 0x01020304;
constexpr std::size_t k_header = 8 + 4 + 4 + 7 * 8 + 3 * 8;
constexpr std::size_t k_entry = 32;

template <typename T>
void put(std::string& out, T value) {
    out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

template <typename T>
T get(std::string_view bytes, std::size_t at) {
    T value{};
    std::memcpy(&value, bytes.data() + at, sizeof value);
    return value;
}

void put_identity(std::string& out, const FileIdentity& id) {
    for (std::uint64_t v : {id.dev, id.ino, id.size, static_cast<std::uint64_t>(id.mtime_s),
                            static_cast<std::uint64_t>(id.mtime_ns), static_cast<std::uint64_t>(id.ctime_s),
                            static_cast<std::uint64_t>(id.ctime_ns)}) {
        put(out, v);
    }
}

std::string absolute(const std::string& path) {
    if (!path.empty() && path[0] == '/') {
        return path;
    }
    char cwd[PATH_MAX];
    return ::getcwd(cwd, sizeof cwd) != nullptr ? std::string(cwd) + "/" + path : path;
}

}  // namespace

FileIdentity FileIdentity::of(const struct stat& st) {
    return FileIdentity{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino),
                        static_cast<std::uint64_t>(st.st_size), st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
                        st.st_ctim.tv_sec, st.st_ctim.tv_nsec};
}

std::string encode_snapshot(AwsFileKind kind, const std::string& path, const FileIdentity& identity,
                            std::vector<SnapshotEntry> entries) {
    std::sort(entries.begin(), entries.end(),
              [](const SnapshotEntry& a, const SnapshotEntry& b) { return a.name < b.name; });
    std::string pool;
    for (const auto& e : entries) {
        pool += e.name;
    }
    const std::string where = absolute(path);
    std::string out(k_magic, sizeof k_magic);
    put(out, k_order);
    put(out, static_cast<std::uint32_t>(kind));
    put_identity(out, identity);
    put(out, static_cast<std::uint64_t>(where.size()));
    put(out, static_cast<std::uint64_t>(entries.size()));
    put(out, static_cast<std::uint64_t>(pool.size()));
    out += where;
    std::uint32_t offset = 0;
    for (const auto& e : entries) {
        put(out, offset);
        put(out, static_cast<std::uint32_t>(e.name.size()));
        put(out, static_cast<std::uint64_t>(e.begin));
        put(out, static_cast<std::uint64_t>(e.end));
        put(out, static_cast<std::uint32_t>(e.line));
        put(out, std::uint32_t{0});
        offset += static_cast<std::uint32_t>(e.name.size());
    }
    out += pool;
    return out;
}

std::optional<SnapshotView> SnapshotView::open(std::string_view bytes, AwsFileKind kind, std::string_view path,
                                               const FileIdentity& identity) {
    if (bytes.size() < k_header || bytes.size() > k_max_snapshot_bytes ||
        std::memcmp(bytes.data(), k_magic, sizeof k_magic) != 0 || get<std::uint32_t>(bytes, 8) != k_order ||
        get<std::uint32_t>(bytes, 12) != static_cast<std::uint32_t>(kind)) {
        return std::nullopt;
    }
    std::string expected;
    put_identity(expected, identity);
    if (bytes.substr(16, expected.size()) != expected) {
        return std::nullopt;
    }
    const auto path_size = get<std::uint64_t>(bytes, 72);
    const auto count = get<std::uint64_t>(bytes, 80);
    const auto pool = get<std::uint64_t>(bytes, 88);
    // Each bounded by the size first, so that the sum cannot wrap.
    const std::uint64_t room = bytes.size() - k_header;
    if (path_size > room || count > room / k_entry || pool > room || pool > UINT32_MAX ||
        path_size + count * k_entry + pool != room) {
        return std::nullopt;
    }
    if (bytes.substr(k_header, path_size) != absolute(std::string(path))) {
        return std::nullopt;
    }
    // Every entry checked once, in order, so that find() may trust "not there": a name
    // absent from a valid snapshot is in no section of the file.
    const std::size_t entries = k_header + path_size, names = entries + count * k_entry;
    // Plain pointers: this loop is the snapshot's whole cost on a large file.
    const char* const data = bytes.data();
    const char* previous = nullptr;
    std::uint32_t previous_size = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t at = entries + i * k_entry;
        const auto name_at = get<std::uint32_t>(bytes, at);
        const auto name_size = get<std::uint32_t>(bytes, at + 4);
        const auto begin = get<std::uint64_t>(bytes, at + 8);
        const auto end = get<std::uint64_t>(bytes, at + 16);
        const auto line = get<std::uint32_t>(bytes, at + 24);
        if (std::uint64_t{name_at} + name_size > pool || begin >= end || end > identity.size || line < 1 ||
            line > INT_MAX) {
            return std::nullopt;
        }
        const char* name = data + names + name_at;
        if (previous != nullptr) {  // strictly ascending, as std::string_view compares
            const int order = std::memcmp(previous, name, std::min(previous_size, name_size));
            if (order > 0 || (order == 0 && previous_size >= name_size)) {
                return std::nullopt;
            }
        }
        previous = name;
        previous_size = name_size;
    }
    SnapshotView view;
    view.m_bytes = bytes;
    view.m_count = count;
    view.m_entries = k_header + path_size;
    view.m_pool = view.m_entries + count * k_entry;
    view.m_file_size = identity.size;
    return view;
}

std::optional<SnapshotEntry> SnapshotView::find(std::string_view name) const {
    std::size_t low = 0, high = m_count;
    while (low < high) {
        const std::size_t mid = low + (high - low) / 2;
        const std::size_t at = m_entries + mid * k_entry;
        const auto name_at = get<std::uint32_t>(m_bytes, at);
        const auto name_size = get<std::uint32_t>(m_bytes, at + 4);
        if (std::uint64_t{name_at} + name_size > m_bytes.size() - m_pool) {
            return std::nullopt;
        }
        const std::string_view probe = m_bytes.substr(m_pool + name_at, name_size);
        if (probe < name) {
            low = mid + 1;
        } else if (name < probe) {
            high = mid;
        } else {
            const auto begin = get<std::uint64_t>(m_bytes, at + 8);
            const auto end = get<std::uint64_t>(m_bytes, at + 16);
            const auto line = get<std::uint32_t>(m_bytes, at + 24);
            if (begin >= end || end > m_file_size || line < 1 || line > INT_MAX) {
                return std::nullopt;
            }
            return SnapshotEntry{std::string(probe), static_cast<std::size_t>(begin), static_cast<std::size_t>(end),
                                 static_cast<int>(line)};
        }
    }
    return std::nullopt;
}

MappedSnapshot::MappedSnapshot(MappedSnapshot&& other) noexcept { *this = std::move(other); }

MappedSnapshot& MappedSnapshot::operator=(MappedSnapshot&& other) noexcept {
    if (this != &other) {
        if (m_data != nullptr) {
            ::munmap(m_data, m_size);
        }
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
        m_view = std::exchange(other.m_view, std::nullopt);
    }
    return *this;
}

MappedSnapshot::~MappedSnapshot() {
    if (m_data != nullptr) {
        ::munmap(m_data, m_size);
    }
}

std::optional<MappedSnapshot> MappedSnapshot::load(const std::string& dir, AwsFileKind kind, const std::string& path,
                                                   const FileIdentity& identity) {
    const std::string file = snapshot_path(dir, kind, path);
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
        return std::nullopt;
    }
    struct stat st {};
    void* data = MAP_FAILED;
    if (::fstat(fd, &st) == 0 && util::private_file_problem(st).empty() &&
        st.st_size >= static_cast<off_t>(k_header) && st.st_size <= static_cast<off_t>(k_max_snapshot_bytes)) {
        data = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    }
    ::close(fd);
    if (data == MAP_FAILED) {
        return std::nullopt;
    }
    MappedSnapshot mapped;
    mapped.m_data = data;
    mapped.m_size = static_cast<std::size_t>(st.st_size);
    mapped.m_view = SnapshotView::open(std::string_view(static_cast<const char*>(data), mapped.m_size), kind, path,
                                       identity);
    if (!mapped.m_view) {
        return std::nullopt;
    }
    return mapped;
}

std::string snapshot_path(const std::string& dir, AwsFileKind kind, const std::string& path) {
    std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
    for (unsigned char c : absolute(path)) {
        h = (h ^ c) * 1099511628211ULL;
    }
    char name[64];
    std::snprintf(name, sizeof name, "/%s-%016llx.snap", kind == AwsFileKind::config ? "config" : "credentials",
                  static_cast<unsigned long long>(h));
    return dir + name;
}

bool settled(const FileIdentity& identity, std::int64_t now_s, std::int64_t now_ns) {
    constexpr std::int64_t k_window_ns = 2'000'000'000;
    const auto age = [&](std::int64_t s, std::int64_t ns) {
        return (now_s - s) * 1'000'000'000 + (now_ns - ns);
    };
    return age(identity.mtime_s, identity.mtime_ns) > k_window_ns && age(identity.ctime_s, identity.ctime_ns) > k_window_ns;
}

namespace {

/// Beyond k_max_snapshots, the snapshots written longest ago go (a file still in use gets
/// its snapshot again on its next read).
void prune_snapshots(const std::string& dir) {
    DIR* folder = ::opendir(dir.c_str());
    if (folder == nullptr) {
        return;
    }
    std::vector<std::pair<struct timespec, std::string>> snapshots;
    while (const struct dirent* entry = ::readdir(folder)) {
        const std::string name = entry->d_name;
        struct stat st {};
        if (name.size() > 5 && name.compare(name.size() - 5, 5, ".snap") == 0 &&
            ::fstatat(::dirfd(folder), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode)) {
            snapshots.emplace_back(st.st_mtim, name);
        }
    }
    if (snapshots.size() > k_max_snapshots) {
        std::sort(snapshots.begin(), snapshots.end(), [](const auto& a, const auto& b) {
            return a.first.tv_sec != b.first.tv_sec ? a.first.tv_sec < b.first.tv_sec : a.first.tv_nsec < b.first.tv_nsec;
        });
        for (std::size_t i = 0; i + k_max_snapshots < snapshots.size(); ++i) {
            ::unlinkat(::dirfd(folder), snapshots[i].second.c_str(), 0);
        }
    }
    ::closedir(folder);
}

}  // namespace

void save_snapshot(const std::string& dir, AwsFileKind kind, const std::string& path, const FileIdentity& identity,
                   std::vector<SnapshotEntry> entries) {
    struct timespec now {};
    ::clock_gettime(CLOCK_REALTIME, &now);
    if (!settled(identity, now.tv_sec, now.tv_nsec)) {
        return;
    }
    const std::string bytes = encode_snapshot(kind, path, identity, std::move(entries));
    if (bytes.size() > k_max_snapshot_bytes || !util::make_private_dir(dir, 0700)) {
        return;
    }
    (void)util::write_file_atomically(snapshot_path(dir, kind, path), bytes, 0600);
    prune_snapshots(dir);
}

}  // namespace awsume_shell::config
