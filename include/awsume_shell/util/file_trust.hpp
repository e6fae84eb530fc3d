#pragma once
/// Files and folders whose content steers awsume-shell (its settings can redirect
/// --role-arn through role_prefix) are trusted as ssh trusts ~/.ssh/config: only when
/// nobody but their owner, who is us or root, can write them. See docs/files-and-locking.md.

#include <sys/stat.h>

#include <optional>
#include <string>

#include "awsume_shell/util/result.hpp"

namespace awsume_shell::util {

/// "0644": a mode as ls and chmod write it, for messages.
std::string format_mode(mode_t mode);

/// Errc::config "FILE: owned by uid N ..." / "FILE: writable by group or others (mode 0666)
/// ...": `st` (fstat of `path`) is owned by someone other than us and root, or has g+w/o+w.
Result<void> check_trusted_file(const std::string& path, const struct stat& st);

/// Files only we may read (the credential cache, the AWS files' snapshots): "" when `st` is a
/// regular file owned by us with no group or other permission bits, else why not ("not a
/// regular file", "owned by another user; not trusted", "permissions 0644 are wider than
/// 0600; not trusted").
std::string private_file_problem(const struct stat& st);

/// Reads `path` (symlinks followed; missing: nullopt) after check_trusted_file on the opened
/// file itself, so that it cannot be swapped between the check and the read. Errc::config
/// also for a file that is not a regular file or cannot be read.
Result<std::optional<std::string>> read_trusted_file(const std::string& path);

/// chmod 0700 `dir` when it exists, is ours and is open to group or others (the tool home,
/// the cache). Best effort: a folder that is not ours, or missing, is left alone.
void narrow_own_dir(const std::string& dir);

}  // namespace awsume_shell::util
