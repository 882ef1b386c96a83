#!/usr/bin/env python3
"""transcript-fit.py - does a transcript fit its clip? A check for candidate clips of the
real-speech sets (see docs/align-heldback.md) whose only text is a model's output.

    scripts/transcript-fit.py CLIP LANG TEXT      # LANG: en or zh

Prints the speech span (build.py's onset and offset), the floor-to-loud range (under about
20 dB the energy onset that is the truth cannot be trusted), the syllables of TEXT (Mandarin:
Han characters; English: vowel groups per word, two per digit), syllables a second, and the
energy peaks of the clip in 300-2500 Hz (10 ms RMS every 10 ms, smoothed over 50 ms; a peak
counts when it stands 3 dB over the last dip and a third of the way from floor to loud).
Read speech gives about one peak a syllable (0.9-1.2); far more peaks than syllables means
words are missing from TEXT, far fewer means words are extra or the clip is cut.

Needs python3, sox, and ../shared/bench/realspeech/build.py beside the project.
"""
import math
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "shared", "bench", "realspeech"))
import build  # noqa: E402  (the real-speech set's own onset rule)


def syllables(text, lang):
    if lang == "zh":
        return len(re.findall(r"[\u4e00-\u9fff]", text))
    n = 0
    for w in re.findall(r"[A-Za-z']+", text):
        w = w.lower()
        k = len(re.findall(r"[aeiouy]+", w))
        if w.endswith("e") and k > 1 and not w.endswith(("le", "ee")):
            k -= 1                                    # silent final e
        n += max(1, k)
    return n + 2 * len(re.findall(r"\d", text))


def peaks(wav):
    raw = subprocess.run(["sox", "-R", wav, "-t", "raw", "-r", "16000", "-b", "16", "-c", "1",
                          "-e", "signed", "-", "sinc", "300-2500"], capture_output=True, check=True).stdout
    a = build.samples(raw)
    d = [10 * math.log10(sum(x * x for x in a[i:i + 400]) / 400 + 1) for i in range(0, len(a) - 400, 160)]
    s = [sum(d[max(0, i - 2):i + 3]) / len(d[max(0, i - 2):i + 3]) for i in range(len(d))]
    if len(s) < 3:
        return 0
    floor, loud = build.pct(s, 10), build.pct(s, 95)
    thr = floor + 0.35 * (loud - floor)
    n, dip = 0, s[0]
    for i in range(1, len(s) - 1):
        if s[i] >= s[i - 1] and s[i] > s[i + 1] and s[i] > thr and s[i] - dip >= 3:
            n, dip = n + 1, s[i]
        dip = min(dip, s[i])
    return n


def main():
    if len(sys.argv) != 4 or sys.argv[2] not in ("en", "zh"):
        sys.exit(__doc__)
    clip, lang, text = sys.argv[1:]
    with tempfile.TemporaryDirectory() as tmp:
        wav = os.path.join(tmp, "clip.wav")
        try:
            build.to16k(clip, wav)
        except subprocess.CalledProcessError:
            sys.exit("transcript-fit: %s: sox cannot read it" % clip)
        o = build.measure(wav)
        p = peaks(wav)
    span = o["offset"] - o["onset"]
    u = syllables(text, lang)
    print("%s: speech %.2f-%.2f s (%.2f s), floor-to-loud %.1f dB, %d syllables, %.1f a second, "
          "%d energy peaks (%.2f a syllable)" % (clip, o["onset"], o["offset"], span, o["loud_db"] - o["floor_db"],
                                                 u, u / span if span > 0 else 0, p, p / u if u else 0))


if __name__ == "__main__":
    main()
