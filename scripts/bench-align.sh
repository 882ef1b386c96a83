#!/usr/bin/env bash
# Alignment benchmark for `subkit generate --audio` and `subkit sync`: scores captions timed to the
# speech against exact ground truth made by speaking the sample transcript with espeak-ng
# (../shared/bench/timing/), beside the character-count split of the known length.
#
# The same is done in English: testdata/narration-en.txt spoken by espeak-ng's en-us voice with the
# benchmark's synthesizer (synth.py: the same random rates, pauses and noise), aligned with --lang en.
#
# Usage: scripts/bench-align.sh [--no-hard] [--no-sync] [--no-hour] [--keep]
#   --no-hard  skip the harder variant (scripts/make-hard-audio.py: music-like background, a minute
#              of music with no speech, a long silent intro)
#   --no-sync  skip the sync check (truth shifted by +3.2 s and stretched by 25/23.976)
#   --no-hour  skip the speed and memory run on over an hour of audio (the snr10 files of seeds
#              1-3 of the Chinese truth joined by make-hour.py, 68.6 minutes, 1,194 lines): CPU
#              seconds, wall seconds and peak memory of `subkit align` beside ffmpeg decoding the
#              same file, in the same run
#   --keep     keep the candidate SRTs and score.py reports (the path is printed)
# Environment:
#   SEEDS             seeds to run (default "1 2 3 4 5")
#   CONDITIONS        audio files of each seed to align (default "clean snr20 snr10")
#   LANGS             transcripts to run: zh (the Chinese sample), en (the English narration);
#                     default "zh en"
#   SUBKIT_BENCH_DIR  cache of the generated truth, one seed-N/ folder per seed (default
#                     ${TMPDIR:-/tmp}/subkit-bench); a missing seed is made by
#                     scripts/bench-timing.sh's way (make_truth.sh, about half a minute a seed);
#                     the English truth goes to seed-N-en/.
# Needs: go, python3; espeak-ng and sox to make a truth or the hard variant.
# Output: a table on stdout: seed, condition, method, median / p90 start error (ms), % of starts
# within 100 ms and 250 ms, and CPU seconds per minute of audio (beside ffmpeg only decoding the
# same file, measured in the same run); then what sync found. Progress on stderr.
set -euo pipefail

die() { echo "bench-align: $*" >&2; exit 1; }
say() { echo "bench-align: $*" >&2; }

hard=1 sync=1 hour=1 keep=0
for arg in "$@"; do
  case $arg in
    --no-hard) hard=0 ;;
    --no-sync) sync=0 ;;
    --no-hour) hour=0 ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) die "unknown argument: $arg (see --help)" ;;
  esac
done

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
bench=$root/../shared/bench/timing
seeds=${SEEDS:-1 2 3 4 5}
langs=${LANGS:-zh en}
conditions=${CONDITIONS:-clean snr20 snr10}
cache=${SUBKIT_BENCH_DIR:-${TMPDIR:-/tmp}/subkit-bench}
command -v python3 >/dev/null || die "python3 not found (Debian: apt-get install python3)"
command -v go >/dev/null || die "go not found"
[ -f "$bench/score.py" ] || die "$bench/score.py not found: ../shared must sit beside the project"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/subkit-bench-align.XXXXXX")
cleanup() { if [ "$keep" = 1 ]; then say "kept candidates and reports in $tmp"; else rm -rf "$tmp"; fi; }
trap cleanup EXIT

say "building subkit"
(cd "$root" && go build -o "$tmp/subkit" ./cmd/subkit) || die "go build ./cmd/subkit failed"

wav_seconds() {
  python3 -c 'import sys,wave; w=wave.open(sys.argv[1]); print("%.3f" % (w.getnframes()/w.getframerate()))' "$1"
}

printf '%-5s %-9s %-28s %9s %9s %8s %8s %12s\n' seed audio method "median ms" "p90 ms" "<=100ms" "<=250ms" "cpu s/min"
# row SEED AUDIO METHOD TRUTH CANDIDATE [CPU_S_PER_MIN]
row() {
  local report=$tmp/score-$1-$2-${3//[^A-Za-z0-9]/_}.txt last
  python3 "$bench/score.py" "$4" "$5" >"$report" 2>&1 || { cat "$report" >&2; die "score.py failed: $1 $2 $3"; }
  last=$(tail -n 1 "$report")
  kv() { tr ' ' '\n' <<<"$last" | sed -n "s/^$1=//p"; }
  printf '%-5s %-9s %-28s %9s %9s %8s %8s %12s\n' "$1" "$2" "$3" "$(kv median_start_err_ms)" \
    "$(kv p90_start_err_ms)" "$(kv within100)" "$(kv within250)" "${6:--}"
}

# align SEED AUDIO WAV TRUTH: subkit generate --audio (--lang $lang), timed in CPU seconds.
align() {
  local seed=$1 name=$2 wav=$3 truth=$4 out=$tmp/$1-$2.srt secs t
  secs=$(wav_seconds "$wav")
  t=$( { /usr/bin/time -f '%U %S' "$tmp/subkit" generate -q --lang "$lang" --audio "$wav" -t srt -o "$out" "$transcript" 2>&1 >/dev/null; } | tail -n 1) \
    || die "seed $seed $name: subkit generate --audio failed: $t"
  local cpu
  cpu=$(python3 -c 'import sys; u,s=map(float,sys.argv[1].split()); print("%.2f" % ((u+s)/(float(sys.argv[2])/60)))' "$t" "$secs")
  row "$seed" "$name" "subkit generate --audio" "$truth" "$out" "$cpu"
}

# sync SEED AUDIO WAV TRUTH: the truth shifted by +3.2 s and stretched by 25/23.976, synced back.
sync_check() {
  local seed=$1 name=$2 wav=$3 truth=$4 bad=$tmp/$1-$2-bad.srt out=$tmp/$1-$2-synced.srt log
  python3 - "$truth" "$bad" <<'PY'
import re, sys
k = 25 / 23.976
def ms(t):
    h, m, s, f = map(int, re.match(r"(\d+):(\d+):(\d+),(\d+)", t.strip()).groups())
    return ((h * 60 + m) * 60 + s) * 1000 + f
def fmt(v):
    v = int(round(v))
    return "%02d:%02d:%02d,%03d" % (v // 3600000, v // 60000 % 60, v // 1000 % 60, v % 1000)
out = []
for block in open(sys.argv[1], encoding="utf-8").read().strip().split("\n\n"):
    l = block.split("\n")
    a, b = [ms(x) for x in l[1].split("-->")]
    out.append("\n".join([l[0], "%s --> %s" % (fmt(a * k + 3200), fmt(b * k + 3200))] + l[2:]))
open(sys.argv[2], "w", encoding="utf-8").write("\n\n".join(out) + "\n")
PY
  log=$("$tmp/subkit" sync --audio "$wav" -o "$out" "$bad" 2>&1) || die "seed $seed $name: subkit sync failed: $log"
  sync_rows+=("$(printf '%-5s %-9s %s' "$seed" "$name" "${log#*: sync: }")")
  row "$seed" "$name" "sync (+3.2 s, 25/23.976)" "$truth" "$out"
  # --split: the first 200 captions (half, if fewer than 400) 1.5 s late, the rest 8.5 s late
  # (7 s of advert cut out).
  python3 - "$truth" "$bad" <<'PY'
import re, sys
def ms(t):
    h, m, s, f = map(int, re.match(r"(\d+):(\d+):(\d+),(\d+)", t.strip()).groups())
    return ((h * 60 + m) * 60 + s) * 1000 + f
def fmt(v):
    return "%02d:%02d:%02d,%03d" % (v // 3600000, v // 60000 % 60, v // 1000 % 60, v % 1000)
out = []
blocks = open(sys.argv[1], encoding="utf-8").read().strip().split("\n\n")
for i, block in enumerate(blocks):
    l = block.split("\n")
    a, b = [ms(x) for x in l[1].split("-->")]
    d = 1500 if i < min(200, len(blocks) // 2) else 8500
    out.append("\n".join([l[0], "%s --> %s" % (fmt(a + d), fmt(b + d))] + l[2:]))
open(sys.argv[2], "w", encoding="utf-8").write("\n\n".join(out) + "\n")
PY
  out=$tmp/$1-$2-split.srt
  log=$("$tmp/subkit" sync --split --audio "$wav" -o "$out" "$bad" 2>&1) || die "seed $seed $name: subkit sync --split failed: $log"
  sync_rows+=("$(printf '%-5s %-9s %s' "$seed" "$name" "$(sed 's/^[^:]*: sync: //' <<<"$log" | paste -sd';' -)")")
  row "$seed" "$name" "sync --split (+1.5 s, +8.5 s)" "$truth" "$out"
}

# make_english SEED DIR: the English narration spoken by en-us with the benchmark's synthesizer.
make_english() {
  local partial
  command -v espeak-ng >/dev/null && command -v sox >/dev/null || die "espeak-ng and sox are needed to make the English truth"
  mkdir -p "$cache"
  partial=$(mktemp -d "$cache/.seed-$1-en.partial.XXXXXX")
  python3 -B "$bench/synth.py" --text "$root/testdata/narration-en.txt" --voice en-us --base-rate 170 \
    --seed "$1" --snr 20 --snr 10 --out "$partial" >"$tmp/make-en-$1.log" 2>&1 \
    || { cat "$tmp/make-en-$1.log" >&2; rm -rf "$partial"; die "synth.py failed for the English seed $1"; }
  mv -T "$partial" "$2" 2>/dev/null || rm -rf "$partial"
}

sync_rows=()
for lang in $langs; do
  case $lang in
    zh) transcript=$root/testdata/interview-zh.txt suffix= ;;
    en) transcript=$root/testdata/narration-en.txt suffix=-en ;;
    *) die "unknown language in LANGS: $lang (zh or en)" ;;
  esac
  for seed in $seeds; do
    dir=$cache/seed-$seed$suffix
    if [ ! -f "$dir/truth.srt" ]; then
      say "making the $lang truth for seed $seed"
      if [ "$lang" = zh ]; then
        SEEDS=$seed SUBKIT_BENCH_DIR=$cache bash "$here/bench-timing.sh" --baselines-only >/dev/null
      else
        make_english "$seed" "$dir"
      fi
    fi
    secs=$(wav_seconds "$dir/clean.wav")
    python3 "$here/bench-baselines.py" --duration "$secs" --text "$transcript" --chars "$tmp/$seed-chars.srt" \
      || die "bench-baselines.py failed"
    row "$seed$suffix" any "char-count split (known)" "$dir/truth.srt" "$tmp/$seed-chars.srt"
    for c in $conditions; do
      align "$seed$suffix" "$c" "$dir/$c.wav" "$dir/truth.srt"
    done
    if command -v ffmpeg >/dev/null; then
      # The yardstick: ffmpeg only decoding the same file to 16 kHz mono, as --audio does for
      # anything but WAV.
      t=$( { /usr/bin/time -f '%U %S' ffmpeg -nostdin -v error -i "$dir/snr10.wav" -ac 1 -ar 16000 -f s16le -y /dev/null 2>&1; } | tail -n 1)
      cpu=$(python3 -c 'import sys; u,s=map(float,sys.argv[1].split()); print("%.2f" % ((u+s)/(float(sys.argv[2])/60)))' "$t" "$secs")
      printf '%-5s %-9s %-28s %9s %9s %8s %8s %12s\n' "$seed$suffix" snr10 "ffmpeg decode only" - - - - "$cpu"
    fi
    if [ "$sync" = 1 ]; then
      sync_check "$seed$suffix" snr10 "$dir/snr10.wav" "$dir/truth.srt"
    fi
    if [ "$hard" = 1 ]; then
      hdir=$cache/hard-$seed$suffix
      if [ ! -f "$hdir/hard.wav" ]; then
        say "making the hard variant of seed $seed ($lang)"
        bash "$here/make-hard-audio.sh" "$dir" "$hdir" 2>/dev/null || die "make-hard-audio.sh failed for seed $seed ($lang)"
      fi
      align "$seed$suffix" hard "$hdir/hard.wav" "$hdir/truth.srt"
    fi
  done
done
if [ "${#sync_rows[@]}" -gt 0 ]; then
  echo
  echo "sync found (want offset -3.069 s = -3.2 s x 23.976/25, rate 0.959040; with --split, -1.500 s"
  echo "for captions 1-200 (the first half of a shorter file) and -8.500 s after):"
  printf '%s\n' "${sync_rows[@]}"
fi

# The hour: speed and memory of align on over an hour of audio, beside ffmpeg only decoding it.
if [ "$hour" = 1 ]; then
  pieces=()
  for seed in 1 2 3; do
    dir=$cache/seed-$seed
    if [ ! -f "$dir/truth.srt" ]; then
      say "making the zh truth for seed $seed"
      SEEDS=$seed SUBKIT_BENCH_DIR=$cache bash "$here/bench-timing.sh" --baselines-only >/dev/null
    fi
    pieces+=("$dir/snr10.wav:$dir/truth.srt:$root/testdata/interview-zh.txt")
  done
  python3 -B "$here/make-hour.py" --out "$tmp/hour" "${pieces[@]}" >&2 || die "make-hour.py failed"
  command -v ffmpeg >/dev/null || die "ffmpeg is needed for the hour's yardstick"
  # measure NAME CMD...: one line of CPU s, wall s and peak memory MB.
  measure() {
    local name=$1 t; shift
    t=$( { /usr/bin/time -f 'TIME %U %S %e %M' "$@" 2>&1 >/dev/null; } | grep '^TIME' | tail -n 1) || die "$name failed"
    read -r _ u s e m <<<"$t"
    python3 -c 'import sys; u,s,e,m=map(float,sys.argv[1:5]); print("%.2f %.2f %.0f" % (u+s, e, m/1024))' "$u" "$s" "$e" "$m"
  }
  ff=$(measure ffmpeg ffmpeg -nostdin -v error -i "$tmp/hour/hour.wav" -ac 1 -ar 16000 -f s16le -y /dev/null)
  al=$(measure "subkit align" "$tmp/subkit" align -q --audio "$tmp/hour/hour.wav" -t srt -o "$tmp/hour/align.srt" "$tmp/hour/hour.txt")
  echo
  echo "an hour and more (68.6 min, 1,194 lines): CPU s, wall s, peak memory MB; align / ffmpeg in brackets"
  read -r fc fw fm <<<"$ff"
  read -r ac aw am <<<"$al"
  printf '%-28s %8s %8s %8s\n' "" "cpu s" "wall s" "peak MB"
  printf '%-28s %8s %8s %8s\n' "ffmpeg decode only" "$fc" "$fw" "$fm"
  printf '%-28s %8s %8s %8s\n' "subkit align" "$ac" "$aw" "$am"
  python3 -c 'import sys; a=list(map(float,sys.argv[1:4])); f=list(map(float,sys.argv[4:7])); print("%-28s %7.0fx %7.0fx %7.1fx" % ("ratio", a[0]/max(f[0],0.01), a[1]/max(f[1],0.01), a[2]/max(f[2],1)))' "$ac" "$aw" "$am" "$fc" "$fw" "$fm"
  row hour snr10 "subkit align (the hour)" "$tmp/hour/truth.srt" "$tmp/hour/align.srt"
fi
