# The AWS files' snapshots (docs/architecture-config.md, "Snapshots"): a file unchanged since
# its snapshot is read by its offsets; any change to the file - even of the same size, in
# the same second, or with its mtime put back - is read whole and checked again.

SNAP_KEY=AKIASNAPSHOTTEST0001
SNAP_SECRET=snapshotsecret0000000000000000000000001

snapshot_files() {  # a config and credentials file old enough to be snapshotted
    cat >"$HOME/.aws/config" <<CFG
[default]
region = eu-west-1

[profile other]
region = us-east-1

[profile snap]
source_profile = snapuser
region = eu-west-2
CFG
    printf '[snapuser]\naws_access_key_id = %s\naws_secret_access_key = %s\n' "$SNAP_KEY" "$SNAP_SECRET" \
        >"$HOME/.aws/credentials"
    chmod 600 "$HOME/.aws/credentials"
    sleep 2.1  # a file changed in the last 2 s is not snapshotted
}

region_of_snapuser() {  # prints AWS_REGION as exec hands it to the command
    expect_status 0 "$AWSUME" exec snapuser --debug -- sh -c 'echo "$AWS_ACCESS_KEY_ID ${AWS_REGION-none}"'
}

test_an_unchanged_file_is_read_by_its_snapshot() {
    snapshot_files
    region_of_snapuser
    expect_not_contains "$ERR" "unchanged since its snapshot" "first run"
    ls "$HOME/.awsume-shell/cache/config-snapshots/"config-*.snap >/dev/null || fail "no config snapshot written"
    for f in "$HOME"/.awsume-shell/cache/config-snapshots/*.snap; do expect_perm "$f" 600; done
    expect_perm "$HOME/.awsume-shell/cache/config-snapshots" 700
    region_of_snapuser
    expect_contains "$ERR" "$HOME/.aws/config: unchanged since its snapshot" "second run"
    expect_contains "$ERR" "$HOME/.aws/credentials: unchanged since its snapshot" "second run"
    expect_eq "$OUT" "$SNAP_KEY none"
    expect_not_contains "$ERR" "$SNAP_SECRET" "debug output"
}

test_every_edit_is_read_from_the_file() {
    snapshot_files
    region_of_snapuser
    region_of_snapuser
    expect_contains "$ERR" "unchanged since its snapshot"
    creds=$HOME/.aws/credentials
    old_mtime=$(stat -c %y "$creds")
    # Same size, same second: a different key of the same length.
    sed -i 's/TEST0001/TEST0002/' "$creds"
    region_of_snapuser
    expect_eq "$OUT" "AKIASNAPSHOTTEST0002 none" "after a same-size edit"
    expect_not_contains "$ERR" "credentials: unchanged since its snapshot"
    # Same size again, and the mtime put back to the snapshot's.
    sed -i 's/TEST0002/TEST0003/' "$creds"
    touch -d "$old_mtime" "$creds"
    expect_eq "$(stat -c %y "$creds")" "$old_mtime" "mtime put back"
    region_of_snapuser
    expect_eq "$OUT" "AKIASNAPSHOTTEST0003 none" "after touch -d to the old mtime"
    # A region added to the profile: longer file, new section content.
    printf 'region = ap-south-1\n' >>"$creds"
    region_of_snapuser
    expect_eq "$OUT" "AKIASNAPSHOTTEST0003 ap-south-1" "after an appended key"
    # Replaced by rename (as editors and `aws configure` write): a new inode.
    printf '[snapuser]\naws_access_key_id = AKIASNAPSHOTTEST0004\naws_secret_access_key = %s\n' "$SNAP_SECRET" \
        >"$creds.new"
    mv "$creds.new" "$creds"
    region_of_snapuser
    expect_eq "$OUT" "AKIASNAPSHOTTEST0004 none" "after a rename over the file"
}

test_a_broken_line_in_another_section_still_fails() {
    snapshot_files
    region_of_snapuser
    region_of_snapuser
    expect_contains "$ERR" "config: unchanged since its snapshot"
    # Same size: a key line of [profile other] made invalid (no '=').
    sed -i 's/^region = us-east-1$/region + us-east-1/' "$HOME/.aws/config"
    expect_status 2 "$AWSUME" exec snapuser -- true
    expect_contains "$ERR" "$HOME/.aws/config:5:"
    expect_eq "$(printf '%s\n' "$ERR" | wc -l)" 1 "error lines"
}

test_a_damaged_snapshot_is_ignored() {
    snapshot_files
    region_of_snapuser
    for f in "$HOME"/.awsume-shell/cache/config-snapshots/*.snap; do
        head -c 100 "$f" >"$f.cut" && mv "$f.cut" "$f" && chmod 600 "$f"
    done
    region_of_snapuser
    expect_eq "$OUT" "$SNAP_KEY none" "with truncated snapshots"
    expect_not_contains "$ERR" "unchanged since its snapshot"
    region_of_snapuser  # rewritten by the run before
    expect_contains "$ERR" "unchanged since its snapshot"
    for f in "$HOME"/.awsume-shell/cache/config-snapshots/*.snap; do
        chmod 644 "$f"  # not ours alone: not trusted
    done
    region_of_snapuser
    expect_not_contains "$ERR" "unchanged since its snapshot" "with snapshots readable by others"
    expect_eq "$OUT" "$SNAP_KEY none"
}

test_a_symlinked_snapshot_is_not_followed() {
    snapshot_files
    region_of_snapuser
    dir=$HOME/.awsume-shell/cache/config-snapshots
    ls "$dir"/*.snap >/dev/null || fail "no snapshot written"
    for f in "$dir"/*.snap; do
        mv "$f" "$f.real" && ln -s "$(basename "$f").real" "$f"
    done
    region_of_snapuser
    expect_not_contains "$ERR" "unchanged since its snapshot" "through a symlink"
    expect_eq "$OUT" "$SNAP_KEY none"
    for f in "$dir"/*.snap; do
        [ -L "$f" ] && fail "$f is still a symlink: it should have been replaced"
    done
    return 0
}
