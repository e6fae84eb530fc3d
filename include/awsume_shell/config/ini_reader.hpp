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

#include <optional>
#include <string>
#include <utility>
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

/// Where the sections of a text are, and whether parse_ini accepts it: one pass of the line
/// scanner (ini_lines.hpp), no inih, no copies. For a reader that needs a few sections of a
/// large file (a profile and its source_profile chain among thousands).
struct IniSectionSpan {
    std::string_view name;  ///< as written between '[' and the last ']'; "" for the top level
    int line = 0;           ///< line of the header; 0 for the top level
    std::size_t begin = 0, end = 0;  ///< bytes: the header line (or the text's start) up to the next header
    int first_line = 1;     ///< number of the line at `begin`
};

struct IniIndex {
    IniSectionSpan top;                    ///< the lines before the first header
    std::vector<IniSectionSpan> sections;  ///< in file order
    /// The first line parse_ini refuses and why (sections after it are not indexed).
    std::optional<std::pair<int, std::string>> problem;
};

/// The index of `text`. Every rule parse_ini checks is checked here (invalid lines,
/// duplicate sections and keys, keys outside a section, empty names): `problem` is set
/// exactly when parse_ini fails, with its line and message.
IniIndex index_ini(std::string_view text, IniOptions options = {});

/// One section of an index (of a text without a problem), parsed by inih: the same
/// IniSection parse_ini gives for it. Throws std::bad_alloc when inih runs out of memory.
IniSection parse_ini_section(std::string_view text, const IniSectionSpan& span);

/// Errc::config "FILE:LINE: what is wrong" for a line that is not valid INI.
Result<IniDocument> parse_ini(std::string_view text, const std::string& file_name, IniOptions options = {});

}  // namespace awsume_shell::config
