#!/usr/bin/env bash
# Peak memory of `subkit check` on files of flash captions (0.1 s each, so
# every caption breaks two rules): 1M and 2M captions, human and --json
# output. The report is written as it is found, so peak RSS should follow
# the file's size, not the number of findings.
#
# Usage: scripts/bench-check-memory.sh [COUNT...]   (default: 1000000 2000000)
# Environment:
#   SUBKIT       the binary to measure (default: built from ./cmd/subkit)
#   SUBKIT_PEER  a second binary measured in the same run (an older build), optional
#   SUBKIT_BENCH_DIR  where the generated files are kept (default ${TMPDIR:-/tmp}/subkit-bench)
# Needs: go, awk, GNU time at /usr/bin/time (Debian: apt-get install time).
# Output: one row per binary, count and output form: wall seconds, peak RSS MB, file MB.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${SUBKIT_BENCH_DIR:-${TMPDIR:-/tmp}/subkit-bench}/check
mkdir -p "$dir"
if [[ -z ${SUBKIT:-} ]]; then
	SUBKIT=$dir/subkit
	go build -o "$SUBKIT" ./cmd/subkit
fi
counts=("$@")
[[ ${#counts[@]} -gt 0 ]] || counts=(1000000 2000000)
bins=("$SUBKIT")
[[ -n ${SUBKIT_PEER:-} ]] && bins+=("$SUBKIT_PEER")
printf '%-40s %9s %-6s %8s %10s %8s\n' binary captions output wall_s peak_MB file_MB
for n in "${counts[@]}"; do
	f=$dir/flash-$n.srt
	if [[ ! -s $f ]]; then
		echo "generating $f" >&2
		awk -v n="$n" 'function ts(ms) { return sprintf("%02d:%02d:%02d,%03d", int(ms/3600000), int(ms/60000)%60, int(ms/1000)%60, ms%1000) }
			BEGIN { for (i = 0; i < n; i++) printf "%d\n%s --> %s\nflash %d\n\n", i+1, ts(i*200), ts(i*200+100), i }' > "$f.tmp"
		mv "$f.tmp" "$f"
	fi
	size=$(( $(stat -c %s "$f") / 1000000 ))
	for bin in "${bins[@]}"; do
		for form in human json; do
			args=(check)
			[[ $form == json ]] && args+=(--json)
			/usr/bin/time -f '%e %M' -o "$dir/time.txt" "$bin" "${args[@]}" "$f" > /dev/null || true
			read -r wall kb < <(tail -n 1 "$dir/time.txt") # check exits 1: findings
			printf '%-40s %9d %-6s %8s %10d %8d\n' "$bin" "$n" "$form" "$wall" $((kb / 1000)) "$size"
		done
	done
done
