#!/usr/bin/python3
"""Reads caption files with subkit and with an independent reader, and
says, file by file, whether the two agree on every cue's times (to the
millisecond) and text (tags dropped, white space squeezed).

    scripts/realworld.py SUBKIT FILE...

EBU STL files (.stl) are read by ttconv (Debian python3-ttconv), ASS,
SSA and SRT files by ffmpeg (its demuxers and decoders, to SRT).

Both are asked for SRT, with times counted from the file's time code of
programme start (TCP), as subkit counts them (ttconv: program_start_tc
"TCP"). ttconv's SRT writer splits overlapping subtitles where one starts
or ends, so what is compared is what shows: the texts on screen in each
interval between two cue boundaries. Files that agree but for white space
are counted apart: ttconv drops a space next to a control code or a
second space, where teletext shows a gap ("Test TextTest Text")."""
import os, re, subprocess, sys, tempfile

def srt_cues(text):
    cues = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = block.split("\n")
        for i, l in enumerate(lines):
            m = re.match(r"(\d+):(\d\d):(\d\d),(\d\d\d) --> (\d+):(\d\d):(\d\d),(\d\d\d)", l)
            if m:
                v = [int(x) for x in m.groups()]
                start = ((v[0] * 60 + v[1]) * 60 + v[2]) * 1000 + v[3]
                end = ((v[4] * 60 + v[5]) * 60 + v[6]) * 1000 + v[7]
                body = " ".join(lines[i + 1:])
                body = re.sub(r"<[^>]*>|\{\\an\d\}", "", body)
                cues.append((start, end, " ".join(body.split())))
                break
    return cues

def shown(cues):
    """What is on screen: for each interval between two cue boundaries,
    its times and the texts of the cues showing, in file order, joined
    (ttconv writes subtitles shown at once as one SRT cue), merged where
    two intervals in a row show the same."""
    cuts = sorted({t for c in cues for t in c[:2]})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        texts = (" ".join(c[2] for c in cues if c[0] <= a and b <= c[1]),)
        if texts == ("",):
            texts = ()
        if not texts:
            continue
        if out and out[-1][1] == a and out[-1][2] == texts:
            out[-1] = (out[-1][0], b, texts)
        else:
            out.append((a, b, texts))
    return out

def nospace(s):
    return [(a, b, tuple("".join(t.split()) for t in texts)) for a, b, texts in s]

def main():
    subkit, files = sys.argv[1], sys.argv[2:]
    agree, spaces, differ, fail = 0, [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            a, b = os.path.join(tmp, "a.srt"), os.path.join(tmp, "b.srt")
            for p in (a, b):
                if os.path.exists(p):
                    os.remove(p)
            r1 = subprocess.run([subkit, "convert", "-q", "-t", "srt", "-o", a, f], capture_output=True, text=True)
            if f.lower().endswith(".stl"):
                peer = ["ttconv", "convert", "-i", f, "-o", b, "--itype", "STL", "--otype", "SRT",
                        "--config", '{"stl_reader": {"program_start_tc": "TCP"}}']
            else:
                peer = ["ffmpeg", "-nostdin", "-v", "error", "-i", f, "-f", "srt", b]
            r2 = subprocess.run(peer, capture_output=True, text=True)
            if r1.returncode != 0 or r2.returncode != 0:
                fail.append((f, r1.returncode, r1.stderr.strip()[-200:], r2.returncode, r2.stderr.strip()[-200:]))
                continue
            c1, c2 = srt_cues(open(a, encoding="utf-8").read()), srt_cues(open(b, encoding="utf-8-sig").read())
            s1, s2 = shown(c1), shown(c2)
            if s1 == s2:
                agree += 1
            elif nospace(s1) == nospace(s2):
                spaces.append(f)
            else:
                d = next(((x, y) for x, y in zip(s1, s2) if x != y), (s1[len(s2):len(s2)+1], s2[len(s1):len(s1)+1]))
                differ.append((f, len(c1), len(c2), d))
    print(f"{len(files)} files: {agree} agree, {len(spaces)} agree but for white space, {len(differ)} differ, "
          f"{len(fail)} not read by one of the two")
    for f in spaces:
        print(f"spaces: {f}")
    for f, n1, n2, d in differ:
        print(f"differ: {f}: subkit {n1} cues, peer {n2}; first difference: {d}")
    for f, e1, s1, e2, s2 in fail:
        print(f"failed: {f}: subkit exit {e1} {s1!r}; peer exit {e2} {s2[-120:]!r}")

main()
