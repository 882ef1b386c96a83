#!/usr/bin/env bash
# make-shots-video.sh DIR [REPEATS] [SIZE]: writes DIR/hour.mp4, a 1080p
# 23.976 fps H.264 video of REPEATS (default 72, about an hour) copies of a
# 50-second clip of eight shots from ffmpeg's test sources with light film
# grain, and DIR/truth.txt, the frame each shot starts on (one a line).
# Only the 50-second clip is encoded; the copies are joined without
# re-encoding, so the hour takes a few minutes to make.
set -euo pipefail
dir=${1:?usage: make-shots-video.sh DIR [REPEATS] [WIDTHxHEIGHT]}
reps=${2:-72}
size=${3:-1920x1080}
mkdir -p "$dir"
r=24000/1001
# source and frames, in order; consecutive shots differ.
srcs=(
	"testsrc2=s=$size:r=$r"
	"gradients=s=$size:r=$r:speed=0.02:seed=1"
	"life=s=$size:r=$r:mold=10:ratio=0.1:seed=7"
	"smptehdbars=s=$size:r=$r"
	"cellauto=s=$size:r=$r:rule=30"
	"rgbtestsrc=s=$size:r=$r"
	"gradients=s=$size:r=$r:speed=0.01:c0=0x602010:c1=0x10a0e0:seed=3"
	"color=c=0x203040:s=$size:r=$r"
)
lens=(173 131 197 89 151 113 211 137)
args=() chain="" total=0
: >"$dir/clip-cuts.txt"
for i in "${!srcs[@]}"; do
	args+=(-f lavfi -i "${srcs[$i]},trim=end_frame=${lens[$i]},setpts=PTS-STARTPTS,format=yuv420p,setsar=1")
	chain+="[$i]"
	[ "$total" -gt 0 ] && echo "$total" >>"$dir/clip-cuts.txt"
	total=$((total + lens[i]))
done
if [ ! -s "$dir/clip.mp4" ]; then
	nice ffmpeg -nostdin -v error -y "${args[@]}" \
		-filter_complex "${chain}concat=n=${#srcs[@]},noise=alls=5:allf=t[v]" -map "[v]" \
		-c:v libx264 -preset veryfast -crf 23 -g 48 "$dir/clip.mp4.tmp.mp4"
	mv "$dir/clip.mp4.tmp.mp4" "$dir/clip.mp4"
fi
: >"$dir/list.txt"
: >"$dir/truth.txt"
for ((k = 0; k < reps; k++)); do
	echo "file 'clip.mp4'" >>"$dir/list.txt"
	off=$((k * total))
	[ "$k" -gt 0 ] && echo "$off" >>"$dir/truth.txt"
	while read -r c; do echo $((off + c)) >>"$dir/truth.txt"; done <"$dir/clip-cuts.txt"
done
nice ffmpeg -nostdin -v error -y -f concat -safe 0 -i "$dir/list.txt" -c copy "$dir/hour.mp4"
echo "$dir/hour.mp4: $((reps * total)) frames, $(wc -l <"$dir/truth.txt") cuts"
