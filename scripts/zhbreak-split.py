#!/usr/bin/env python3
"""Split ../shared/bench/zhbreak/dev.tsv into a tuning half and a held-back half by video.

Usage: scripts/zhbreak-split.py DEV.tsv OUTDIR   writes OUTDIR/tune.tsv and OUTDIR/held.tsv.

A row's video is its file's YEAR/VIDEO folder; a video goes to the held-back half when the
first byte of the MD5 of its name is odd, so the split is fixed and both scripts (Simplified
and Traditional files) of one video fall in the same half. Tune breaking rules on tune.tsv
only and score held.tsv once, at the end.
"""
import hashlib
import os
import sys

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
halves = {"tune": [], "held": []}
header = []
with open(src, encoding="utf-8") as f:
    for line in f:
        if line.startswith("#"):
            header.append(line)
            continue
        path = line.rstrip("\n").split("\t")[2]
        video = "/".join(path.split("/")[:2])
        odd = hashlib.md5(video.encode()).digest()[0] % 2 == 1
        halves["held" if odd else "tune"].append(line)
for name, rows in halves.items():
    with open(os.path.join(out, name + ".tsv"), "w", encoding="utf-8") as f:
        f.writelines(header + rows)
    print(f"{name}: {len(rows)} rows", file=sys.stderr)
