#pragma once
/// Setting one key in one section of an INI file while keeping every other byte: comments,
/// order, spacing, CRLF line ends, a BOM. Used for `-o` (credentials file) and for
/// provision-mfa's mfa_serial (config file).

#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "awsume_shell/util/result.hpp"

namespace awsume_shell::config {

using KeyValues = std::vector<std::pair<std::string, std::string>>;

/// `section` is the header text as written between the brackets: "profile dev" in the
/// config file, "dev" in the credentials file (runs of blanks are compared as one).
/// - key present in that section: its value is replaced (continuation lines of the old
///   value go); the first occurrence if there are several;
/// - key absent: `key = value` goes after the section's last key line, with that line's
///   indentation (or right after the header of an empty section);
/// - section absent: "[section]\nkey = value\n" is appended after one blank line.
/// New lines use the file's line end (CRLF when its first line ends so). Errc::usage when
/// the key, value or section cannot be written as one INI line.
Result<std::string> set_ini_value(std::string_view text, const std::string& section, const std::string& key,
                                  const std::string& value);

/// The keys (lowercased) and first-line values of the first section named `section`, in
/// file order, as the functions here see them (a line without '=' or ':' gives key "");
/// nullopt when there is no such section.
std::optional<KeyValues> section_keys(std::string_view text, const std::string& section);

/// In the first section named `section`: every key line whose key is in `drop` goes (with
/// its continuation lines) and `key_values` are written where the first of them was (with
/// its indent), else after the section's last key; comments and other keys stay. Section
/// absent: appended as set_ini_value does.
Result<std::string> replace_section_keys(std::string_view text, const std::string& section,
                                         const std::vector<std::string>& drop, const KeyValues& key_values);

/// What edit_file_locked hands to its edit function.
struct FileEdit {
    std::string path;                 ///< the file edited: the given path, symlinks followed
    std::optional<std::string> text;  ///< its content; nullopt when it does not exist
    mode_t mode = 0;                  ///< mode to write: its current one, else new_file_mode
};
/// Returns the new content; may change `mode`. An error leaves the file untouched.
using FileEditor = std::function<Result<std::string>(FileEdit&)>;

/// How long a writer waits for another awsume-shell editing the same file.
constexpr long k_edit_lock_timeout_ms = 10000;

/// Read-modify-write of a file that other awsume-shell processes edit too (the credentials
/// file for -o and -a, the config file for provision-mfa): follows symlinks to the real file
/// (to one that does not exist yet too, which is then created; the link stays), holds an
/// exclusive lock on `.NAME.lock` beside it for the whole read, edit and write, and writes
/// atomically (util::write_file_atomically). A missing parent folder is created 0700.
Result<void> edit_file_locked(const std::string& path, mode_t new_file_mode, const FileEditor& edit,
                              long lock_timeout_ms = k_edit_lock_timeout_ms);

/// edit_file_locked with set_ini_value for each pair, in order. The file keeps its mode; a
/// new one gets `new_file_mode`.
Result<void> set_values_in_file(const std::string& path, const std::string& section, const KeyValues& key_values,
                                mode_t new_file_mode);

}  // namespace awsume_shell::config
