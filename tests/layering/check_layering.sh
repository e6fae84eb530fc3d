#!/bin/sh
# Fails when a file of a lower area includes a header of a higher one (docs/architecture.md).
#   tests/layering/check_layering.sh [SOURCE_DIR]
# The order is the pipeline's, bottom up; an area may include its own headers and those of
# any area below it. src/aws_module/ is the AWS module's entry point, above everything it
# carries (aws, and mfa's QR encoder). src/main.cpp is the top.
set -eu
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
order="util model config cache aws credentials mfa output shell cli aws_module"
cd "$root"
# Every include of ours, as FILE:LINE:#include "awsume_shell/AREA/
grep -rnoE '#include "awsume_shell/[a-z_]+/' src include/awsume_shell |
awk -v order="$order" '
    BEGIN { n = split(order, names, " "); for (i = 1; i <= n; i++) rank[names[i]] = i }
    {
        split($0, part, ":"); file = part[1]; line = part[2]
        if (file !~ /^(src|include\/awsume_shell)\/[a-z_]+\//) next
        area = file; sub(/^(src|include\/awsume_shell)\//, "", area); sub(/\/.*/, "", area)
        other = $0; sub(/.*"awsume_shell\//, "", other); sub(/\/$/, "", other)
        if (!(area in rank) || !(other in rank)) {
            printf "layering: %s:%s: area %s or %s is not in the order of %s\n", file, line, area, other, "tests/layering/check_layering.sh"
            bad = 1
        } else if (rank[other] > rank[area]) {
            printf "layering: %s:%s: %s includes %s, a higher area\n", file, line, area, other
            bad = 1
        }
    }
    END {
        if (bad) exit 1
        print "layering: every include goes down (" order ")"
    }'
