#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "awsume_shell/shell/subshell.hpp"
#include "awsume_shell/shell/templates.hpp"
#include "awsume_shell/util/atomic_file.hpp"
#include "awsume_shell/util/terminal.hpp"

namespace awsume_shell::shell {

namespace {

constexpr const char* k_default_format = "({profile} {left})";

std::string base_name(const std::string& path) {
    auto slash = path.rfind('/');
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    if (!name.empty() && name.front() == '-') {
        name.erase(0, 1);  // a login shell's argv[0]
    }
    return name;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

/// A command name the templates may define a function for: no quoting, no expansion.
bool is_command_name(const std::string& name) {
    if (name.empty() || name.front() == '-') {
        return false;
    }
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '.' || c == '+' || c == '-';
        if (!ok) {
            return false;
        }
    }
    return true;
}

Result<void> write_private_file(const std::string& path, const std::string& text) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        return make_error(Errc::io, path + ": " + std::strerror(errno));
    }
    std::size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            int saved = errno;
            ::close(fd);
            return make_error(Errc::io, path + ": " + std::strerror(saved));
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) {
        return make_error(Errc::io, path + ": " + std::strerror(errno));
    }
    return {};
}

Result<void> write_files(const SubshellSpec& spec, const ShellFlavour& shell, const util::Env& env,
                         const std::string& dir) {
    for (const auto& name : spec.wrap_commands) {
        if (!is_command_name(name)) {
            return make_error(Errc::config,
                              "wrap_commands: '" + name + "' is not a command name");
        }
    }
    std::string format = spec.prompt_format.value_or(k_default_format);
    std::string text_format = format.empty() ? k_default_format : format;
    TemplateValues values{
        {"SELF", spec.self_path},
        {"REFRESH_MARGIN", std::to_string(spec.refresh_before_expiry)},
        {"PROMPT_FORMAT", prompt_prefix_text(format, spec.profile)},
        {"PROMPT_TEXT", replace_all(text_format, "{profile}", spec.profile)},
        {"COLOUR_AUTO", spec.colour.value_or(util::colour_terminal(env, ::isatty(STDOUT_FILENO) == 1)) ? "1" : "0"},
        {"START_TIME", std::to_string(spec.now)},
        {"RC_DIR", dir},
        {"SERVER_STATE", spec.server_state},
    };
    if (shell.add_values != nullptr) {
        shell.add_values(env, values);
    }
    std::map<std::string, std::vector<std::string>> lists{{"WRAP_COMMANDS", spec.wrap_commands}};
    for (const RcFile& file : shell.rc_files) {
        values["FILE"] = file.name;
        TRY(std::string_view text, template_text(file.template_name));
        TRY(std::string rc, fill_template(text, values, lists, shell.quote));
        TRY_VOID(write_private_file(dir + "/" + file.name, rc));
    }
    return {};
}

}  // namespace

Result<ShellChoice> detect_shell(const util::Env& env) {
    std::string path = env.get("SHELL").value_or("");
    const char* source = "$SHELL";
    if (path.empty()) {
        source = "login shell";
        if (const passwd* pw = ::getpwuid(::getuid()); pw != nullptr && pw->pw_shell != nullptr) {
            path = pw->pw_shell;
        }
    }
    std::string name = base_name(path);
    std::string supported;
    for (const ShellFlavour& shell : shell_flavours()) {
        if (name.rfind(shell.name, 0) == 0) {
            return ShellChoice{shell, path};
        }
        supported += (supported.empty() ? "" : ", ") + std::string(shell.name);
    }
    return make_error(Errc::config, "unsupported shell '" + (name.empty() ? "?" : name) + "' (" +
                                        source + "=" + path + "); supported: " + supported);
}

std::string prompt_prefix_text(const std::string& format, const std::string& profile) {
    std::string text = replace_all(format, "{profile}", profile);
    for (char& c : text) {
        // Characters bash's PS1 or zsh's PROMPT would interpret; the prompt shows '_'.
        if (c == '\\' || c == '$' || c == '`' || c == '%' || static_cast<unsigned char>(c) < 0x20 ||
            c == 0x7f) {
            c = '_';
        }
    }
    return text;
}

Result<std::string> build_rc_dir(const SubshellSpec& spec, const ShellFlavour& kind,
                                 const util::Env& env) {
    TRY(std::string pattern, util::make_private_temp_dir(env, "awsume-shell"));
    if (auto written = write_files(spec, kind, env, pattern); !written) {
        remove_rc_dir(pattern);
        return unexpected(written.error());
    }
    return pattern;
}

void remove_rc_dir(const std::string& dir) {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
}

ShellLaunch shell_launch(const ShellChoice& shell, const std::string& rc_dir,
                         const SubshellSpec& spec, util::Env env) {
    env.set("AWSUME_SHELL_SESSION", spec.session_state);
    const ShellFlavour& flavour = shell.kind;
    if (flavour.rc_dir_variable != nullptr) {
        env.set(flavour.rc_dir_variable, rc_dir);
    }
    ShellLaunch launch;
    launch.argv = {shell.path};
    for (const char* argument : flavour.arguments) {
        launch.argv.push_back(replace_all(argument, "{rc_dir}", rc_dir));
    }
    launch.env = std::move(env);
    return launch;
}

}  // namespace awsume_shell::shell
