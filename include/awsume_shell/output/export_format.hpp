#pragma once
/// Text forms of the credential environment for `export` and `refresh`, and the AWS
/// credential_process document. Pure: no I/O.
///
/// The formats are a table (export_format.cpp), one row per `--format`, each format's
/// writing in a file of its own (export_sh.cpp, export_fish.cpp, export_dotenv.cpp,
/// export_json.cpp): `export`, `refresh`, their --help and their errors only read rows.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "awsume_shell/model/credentials.hpp"
#include "awsume_shell/output/environment.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::output {

/// How a line-per-variable format writes one set variable (an error for a value it cannot
/// carry) and one unset variable.
using SetLine = Result<std::string> (*)(const std::string& name, const std::string& value);
using UnsetLine = std::string (*)(const std::string& name);

struct ExportFormat {
    std::string_view name;                  ///< what --format takes, and lists: "sh"
    std::vector<std::string_view> aliases;  ///< also taken: "bash", "zsh"
    /// A shell evals it: `refresh` (whose output the sub-shell's wrapper evals) offers it.
    bool shell_evaluable = false;
    /// A line per variable, the sets then the unsets (nullptr: unsets are left out),
    /// names that are not shell identifiers skipped...
    SetLine set_line = nullptr;
    UnsetLine unset_line = nullptr;
    /// ...or the whole text at once (json), when set.
    Result<std::string> (*write)(const EnvChanges& changes) = nullptr;
    /// What `export` prints instead of the variables, or nullptr (json: the
    /// credential_process document).
    std::string (*export_document)(const SessionInfo& info) = nullptr;
};

/// The table, in the order lists show it (the first is the default).
std::span<const ExportFormat> export_formats();

/// The row of a name or alias: "sh" (also "bash", "zsh"), "fish", "json", "dotenv" (also
/// "env"); else Errc::usage "--format: unknown format 'X' (choose sh, fish, json or dotenv)".
Result<const ExportFormat*> parse_export_format(std::string_view text);

/// The names of the rows (only the shell-evaluable ones if asked), joined by `separator`
/// with `last_separator` before the last, `default_mark` after the first (the default):
/// "sh, fish, json or dotenv", "sh (default) or fish".
std::string export_format_names(bool shell_evaluable_only, std::string_view separator,
                                std::string_view last_separator, std::string_view default_mark = "");

/// sh: `export NAME='value'` / `unset NAME`; fish: `set -gx NAME 'value'` / `set -e NAME`;
/// dotenv: NAME='value' (unsets omitted; Errc::usage naming the variable for a value that
/// dotenv readers would not read back as written); json: one object {"NAME": "value", ..., "GONE":
/// null} (the `export --format json` command prints format_credential_process_json
/// instead). One line per variable, each ending in '\n'; any byte in a value survives
/// eval in the matching shell. Names that are not shell identifiers are skipped.
Result<std::string> format_exports(const EnvChanges& changes, const ExportFormat& format);

/// What `export --format F` prints for the session: the row's export_document, else
/// format_exports of credential_environment(info).
Result<std::string> format_export(const SessionInfo& info, const ExportFormat& format);

/// {"Version":1,"AccessKeyId":..,"SecretAccessKey":..,"SessionToken":.. (omitted when none),
///  "Expiration":"...Z" (omitted when none)}, one line plus '\n'.
std::string format_credential_process_json(const model::Credentials& creds);

}  // namespace awsume_shell::output
