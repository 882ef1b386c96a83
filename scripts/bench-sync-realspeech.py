#!/usr/bin/env python3
"""bench-sync-realspeech.py --subkit BIN --dir REALSPEECH_BUILD [--jobs N]

How well `subkit sync --audio` puts captions back on real recorded voices.
For every track of the realspeech build (tracks.tsv) the true captions are
spoilt in known ways, and sync is asked to undo it:

  fps     +3.2 s and stretched by 25/23.976 (a track timed at 25 fps played
          at 23.976), so the wanted rate is 23.976/25 = 0.959040
  shift   -0.4 s and nothing else (wanted: offset +0.4 s, rate 1)
  drift   +2.0 s and stretched by 1.0008 (a clock drift of 0.08 %, in no
          list of frame rates)

If the spoilt times are k*t + d, the wanted map is t/k - d/k. The table
gives, per track and spoiling, the rate error (found rate * k - 1, in %),
the offset error (found offset + d/k, ms) and the worst start error after
sync against the truth (ms); then the worst of each per condition.
Standard library only.
"""
import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile

SPOILS = [("fps", 25 / 23.976, 3.2), ("shift", 1.0, -0.4), ("drift", 1.0008, 2.0)]
_TS = re.compile(r"(\d+):(\d{1,2}):(\d{1,2})[,.](\d{1,3})")


def parse_t(s):
    h, m, se, ms = _TS.search(s).groups()
    return (int(h) * 60 + int(m)) * 60 + int(se) + int(ms.ljust(3, "0")) / 1000.0


def fmt(t):
    v = max(0, int(round(t * 1000)))
    return "%02d:%02d:%02d,%03d" % (v // 3600000, v // 60000 % 60, v // 1000 % 60, v % 1000)


def read_srt(path):
    with open(path, encoding="utf-8-sig") as f:
        data = f.read().replace("\r\n", "\n")
    cues = []
    for block in re.split(r"\n\s*\n", data.strip()):
        ls = block.split("\n")
        k = next(i for i, l in enumerate(ls) if "-->" in l)
        a, b = ls[k].split("-->", 1)
        cues.append((parse_t(a), parse_t(b), "\n".join(ls[k + 1:])))
    return cues


def write_srt(path, cues):
    with open(path, "w", encoding="utf-8") as f:
        for i, (a, b, text) in enumerate(cues, 1):
            f.write("%d\n%s --> %s\n%s\n\n" % (i, fmt(a), fmt(b), text))


def run(job):
    subkit, tmp, name, audio, truth, spoil = job
    label, k, d = spoil
    cues = read_srt(truth)
    bad = os.path.join(tmp, "%s-%s-in.srt" % (name, label))
    out = os.path.join(tmp, "%s-%s-out.srt" % (name, label))
    write_srt(bad, [(a * k + d, b * k + d, t) for a, b, t in cues])
    p = subprocess.run([subkit, "sync", "--min-confidence", "0", "--audio", audio, "-o", out, bad],
                       capture_output=True, text=True)
    log = p.stdout + p.stderr
    m = re.search(r"offset ([-+0-9.]+) s, rate ([0-9.]+)", log)
    if p.returncode != 0 or not m:
        return name, label, None, log.strip()
    off, rate = float(m.group(1)), float(m.group(2))
    got = read_srt(out)
    if len(got) != len(cues):
        return name, label, None, "sync wrote %d cues for %d" % (len(got), len(cues))
    worst = max(abs(g[0] - c[0]) for g, c in zip(got, cues))
    conf = re.search(r"confidence ([0-9.]+)", log)
    return name, label, (100 * (rate * k - 1), 1000 * (off + d / k), 1000 * worst,
                         float(conf.group(1)) if conf else float("nan")), ""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--subkit", required=True)
    ap.add_argument("--dir", required=True, help="the realspeech build folder (holds tracks.tsv)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--conditions", nargs="*", help="only these conditions (default: all)")
    args = ap.parse_args()
    rows = []
    with open(os.path.join(args.dir, "tracks.tsv"), encoding="utf-8") as f:
        for line in f.read().splitlines()[1:]:
            lang, seed, cond, audio, truth, _ = line.split("\t")
            if args.conditions and cond not in args.conditions:
                continue
            name = "%s-%s-%s" % (lang, seed, cond) if seed != "-" else "%s-%s" % (cond, os.path.dirname(audio))
            rows.append((name, cond, os.path.join(args.dir, audio), os.path.join(args.dir, truth)))
    with tempfile.TemporaryDirectory(prefix="subkit-bench-sync.") as tmp:
        jobs = [(args.subkit, tmp, n, a, t, s) for n, _, a, t in rows for s in SPOILS]
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
            results = list(ex.map(run, jobs))
    print("%-26s %-6s %12s %12s %12s %6s" % ("track", "spoil", "rate err %", "offset ms", "worst ms", "conf"))
    worst = {}
    failed = 0
    for (name, label, r, err), (_, cond, _, _) in zip(results, [(n, c, a, t) for n, c, a, t in rows for _ in SPOILS]):
        if r is None:
            failed += 1
            print("%-26s %-6s failed: %s" % (name, label, err.replace("\n", " | ")))
            continue
        print("%-26s %-6s %+12.4f %+12.1f %12.1f %6.2f" % ((name, label) + r))
        lang = name.split("-")[0] if cond != "whole" else "en"
        for key in ((lang, cond, label), (lang, cond, "all")):
            w = worst.setdefault(key, [0, 0, 0])
            w[0], w[1], w[2] = max(w[0], abs(r[0])), max(w[1], abs(r[1])), max(w[2], r[2])
    print()
    print("worst per language and condition over the seeds (want rate <= 0.01 %, offset <= 20 ms);")
    print("rate error % / offset error ms / worst start after sync ms, per spoiling:")
    labels = [s[0] for s in SPOILS]
    print("%-4s %-7s" % ("lang", "cond") + "".join(" %-20s" % l for l in labels + ["all"]))
    for lang, cond in sorted({(k[0], k[1]) for k in worst}):
        cells = []
        for l in labels + ["all"]:
            w = worst.get((lang, cond, l))
            cells.append(" %-20s" % ("%.3f / %.0f / %.0f" % tuple(w) if w else "-"))
        print("%-4s %-7s" % (lang, cond) + "".join(cells))
    if failed:
        print("%d runs failed" % failed)


if __name__ == "__main__":
    main()
