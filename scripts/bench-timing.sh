#!/usr/bin/env bash
# Timing benchmark for `subkit generate`: scores subkit's cue timing against exact ground truth
# made by speaking the sample transcript with espeak-ng (../shared/bench/timing/), next to the
# reference baselines that ../shared/README.md quotes.
#
# Usage: scripts/bench-timing.sh [--baselines-only] [--keep]
#   --baselines-only  do not build or run subkit; score only the baselines (equal split and
#                     character-count split of the known length)
#   --keep            keep the candidate SRTs and full score.py reports (the path is printed)
# Environment:
#   SEEDS             seeds to run (default "1 2 3")
#   SUBKIT_BENCH_DIR  cache of the generated truth, one seed-N/ folder per seed
#                     (default ${TMPDIR:-/tmp}/subkit-bench); a seed is synthesized only when
#                     its folder is missing. Delete the folder after changing the sample or the
#                     synthesizer. Making one seed takes about 15-35 s on 2 cores.
# Needs: go; python3; espeak-ng and sox only when a truth must be made
#   (Debian: apt-get install python3 espeak-ng sox).
# Output: a table on stdout (seed, method, median / p90 start error in ms, % of starts within
# 250 ms), from the last line of score.py; progress on stderr. Exits non-zero if any step fails.
set -euo pipefail

die() { echo "bench-timing: $*" >&2; exit 1; }
say() { echo "bench-timing: $*" >&2; }

baselines_only=0
keep=0
for arg in "$@"; do
  case $arg in
    --baselines-only) baselines_only=1 ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) die "unknown argument: $arg (see --help)" ;;
  esac
done

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
bench=$root/../shared/bench/timing
transcript=testdata/interview-zh.txt
seeds=${SEEDS:-1 2 3}
cache=${SUBKIT_BENCH_DIR:-${TMPDIR:-/tmp}/subkit-bench}

need() { # need TOOL HINT
  command -v "$1" >/dev/null 2>&1 || die "$1 not found; install it ($2)"
}

need python3 "Debian: apt-get install python3"
[ -d "$bench" ] || die "$bench not found: ../shared must sit beside the project"
for f in make_truth.sh score.py common.py; do
  [ -f "$bench/$f" ] || die "$bench/$f not found"
done
cd "$root"
[ -f "$transcript" ] || die "$root/$transcript not found"
[ -n "${seeds// /}" ] || die "SEEDS is empty"
for s in $seeds; do
  [[ $s =~ ^[0-9]+$ ]] || die "bad seed in SEEDS: $s (want integers)"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/subkit-bench-run.XXXXXX")
partial=
cleanup() {
  [ -z "$partial" ] || rm -rf "$partial"
  if [ "$keep" = 1 ]; then say "kept candidates and reports in $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "$baselines_only" = 0 ]; then
  need go "https://go.dev/dl; Debian: apt-get install golang-go"
  say "building subkit"
  if ! go build -o "$tmp/subkit" ./cmd/subkit 2>"$tmp/build.log"; then
    cat "$tmp/build.log" >&2
    die "could not build subkit (go build ./cmd/subkit failed, above); to score only the baselines run: $0 --baselines-only"
  fi
fi

# make_truth SEED: synthesize into a private folder, then move it into the cache in one step, so an
# interrupted run never leaves a half-made seed-N/ that later runs would take as done.
make_truth() {
  local seed=$1 dir=$cache/seed-$1
  if [ -f "$dir/truth.srt" ] && [ -f "$dir/clean.wav" ]; then
    return 0
  fi
  [ ! -e "$dir" ] || die "$dir exists but has no truth.srt/clean.wav; delete it and rerun"
  need espeak-ng "Debian: apt-get install espeak-ng sox"
  need sox "Debian: apt-get install espeak-ng sox"
  mkdir -p "$cache"
  partial=$(mktemp -d "$cache/.seed-$seed.partial.XXXXXX")
  chmod a+rx "$partial"
  say "making truth for seed $seed in $dir (espeak-ng; takes about half a minute)"
  local t0=$SECONDS
  if ! bash "$bench/make_truth.sh" "$partial" "$seed" >"$tmp/make-truth-$seed.log" 2>&1; then
    cat "$tmp/make-truth-$seed.log" >&2
    die "make_truth.sh failed for seed $seed (log above)"
  fi
  if ! mv -T "$partial" "$dir" 2>/dev/null; then
    # another run finished the same seed first; use its copy
    [ -f "$dir/truth.srt" ] || die "could not move $partial to $dir"
    rm -rf "$partial"
  fi
  partial=
  say "seed $seed made in $((SECONDS - t0)) s"
}

wav_seconds() {
  python3 - "$1" <<'EOF'
import sys, wave
with wave.open(sys.argv[1], "rb") as w:
    print("%.3f" % (w.getnframes() / float(w.getframerate())))
EOF
}

# generate SEED OUT.srt [FLAGS...]: subkit generate [FLAGS...] -f srt -o OUT.srt TRANSCRIPT
generate() {
  local seed=$1 srt=$2
  shift 2
  local cmd="subkit generate${*:+ $*} -f srt -o $srt $transcript"
  if ! "$tmp/subkit" generate "$@" -f srt -o "$srt" "$transcript" 2>"$srt.err"; then
    cat "$srt.err" >&2
    die "seed $seed: '$cmd' failed (above)"
  fi
  [ -s "$srt" ] || die "seed $seed: '$cmd' exited 0 but wrote no $srt"
}

rows=()
mismatch_notes=()
# score SEED METHOD CANDIDATE.srt: run score.py, keep its report, add a table row.
score() {
  local seed=$1 method=$2 cand=$3 report
  report=$tmp/score-$seed-${method//[^A-Za-z0-9]/_}.txt
  if ! python3 "$bench/score.py" "$cache/seed-$seed/truth.srt" "$cand" >"$report" 2>&1; then
    cat "$report" >&2
    die "score.py failed for seed $seed, $method (above)"
  fi
  local last med p90 w250 tm cues
  last=$(tail -n 1 "$report")
  kv() { tr ' ' '\n' <<<"$last" | sed -n "s/^$1=//p"; }
  med=$(kv median_start_err_ms); p90=$(kv p90_start_err_ms); w250=$(kv within250)
  tm=$(kv text_mismatch); cues=$(kv cues)
  if [ -z "$med" ] || [ -z "$p90" ] || [ -z "$w250" ]; then
    die "cannot read the summary line of score.py for seed $seed, $method: $last"
  fi
  rows+=("$(printf '%-5s %-26s %12s %12s %11s' "$seed" "$method" "$med" "$p90" "$w250")")
  if [ "$tm" != 0 ] || [ "${cues%/*}" != "${cues#*/}" ]; then
    mismatch_notes+=("seed $seed, $method: text_mismatch=$tm cues=$cues (candidate/truth)")
  fi
}

for seed in $seeds; do
  make_truth "$seed"
  dir=$cache/seed-$seed
  dur=$(wav_seconds "$dir/clean.wav") || die "cannot read the length of $dir/clean.wav"
  say "seed $seed: audio ${dur} s"
  out=$tmp/seed-$seed
  mkdir -p "$out"

  if [ "$baselines_only" = 0 ]; then
    generate "$seed" "$out/subkit-duration.srt" --duration "${dur}s"
    score "$seed" "subkit --duration" "$out/subkit-duration.srt"
  fi

  python3 "$here/bench-baselines.py" --duration "$dur" --text "$transcript" \
    --equal "$out/equal.srt" --chars "$out/chars.srt" || die "bench-baselines.py failed for seed $seed"
  score "$seed" "equal split (known length)" "$out/equal.srt"
  score "$seed" "char-count split (known)" "$out/chars.srt"

  if [ "$baselines_only" = 0 ]; then
    generate "$seed" "$out/subkit-default.srt"
    score "$seed" "subkit, no duration" "$out/subkit-default.srt"
  fi
done

printf '%-5s %-26s %12s %12s %11s\n' seed method "median ms" "p90 ms" "within250"
printf '%s\n' "${rows[@]}"
if [ "${#mismatch_notes[@]}" -gt 0 ]; then
  say "warning: candidate text or cue count differs from the truth (matched by position):"
  printf '  %s\n' "${mismatch_notes[@]}" >&2
fi
