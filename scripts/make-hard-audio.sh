#!/usr/bin/env bash
# Makes a harder variant of a timing-benchmark seed (../shared/bench/timing/make_truth.sh) for
# scripts/bench-align.sh: a 45 s silent intro, a music-like bed (plucked chords and a beat) 10 dB
# under the speech throughout, and a minute of the same music at the speech's level, with no
# speech, inserted at a line break in the middle. The truth is moved to match.
#
# Usage: scripts/make-hard-audio.sh SEED_DIR OUT_DIR
#   SEED_DIR  a folder with clean.wav, truth.srt and meta.json from make_truth.sh
#   OUT_DIR   gets hard.wav (16 kHz mono) and truth.srt
# Needs: sox, python3 (Debian: apt-get install sox python3).
set -euo pipefail
die() { echo "make-hard-audio: $*" >&2; exit 1; }
[ $# -eq 2 ] || die "usage: $0 SEED_DIR OUT_DIR"
src=$1 out=$2
for f in clean.wav truth.srt meta.json; do [ -f "$src/$f" ] || die "$src/$f not found"; done
command -v sox >/dev/null || die "sox not found (Debian: apt-get install sox)"
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
intro=45 music=60 rate=16000
S="-r $rate -b 16 -e signed"

# An 8 s phrase: four plucked chords (C, Am, F, G) and a beat every half second.
i=0
for chord in "C3 E3 G3 C4" "A2 E3 A3 C4" "F2 A3 C4 F4" "G2 B3 D4 G4"; do
  set -- $chord
  sox -n $S -c 4 "$tmp/ch$i.wav" synth 2 pluck "$1" pluck "$2" pluck "$3" pluck "$4" remix - fade q 0.01 2 0.2
  i=$((i + 1))
done
sox "$tmp"/ch0.wav "$tmp"/ch1.wav "$tmp"/ch2.wav "$tmp"/ch3.wav "$tmp/chords.wav"
sox -n $S -c 1 "$tmp/tick.wav" synth 0.04 brownnoise fade q 0.002 0.04 0.035 pad 0 0.46 repeat 15
sox -m "$tmp/chords.wav" -v 0.5 "$tmp/tick.wav" "$tmp/phrase.wav" norm -3

# Split the speech at the line break nearest its middle.
cut=$(python3 - "$src/truth.srt" <<'PY'
import re, sys
ts = [list(map(int, m)) for m in re.findall(r"(\d+):(\d+):(\d+),(\d+) --> (\d+):(\d+):(\d+),(\d+)", open(sys.argv[1]).read())]
sec = lambda h, m, s, ms: h * 3600 + m * 60 + s + ms / 1000
k = len(ts) // 2
print("%.3f" % ((sec(*ts[k - 1][4:]) + sec(*ts[k][:4])) / 2))
PY
)
speech_len=$(soxi -D "$src/clean.wav")
sox "$src/clean.wav" "$tmp/a.wav" trim 0 "$cut"
sox "$src/clean.wav" "$tmp/b.wav" trim "$cut"
sox -n $S -c 1 "$tmp/intro.wav" trim 0 "$intro"
sox -n $S -c 1 "$tmp/gap.wav" trim 0 "$music"
sox "$tmp/intro.wav" "$tmp/a.wav" "$tmp/gap.wav" "$tmp/b.wav" "$tmp/speech.wav"

# The music: the bed from the end of the intro to the end, 10 dB under the speech (power over
# the speech intervals, from meta.json), and the minute of music at the speech's level.
total=$(soxi -D "$tmp/speech.wav")
reps=$(python3 -c "import math,sys; print(math.ceil(float(sys.argv[1]) / 8))" "$total")
sox "$tmp/phrase.wav" "$tmp/long.wav" repeat "$reps"
speech_db=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['speech_rms_dbfs'])" "$src/meta.json")
phrase_db=$(sox "$tmp/phrase.wav" -n stats 2>&1 | awk '/RMS lev dB/ {print $4}')
bed_gain=$(python3 -c "import sys; print('%.2f' % (float(sys.argv[1]) - 10 - float(sys.argv[2])))" "$speech_db" "$phrase_db")
loud_gain=$(python3 -c "import sys; print('%.2f' % (float(sys.argv[1]) - float(sys.argv[2])))" "$speech_db" "$phrase_db")
sox "$tmp/long.wav" "$tmp/bed.wav" trim 0 "$(python3 -c "import sys; print(float(sys.argv[1]) - $intro)" "$total")" gain "$bed_gain" pad "$intro" 0
sox "$tmp/phrase.wav" "$tmp/minute.wav" repeat 7 trim 0 "$music" gain "$loud_gain" pad "$(python3 -c "import sys; print($intro + float(sys.argv[1]))" "$cut")" 0
sox -m "$tmp/speech.wav" "$tmp/bed.wav" "$tmp/minute.wav" $S -c 1 "$out/hard.wav"

# The truth, moved by the intro, and by the minute after the cut.
python3 - "$src/truth.srt" "$out/truth.srt" "$cut" "$intro" "$music" <<'PY'
import re, sys
src, dst, cut, intro, music = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
def ms(t):
    h, m, s, f = map(int, re.match(r"(\d+):(\d+):(\d+),(\d+)", t).groups())
    return ((h * 60 + m) * 60 + s) * 1000 + f
def fmt(v):
    return "%02d:%02d:%02d,%03d" % (v // 3600000, v // 60000 % 60, v // 1000 % 60, v % 1000)
out = []
for block in open(src, encoding="utf-8").read().strip().split("\n\n"):
    lines = block.split("\n")
    a, b = [ms(x.strip()) for x in lines[1].split("-->")]
    d = int(intro * 1000) + (int(music * 1000) if a > cut * 1000 else 0)
    out.append("\n".join([lines[0], "%s --> %s" % (fmt(a + d), fmt(b + d))] + lines[2:]))
open(dst, "w", encoding="utf-8").write("\n\n".join(out) + "\n")
PY
echo "make-hard-audio: wrote $out/hard.wav ($(soxi -d "$out/hard.wav")) and $out/truth.srt; speech split at ${cut} s of $speech_len s" >&2
