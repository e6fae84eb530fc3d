#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

#include "awsume_shell/cli/command.hpp"
#include "awsume_shell/util/display_text.hpp"
#include "awsume_shell/util/terminal.hpp"
#include "awsume_shell/config/aws_files.hpp"
#include "awsume_shell/config/profile.hpp"
#include "awsume_shell/config/profile_resolver.hpp"

namespace awsume_shell::cli {

namespace {

struct Row {
    std::string name, type;
    std::optional<std::string> role_arn, source_profile, credential_source, mfa_serial, region;
};

Row row_for(const config::ProfileSet& set, const config::Profile& profile) {
    Row row;
    row.name = profile.name;
    row.type = config::profile_type(profile);
    row.role_arn = profile.get("role_arn");
    row.source_profile = profile.get("source_profile");
    row.credential_source = profile.get("credential_source");
    // The device a code is asked for, as resolution picks it (a role's own, else its source
    // user's); a profile that does not resolve shows its own key.
    auto chain = config::resolve_profile(set, profile.name);
    row.mfa_serial = chain ? config::effective_mfa_serial(*chain) : profile.get("mfa_serial");
    row.region = profile.get("region");
    return row;
}

nlohmann::json nullable(const std::optional<std::string>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

std::string to_json(const std::vector<Row>& rows) {
    nlohmann::json array = nlohmann::json::array();
    for (const Row& row : rows) {
        array.push_back({{"name", row.name},
                         {"type", row.type},
                         {"role_arn", nullable(row.role_arn)},
                         {"source_profile", nullable(row.source_profile)},
                         {"mfa_serial", nullable(row.mfa_serial)},
                         {"region", nullable(row.region)}});
    }
    // Not UTF-8 (a name in Latin-1, a stray byte): each bad byte becomes U+FFFD rather than
    // an abort; JSON escapes every control character anyway.
    return array.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string to_table(const std::vector<Row>& rows, bool colour) {
    const std::vector<std::string> headers = {"PROFILE", "TYPE", "ROLE ARN", "SOURCE", "MFA", "REGION"};
    std::vector<std::vector<std::string>> cells;
    for (const Row& row : rows) {
        std::vector<std::string> line{row.name, row.type, row.role_arn.value_or("-"), row.source_profile ? *row.source_profile : row.credential_source ? "(" + *row.credential_source + ")" : "-",
                                      row.mfa_serial.value_or("-"), row.region.value_or("-")};
        for (auto& cell : line) {
            cell = util::printable(cell);  // file contents on a terminal: no raw escapes
        }
        cells.push_back(std::move(line));
    }
    std::vector<size_t> widths;
    for (const auto& h : headers) {
        widths.push_back(h.size());
    }
    for (const auto& line : cells) {
        for (size_t i = 0; i < line.size(); ++i) {
            widths[i] = std::max(widths[i], line[i].size());
        }
    }
    auto format_line = [&](const std::vector<std::string>& line, const char* on, const char* off) {
        std::string text;
        for (size_t i = 0; i < line.size(); ++i) {
            std::string cell = line[i];
            if (i + 1 < line.size()) {
                cell.append(widths[i] - cell.size() + 2, ' ');
            }
            text += (i == 0 && colour) ? on + cell + off : cell;
        }
        return text + "\n";
    };
    std::string out;
    out += colour ? std::string("\033[1m") + format_line(headers, "", "") + "\033[0m"
                  : format_line(headers, "", "");
    for (const auto& line : cells) {
        out += format_line(line, "\033[32m", "\033[0m");
    }
    return out;
}

/// list [--json]: every profile of both files (awsume -l).
class ListCommand final : public Command {
public:
    std::string_view name() const override { return "list"; }
    std::string_view summary() const override { return "list the profiles (a table, or --json)"; }
    void setup(CLI::App& app) override {
        app.add_flag("--json", m_json, "an array of {name, type, role_arn, source_profile, mfa_serial, region}");
        app.add_flag("--names", m_names, "profile names only, one per line (for completion)");
        app.add_option("--config-file", m_config_file, "AWS config file (default ~/.aws/config)");
        app.add_option("--credentials-file", m_credentials_file, "AWS credentials file");
    }
    Result<int> run(Context& context) override {
        auto paths = config::locate_aws_files(context.env, m_config_file, m_credentials_file);
        TRY(auto profiles, config::load_profiles(paths));
        const std::vector<std::string> names = profiles.names();
        if (profiles.problem()) {
            return unexpected(*profiles.problem());
        }
        std::vector<Row> rows;
        for (const auto& name : names) {
            rows.push_back(row_for(profiles, *profiles.find(name)));
        }
        if (m_names) {
            for (const Row& row : rows) {
                std::cout << row.name << "\n";
            }
            std::cout.flush();
            return 0;
        }
        std::cout << (m_json ? to_json(rows) : to_table(rows, util::colour_wanted(context.env, ::isatty(STDOUT_FILENO) == 1)));
        std::cout.flush();
        return 0;
    }

private:
    bool m_json = false;
    bool m_names = false;
    std::optional<std::string> m_config_file;
    std::optional<std::string> m_credentials_file;
};

}  // namespace

std::unique_ptr<Command> make_list_command() { return std::make_unique<ListCommand>(); }

}  // namespace awsume_shell::cli
