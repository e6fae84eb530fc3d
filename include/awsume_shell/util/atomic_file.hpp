#pragma once
/// Files that are either fully old or fully new: the cache, the credentials file (-o) and
/// the config file (provision-mfa) are never seen half written, even after a crash.

#include <sys/types.h>

#include <string>
#include <string_view>

#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::util {

/// A temp file left by a writer killed before its rename is removed by the next write of the
/// same file once it is this old (or at once when its writer's pid is gone).
constexpr long k_stale_temp_seconds = 60;

/// Writes `content` to a temp file `.NAME.tmp-PID-XXXXXX` made 0600 by mkstemp in the same
/// directory, writes all, fsyncs, renames it over `path`, only then sets its mode to exactly
/// `mode` (fchmod: never widened by the umask) and fsyncs the directory. A failure before the
/// rename removes the temp file and leaves `path` untouched; a crash leaves a 0600 temp file
/// (or `path` 0600), removed by the next write (see k_stale_temp_seconds). A symlink at `path` is replaced, never followed.
Result<void> write_file_atomically(const std::string& path, std::string_view content, mode_t mode);

/// Creates `dir` and its missing parents (parents 0700). An existing parent is left as it is;
/// `dir` itself, when it exists, is ours and is wider than `mode`, is chmod'ed to `mode`.
/// Fails when `dir` exists but is not a directory.
Result<void> make_private_dir(const std::string& dir, mode_t mode = 0700);

/// A new 0700 folder `BASE/PREFIX.XXXXXX` (mkdtemp) for files of one run (a sub-shell's
/// rc files, its credentials server's state); BASE is $TMPDIR or /tmp. Errc::io "cannot
/// create a private folder in BASE: ...".
Result<std::string> make_private_temp_dir(const Env& env, const std::string& prefix);

/// make_private_dir of the folder `path` is in (everything before its last '/').
Result<void> make_private_parent(const std::string& path, mode_t mode = 0700);

}  // namespace awsume_shell::util
