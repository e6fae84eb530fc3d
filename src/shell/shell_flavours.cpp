#include "awsume_shell/shell/shell_flavour.hpp"

namespace awsume_shell::shell {

namespace {

/// zsh reads its startup files from $ZDOTDIR, which points at the rc folder: the
/// templates then read the user's own files from where the user had ZDOTDIR (or $HOME).
void add_zsh_values(const util::Env& env, TemplateValues& values) {
    values.insert_or_assign("USER_ZDOTDIR", env.get("ZDOTDIR").value_or(env.home()));
    values.insert_or_assign("ZDOTDIR_WAS_SET", std::string(env.has("ZDOTDIR") ? "1" : "0"));
}

const ShellFlavour k_shells[] = {
    {
        .name = "bash",
        .rc_files = {{"bashrc", "bash.sh"}},
        .arguments = {"--rcfile", "{rc_dir}/bashrc", "-i"},
    },
    {
        .name = "zsh",
        .rc_files = {{".zshenv", "zsh_startup.sh"},
                     {".zprofile", "zsh_startup.sh"},
                     {".zshrc", "zsh.sh"}},
        .arguments = {"-i"},
        .rc_dir_variable = "ZDOTDIR",
        .add_values = add_zsh_values,
    },
};

}  // namespace

std::span<const ShellFlavour> shell_flavours() { return k_shells; }

const ShellFlavour* find_shell_flavour(std::string_view name) {
    for (const ShellFlavour& shell : k_shells) {
        if (shell.name == name) {
            return &shell;
        }
    }
    return nullptr;
}

}  // namespace awsume_shell::shell
