#!/usr/bin/env bash
# Alignment on real recorded voices: runs `subkit align` over every track of the realspeech set
# (../shared/bench/realspeech: real English and Mandarin utterances laid end to end under noise,
# a music bed, a music passage, with no pauses, at changed rates; and a whole spontaneous
# recording), and the text-only estimate (`subkit generate --duration <track length>`) beside it,
# scores both with the set's score.py, pooled per language and condition over the seeds, and
# prints the table.
#
# Usage: scripts/bench-realspeech.sh [--keep] [--sync] [BUILD_DIR]
#   BUILD_DIR  a folder built by ../shared/bench/realspeech/build.py (it holds tracks.tsv);
#              without it the tracks are built into a temporary folder first
#   --sync     also run scripts/bench-sync-realspeech.py (sync undoing known offsets and rates)
#   --keep     keep the candidate SRTs and score reports (the path is printed)
# Environment: JOBS (default 2) tracks at a time.
# Needs: go, python3; sox with FLAC when the tracks must be built.
# Output: on stdout, for align and for the text-only estimate, one row a condition: English and
# Mandarin share of line starts within 100 ms of the truth and the worst line's error. Progress
# and failures on stderr; a track that fails counts as all lines missing.
set -euo pipefail

die() { echo "bench-realspeech: $*" >&2; exit 1; }
say() { echo "bench-realspeech: $*" >&2; }

keep=0 sync=0 dir=
for arg in "$@"; do
  case $arg in
    --keep) keep=1 ;;
    --sync) sync=1 ;;
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    -*) die "unknown argument: $arg (see --help)" ;;
    *) [ -z "$dir" ] || die "one build folder only"; dir=$arg ;;
  esac
done

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
score=$root/../shared/bench/realspeech/score.py
command -v python3 >/dev/null || die "python3 not found (Debian: apt-get install python3)"
command -v go >/dev/null || die "go not found"
[ -f "$score" ] || die "$score not found: ../shared must sit beside the project"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/subkit-bench-realspeech.XXXXXX")
cleanup() { if [ "$keep" = 1 ]; then say "kept candidates and reports in $tmp"; else rm -rf "$tmp"; fi; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "building subkit"
(cd "$root" && go build -o "$tmp/subkit" ./cmd/subkit) || die "go build ./cmd/subkit failed"
# shellcheck source=scripts/realspeech-dir.sh
. "$here/realspeech-dir.sh"
realspeech_dir "$dir"
mkdir -p "$tmp/align" "$tmp/text"

# run_track LANG SEED COND AUDIO TRUTH TRANSCRIPT: align and the text-only estimate of one track.
run_track() {
  local name=$1-$2-$3 audio=$RS_DIR/$4 tr=$RS_DIR/$6 secs
  if ! "$tmp/subkit" align -q --audio "$audio" -t srt -o "$tmp/align/$name.srt" "$tr" 2>"$tmp/align/$name.err"; then
    echo "bench-realspeech: align failed on $4 (all its lines count as missing): $(tail -n 3 "$tmp/align/$name.err")" >&2
    : >"$tmp/align/$name.srt"
  fi
  secs=$(python3 -c 'import sys,wave; w=wave.open(sys.argv[1]); print("%.3f" % (w.getnframes()/w.getframerate()))' "$audio")
  if ! "$tmp/subkit" generate -q --duration "${secs}s" -t srt -o "$tmp/text/$name.srt" "$tr" 2>"$tmp/text/$name.err"; then
    echo "bench-realspeech: generate failed on $6: $(tail -n 3 "$tmp/text/$name.err")" >&2
    : >"$tmp/text/$name.srt"
  fi
}
export -f run_track
export tmp RS_DIR

say "aligning $(($(wc -l <"$RS_DIR/tracks.tsv") - 1)) tracks in $RS_DIR, ${JOBS:-2} at a time"
tail -n +2 "$RS_DIR/tracks.tsv" | tr '\t' '\n' | xargs -d '\n' -n 6 -P "${JOBS:-2}" bash -c 'run_track "$@"' _

# cell METHOD LANG COND: "within100 / max" pooled over the tracks of LANG and COND.
cell() {
  local method=$1 lang=$2 cond=$3 pairs=() last
  while IFS=$'\t' read -r l s c _ truth _; do
    [ "$l" = "$lang" ] && [ "$c" = "$cond" ] || continue
    pairs+=("$RS_DIR/$truth" "$tmp/$method/$l-$s-$c.srt")
  done < <(tail -n +2 "$RS_DIR/tracks.tsv")
  if [ "${#pairs[@]}" = 0 ]; then echo "-"; return; fi
  python3 -B "$score" "${pairs[@]}" >"$tmp/score-$method-$lang-$cond.txt" 2>&1 \
    || { cat "$tmp/score-$method-$lang-$cond.txt" >&2; die "score.py failed: $method $lang $cond"; }
  last=$(tail -n 1 "$tmp/score-$method-$lang-$cond.txt")
  kv() { tr ' ' '\n' <<<"$last" | sed -n "s/^$1=//p"; }
  local w max
  w=$(kv within100) max=$(kv max_start_err_ms)
  case $max in
    inf|nan) ;;
    *) max=$(python3 -c 'import sys; v=float(sys.argv[1]); print("%.0f ms" % v if v < 1000 else "%.1f s" % (v/1000))' "$max") ;;
  esac
  echo "$w / $max (w250 $(kv within250))"
}

conds=$(tail -n +2 "$RS_DIR/tracks.tsv" | cut -f3 | awk '!seen[$0]++')
for method in align text; do
  echo
  if [ "$method" = align ]; then echo "subkit align --audio (within 100 ms / worst line; within 250 ms)"; else echo "text only: subkit generate --duration <track length>"; fi
  printf '| %-9s | %-30s | %-30s |\n' condition English Mandarin
  printf '|%s|%s|%s|\n' ----------- -------------------------------- --------------------------------
  for c in $conds; do
    printf '| %-9s | %-30s | %-30s |\n' "$c" "$(cell $method en "$c")" "$(cell $method zh "$c")"
  done
done

if [ "$sync" = 1 ]; then
  echo
  python3 -B "$here/bench-sync-realspeech.py" --subkit "$tmp/subkit" --dir "$RS_DIR" --jobs "${JOBS:-2}"
fi
