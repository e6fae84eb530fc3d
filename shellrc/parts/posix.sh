# --- shellrc/parts/posix.sh: the prompt countdown, refresh and command wrappers, written
# once for the shells of the sh family and pasted into their templates at build time.
# The template that pastes it has defined, before this line:
#   _awsume_shell_clock            sets _awsume_shell_t to the time, without a process
#   _awsume_shell_local_options    an array: the command each prompt hook runs first
#                                  (zsh: emulate -L zsh; bash: :)
#   _awsume_shell_paint_ok, _awsume_shell_paint_warning, _awsume_shell_paint_critical,
#   _awsume_shell_paint_end        the prompt escapes that start and end each colour
# Nothing below starts a process at a prompt or in a fresh `aws` call: builtins only.

_awsume_shell_self=@SELF@
_awsume_shell_margin=@REFRESH_MARGIN@
_awsume_shell_format=@PROMPT_FORMAT@
_awsume_shell_text=@PROMPT_TEXT@
_awsume_shell_colour_auto=@COLOUR_AUTO@
_awsume_shell_t0=@START_TIME@
_awsume_shell_server_state=@SERVER_STATE@
_awsume_shell_prefix=
_awsume_shell_next=
_awsume_shell_t=0

# First prompt hook: AWSUME_SHELL_TIME_LEFT, AWSUME_SHELL_PROMPT_LEVEL and
# AWSUME_SHELL_PROMPT for prompt themes (powerlevel10k, starship) and the user's own hooks,
# and the prefix to put before the prompt. Keeps $? for the hooks after it.
_awsume_shell_update() {
    local rc=$?
    "${_awsume_shell_local_options[@]}"
    local left t= m level=ok colour code text key='{left}' served= state=
    if [[ -n $_awsume_shell_server_state && -n ${AWSUME_SHELL_SERVER_DIR-} ]]; then
        # The credentials server's state file ("EXPIRES STATUS"), read with the builtin
        # `read`: the countdown follows its renewals without a process at a prompt. Quiet
        # and harmless when it is gone (zsh reports a failed redirection unless the outer
        # group's stderr is redirected; set -e; the user's IFS).
        { { IFS=' ' read -r served state; } <"$_awsume_shell_server_state"; } 2>/dev/null || :
        if [[ -n $served && $served != *[!0-9]* ]]; then
            AWSUME_SHELL_EXPIRES=$served
        fi
    fi
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
            ok) code=$_awsume_shell_paint_ok ;;
            warning) code=$_awsume_shell_paint_warning ;;
            *) code=$_awsume_shell_paint_critical ;;
        esac
        _awsume_shell_next="$code$text$_awsume_shell_paint_end "
    else
        _awsume_shell_next="$text "
    fi
    return $rc
}

# Last prompt hook, after anything of the user's that rewrites the prompt (PS1; zsh's PROMPT
# is the same parameter): swap our old prefix for the new one.
# Our old prefix is replaced where it now stands: something may have put text before it
# (a venv's activate, PS1="rc=\$? $PS1"); only when it is gone (a theme rewrote the prompt)
# is the new one put in front. Parameter expansion only: no process at a prompt.
_awsume_shell_apply() {
    local rc=$?
    "${_awsume_shell_local_options[@]}"
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

# With a credentials server (AWSUME_SHELL_SERVER_DIR; an `export` of other keys unsets it)
# the SDKs renew through it: the wrappers have nothing to do.
_awsume_shell_maybe_refresh() {
    if [[ -z ${AWSUME_SHELL_SERVER_DIR-} && -n ${AWSUME_SHELL_EXPIRES-} ]]; then
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
# --- end of shellrc/parts/posix.sh
