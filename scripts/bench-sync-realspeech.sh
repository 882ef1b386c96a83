#!/usr/bin/env bash
# Sync on real recorded voices: the truth of every realspeech track is spoilt by a known offset
# and rate (a 25 to 23.976 fps change, a plain shift, a clock drift) and `subkit sync --audio`
# must undo it. Prints per track and spoiling the rate error (%), the offset error (ms) and the
# worst caption start after sync against the truth, then the worst per language and condition.
#
# Usage: scripts/bench-sync-realspeech.sh [BUILD_DIR]
#   BUILD_DIR  a folder built by ../shared/bench/realspeech/build.py (it holds tracks.tsv);
#              without it the tracks are built into a temporary folder first
# Environment: JOBS (default 2) syncs at a time.
# Needs: go, python3; sox with FLAC when the tracks must be built.
set -euo pipefail

die() { echo "bench-sync-realspeech: $*" >&2; exit 1; }
say() { echo "bench-sync-realspeech: $*" >&2; }

case ${1:-} in -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;; esac
[ $# -le 1 ] || die "one build folder only (see --help)"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
command -v python3 >/dev/null || die "python3 not found (Debian: apt-get install python3)"
command -v go >/dev/null || die "go not found"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/subkit-bench-sync.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
say "building subkit"
(cd "$root" && go build -o "$tmp/subkit" ./cmd/subkit) || die "go build ./cmd/subkit failed"
# shellcheck source=scripts/realspeech-dir.sh
. "$here/realspeech-dir.sh"
realspeech_dir "${1:-}"
python3 -B "$here/bench-sync-realspeech.py" --subkit "$tmp/subkit" --dir "$RS_DIR" --jobs "${JOBS:-2}"
