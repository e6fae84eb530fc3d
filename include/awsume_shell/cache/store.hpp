#pragma once
/// The credential cache: one small JSON file per entry in a private directory (0700), each
/// file 0600 and written atomically; see docs/cache.md for the format. Loading is one
/// open + read of one file: it is on the hot path of every cache hit.

#include <optional>
#include <string>

#include "awsume_shell/cache/cache_key.hpp"
#include "awsume_shell/model/credentials.hpp"
#include "awsume_shell/util/clock.hpp"
#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/file_lock.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::cache {

struct Entry {
    model::Credentials credentials;
    std::string description;  ///< e.g. "role arn:aws:iam::1:role/x via prod"; no secret
    util::UnixTime created = 0;
    /// The DurationSeconds asked for (AWS's 3600 when none was given), so that a longer
    /// request is not served by a shorter entry. Entries written before this member read as
    /// their issued lifetime (Expiration - created) to the nearest minute.
    std::optional<long> requested_duration = std::nullopt;
};

class Store {
public:
    explicit Store(std::string dir);
    /// $AWSUME_SHELL_HOME/cache, else ~/.awsume-shell/cache.
    static std::string default_dir(const util::Env& env);

    /// nullopt when missing. A damaged or untrusted file (bad JSON, missing field, wrong
    /// version or kind, bad time, not a regular file, a symlink, over 64 KiB, not ours, or
    /// readable by others) is also nullopt, and `problem` says why, without the path (for --debug).
    std::optional<Entry> load(const CacheKey& key, std::string* problem = nullptr) const;
    /// Creates the directory (0700) if needed; the file is 0600 and replaced atomically.
    Result<void> save(const CacheKey& key, const Entry& entry);
    /// Exclusive lock on "<file>.lock" beside the entry, held while an entry is refreshed.
    Result<util::FileLock> lock(const CacheKey& key, long timeout_ms);

    std::string path_for(const CacheKey& key) const;
    const std::string& dir() const { return m_dir; }

private:
    std::string m_dir;
};

}  // namespace awsume_shell::cache
