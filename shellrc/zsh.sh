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

typeset -g _awsume_shell_self=@SELF@
typeset -gi _awsume_shell_margin=@REFRESH_MARGIN@
typeset -g _awsume_shell_format=@PROMPT_FORMAT@
typeset -g _awsume_shell_text=@PROMPT_TEXT@
typeset -g _awsume_shell_colour_auto=@COLOUR_AUTO@
typeset -gi _awsume_shell_t0=@START_TIME@
typeset -g _awsume_shell_prefix= _awsume_shell_next=
typeset -gi _awsume_shell_t=0
zmodload -F zsh/datetime p:EPOCHSECONDS 2>/dev/null

# The clock without a process: EPOCHSECONDS (zsh/datetime), else start time + SECONDS.
_awsume_shell_clock() {
    if (( ${+EPOCHSECONDS} )); then
        _awsume_shell_t=$EPOCHSECONDS
    else
        _awsume_shell_t=$(( _awsume_shell_t0 + SECONDS ))
    fi
}

# First in precmd_functions: AWSUME_SHELL_TIME_LEFT, AWSUME_SHELL_PROMPT_LEVEL and
# AWSUME_SHELL_PROMPT for prompt themes (powerlevel10k, starship), and our prompt prefix.
_awsume_shell_update() {
    local rc=$?
    emulate -L zsh
    local left t= m level=ok colour code text key='{left}'
    if [[ -n ${AWSUME_SHELL_EXPIRES-} ]]; then
        _awsume_shell_clock
        left=$(( AWSUME_SHELL_EXPIRES - _awsume_shell_t ))
        if (( left <= 0 )); then
            t=expired
        elif (( left >= 3600 )); then
            m=$(( left % 3600 / 60 ))
            if (( m < 10 )); then
                m=0$m
            fi
            t=$(( left / 3600 ))h${m}m
        elif (( left >= 60 )); then
            t=$(( left / 60 ))m
        else
            t=${left}s
        fi
        if (( left < 300 )); then
            level=critical
        elif (( left < _awsume_shell_margin )); then
            level=warning
        fi
        text=${_awsume_shell_format//"$key"/$t}
        AWSUME_SHELL_PROMPT=${_awsume_shell_text//"$key"/$t}
    else
        text=${_awsume_shell_format//" $key"/}
        text=${text//"$key"/}
        AWSUME_SHELL_PROMPT=${_awsume_shell_text//" $key"/}
        AWSUME_SHELL_PROMPT=${AWSUME_SHELL_PROMPT//"$key"/}
    fi
    export AWSUME_SHELL_PROMPT AWSUME_SHELL_TIME_LEFT=$t AWSUME_SHELL_PROMPT_LEVEL=$level
    if [[ -n ${NO_COLOR-} ]]; then
        colour=0
    elif [[ ${AWS_SESSION_COLORS-} == [01] ]]; then
        colour=$AWS_SESSION_COLORS
    else
        colour=$_awsume_shell_colour_auto
    fi
    if [[ -z $text ]]; then
        _awsume_shell_next=
    elif [[ $colour == 1 ]]; then
        case $level in
            ok) code=green ;;
            warning) code=yellow ;;
            *) code=red ;;
        esac
        _awsume_shell_next="%F{$code}$text%f "
    else
        _awsume_shell_next="$text "
    fi
    return rc
}

# Last in precmd_functions, after any theme that rewrites PROMPT: swap our old prefix for
# the new one.
# Our old prefix is replaced where it now stands: something may have put text before it
# (a venv's activate, PS1="rc=\$? $PS1"); only when it is gone (a theme rewrote the prompt)
# is the new one put in front. Parameter expansion only: no process at a prompt.
_awsume_shell_apply() {
    local rc=$?
    emulate -L zsh
    if [[ -n $_awsume_shell_prefix && $PROMPT == *"$_awsume_shell_prefix"* ]]; then
        PROMPT=${PROMPT%%"$_awsume_shell_prefix"*}$_awsume_shell_next${PROMPT#*"$_awsume_shell_prefix"}
    else
        PROMPT=$_awsume_shell_next$PROMPT
    fi
    _awsume_shell_prefix=$_awsume_shell_next
    return rc
}

# Fresh credentials for this session from `awsume-shell refresh` (by hand: --refresh, not
# the cached role credentials); its stdout is export and
# unset lines, applied only when it succeeded (it printed its own error otherwise).
_awsume_shell_refresh() {
    local out
    if out=$("$_awsume_shell_self" refresh --format sh "$@"); then
        eval "$out"
        return 0
    fi
    return 1
}

_awsume_shell_maybe_refresh() {
    if [[ -n ${AWSUME_SHELL_EXPIRES-} ]]; then
        _awsume_shell_clock
        if (( AWSUME_SHELL_EXPIRES - _awsume_shell_t < _awsume_shell_margin )); then
            _awsume_shell_refresh
        fi
    fi
    return 0
}

awsume-shell-refresh() {
    if _awsume_shell_refresh --refresh; then
        _awsume_shell_update
        print -u2 -r -- "awsume-shell: ${AWSUME_PROFILE-} refreshed (${AWSUME_SHELL_TIME_LEFT:-no expiry} left)"
    else
        return 1
    fi
}

# `function NAME` so that an alias of the same name is not expanded in the definition.
for _awsume_shell_c in @WRAP_COMMANDS@; do
    eval "function $_awsume_shell_c { _awsume_shell_maybe_refresh; command $_awsume_shell_c \"\$@\"; }"
done
unset _awsume_shell_c

typeset -ga precmd_functions
precmd_functions=(_awsume_shell_update $precmd_functions _awsume_shell_apply)
