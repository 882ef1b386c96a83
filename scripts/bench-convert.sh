#!/usr/bin/env bash
# Conversion benchmark for `subkit convert`: SRT -> WebVTT on the data of
# ../shared/bench/convert/gen.py, wall time and peak RSS of subkit next to its peers, in one run.
#
# Usage: scripts/bench-convert.sh [--peers-only] [--full] [--runs N] [--no-batch] [--no-scale] [--keep]
#   --peers-only  do not build or run subkit; measure only the peers and the Go copy floor
#   --full        also run the node peers one process per file on the batch (10-20 min more
#                 on 2 cores), and once each over the whole batch in one process (--batch mode)
#   --runs N      run every measurement N times and keep the fastest (default 1)
#   --no-batch    skip (b), the 2,000-file batch
#   --no-scale    skip (c), the 10k / 100k / 1M-cue scaling files
#   --keep        keep the converted files (the path is printed)
# What it measures:
#   (a) big.srt (200,000 cues, 14.7 MB) -> WebVTT: subkit, ffmpeg, the npm `subtitle` package,
#       npm `subsrt-ts`, and a Go program that only reads and writes the bytes (the floor).
#   (b) batch/ (2,000 files x 600 cues): `subkit convert -r -t vtt -o OUT batch/` in one process
#       against ffmpeg one process per file with `xargs -P2` (and the node peers with --full).
#   (c) linear scaling: 10k, 100k and 1M-cue SRT files converted by subkit.
# Environment:
#   SUBKIT_BENCH_DIR  cache of generated data; this script uses its convert/ folder
#                     (default ${TMPDIR:-/tmp}/subkit-bench). Data is generated only when
#                     missing (gen.py's MANIFEST.txt marks a finished set; about 40 s, 100 MB;
#                     the scaling files about 30 s and 80 MB more).
#   SUBKIT            a subkit binary to measure instead of building ./cmd/subkit
# Needs: go, python3, GNU time at /usr/bin/time (Debian: apt-get install time); for the peers
#   ffmpeg (apt-get install ffmpeg) and node + npm (apt-get install nodejs npm), with the
#   packages of scripts/bench/ (installed here with `npm ci --prefix scripts/bench` when
#   missing). A missing peer is reported and its rows left out; the rest still runs.
# Output: a table on stdout: wall and CPU seconds, peak RSS, time ratio (tool / subkit, same case), and
#   peak RSS / input size. Progress on stderr. Every output is checked for its cue count; a
#   tool whose output is short is marked BAD in the table.
# Peak RSS of an `xargs -P2` run is that of its largest single process, not of the two together.
set -euo pipefail

die() { echo "bench-convert: $*" >&2; exit 1; }
say() { echo "bench-convert: $*" >&2; }

peers_only=0 full=0 runs=1 do_batch=1 do_scale=1 keep=0
while (($#)); do
  case $1 in
    --peers-only) peers_only=1 ;;
    --full) full=1 ;;
    --runs) [[ ${2-} =~ ^[1-9][0-9]*$ ]] || die "--runs needs a positive integer"; runs=$2; shift ;;
    --no-batch) do_batch=0 ;;
    --no-scale) do_scale=0 ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
  shift
done

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
gen=$root/../shared/bench/convert/gen.py
data=${SUBKIT_BENCH_DIR:-${TMPDIR:-/tmp}/subkit-bench}/convert
peers=$here/bench

# --- requirements -------------------------------------------------------------------------------
need() { # need TOOL HINT
  command -v "$1" >/dev/null 2>&1 || die "$1 not found; install it ($2)"
}
need go "https://go.dev/dl or the project's Go toolchain"
need python3 "Debian: apt-get install python3"
[ -x /usr/bin/time ] || die "/usr/bin/time not found: GNU time measures wall time and peak RSS (Debian: apt-get install time)"
/usr/bin/time -f '%e %M' true 2>/dev/null || die "/usr/bin/time is not GNU time (no -f); Debian: apt-get install time"
[ -f "$gen" ] || die "$gen not found: ../shared must sit beside the project"

have_ffmpeg=0 have_node=0
if command -v ffmpeg >/dev/null 2>&1; then
  have_ffmpeg=1
else
  say "ffmpeg not found: its rows are left out (Debian: apt-get install ffmpeg)"
fi
if ! command -v node >/dev/null 2>&1; then
  say "node not found: the subtitle and subsrt-ts rows are left out (Debian: apt-get install nodejs npm)"
elif [ ! -d "$peers/node_modules/subtitle" ] || [ ! -d "$peers/node_modules/subsrt-ts" ]; then
  if command -v npm >/dev/null 2>&1; then
    say "installing the node peers: npm ci --prefix scripts/bench"
    if npm ci --prefix "$peers" --no-audit --no-fund --loglevel=error >&2; then
      have_node=1
    else
      say "npm ci failed: the subtitle and subsrt-ts rows are left out"
    fi
  else
    say "npm not found and scripts/bench/node_modules missing: the node rows are left out (Debian: apt-get install npm)"
  fi
else
  have_node=1
fi

# --- data ---------------------------------------------------------------------------------------
mkdir -p "$(dirname "$data")"
if [ ! -f "$data/MANIFEST.txt" ]; then
  say "generating the benchmark data into $data (about 40 s)"
  rm -rf "$data.part"
  python3 "$gen" --out "$data.part" >&2
  rm -rf "$data"
  mv "$data.part" "$data"
fi
{ [ -f "$data/big.srt" ] && [ -d "$data/batch" ]; } || die "$data is incomplete; delete it to regenerate"

# scale_file N: an N-cue SRT made with gen.py's own cue generator, its pace compressed so the
# last cue stays below 100 hours (SRT's two-digit hours); only the timing differs from gen.py's.
scale_file() {
  local n=$1 f=$data/scale-$1.srt
  if [ ! -f "$f" ]; then
    say "generating $f"
    python3 - "$gen" "$n" "$f.part" <<'PY'
import importlib.util, random, sys
gen_path, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
spec = importlib.util.spec_from_file_location("gen", gen_path)
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)
# gen.py's big.srt: 200,000 cues at pace 0.45 end near 80 h.
pace = 0.45 * min(1.0, 200000 / n)
text, end = gen.gen_srt(random.Random(20240601 + n), n, pace=pace)
if end >= 100 * 3600 * 1000:
    sys.exit("scale file exceeds 99:59:59")
with open(out, "w", encoding="utf-8", newline="\n") as f:
    f.write(text)
PY
    mv "$f.part" "$f"
  fi
  printf '%s' "$f"
}

if ((do_scale && !peers_only)); then
  scale10k=$(scale_file 10000)
  scale100k=$(scale_file 100000)
  scale1m=$(scale_file 1000000)
fi

# --- builds -------------------------------------------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/subkit-bench-convert.XXXXXX")
if ((keep)); then
  trap 'say "kept the outputs in $tmp"' EXIT
else
  trap 'rm -rf "$tmp"' EXIT
fi
cd "$root"
say "building the Go copy floor"
go build -o "$tmp/copy" ./scripts/bench/copy
if ((!peers_only)); then
  if [ -n "${SUBKIT-}" ]; then
    [ -x "$SUBKIT" ] || die "SUBKIT=$SUBKIT is not an executable file"
    cp "$SUBKIT" "$tmp/subkit"
  else
    say "building subkit"
    go build -o "$tmp/subkit" ./cmd/subkit
  fi
  if ! "$tmp/subkit" convert --help >/dev/null 2>&1; then
    die "this subkit has no 'convert' command yet ($("$tmp/subkit" convert --help 2>&1 | head -1)); run with --peers-only to measure the peers alone"
  fi
fi

# --- measuring ----------------------------------------------------------------------------------
# Results, one row per measurement: case|tool|seconds|KB|input bytes|check
rows=()

# measure CASE TOOL INPUT_BYTES CHECK... -- CMD...: runs CMD under GNU time $runs times, keeps
# the fastest, then runs the command CHECK... (which prints "ok" or a reason) on what it wrote.
measure() {
  local case=$1 tool=$2 bytes=$3 check=()
  shift 3
  while [ "$1" != -- ]; do check+=("$1"); shift; done
  shift
  local best_s='' best_kb='' best_cpu='' i s kb u sy
  for ((i = 1; i <= runs; i++)); do
    if ((runs > 1)); then say "$case: $tool (run $i of $runs)"; else say "$case: $tool"; fi
    if ! /usr/bin/time -f '%e %M %U %S' -o "$tmp/time.out" "$@" >"$tmp/stdout" 2>"$tmp/stderr"; then
      say "$case: $tool failed:"
      sed 's/^/    /' "$tmp/stderr" | head -20 >&2
      rows+=("$case|$tool|-|-|-|$bytes|FAILED")
      return 0
    fi
    read -r s kb u sy <"$tmp/time.out"
    if [ -z "$best_s" ] || awk -v a="$s" -v b="$best_s" 'BEGIN{exit !(a<b)}'; then
      best_s=$s best_kb=$kb best_cpu=$(awk -v u="$u" -v s="$sy" 'BEGIN{printf "%.2f", u+s}')
    fi
  done
  rows+=("$case|$tool|$best_s|$best_cpu|$best_kb|$bytes|$("${check[@]}")")
}

# missing CASE TOOL HINT: a row saying a peer was not measured.
missing() { rows+=("$1|$2|-|-|-|${3}|MISSING: $4"); }

# cues_in FILE: the number of timing lines; count_ok FILE WANT: "ok" or what is wrong.
cues_in() { grep -c -- '-->' "$1" || true; }
count_ok() {
  local got
  [ -f "$1" ] || { echo "BAD: no output"; return; }
  got=$(cues_in "$1")
  if [ "$got" = "$2" ]; then echo ok; else echo "BAD: $got of $2 cues"; fi
}
# batch_ok DIR: every batch file converted, with all its cues.
batch_ok() {
  local n cues
  n=$(find "$1" -name '*.vtt' -type f | wc -l)
  cues=$(find "$1" -name '*.vtt' -type f -exec cat {} + | grep -c -- '-->' || true)
  if [ "$n" = "$batch_files" ] && [ "$cues" = "$batch_cues" ]; then echo ok; else echo "BAD: $n files, $cues cues"; fi
}
size_of() { stat -c %s "$1"; }

big=$data/big.srt
big_bytes=$(size_of "$big")
big_cues=$(cues_in "$big")
cat "$big" >/dev/null # warm the page cache for the first tool

out=$tmp/out
mkdir -p "$out"

# (a) one big file
if ((!peers_only)); then
  measure big subkit "$big_bytes" count_ok "$out/big-subkit.vtt" "$big_cues" -- \
    "$tmp/subkit" convert -t vtt -o "$out/big-subkit.vtt" "$big"
fi
if ((have_ffmpeg)); then
  measure big ffmpeg "$big_bytes" count_ok "$out/big-ffmpeg.vtt" "$big_cues" -- \
    ffmpeg -nostdin -v error -y -i "$big" "$out/big-ffmpeg.vtt"
else
  missing big ffmpeg "$big_bytes" "apt-get install ffmpeg"
fi
if ((have_node)); then
  measure big subtitle "$big_bytes" count_ok "$out/big-subtitle.vtt" "$big_cues" -- \
    node "$peers/subtitle-convert.js" "$big" "$out/big-subtitle.vtt"
  measure big subsrt-ts "$big_bytes" count_ok "$out/big-subsrt.vtt" "$big_cues" -- \
    node "$peers/subsrt-convert.js" "$big" "$out/big-subsrt.vtt"
else
  missing big subtitle "$big_bytes" "node and npm ci --prefix scripts/bench"
  missing big subsrt-ts "$big_bytes" "node and npm ci --prefix scripts/bench"
fi
measure big "go copy" "$big_bytes" count_ok "$out/big-copy.srt" "$big_cues" -- \
  "$tmp/copy" "$big" "$out/big-copy.srt"

# (b) the batch
if ((do_batch)); then
  batch=$data/batch
  batch_files=$(find "$batch" -name '*.srt' -type f | wc -l)
  batch_bytes=$(find "$batch" -name '*.srt' -type f -printf '%s\n' | awk '{s+=$1} END{print s}')
  batch_cues=$(find "$batch" -name '*.srt' -type f -exec cat {} + | grep -c -- '-->')
  per_file=$((batch_bytes / batch_files))
  find "$batch" -name '*.srt' -type f -exec cat {} + >/dev/null
  if ((!peers_only)); then
    measure batch "subkit -r (1 process)" "$batch_bytes" batch_ok "$out/batch-subkit" -- \
      "$tmp/subkit" convert -r -t vtt -o "$out/batch-subkit" "$batch/"
  fi
  # $tmp/per-file OUTDIR CMD...: runs CMD IN OUTDIR/NAME.vtt for every batch file, two at a time.
  cat >"$tmp/per-file" <<'SH'
#!/bin/sh
out=$1
shift
mkdir -p "$out"
find "$BATCH" -name '*.srt' -type f | sort |
  OUT=$out xargs -d '\n' -P2 -I{} sh -c 'exec "$@" "$0" "$OUT/$(basename "$0" .srt).vtt"' {} "$@"
SH
  # ffmpeg wants -i before its input: a wrapper takes IN OUT like the others.
  # shellcheck disable=SC2016
  printf '#!/bin/sh\nexec ffmpeg -nostdin -v error -y -i "$1" "$2"\n' >"$tmp/ffmpeg-convert"
  chmod +x "$tmp/per-file" "$tmp/ffmpeg-convert"
  export BATCH=$batch
  if ((have_ffmpeg)); then
    measure batch "ffmpeg per file, xargs -P2" "$per_file" batch_ok "$out/batch-ffmpeg" -- \
      "$tmp/per-file" "$out/batch-ffmpeg" "$tmp/ffmpeg-convert"
  else
    missing batch "ffmpeg per file, xargs -P2" "$per_file" "apt-get install ffmpeg"
  fi
  if ((have_node && full)); then
    for p in subtitle subsrt; do
      measure batch "$p per file, xargs -P2" "$per_file" batch_ok "$out/batch-$p" -- \
        "$tmp/per-file" "$out/batch-$p" node "$peers/$p-convert.js"
      measure batch "$p --batch (1 process)" "$batch_bytes" batch_ok "$out/batch-$p-1" -- \
        node "$peers/$p-convert.js" --batch "$batch" "$out/batch-$p-1"
    done
  fi
fi

# (c) scaling
if ((do_scale && !peers_only)); then
  for f in "$scale10k" "$scale100k" "$scale1m"; do
    n=$(basename "$f" .srt)
    n=${n#scale-}
    cat "$f" >/dev/null
    label=$((n / 1000))k
    [ "$n" = 1000000 ] && label=1M
    measure "scale-$label" subkit "$(size_of "$f")" count_ok "$out/$n.vtt" "$n" -- \
      "$tmp/subkit" convert -t vtt -o "$out/$n.vtt" "$f"
    rm -f "$out/$n.vtt"
  done
fi

# --- table --------------------------------------------------------------------------------------
{
  echo "bench-convert: SRT -> WebVTT, fastest of $runs run(s); data in $data"
  printf '%-11s %-28s %8s %8s %8s %9s %9s %7s  %s\n' case tool "wall s" "cpu s" "RSS MB" input "÷subkit" "RSS/in" check
  for r in "${rows[@]}"; do
    IFS='|' read -r c tool s cpu kb bytes check <<<"$r"
    sub=
    for r2 in "${rows[@]}"; do
      IFS='|' read -r c2 tool2 s2 _ <<<"$r2"
      if [ "$c2" = "$c" ] && [[ $tool2 == subkit* ]] && [ "$s2" != - ]; then sub=$s2; fi
    done
    [[ $c == scale-* ]] && sub= # one tool per scaling case: see the per-cue line below
    awk -v c="$c" -v t="$tool" -v s="$s" -v cpu="$cpu" -v kb="$kb" -v b="$bytes" -v sk="$sub" -v chk="$check" 'BEGIN{
      in_ = b >= 1e6 ? sprintf("%.1f MB", b/1e6) : sprintf("%.0f KB", b/1e3)
      if (s == "-") { printf "%-11s %-28s %8s %8s %8s %9s %9s %7s  %s\n", c, t, "-", "-", "-", in_, "-", "-", chk; exit }
      ratio = (sk != "" && sk + 0 > 0) ? sprintf("%.2f", s/sk) : "-"
      printf "%-11s %-28s %8.2f %8.2f %8.1f %9s %9s %7.1f  %s\n", c, t, s, cpu, kb/1024, in_, ratio, kb*1024/b, chk
    }'
  done
  scaling=
  for r in "${rows[@]}"; do
    IFS='|' read -r c _ s _ kb _ <<<"$r"
    if [[ $c != scale-* ]] || [ "$s" = - ]; then continue; fi
    n=${c#scale-}
    n=${n/k/000}
    n=${n/M/000000}
    scaling+=$(awk -v c="${c#scale-}" -v n="$n" -v s="$s" -v kb="$kb" 'BEGIN{printf "  %s: %.1f µs, %.2f KB", c, s*1e6/n, kb/n}')
  done
  [ -z "$scaling" ] || echo "scaling, wall time and peak RSS per cue (linear when they agree):$scaling"
  echo "wall s: elapsed; cpu s: user + system, children included (steadier than wall time on a busy"
  echo "machine). ÷subkit: wall time over subkit's in the same case. RSS/in: peak RSS over the input"
  echo "one process holds (one file for per-file runs, the whole batch for one-process runs)."
  read -r load1 _ </proc/loadavg
  # The two-at-a-time batch runs leave a load near the core count by themselves.
  if awk -v l="$load1" -v n="$(nproc)" 'BEGIN{exit !(l > n + 0.5)}'; then
    echo "warning: load average $load1 on $(nproc) cores at the end: other processes competed, wall times are unreliable"
  fi
}
