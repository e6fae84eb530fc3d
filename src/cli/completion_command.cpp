#include <CLI/CLI.hpp>
#include <iostream>

#include "awsume_shell/cli/command.hpp"

namespace awsume_shell::cli {

namespace {

/// Each command's option names, read from the same table that parses them, so the
/// completions cannot drift from the real options.
std::vector<std::pair<std::string, std::string>> command_options() {
    std::vector<std::pair<std::string, std::string>> result;
    for (const CommandEntry& entry : command_table()) {
        auto command = entry.make();
        CLI::App app;
        command->setup(app);
        std::string names;
        for (const CLI::Option* option : app.get_options()) {
            if (option->get_group().empty()) {
                continue;  // hidden: internal, not for users to complete
            }
            for (const auto& long_name : option->get_lnames()) {
                names += (names.empty() ? "--" : " --") + long_name;
            }
        }
        result.emplace_back(entry.name, names);
    }
    return result;
}

std::string bash_script() {
    std::string cases;
    std::string commands;
    for (const auto& [name, options] : command_options()) {
        commands += (commands.empty() ? "" : " ") + name;
        cases += "        " + name + ") opts='" + options + "' ;;\n";
    }
    // Profile names are data from the user's files: never inside compgen -W (which expands
    // $(...) and `...` in its word list) nor split by the shell; read one per line, matched
    // as a literal prefix and inserted %q-quoted, so that the completed word means the name.
    return "# bash completion for awsume-shell: eval \"$(awsume-shell completion bash)\"\n"
           "_awsume_shell() {\n"
           "    local cur=${COMP_WORDS[COMP_CWORD]} cmd=${COMP_WORDS[1]} opts='' name quoted\n"
           "    local -a fixed=() names=()\n"
           "    COMPREPLY=()\n"
           "    if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
           "        fixed=(" + commands + ")\n"
           "    else\n"
           "        case $cmd in\n" + cases +
           "        esac\n"
           "        case $cur in\n"
           "            -*) COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\")); return ;;\n"
           "        esac\n"
           "    fi\n"
           "    mapfile -t names < <(awsume-shell list --names 2>/dev/null)\n"
           "    for name in \"${fixed[@]}\" \"${names[@]}\"; do\n"
           "        if [[ $name == \"$cur\"* ]]; then\n"
           "            printf -v quoted '%q' \"$name\"\n"
           "            COMPREPLY+=(\"$quoted\")\n"
           "        fi\n"
           "    done\n"
           "}\n"
           "complete -F _awsume_shell awsume-shell\n";
}

std::string zsh_script() {
    std::string cases;
    std::string commands;
    for (const auto& [name, options] : command_options()) {
        commands += (commands.empty() ? "" : " ") + name;
        cases += "        " + name + ") opts=(" + options + ") ;;\n";
    }
    return "#compdef awsume-shell\n"
           "# zsh completion for awsume-shell: eval \"$(awsume-shell completion zsh)\"\n"
           "_awsume_shell() {\n"
           "    local -a opts commands profiles\n"
           "    commands=(" + commands + ")\n"
           "    profiles=(${(f)\"$(awsume-shell list --names 2>/dev/null)\"})\n"
           "    if (( CURRENT == 2 )); then\n"
           "        compadd -- $commands $profiles\n"
           "        return\n"
           "    fi\n"
           "    case ${words[2]} in\n" + cases +
           "    esac\n"
           "    if [[ ${words[CURRENT]} == -* ]]; then compadd -- $opts; else compadd -- $profiles; fi\n"
           "}\n"
           "if (( $+functions[compdef] )); then compdef _awsume_shell awsume-shell; fi\n";
}

std::string fish_script() {
    std::string out = "# fish completion for awsume-shell: awsume-shell completion fish | source\n"
                      "complete -c awsume-shell -f\n"
                      "complete -c awsume-shell -n '__fish_use_subcommand' -a '(awsume-shell list --names 2>/dev/null)'\n";
    for (const CommandEntry& entry : command_table()) {
        auto command = entry.make();
        out += "complete -c awsume-shell -n '__fish_use_subcommand' -a " + std::string(entry.name) +
               " -d '" + std::string(command->summary()) + "'\n";
    }
    for (const auto& [name, options] : command_options()) {
        size_t start = 0;
        while (start < options.size()) {
            size_t end = options.find(' ', start);
            std::string option = options.substr(start + 2, end - start - 2);
            out += "complete -c awsume-shell -n '__fish_seen_subcommand_from " + name + "' -l " + option + "\n";
            start = end == std::string::npos ? options.size() : end + 1;
        }
    }
    return out;
}

class CompletionCommand final : public Command {
public:
    std::string_view name() const override { return "completion"; }
    std::string_view summary() const override { return "print a completion script for bash, zsh or fish"; }
    void setup(CLI::App& app) override {
        app.add_option("SHELL", m_shell, "bash, zsh or fish")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
    }
    Result<int> run(Context&) override {
        std::cout << (m_shell == "bash" ? bash_script() : m_shell == "zsh" ? zsh_script() : fish_script());
        std::cout.flush();
        return 0;
    }

private:
    std::string m_shell;
};

}  // namespace

std::unique_ptr<Command> make_completion_command() { return std::make_unique<CompletionCommand>(); }

}  // namespace awsume_shell::cli
