#include "awsume_shell/config/tool_settings.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>

#include "awsume_shell/config/ini_reader.hpp"
#include "awsume_shell/util/duration.hpp"
#include "awsume_shell/util/file_trust.hpp"
#include "awsume_shell/util/spellcheck.hpp"

namespace awsume_shell::config {

namespace {

constexpr long k_min_session = 900;
constexpr long k_max_session = 129600;  // GetSessionToken's limits for IAM users

using Setter = std::function<Result<void>(ToolSettings&, const std::string&)>;

Result<void> set_duration(const std::string& value, long& out) {
    TRY(long seconds, util::parse_duration(value));
    out = seconds;
    return {};
}

Result<void> set_wrap_commands(ToolSettings& s, const std::string& value) {
    std::vector<std::string> names;
    std::string current;
    for (std::size_t i = 0; i <= value.size(); ++i) {
        const char c = i < value.size() ? value[i] : ' ';
        if (c == ' ' || c == ',' || c == '\t') {
            if (!current.empty()) {
                names.push_back(std::move(current));
                current.clear();
            }
            continue;
        }
        // Each name becomes a shell function: keep to characters every shell accepts.
        const bool ok = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' ||
                        (!current.empty() && (c == '-' || c == '.' || c == '+'));
        if (!ok) {
            return make_error(Errc::config, "'" + value + "' is not a list of command names");
        }
        current += c;
    }
    s.wrap_commands = std::move(names);
    return {};
}

struct KeyRow {
    const char* key;
    Setter set;    ///< value is never empty here
    Setter reset;  ///< an empty value restores the default
};

const std::array<KeyRow, 9>& key_table() {
    static const std::array<KeyRow, 9> table{{
        {"role_prefix", [](ToolSettings& s, const std::string& v) -> Result<void> { s.role_prefix = v; return {}; },
         [](ToolSettings& s, const std::string&) -> Result<void> { s.role_prefix.reset(); return {}; }},
        {"refresh_before_expiry",
         [](ToolSettings& s, const std::string& v) { return set_duration(v, s.refresh_before_expiry); },
         [](ToolSettings& s, const std::string&) -> Result<void> {
             s.refresh_before_expiry = ToolSettings{}.refresh_before_expiry;
             return {};
         }},
        {"session_duration",
         [](ToolSettings& s, const std::string& v) -> Result<void> {
             long seconds = 0;
             TRY_VOID(set_duration(v, seconds));
             if (seconds < k_min_session || seconds > k_max_session) {
                 return make_error(Errc::config, "must be between 15m and 36h, got '" + v + "'");
             }
             s.session_duration = seconds;
             return {};
         },
         [](ToolSettings& s, const std::string&) -> Result<void> { s.session_duration.reset(); return {}; }},
        {"profile_name_prefix",
         [](ToolSettings& s, const std::string& v) -> Result<void> { s.profile_name_prefix = v; return {}; },
         [](ToolSettings& s, const std::string&) -> Result<void> { s.profile_name_prefix.clear(); return {}; }},
        {"wrap_commands", set_wrap_commands,
         [](ToolSettings& s, const std::string&) -> Result<void> {
             s.wrap_commands = ToolSettings{}.wrap_commands;
             return {};
         }},
        {"prompt_format",
         [](ToolSettings& s, const std::string& v) -> Result<void> { s.prompt_format = v; return {}; },
         // Empty is a value here: "no prefix", for starship / powerlevel10k users.
         [](ToolSettings& s, const std::string&) -> Result<void> { s.prompt_format = ""; return {}; }},
        {"network_timeout",
         [](ToolSettings& s, const std::string& v) -> Result<void> {
             long seconds = 0;
             TRY_VOID(set_duration(v, seconds));
             if (seconds < 1 || seconds > 600) {
                 return make_error(Errc::config, "must be between 1s and 10m, got '" + v + "'");
             }
             s.network_timeout = seconds;
             return {};
         },
         [](ToolSettings& s, const std::string&) -> Result<void> {
             s.network_timeout = ToolSettings{}.network_timeout;
             return {};
         }},
        {"process_timeout",
         [](ToolSettings& s, const std::string& v) -> Result<void> {
             TRY_VOID(set_duration(v, s.process_timeout));
             if (s.process_timeout <= 0) {
                 return make_error(Errc::config, "must be more than 0s, got '" + v + "'");
             }
             return {};
         },
         [](ToolSettings& s, const std::string&) -> Result<void> {
             s.process_timeout = ToolSettings{}.process_timeout;
             return {};
         }},
        {"credential_server",
         [](ToolSettings& s, const std::string& v) -> Result<void> {
             if (v == "on" || v == "true" || v == "yes") {
                 s.credential_server = true;
             } else if (v == "off" || v == "false" || v == "no") {
                 s.credential_server = false;
             } else {
                 return make_error(Errc::config, "must be on or off, got '" + v + "'");
             }
             return {};
         },
         [](ToolSettings& s, const std::string&) -> Result<void> {
             s.credential_server = ToolSettings{}.credential_server;
             return {};
         }},
    }};
    return table;
}

std::vector<std::string> known_keys() {
    std::vector<std::string> keys;
    for (const auto& row : key_table()) {
        keys.emplace_back(row.key);
    }
    return keys;
}

}  // namespace

Result<void> apply_tool_settings(ToolSettings& settings, std::string_view text, const std::string& file_name) {
    TRY(IniDocument doc, parse_ini(text, file_name, IniOptions{.allow_top_level_keys = true}));
    for (const auto& section : doc.sections) {
        if (section.line != 0 && section.name != "settings") {
            return make_error(Errc::config, file_name + ":" + std::to_string(section.line) + ": unknown section '[" +
                                                section.name + "]' (settings go at the top or under [settings])");
        }
        for (const auto& entry : section.entries) {
            const std::string where = file_name + ":" + std::to_string(entry.line) + ": ";
            const auto& table = key_table();
            auto row = std::find_if(table.begin(), table.end(), [&](const KeyRow& r) { return entry.key == r.key; });
            if (row == table.end()) {
                return make_error(Errc::config, where + "unknown setting '" + entry.key + "'" +
                                                    util::did_you_mean(entry.key, known_keys()));
            }
            auto applied = entry.value.empty() ? row->reset(settings, entry.value) : row->set(settings, entry.value);
            if (!applied) {
                return make_error(Errc::config, where + entry.key + ": " + applied.error().message);
            }
        }
    }
    settings.sources.push_back(file_name);
    return {};
}

std::string find_project_settings(const std::string& cwd) {
    std::string dir = cwd;
    while (!dir.empty()) {
        const std::string candidate = (dir == "/" ? "" : dir) + "/.awsume-shell.ini";
        struct stat st {};
        if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
            return candidate;
        }
        if (dir == "/") {
            break;
        }
        const auto slash = dir.find_last_of('/');
        dir = slash == 0 || slash == std::string::npos ? "/" : dir.substr(0, slash);
    }
    return {};
}

Result<ToolSettings> load_tool_settings(const util::Env& env, const std::string& cwd) {
    ToolSettings settings;
    const std::string home = util::tool_home(env);
    // Its cache and settings are for us alone; a folder we made (or a user made) wider is
    // narrowed before anything in it is read.
    util::narrow_own_dir(home);
    std::vector<std::string> files{home + "/config.ini"};
    if (std::string project = find_project_settings(cwd); !project.empty()) {
        files.push_back(project);
    }
    for (const auto& file : files) {
        TRY(auto text, util::read_trusted_file(file));
        if (text) {
            TRY_VOID(apply_tool_settings(settings, *text, file));
        }
    }
    return settings;
}

}  // namespace awsume_shell::config
