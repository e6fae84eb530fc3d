# fish completion for awsume-shell: awsume-shell completion fish | source
complete -c awsume-shell -f
complete -c awsume-shell -n '__fish_use_subcommand' -a '(awsume-shell list --names 2>/dev/null)'
complete -c awsume-shell -n '__fish_use_subcommand' -a shell -d 'enter a sub-shell with the credentials (the default command)'
complete -c awsume-shell -n '__fish_use_subcommand' -a exec -d 'run one command with the credentials'
complete -c awsume-shell -n '__fish_use_subcommand' -a export -d 'print the credentials as sh, fish, dotenv or credential_process json'
complete -c awsume-shell -n '__fish_use_subcommand' -a list -d 'list the profiles (a table, or --json)'
complete -c awsume-shell -n '__fish_use_subcommand' -a refresh -d 'inside a sub-shell: print exports for fresh credentials of the session'
complete -c awsume-shell -n '__fish_use_subcommand' -a status -d 'inside a sub-shell: profile, caller ARN, expiry and time left'
complete -c awsume-shell -n '__fish_use_subcommand' -a provision-mfa -d 'create and enable a virtual MFA device for a user profile, its QR code in the terminal'
complete -c awsume-shell -n '__fish_use_subcommand' -a login -d 'sign in to IAM Identity Center (SSO) for a profile or an sso-session; the token is shared with the AWS CLI'
complete -c awsume-shell -n '__fish_use_subcommand' -a auto-refresh -d 'list (--list) or stop (--stop NAME, --stop-all) the -a refreshers'
complete -c awsume-shell -n '__fish_use_subcommand' -a completion -d 'print a completion script for bash, zsh or fish'
complete -c awsume-shell -n '__fish_seen_subcommand_from shell' -l help
complete -c awsume-shell -n '__fish_seen_subcommand_from shell' -l role-arn
complete -c awsume-shell -n '__fish_seen_subcommand_from shell' -l session-name
complete -c awsume-shell -n '__fish_seen_subcommand_from shell' -l role-duration
complete -c awsume-shell -n '__fish_seen_subcommand_from shell' -l session-duration
complete -c awsume-shell -n '__fish_seen_subcommand_from shell' -l mfa-code
complete -c awsume-shell -n '__fish_seen_subcommand_from shell' -l config-file
complete -c awsume-shell -n '__fish_seen_subcommand_from shell' -l credentials-file
complete -c awsume-shell -n '__fish_seen_subcommand_from shell' -l region
complete -c awsume-shell -n '__fish_seen_subcommand_from shell' -l output-profile
complete -c awsume-shell -n '__fish_seen_subcommand_from shell' -l auto-refresh
complete -c awsume-shell -n '__fish_seen_subcommand_from shell' -l refresh
complete -c awsume-shell -n '__fish_seen_subcommand_from shell' -l debug
complete -c awsume-shell -n '__fish_seen_subcommand_from shell' -l nested
complete -c awsume-shell -n '__fish_seen_subcommand_from shell' -l server
complete -c awsume-shell -n '__fish_seen_subcommand_from shell' -l no-server
complete -c awsume-shell -n '__fish_seen_subcommand_from exec' -l help
complete -c awsume-shell -n '__fish_seen_subcommand_from exec' -l role-arn
complete -c awsume-shell -n '__fish_seen_subcommand_from exec' -l session-name
complete -c awsume-shell -n '__fish_seen_subcommand_from exec' -l role-duration
complete -c awsume-shell -n '__fish_seen_subcommand_from exec' -l session-duration
complete -c awsume-shell -n '__fish_seen_subcommand_from exec' -l mfa-code
complete -c awsume-shell -n '__fish_seen_subcommand_from exec' -l config-file
complete -c awsume-shell -n '__fish_seen_subcommand_from exec' -l credentials-file
complete -c awsume-shell -n '__fish_seen_subcommand_from exec' -l region
complete -c awsume-shell -n '__fish_seen_subcommand_from exec' -l output-profile
complete -c awsume-shell -n '__fish_seen_subcommand_from exec' -l auto-refresh
complete -c awsume-shell -n '__fish_seen_subcommand_from exec' -l refresh
complete -c awsume-shell -n '__fish_seen_subcommand_from exec' -l debug
complete -c awsume-shell -n '__fish_seen_subcommand_from exec' -l server
complete -c awsume-shell -n '__fish_seen_subcommand_from exec' -l no-server
complete -c awsume-shell -n '__fish_seen_subcommand_from export' -l help
complete -c awsume-shell -n '__fish_seen_subcommand_from export' -l role-arn
complete -c awsume-shell -n '__fish_seen_subcommand_from export' -l session-name
complete -c awsume-shell -n '__fish_seen_subcommand_from export' -l role-duration
complete -c awsume-shell -n '__fish_seen_subcommand_from export' -l session-duration
complete -c awsume-shell -n '__fish_seen_subcommand_from export' -l mfa-code
complete -c awsume-shell -n '__fish_seen_subcommand_from export' -l config-file
complete -c awsume-shell -n '__fish_seen_subcommand_from export' -l credentials-file
complete -c awsume-shell -n '__fish_seen_subcommand_from export' -l region
complete -c awsume-shell -n '__fish_seen_subcommand_from export' -l output-profile
complete -c awsume-shell -n '__fish_seen_subcommand_from export' -l auto-refresh
complete -c awsume-shell -n '__fish_seen_subcommand_from export' -l refresh
complete -c awsume-shell -n '__fish_seen_subcommand_from export' -l debug
complete -c awsume-shell -n '__fish_seen_subcommand_from export' -l format
complete -c awsume-shell -n '__fish_seen_subcommand_from list' -l help
complete -c awsume-shell -n '__fish_seen_subcommand_from list' -l json
complete -c awsume-shell -n '__fish_seen_subcommand_from list' -l names
complete -c awsume-shell -n '__fish_seen_subcommand_from list' -l config-file
complete -c awsume-shell -n '__fish_seen_subcommand_from list' -l credentials-file
complete -c awsume-shell -n '__fish_seen_subcommand_from refresh' -l help
complete -c awsume-shell -n '__fish_seen_subcommand_from refresh' -l format
complete -c awsume-shell -n '__fish_seen_subcommand_from refresh' -l refresh
complete -c awsume-shell -n '__fish_seen_subcommand_from refresh' -l debug
complete -c awsume-shell -n '__fish_seen_subcommand_from status' -l help
complete -c awsume-shell -n '__fish_seen_subcommand_from status' -l debug
complete -c awsume-shell -n '__fish_seen_subcommand_from provision-mfa' -l help
complete -c awsume-shell -n '__fish_seen_subcommand_from provision-mfa' -l profile
complete -c awsume-shell -n '__fish_seen_subcommand_from provision-mfa' -l device-name
complete -c awsume-shell -n '__fish_seen_subcommand_from provision-mfa' -l qr-png
complete -c awsume-shell -n '__fish_seen_subcommand_from provision-mfa' -l no-save
complete -c awsume-shell -n '__fish_seen_subcommand_from provision-mfa' -l show-secret
complete -c awsume-shell -n '__fish_seen_subcommand_from provision-mfa' -l invert
complete -c awsume-shell -n '__fish_seen_subcommand_from provision-mfa' -l config-file
complete -c awsume-shell -n '__fish_seen_subcommand_from provision-mfa' -l credentials-file
complete -c awsume-shell -n '__fish_seen_subcommand_from provision-mfa' -l region
complete -c awsume-shell -n '__fish_seen_subcommand_from provision-mfa' -l debug
complete -c awsume-shell -n '__fish_seen_subcommand_from login' -l help
complete -c awsume-shell -n '__fish_seen_subcommand_from login' -l sso-session
complete -c awsume-shell -n '__fish_seen_subcommand_from login' -l no-browser
complete -c awsume-shell -n '__fish_seen_subcommand_from login' -l config-file
complete -c awsume-shell -n '__fish_seen_subcommand_from login' -l credentials-file
complete -c awsume-shell -n '__fish_seen_subcommand_from login' -l debug
complete -c awsume-shell -n '__fish_seen_subcommand_from auto-refresh' -l help
complete -c awsume-shell -n '__fish_seen_subcommand_from auto-refresh' -l list
complete -c awsume-shell -n '__fish_seen_subcommand_from auto-refresh' -l stop
complete -c awsume-shell -n '__fish_seen_subcommand_from auto-refresh' -l stop-all
complete -c awsume-shell -n '__fish_seen_subcommand_from completion' -l help
