#!/usr/bin/env bash
# Builds the held-back real-speech tracks: other voices and other music than the dev set in
# ../shared/bench/realspeech, laid out and scored the same way (see docs/align-heldback.md,
# docs/align-heldback-2.md and docs/align-heldback-3.md, one page per set).
#
# The audio is not in this repository. Fetch it first, from the sources listed in the set's
# manifest (column `source`, written repo@commit:path; `git show COMMIT:PATH` in a clone of the
# repository gives the file; a span given after the path says where the clip was cut), and put
# each file in CLIPS under the name in the `file` column (clips/<id>.flac, music/<id>.flac),
# converted to FLAC as it is, for instance `sox -R SOURCE CLIPS/clips/<id>.flac` (no resampling
# or channel change: build.py does that itself).
#
# Usage: scripts/build-heldback-speech.sh [--manifest FILE] CLIPS OUT
#   --manifest FILE  the set to build: scripts/heldback-speech.tsv (the default, the first
#                    held-back set), scripts/heldback-speech-2.tsv or scripts/heldback-speech-3.tsv
#   CLIPS            the folder holding clips/ and music/ as above
#   OUT              the folder to build into (created); then: scripts/bench-realspeech.sh OUT
# Needs: python3, sox with FLAC (Debian: apt-get install sox libsox-fmt-all), and
# ../shared/bench/realspeech/build.py beside the project.
set -euo pipefail

die() { echo "build-heldback-speech: $*" >&2; exit 1; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
manifest=$here/heldback-speech.tsv
args=()
while [ $# -gt 0 ]; do
  case $1 in
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    --manifest) [ $# -ge 2 ] || die "--manifest needs a file (see --help)"; manifest=$2; shift 2 ;;
    --manifest=*) manifest=${1#--manifest=}; shift ;;
    -*) die "unknown option: $1 (see --help)" ;;
    *) args+=("$1"); shift ;;
  esac
done
[ ${#args[@]} -eq 2 ] || die "usage: $0 [--manifest FILE] CLIPS OUT (see --help)"
set -- "${args[@]}"
[ -f "$manifest" ] || die "$manifest: no such manifest"
build=$root/../shared/bench/realspeech/build.py
command -v python3 >/dev/null || die "python3 not found (Debian: apt-get install python3)"
command -v sox >/dev/null || die "sox not found (Debian: apt-get install sox libsox-fmt-all)"
[ -f "$build" ] || die "$build not found: ../shared must sit beside the project"
[ -d "$1" ] || die "$1: no such folder (fetch the clips first: see --help)"
clips=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)

# The manifest names files relative to its own folder: write a copy into OUT whose paths point
# into CLIPS, and stop on the first file that is missing, naming where it comes from.
copy=$out/$(basename "$manifest")
python3 - "$manifest" "$clips" "$copy" <<'EOF' || exit 1
import os, sys
src, clips, dst = sys.argv[1:]
missing = []
with open(src, encoding="utf-8") as f:
    lines = f.read().split("\n")
head = lines[0].split("\t")
col = {name: i for i, name in enumerate(head)}
rows = [lines[0]]
for n, line in enumerate(lines[1:], 2):
    if not line.strip() or line.startswith("#"):
        continue
    r = line.split("\t")
    if len(r) != len(head):
        sys.exit("build-heldback-speech: %s:%d: %d fields, want %d" % (src, n, len(r), len(head)))
    for c in ("file", "truth_file"):
        if r[col[c]]:
            p = os.path.join(clips, r[col[c]])
            if not os.path.isfile(p):
                missing.append("%s (from %s)" % (p, r[col["source"]]))
            r[col[c]] = p
    rows.append("\t".join(r))
if missing:
    sys.exit("build-heldback-speech: %d files missing, fetch them first:\n  %s" % (len(missing), "\n  ".join(missing)))
tmp = dst + ".tmp"
with open(tmp, "w", encoding="utf-8") as f:
    f.write("\n".join(rows) + "\n")
os.replace(tmp, dst)
EOF
python3 -B "$build" "$out" --manifest "$copy"
