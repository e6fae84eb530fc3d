# awsume-shell: @FILE@ of a credentialed zsh sub-shell, whose ZDOTDIR is a private folder
# removed when the shell ends. Written from the template shellrc/zsh_startup.sh; holds no
# secret. It reads the user's own @FILE@ with ZDOTDIR as the user had it, then points
# ZDOTDIR back here so that zsh reads our next file. Our .zshrc gives ZDOTDIR back.
: ${_awsume_shell_user_zdotdir=@USER_ZDOTDIR@}
ZDOTDIR=$_awsume_shell_user_zdotdir
if [[ -r $ZDOTDIR/@FILE@ ]]; then
    builtin source -- "$ZDOTDIR"/@FILE@
fi
# The user's .zshenv may have moved ZDOTDIR (e.g. to ~/.config/zsh): follow it.
_awsume_shell_user_zdotdir=$ZDOTDIR
ZDOTDIR=@RC_DIR@
