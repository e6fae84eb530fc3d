# awsume-shell: rc file of a credentialed bash sub-shell (bash --rcfile THIS -i).
# Written by awsume-shell from the template shellrc/bash.sh into a private folder that is
# removed when the shell ends. It holds no secret: the credentials are in the environment.
# Placeholders (a NAME between at-signs) have been replaced by single-quoted values.
# Nothing below starts a process at a prompt or in a fresh `aws` call: builtins only.

# bash read /etc/bash.bashrc already (Debian builds it in); --rcfile skipped ~/.bashrc.
if [ -r ~/.bashrc ]; then
    . ~/.bashrc
fi

# The clock without a process: EPOCHSECONDS (bash 5), printf %()T (bash 4.2), else the
# start time handed in plus SECONDS.
_awsume_shell_clock() {
    if [[ -n ${EPOCHSECONDS-} ]]; then
        _awsume_shell_t=$EPOCHSECONDS
    elif (( BASH_VERSINFO[0] > 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] >= 2) )); then
        printf -v _awsume_shell_t '%(%s)T' -1
    else
        _awsume_shell_t=$(( _awsume_shell_t0 + SECONDS ))
    fi
}

# What the shared part below needs from bash: its prompt escapes, and no option to set
# in the hooks (they run with the user's options, as the rest of ~/.bashrc does); `:`, not
# an empty array, which bash before 4.4 calls unbound under `set -u`.
_awsume_shell_local_options=(:)
_awsume_shell_paint_ok='\[\e[32m\]'
_awsume_shell_paint_warning='\[\e[33m\]'
_awsume_shell_paint_critical='\[\e[31m\]'
_awsume_shell_paint_end='\[\e[0m\]'

# @part posix.sh

# bash 5.1 runs every element of an array PROMPT_COMMAND; older ones only a string.
if (( BASH_VERSINFO[0] > 5 || (BASH_VERSINFO[0] == 5 && BASH_VERSINFO[1] >= 1) )); then
    PROMPT_COMMAND=(_awsume_shell_update "${PROMPT_COMMAND[@]}" _awsume_shell_apply)
else
    PROMPT_COMMAND="_awsume_shell_update"$'\n'"${PROMPT_COMMAND-}"$'\n'"_awsume_shell_apply"
fi
