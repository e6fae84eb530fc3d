# bash completion for awsume-shell: eval "$(awsume-shell completion bash)"
_awsume_shell() {
    local cur=${COMP_WORDS[COMP_CWORD]} cmd=${COMP_WORDS[1]} opts='' name quoted
    local -a fixed=() names=()
    COMPREPLY=()
    if [ "$COMP_CWORD" -eq 1 ]; then
        fixed=(shell exec export list refresh status provision-mfa login auto-refresh completion)
    else
        case $cmd in
        shell) opts='--help --role-arn --session-name --role-duration --session-duration --mfa-code --config-file --credentials-file --region --output-profile --auto-refresh --refresh --debug --nested --server --no-server' ;;
        exec) opts='--help --role-arn --session-name --role-duration --session-duration --mfa-code --config-file --credentials-file --region --output-profile --auto-refresh --refresh --debug --server --no-server' ;;
        export) opts='--help --role-arn --session-name --role-duration --session-duration --mfa-code --config-file --credentials-file --region --output-profile --auto-refresh --refresh --debug --format' ;;
        list) opts='--help --json --names --config-file --credentials-file' ;;
        refresh) opts='--help --format --refresh --debug' ;;
        status) opts='--help --debug' ;;
        provision-mfa) opts='--help --profile --device-name --qr-png --no-save --show-secret --invert --config-file --credentials-file --region --debug' ;;
        login) opts='--help --sso-session --no-browser --config-file --credentials-file --debug' ;;
        auto-refresh) opts='--help --list --stop --stop-all' ;;
        completion) opts='--help' ;;
        esac
        case $cur in
            -*) COMPREPLY=($(compgen -W "$opts" -- "$cur")); return ;;
        esac
    fi
    mapfile -t names < <(awsume-shell list --names 2>/dev/null)
    for name in "${fixed[@]}" "${names[@]}"; do
        if [[ $name == "$cur"* ]]; then
            printf -v quoted '%q' "$name"
            COMPREPLY+=("$quoted")
        fi
    done
}
complete -F _awsume_shell awsume-shell
