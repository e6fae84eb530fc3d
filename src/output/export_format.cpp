#include "awsume_shell/output/export_format.hpp"

#include "export_writers.hpp"

namespace awsume_shell::output {

namespace {

/// One row per --format; a new format is its file and a row here.
const ExportFormat k_formats[] = {
    {.name = "sh", .aliases = {"bash", "zsh"}, .shell_evaluable = true,
     .set_line = sh_set_line, .unset_line = sh_unset_line},
    {.name = "fish", .aliases = {}, .shell_evaluable = true,
     .set_line = fish_set_line, .unset_line = fish_unset_line},
    {.name = "json", .aliases = {}, .shell_evaluable = false,
     .write = json_object, .export_document = credential_process_document},
    {.name = "dotenv", .aliases = {"env"}, .shell_evaluable = false,
     .set_line = dotenv_set_line},
};

bool is_identifier(const std::string& name) {
    if (name.empty() || (name[0] >= '0' && name[0] <= '9')) {
        return false;
    }
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_';
        if (!ok) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::span<const ExportFormat> export_formats() { return k_formats; }

Result<const ExportFormat*> parse_export_format(std::string_view text) {
    for (const ExportFormat& format : k_formats) {
        if (format.name == text) {
            return &format;
        }
        for (std::string_view alias : format.aliases) {
            if (alias == text) {
                return &format;
            }
        }
    }
    return make_error(Errc::usage, "--format: unknown format '" + std::string(text) + "' (choose " +
                                       export_format_names(false, ", ", " or ") + ")");
}

std::string export_format_names(bool shell_evaluable_only, std::string_view separator,
                                std::string_view last_separator, std::string_view default_mark) {
    std::vector<std::string_view> names;
    for (const ExportFormat& format : k_formats) {
        if (format.shell_evaluable || !shell_evaluable_only) {
            names.push_back(format.name);
        }
    }
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) {
            out += i + 1 == names.size() ? last_separator : separator;
        }
        out += names[i];
        out += i == 0 ? default_mark : "";
    }
    return out;
}

Result<std::string> format_exports(const EnvChanges& changes, const ExportFormat& format) {
    if (format.write != nullptr) {
        return format.write(changes);
    }
    std::string out;
    for (const auto& [name, value] : changes.set) {
        if (is_identifier(name)) {
            TRY(std::string line, format.set_line(name, value));
            out += line;
        }
    }
    for (const auto& name : changes.unset) {
        if (format.unset_line != nullptr && is_identifier(name)) {
            out += format.unset_line(name);
        }
    }
    return out;
}

Result<std::string> format_export(const SessionInfo& info, const ExportFormat& format) {
    if (format.export_document != nullptr) {
        return format.export_document(info);
    }
    return format_exports(credential_environment(info), format);
}

}  // namespace awsume_shell::output
