# awsume-shell: rc file of a credentialed bash sub-shell (bash --rcfile THIS -i).
# Written by awsume-shell from the template shellrc/bash.sh into a private folder that is
# removed when the shell ends. It holds no secret: the credentials are in the environment.
# Placeholders (a NAME between at-signs) have been replaced by single-quoted values.
# Nothing below starts a process at a prompt or in a fresh `aws` call: builtins only.

# bash read /etc/bash.bashrc already (Debian builds it in); --rcfile skipped ~/.bashrc.
if [ -r ~/.bashrc ]; then
    . ~/.bashrc
fi

_awsume_shell_self=@SELF@
_awsume_shell_margin=@REFRESH_MARGIN@
_awsume_shell_format=@PROMPT_FORMAT@
_awsume_shell_text=@PROMPT_TEXT@
_awsume_shell_colour_auto=@COLOUR_AUTO@
_awsume_shell_t0=@START_TIME@
_awsume_shell_prefix=
_awsume_shell_next=
_awsume_shell_t=0

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

# First in PROMPT_COMMAND: AWSUME_SHELL_TIME_LEFT, AWSUME_SHELL_PROMPT_LEVEL and
# AWSUME_SHELL_PROMPT for the user's own prompt tools, and the prefix to put before PS1.
# Keeps $? for the user's PROMPT_COMMAND.
_awsume_shell_update() {
    local rc=$? left t= m level=ok colour code text
    local key='{left}'
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
            ok) code=32 ;;
            warning) code=33 ;;
            *) code=31 ;;
        esac
        _awsume_shell_next="\[\e[${code}m\]$text\[\e[0m\] "
    else
        _awsume_shell_next="$text "
    fi
    return $rc
}

# Last in PROMPT_COMMAND, after anything of the user's that rewrites PS1: swap our old
# prefix for the new one.
# Our old prefix is replaced where it now stands: something may have put text before it
# (a venv's activate, PS1="rc=\$? $PS1"); only when it is gone (a theme rewrote the prompt)
# is the new one put in front. Parameter expansion only: no process at a prompt.
_awsume_shell_apply() {
    local rc=$?
    if [[ -n $_awsume_shell_prefix && $PS1 == *"$_awsume_shell_prefix"* ]]; then
        PS1=${PS1%%"$_awsume_shell_prefix"*}$_awsume_shell_next${PS1#*"$_awsume_shell_prefix"}
    else
        PS1=$_awsume_shell_next$PS1
    fi
    _awsume_shell_prefix=$_awsume_shell_next
    return $rc
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
        printf 'awsume-shell: %s refreshed (%s left)\n' "${AWSUME_PROFILE-}" \
            "${AWSUME_SHELL_TIME_LEFT:-no expiry}" >&2
    else
        return 1
    fi
}

# `function NAME` so that an alias of the same name is not expanded in the definition.
for _awsume_shell_c in @WRAP_COMMANDS@; do
    eval "function $_awsume_shell_c { _awsume_shell_maybe_refresh; command $_awsume_shell_c \"\$@\"; }"
done
unset _awsume_shell_c

# bash 5.1 runs every element of an array PROMPT_COMMAND; older ones only a string.
if (( BASH_VERSINFO[0] > 5 || (BASH_VERSINFO[0] == 5 && BASH_VERSINFO[1] >= 1) )); then
    PROMPT_COMMAND=(_awsume_shell_update "${PROMPT_COMMAND[@]}" _awsume_shell_apply)
else
    PROMPT_COMMAND="_awsume_shell_update"$'\n'"${PROMPT_COMMAND-}"$'\n'"_awsume_shell_apply"
fi
