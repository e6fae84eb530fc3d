#compdef awsume-shell
# zsh completion for awsume-shell: eval "$(awsume-shell completion zsh)"
_awsume_shell() {
    local -a opts commands profiles
    commands=(shell exec export list refresh status provision-mfa login auto-refresh completion)
    profiles=(${(f)"$(awsume-shell list --names 2>/dev/null)"})
    if (( CURRENT == 2 )); then
        compadd -- $commands $profiles
        return
    fi
    case ${words[2]} in
        shell) opts=(--help --role-arn --session-name --role-duration --session-duration --mfa-code --config-file --credentials-file --region --output-profile --auto-refresh --refresh --debug --nested --server --no-server) ;;
        exec) opts=(--help --role-arn --session-name --role-duration --session-duration --mfa-code --config-file --credentials-file --region --output-profile --auto-refresh --refresh --debug --server --no-server) ;;
        export) opts=(--help --role-arn --session-name --role-duration --session-duration --mfa-code --config-file --credentials-file --region --output-profile --auto-refresh --refresh --debug --format) ;;
        list) opts=(--help --json --names --config-file --credentials-file) ;;
        refresh) opts=(--help --format --refresh --debug) ;;
        status) opts=(--help --debug) ;;
        provision-mfa) opts=(--help --profile --device-name --qr-png --no-save --show-secret --invert --config-file --credentials-file --region --debug) ;;
        login) opts=(--help --sso-session --no-browser --config-file --credentials-file --debug) ;;
        auto-refresh) opts=(--help --list --stop --stop-all) ;;
        completion) opts=(--help) ;;
    esac
    if [[ ${words[CURRENT]} == -* ]]; then compadd -- $opts; else compadd -- $profiles; fi
}
if (( $+functions[compdef] )); then compdef _awsume_shell awsume-shell; fi
