#pragma once
/// The running -a refreshers, one per output profile: <cache dir>/auto-refresh/NAME.lock is
/// held (flock) by the refresher of output profile NAME for its whole life, and NAME.json
/// beside it says who it is (written by the lock holder only). A lock that can be taken
/// means nobody is refreshing NAME, whatever a leftover NAME.json says. See
/// docs/auto-refresh.md.

#include <string>
#include <vector>

#include "awsume_shell/util/clock.hpp"
#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/file_lock.hpp"
#include "awsume_shell/util/log.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::cli {

struct RefresherRecord {
    std::string output_profile;
    long pid = 0;
    std::string source;  ///< the profile (and --role-arn) it renews from
    util::UnixTime started = 0;
    util::UnixTime next_refresh = 0;
    util::UnixTime expires = 0;  ///< of the credentials now in the output profile
};

class RefresherRegistry {
public:
    explicit RefresherRegistry(const util::Env& env);

    /// Becomes the refresher of `name`: the newest request wins, so a refresher already
    /// running for it is asked to stop (SIGTERM) and its lock is awaited (up to about 45 s,
    /// the time a renewal in progress may take).
    Result<util::FileLock> take_over(const std::string& name, const util::Log& log) const;
    /// Written by the lock holder, atomically, 0600.
    Result<void> write(const RefresherRecord& record) const;
    /// Removed by the lock holder when it stops.
    void remove_record(const std::string& name) const;

    /// The refreshers whose lock is held now, sorted by output profile.
    std::vector<RefresherRecord> running() const;
    /// SIGTERM to the refresher of `name`, then waits until its lock is free.
    /// Errc::usage "no auto-refresh is running for 'NAME'" when there is none.
    Result<RefresherRecord> stop(const std::string& name) const;

    /// "%"-escaped file name of an output profile: distinct names, distinct files.
    static std::string file_stem(const std::string& name);
    const std::string& dir() const { return m_dir; }

private:
    std::string lock_path(const std::string& name) const;
    std::string record_path(const std::string& name) const;
    Result<RefresherRecord> read(const std::string& path) const;

    std::string m_dir;
};

/// True when process `pid` is one of our refreshers (its command line is
/// `... auto-refresh --serve`): a pid read from a file is never signalled unchecked.
bool is_refresher_process(long pid);

}  // namespace awsume_shell::cli
