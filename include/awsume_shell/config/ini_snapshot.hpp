#pragma once
/// Where each profile's section is in an AWS file that passed the whole-file check, kept
/// on disk keyed by the file's identity, so that a later run on the same unchanged file
/// reads only the sections it needs (docs/architecture-config.md, "Snapshots").
///
/// A snapshot is hostile input: it is only ever trusted for offsets. Every offset is
/// checked against the file's size, and what it points at is checked against the file's
/// own bytes before it is used (aws_files.cpp); anything odd means "no snapshot".

#include <sys/stat.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace awsume_shell::config {

/// What the file is, by fstat of the opened file: any write, chmod, rename over it or
/// `touch` changes the ctime (nanoseconds), whatever it does to the mtime or size.
struct FileIdentity {
    std::uint64_t dev = 0, ino = 0, size = 0;
    std::int64_t mtime_s = 0, mtime_ns = 0, ctime_s = 0, ctime_ns = 0;

    static FileIdentity of(const struct stat& st);
    bool operator==(const FileIdentity&) const = default;
};

/// Which naming rule the file's sections follow (aws_files.hpp); part of the snapshot's
/// name and content, as one path may be both files.
enum class AwsFileKind : std::uint32_t { config = 1, credentials = 2 };

/// What marks a config file's `[sso-session NAME]` section in the snapshot's one table of
/// names: a line end, which no profile's name can hold (a section header is one line), so
/// the profiles and the sessions (botocore keeps two maps) cannot collide.
inline constexpr std::string_view k_session_entry_mark = "\n";
inline std::string snapshot_entry_of_session(std::string_view name) {
    return std::string(k_session_entry_mark) + std::string(name);
}
inline bool is_session_entry(std::string_view entry) { return entry.rfind(k_session_entry_mark, 0) == 0; }

/// One profile's (or sso-session's) section: bytes [begin, end) of the file, its header on line `line`.
struct SnapshotEntry {
    std::string name;  ///< the profile's name (not the header's text), or snapshot_entry_of_session
    std::size_t begin = 0, end = 0;
    int line = 0;
};

/// The snapshot's bytes (entries are sorted here).
std::string encode_snapshot(AwsFileKind kind, const std::string& path, const FileIdentity& identity,
                            std::vector<SnapshotEntry> entries);

/// A snapshot's bytes, checked for their shape and for matching (kind, path, identity).
class SnapshotView {
public:
    /// nullopt unless `bytes` is a snapshot of this version for exactly that file, whose
    /// every entry lies within the file (begin < end <= its size) and whose names are
    /// sorted and distinct.
    static std::optional<SnapshotView> open(std::string_view bytes, AwsFileKind kind, std::string_view path,
                                            const FileIdentity& identity);

    /// The entry named `name` (binary search); nullopt when the file has no such profile.
    std::optional<SnapshotEntry> find(std::string_view name) const;
    std::size_t count() const { return m_count; }

private:
    std::string_view m_bytes;
    std::size_t m_count = 0, m_entries = 0, m_pool = 0;
    std::uint64_t m_file_size = 0;
};

/// A snapshot file mapped read-only (it is replaced by rename, never rewritten in place).
class MappedSnapshot {
public:
    MappedSnapshot() = default;
    MappedSnapshot(const MappedSnapshot&) = delete;
    MappedSnapshot& operator=(const MappedSnapshot&) = delete;
    MappedSnapshot(MappedSnapshot&& other) noexcept;
    MappedSnapshot& operator=(MappedSnapshot&& other) noexcept;
    ~MappedSnapshot();

    /// The snapshot for (kind, path, identity) in `dir`, when there is a valid one that is
    /// ours: a regular file (never through a symlink), owned by us, 0600 or narrower,
    /// of at most k_max_snapshot_bytes.
    static std::optional<MappedSnapshot> load(const std::string& dir, AwsFileKind kind, const std::string& path,
                                              const FileIdentity& identity);
    const SnapshotView& view() const { return *m_view; }

private:
    void* m_data = nullptr;
    std::size_t m_size = 0;
    std::optional<SnapshotView> m_view;
};

constexpr std::size_t k_max_snapshot_bytes = std::size_t{64} << 20;
/// Snapshots kept in the folder: every AWS file ever read has one (tests and CI read
/// temporary ones), so the folder is capped; those written longest ago go first.
constexpr std::size_t k_max_snapshots = 64;

/// `dir`/KIND-HASH.snap, HASH of the absolute form of `path` (not resolved: the identity
/// decides whether it is the same file).
std::string snapshot_path(const std::string& dir, AwsFileKind kind, const std::string& path);

/// Whether a file of this identity may be snapshotted at `now_s` (seconds): not when its
/// mtime or ctime is within the last 2 seconds, as a second edit in the same timestamp tick
/// (filesystems keep them in ticks of a few ms to 2 s) of the same size would leave the
/// identity as it was.
bool settled(const FileIdentity& identity, std::int64_t now_s, std::int64_t now_ns);

/// Writes the snapshot (dir made 0700, file 0600, atomically), then removes the oldest
/// beyond k_max_snapshots. Best effort: a failure only means the next run reads the whole
/// file again.
void save_snapshot(const std::string& dir, AwsFileKind kind, const std::string& path,
                   const FileIdentity& identity, std::vector<SnapshotEntry> entries);

}  // namespace awsume_shell::config
