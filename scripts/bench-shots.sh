#!/usr/bin/env bash
# bench-shots.sh DIR [REPEATS] [TOOLS]: shot-change detection against its
# peers on a made video with known cuts (scripts/make-shots-video.sh; 72
# repeats is an hour of 1080p H.264, made in DIR if missing; DIR is never
# in the repository).
#
# TOOLS (comma-separated, default all):
#   decode   ffmpeg's plain decode of the video (-f null): the floor every
#            detector that looks at every frame stands on
#   subkit   subkit shots VIDEO
#   scdet    ffmpeg's scdet filter at full size (threshold 10), as ffmpeg
#            users run it
#   scdet64  scdet on the same 64x36 frames, without the loop filter, as
#            subkit decodes them
# Prints, per tool, wall and CPU seconds (user+sys), real time over wall
# and over CPU/2 (what 2 idle cores would give), and, for detectors, cuts
# found on the exact frame, within 1 frame, missed and false.
set -euo pipefail
dir=${1:?usage: bench-shots.sh DIR [REPEATS] [TOOLS]}
reps=${2:-72}
tools=${3:-decode,subkit,scdet,scdet64}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
sub="$dir/reps$reps"
[ -s "$sub/hour.mp4" ] || {
	mkdir -p "$sub"
	[ -s "$dir/clip.mp4" ] && [ ! -e "$sub/clip.mp4" ] && ln "$dir/clip.mp4" "$sub/clip.mp4"
	bash "$here/make-shots-video.sh" "$sub" "$reps"
}
video="$sub/hour.mp4"
(cd "$root" && go build -o "$sub/subkit" ./cmd/subkit)
dur=$(ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$video")
echo "video: $video, ${dur}s, $(wc -l <"$sub/truth.txt") cuts; load average $(cut -d' ' -f1-3 /proc/loadavg)"

run() { # run NAME OUTFILE CMD...: times CMD, its stdout to OUTFILE
	local name=$1 out=$2
	shift 2
	/usr/bin/time -f "%e %U %S" -o "$sub/$name.time" "$@" >"$out"
	read -r wall user sys <"$sub/$name.time"
	python3 - "$name" "$dur" "$wall" "$user" "$sys" <<'PY'
import sys
name, dur, wall, user, sys_ = sys.argv[1], *map(float, sys.argv[2:])
cpu = user + sys_
print(f"{name:8s} wall {wall:8.1f}s  cpu {cpu:8.1f}s  x{dur/wall:6.1f} real time (wall)  x{dur/(cpu/2):6.1f} (cpu/2)", end="")
PY
}

score() { # score FRAMES_FILE: cuts against the truth
	python3 - "$sub/truth.txt" "$1" <<'PY'
import sys
truth = [int(l) for l in open(sys.argv[1]) if l.strip()]
got = []
for l in open(sys.argv[2]):
    l = l.strip()
    if l and l[0].isdigit():
        got.append(int(l.split()[0].rstrip("f")))
t = set(truth)
exact = sum(1 for g in got if g in t)
near = {g for g in got if g in t or g - 1 in t or g + 1 in t}
within1 = sum(1 for c in truth if c in near or c - 1 in near or c + 1 in near)
print(f"  cuts {len(got)}: exact {exact}/{len(truth)}, within 1 frame {within1}, missed {len(truth) - within1}, false {len(got) - len(near)}")
PY
}

for tool in ${tools//,/ }; do
	case $tool in
	decode)
		run decode /dev/null nice ffmpeg -nostdin -v error -i "$video" -an -f null -
		echo
		;;
	subkit)
		run subkit "$sub/subkit.txt" nice "$sub/subkit" shots "$video"
		score "$sub/subkit.txt"
		;;
	scdet | scdet64)
		vf="scdet=threshold=10"
		pre=()
		if [ "$tool" = scdet64 ]; then
			vf="scale=64:36:flags=area,$vf"
			pre=(-skip_loop_filter all)
		fi
		run "$tool" /dev/null nice ffmpeg -nostdin -v error "${pre[@]}" -an -i "$video" \
			-vf "$vf,metadata=mode=print:key=lavfi.scd.time:file=$sub/$tool.meta" -f null -
		grep -o '^frame:[0-9]*' "$sub/$tool.meta" | cut -d: -f2 >"$sub/$tool.txt" || true
		score "$sub/$tool.txt"
		;;
	*) echo "unknown tool $tool" >&2; exit 2 ;;
	esac
done
