#!/usr/bin/env bash
# What Chinese word data costs `subkit generate`: wall time and peak memory of generating the
# sample's track (one process each, /usr/bin/time -v) and the binary's size, for the working
# tree against a base revision built in the same run.
#
# Usage: scripts/bench-zhdict.sh [BASE]   (BASE: a git revision, default HEAD~0 of main)
# Environment: RUNS (default 5) runs of each binary, interleaved.
# Needs: go, git, GNU time (/usr/bin/time).
# Output: one line per binary: size in MB, median and best wall time, median CPU time (user +
# system), median peak RSS; and
# whether the two tracks are identical.
set -euo pipefail
die() { echo "bench-zhdict: $*" >&2; exit 1; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
base=${1:-main}
runs=${RUNS:-5}
[ -x /usr/bin/time ] || die "needs GNU time at /usr/bin/time (Debian: apt-get install time)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/base"
git -C "$root" archive "$base" | tar -x -C "$tmp/base" || die "cannot export $base"
(cd "$tmp/base" && go build -o "$tmp/subkit-base" ./cmd/subkit)
(cd "$root" && go build -o "$tmp/subkit-new" ./cmd/subkit)
sample=$root/testdata/interview-zh.txt
for i in $(seq "$runs"); do
  for b in base new; do
    /usr/bin/time -f "%e %M %U %S" -o "$tmp/$b.time.$i" "$tmp/subkit-$b" generate -q -d 1373.91s "$sample" -o "$tmp/$b.srt"
  done
done
for b in base new; do
  size=$(stat -c %s "$tmp/subkit-$b")
  rev=$([ "$b" = base ] && echo "$base" || echo "working tree")
  cat "$tmp/$b".time.* | sort -n | awk -v b="$b" -v rev="$rev" -v size="$size" '
    { t[NR] = $1; m[NR] = $2; c[NR] = $3 + $4 }
    END {
      # t is sorted by time; sort m by insertion for its median
      for (i = 1; i <= NR; i++) for (j = i + 1; j <= NR; j++) {
        if (m[j] < m[i]) { x = m[i]; m[i] = m[j]; m[j] = x }
        if (c[j] < c[i]) { x = c[i]; c[i] = c[j]; c[j] = x }
      }
      med = int((NR + 1) / 2)
      printf "%-4s (%s): binary %.1f MB, generate median %.3f s wall (best %.3f s), %.2f s CPU, peak RSS median %.1f MB\n",
        b, rev, size / 1e6, t[med], t[1], c[med], m[med] / 1024 }'
done
cmp -s "$tmp/base.srt" "$tmp/new.srt" && echo "tracks identical" || echo "tracks differ"
