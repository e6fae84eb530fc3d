#pragma once
/// Files that are either fully old or fully new: the cache, the credentials file (-o) and
/// the config file (provision-mfa) are never seen half written, even after a crash.

#include <sys/types.h>

#include <string>
#include <string_view>

#include "awsume_shell/util/result.hpp"

namespace awsume_shell::util {

/// Writes `content` to a temp file made by mkstemp in the same directory, sets its mode to
/// exactly `mode` (fchmod: never widened by the umask), writes all, fsyncs, renames it over
/// `path` and fsyncs the directory. On any failure the temp file is removed and `path` is
/// untouched. A symlink at `path` is replaced, never followed.
Result<void> write_file_atomically(const std::string& path, std::string_view content, mode_t mode);

/// Creates `dir` and its missing parents (parents 0700). An existing parent is left as it is;
/// `dir` itself, when it exists, is ours and is wider than `mode`, is chmod'ed to `mode`.
/// Fails when `dir` exists but is not a directory.
Result<void> make_private_dir(const std::string& dir, mode_t mode = 0700);

}  // namespace awsume_shell::util
