#pragma once
/// Setting one key in one section of an INI file while keeping every other byte: comments,
/// order, spacing, CRLF line ends, a BOM. Used for `-o` (credentials file) and for
/// provision-mfa's mfa_serial (config file).

#include <sys/types.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "awsume_shell/util/result.hpp"

namespace awsume_shell::config {

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

/// Reads `path` (missing: empty), applies set_ini_value for each pair in order and writes it
/// back atomically with the file's current permissions; a new file gets `new_file_mode` and
/// a missing parent folder is created 0700. A symlink is followed: its target is edited.
Result<void> set_values_in_file(const std::string& path, const std::string& section,
                                const std::vector<std::pair<std::string, std::string>>& key_values,
                                mode_t new_file_mode);

}  // namespace awsume_shell::config
