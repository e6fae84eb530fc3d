# awsume-shell: .zshrc of a credentialed zsh sub-shell, whose ZDOTDIR is a private folder
# removed when the shell ends. Written from the template shellrc/zsh.sh; holds no secret:
# the credentials are in the environment. Placeholders (a NAME between at-signs) were replaced by
# single-quoted values. Nothing below starts a process at a prompt or in a fresh `aws`
# call: builtins and zsh/datetime only.

: ${_awsume_shell_user_zdotdir=@USER_ZDOTDIR@}
ZDOTDIR=$_awsume_shell_user_zdotdir
if [[ -r $ZDOTDIR/.zshrc ]]; then
    builtin source -- "$ZDOTDIR"/.zshrc
fi
# Give ZDOTDIR back as the user had it, so that .zlogin and every child zsh read theirs.
if [[ $ZDOTDIR != @USER_ZDOTDIR@ || @ZDOTDIR_WAS_SET@ == 1 ]]; then
    export ZDOTDIR
else
    unset ZDOTDIR
fi
unset _awsume_shell_user_zdotdir

zmodload -F zsh/datetime p:EPOCHSECONDS 2>/dev/null

# The clock without a process: EPOCHSECONDS (zsh/datetime), else start time + SECONDS.
_awsume_shell_clock() {
    if (( ${+EPOCHSECONDS} )); then
        _awsume_shell_t=$EPOCHSECONDS
    else
        _awsume_shell_t=$(( _awsume_shell_t0 + SECONDS ))
    fi
}

# What the shared part below needs from zsh: its prompt escapes, and zsh's own options in
# the prompt hooks, which zsh runs with the user's (KSH_ARRAYS, WARN_CREATE_GLOBAL...).
_awsume_shell_local_options=(emulate -L zsh)
_awsume_shell_paint_ok='%F{green}'
_awsume_shell_paint_warning='%F{yellow}'
_awsume_shell_paint_critical='%F{red}'
_awsume_shell_paint_end='%f'

# @part posix.sh

typeset -ga precmd_functions
precmd_functions=(_awsume_shell_update $precmd_functions _awsume_shell_apply)
