#pragma once
/// INI text -> sections of keys with line numbers, read by the rules of Python's
/// configparser.RawConfigParser as botocore uses it (raw_config_parse), so that a file the
/// AWS CLI accepts reads the same here:
/// - `#` and `;` start a comment only at the start of a line (indented too): a secret may
///   contain ` ;` or ` #` (no inline comments);
/// - `key = value` or `key: value`, split at the first `=` or `:`, both sides trimmed; keys
///   are lowercased (configparser's optionxform), section names kept as written;
/// - a non-blank line indented deeper than its key line continues that key's value, joined
///   with '\n' (`s3 =` then indented `max_concurrent_requests = 10` gives "\nmax...");
/// - CRLF, CR and LF line ends; a UTF-8 BOM is skipped; lines of any length;
/// - a duplicate section or a duplicate key in one section is an error, as in configparser.

#include <string>
#include <string_view>
#include <vector>

#include "awsume_shell/util/result.hpp"

namespace awsume_shell::config {

struct IniEntry {
    std::string key;    ///< lowercased
    std::string value;  ///< trimmed; continuation lines appended after '\n'
    int line = 0;       ///< 1-based line of the key
};

struct IniSection {
    std::string name;  ///< text between '[' and the last ']', as written
    int line = 0;      ///< line of the header; 0 for the top-level pseudo-section
    std::vector<IniEntry> entries;

    const IniEntry* find(std::string_view key) const;
};

struct IniDocument {
    std::vector<IniSection> sections;  ///< in file order
};

struct IniOptions {
    /// Keys before the first section header go into a section named "" (tool settings);
    /// otherwise they are an error, as in configparser.
    bool allow_top_level_keys = false;
};

/// Errc::config "FILE:LINE: what is wrong" for a line that is not valid INI.
Result<IniDocument> parse_ini(std::string_view text, const std::string& file_name, IniOptions options = {});

/// Splits text into lines as Python's universal newlines do (LF, CRLF, CR), without the
/// line ends; a leading UTF-8 BOM is dropped. Shared with the editor.
std::vector<std::string_view> split_lines(std::string_view text);

}  // namespace awsume_shell::config
