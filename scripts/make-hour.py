#!/usr/bin/env python3
"""Joins recordings end to end into one long track with its transcript and truth, for measuring
how fast and lean alignment is on an hour of audio.

Usage: make-hour.py --out DIR [--minutes 60] AUDIO:TRUTH.srt:TRANSCRIPT.txt ...
The pieces are taken in order, and again from the first, until the track is at least --minutes
long. All must be 16-bit mono WAV at one rate. Writes DIR/hour.wav, DIR/hour.txt (the
transcripts one after another) and DIR/truth.srt (each piece's truth moved to where it lies).
"""
import argparse, os, re, sys, wave

def ms(t):
    h, m, s, f = map(int, re.match(r"(\d+):(\d+):(\d+)[,.](\d+)", t.strip()).groups())
    return ((h * 60 + m) * 60 + s) * 1000 + f

def fmt(v):
    v = int(round(v))
    return "%02d:%02d:%02d,%03d" % (v // 3600000, v // 60000 % 60, v // 1000 % 60, v % 1000)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--minutes", type=float, default=60)
    ap.add_argument("pieces", nargs="+")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    wav_path = os.path.join(a.out, "hour.wav")
    tmp = wav_path + ".partial"
    out = None
    rate = None
    frames = 0
    cues, text = [], []
    i = 0
    while rate is None or frames < a.minutes * 60 * rate:
        audio, truth, transcript = a.pieces[i % len(a.pieces)].split(":")
        i += 1
        with wave.open(audio) as w:
            if w.getnchannels() != 1 or w.getsampwidth() != 2:
                sys.exit("make-hour: %s: want 16-bit mono" % audio)
            if out is None:
                rate = w.getframerate()
                out = wave.open(tmp, "wb")
                out.setnchannels(1)
                out.setsampwidth(2)
                out.setframerate(rate)
            elif w.getframerate() != rate:
                sys.exit("make-hour: %s: rate %d, want %d" % (audio, w.getframerate(), rate))
            n = w.getnframes()
            out.writeframes(w.readframes(n))
        base = frames * 1000 / rate
        for block in open(truth, encoding="utf-8").read().strip().split("\n\n"):
            l = block.split("\n")
            s, e = [ms(x) for x in l[1].split("-->")]
            cues.append((s + base, e + base, l[2:]))
        text.append(open(transcript, encoding="utf-8").read().strip("\n"))
        frames += n
    out.close()
    os.replace(tmp, wav_path)
    with open(os.path.join(a.out, "hour.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(text) + "\n")
    with open(os.path.join(a.out, "truth.srt"), "w", encoding="utf-8") as f:
        for k, (s, e, l) in enumerate(cues):
            f.write("%d\n%s --> %s\n%s\n\n" % (k + 1, fmt(s), fmt(e), "\n".join(l)))
    print("%s: %.1f min, %d lines" % (wav_path, frames / rate / 60, len(cues)))

main()
