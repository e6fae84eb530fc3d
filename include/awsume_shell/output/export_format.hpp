#pragma once
/// Text forms of the credential environment for `export` and `refresh`, and the AWS
/// credential_process document. Pure: no I/O.

#include <string>
#include <string_view>

#include "awsume_shell/model/credentials.hpp"
#include "awsume_shell/output/environment.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::output {

enum class ExportFormat { sh, fish, json, dotenv };

/// "sh" (also "bash", "zsh"), "fish", "json", "dotenv" (also "env");
/// else Errc::usage "--format: ...".
Result<ExportFormat> parse_export_format(std::string_view text);

/// sh: `export NAME='value'` / `unset NAME`; fish: `set -gx NAME 'value'` / `set -e NAME`;
/// dotenv: NAME='value' (unsets omitted; Errc::usage naming the variable for a value that
/// dotenv readers would not read back as written); json: one object {"NAME": "value", ..., "GONE":
/// null} (the `export --format json` command prints format_credential_process_json
/// instead). One line per variable, each ending in '\n'; any byte in a value survives
/// eval in the matching shell. Names that are not shell identifiers are skipped.
Result<std::string> format_exports(const EnvChanges& changes, ExportFormat format);

/// {"Version":1,"AccessKeyId":..,"SecretAccessKey":..,"SessionToken":.. (omitted when none),
///  "Expiration":"...Z" (omitted when none)}, one line plus '\n'.
std::string format_credential_process_json(const model::Credentials& creds);

}  // namespace awsume_shell::output
