#!/usr/bin/env python3
"""bench-baselines.py --duration SECONDS --text TRANSCRIPT --equal OUT.srt --chars OUT.srt

Reference baselines for the timing benchmark (scripts/bench-timing.sh): given
a transcript (one caption per non-blank line) and the known length of the
audio, write two SRTs whose cues are consecutive, with no gaps, and together
cover [0, SECONDS]:

  --equal  every cue gets the same length, SECONDS / number of lines;
  --chars  cue i gets a length proportional to text_weight(line i), the
           character-count weighting of ../shared/bench/timing/common.py.

These are the "equal split of the known length" and "split by character
count" figures quoted in ../shared/README.md. Standard library only.
"""
import argparse
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
COMMON = os.path.join(HERE, "..", "..", "shared", "bench", "timing", "common.py")


def load_common(path):
    if not os.path.isfile(path):
        sys.exit("bench-baselines.py: %s not found (../shared must sit beside the project)" % path)
    sys.dont_write_bytecode = True  # leave no __pycache__ in ../shared
    spec = importlib.util.spec_from_file_location("bench_timing_common", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def split(lines, weights, total):
    """Consecutive cues over [0, total], cue i proportional to weights[i].
    Boundaries come from cumulative sums, so rounding never accumulates."""
    wsum = float(sum(weights))
    cues, acc = [], 0.0
    for text, w in zip(lines, weights):
        a = total * acc / wsum
        acc += w
        b = total * acc / wsum
        cues.append((a, b, text))
    return cues


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duration", type=float, required=True, help="known length of the audio, seconds")
    ap.add_argument("--text", required=True, help="transcript, one caption per non-blank line")
    ap.add_argument("--equal", help="write the equal-split SRT here")
    ap.add_argument("--chars", help="write the character-count-split SRT here")
    ap.add_argument("--common", default=COMMON, help="path of the bench's common.py (default: %(default)s)")
    args = ap.parse_args()
    if args.duration <= 0:
        sys.exit("bench-baselines.py: --duration must be positive")
    if not (args.equal or args.chars):
        sys.exit("bench-baselines.py: nothing to do (give --equal and/or --chars)")

    common = load_common(args.common)
    lines = common.read_lines(args.text)
    if not lines:
        sys.exit("bench-baselines.py: %s has no lines" % args.text)
    if args.equal:
        common.write_srt(args.equal, split(lines, [1.0] * len(lines), args.duration))
    if args.chars:
        common.write_srt(args.chars, split(lines, [common.text_weight(t) for t in lines], args.duration))


if __name__ == "__main__":
    main()
