#!/usr/bin/python3
"""Reads caption files with subkit and with independent readers, and
says, file by file, whether they agree on what shows on screen: every
interval between two cue boundaries, its times (to the millisecond) and
its text (tags dropped, white space squeezed).

    scripts/realworld.py [--show DIR] SUBKIT FILE...

The format is told by the file's extension and, where one extension has
two formats, by its content (.sub: MicroDVD when it opens with "{", else
SubViewer; .stl: EBU STL when bytes 3-5 are "STL", else Spruce STL). Each
format is read by every independent reader there is for it:

    ffmpeg   SRT, WebVTT, ASS, SSA, SCC, SAMI, MicroDVD, SubViewer, LRC
    ttconv   TTML (.ttml, .dfxp, .xml), EBU STL, SCC  (Debian python3-ttconv)
    aeidon   SubViewer, MicroDVD                       (Debian python3-aeidon)

SBV and Spruce STL have no reader but their home's: with --show DIR,
subkit's reading of every file is written to DIR as SRT, to be checked by
eye against the source.

All readers are asked for SRT (aeidon's cues are written as SRT here),
with EBU STL times counted from the file's time code of programme start
(TCP), as subkit counts them (ttconv: program_start_tc "TCP"). ttconv's
SRT writer shows subtitles shown at once as one SRT cue and splits
overlapping ones where another starts, hence the comparison of what
shows rather than cue by cue. Files that agree but for white space are
counted apart: ttconv drops a space next to an STL control code, where
teletext shows a gap ("Test TextTest Text"). So are files whose cues all
agree within 1 ms (frame times rounded otherwise), files that show the
same texts in the same order at other times (SCC's timing models), and
LRC files that agree but for the last line, which LRC gives no end:
subkit shows it 5 s, ffmpeg not at all."""
import collections, json, os, re, subprocess, sys, tempfile

FFMPEG = {"srt", "vtt", "ass", "ssa", "scc", "sami", "microdvd", "subviewer", "lrc"}
TTCONV = {"ttml": "TTML", "ebustl": "STL", "scc": "SCC"}
AEIDON = {"subviewer": "SUBVIEWER2", "microdvd": "MICRODVD"}
EXT = {".srt": "srt", ".vtt": "vtt", ".ttml": "ttml", ".dfxp": "ttml", ".xml": "ttml",
       ".ass": "ass", ".ssa": "ssa", ".scc": "scc", ".smi": "sami", ".sami": "sami",
       ".lrc": "lrc", ".sbv": "sbv"}


def format_of(path):
    ext = os.path.splitext(path)[1].lower()
    head = open(path, "rb").read(64)
    if ext == ".stl":
        return "ebustl" if head[3:6] == b"STL" else "spruce"
    if ext == ".sub":
        text = head.decode("latin-1").lstrip("\ufeff\xef\xbb\xbf \t\r\n")
        return "microdvd" if text.startswith("{") else "subviewer"
    return EXT.get(ext)


def peers(fmt):
    out = []
    if fmt in FFMPEG:
        out.append("ffmpeg")
    if fmt in TTCONV:
        out.append("ttconv")
    if fmt in AEIDON:
        out.append("aeidon")
    return out


# The aeidon reader the tests use: JSON cues, written as SRT here.
AEIDON_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "internal", "extcheck", "aeidon_cues.py")


FFMPEG_DEMUXER = {"srt": "srt", "vtt": "webvtt", "ass": "ass", "ssa": "ass", "scc": "scc", "sami": "sami",
                  "microdvd": "microdvd", "subviewer": "subviewer", "lrc": "lrc"}
# ffmpeg (iconv) names of the legacy encodings subkit detects.
ICONV = {"EUC-KR": "CP949", "GB18030": "GB18030", "Big5": "BIG5", "Shift_JIS": "SHIFT_JIS",
         "Windows-1250": "CP1250", "Windows-1251": "CP1251", "Windows-1252": "CP1252"}


def peer_command(peer, fmt, f, out, enc):
    if peer == "ffmpeg":
        # The demuxer is named, since ffmpeg's probe misses small files; a
        # legacy encoding is told (ffmpeg reads UTF-8 and UTF-16 alone).
        cmd = ["ffmpeg", "-nostdin", "-v", "error", "-f", FFMPEG_DEMUXER[fmt]]
        if enc in ICONV:
            cmd += ["-sub_charenc", ICONV[enc]]
        return cmd + ["-i", f, "-f", "srt", out]
    if peer == "ttconv":
        cmd = ["ttconv", "convert", "-i", f, "-o", out, "--itype", TTCONV[fmt], "--otype", "SRT"]
        if fmt == "ebustl":
            cmd += ["--config", '{"stl_reader": {"program_start_tc": "TCP"}}']
        return cmd
    # 23.976 fps, as ffmpeg and subkit take a MicroDVD file with no {1}{1}FPS line.
    at = "@23.976" if fmt == "microdvd" else ""
    encodings = ",".join([ICONV.get(enc, "utf_8_sig"), "utf_8_sig", "utf_16", "cp1252"])
    return ["/usr/bin/python3", AEIDON_SCRIPT, "--encodings=" + encodings, AEIDON[fmt] + at + "=" + f]


def clock(ms):
    return "%02d:%02d:%02d,%03d" % (ms // 3600000, ms // 60000 % 60, ms // 1000 % 60, ms % 1000)


def write_srt(cues, out):
    """Writes aeidon_cues.py's JSON cues to out as SRT."""
    with open(out, "w", encoding="utf-8") as w:
        for n, c in enumerate(cues, 1):
            w.write("%d\n%s --> %s\n%s\n\n" % (n, clock(c["startMs"]), clock(c["endMs"]), c["text"]))


def srt_cues(text, fmt=None, ass_codes=False):
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
                if ass_codes:
                    # ffmpeg's SRT writer passes on the hard spaces of the
                    # ASS text it reads (\N and \n it writes as line ends).
                    body = body.replace("\\h", "\u00a0")
                if fmt == "microdvd":
                    # aeidon keeps MicroDVD's control codes as markup: {y:i}, and / for italics.
                    body = re.sub(r"\{[A-Za-z]:[^}]*\}", "", body)
                    body = re.sub(r"(^| )/", r"\1", body)
                body = body.replace("|", " ") if fmt in ("microdvd",) else body
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
        texts = (" ".join(c[2] for c in cues if c[0] <= a and b <= c[1] and c[2]),)
        if texts == ("",):
            continue
        if out and out[-1][1] == a and out[-1][2] == texts:
            out[-1] = (out[-1][0], b, texts)
        else:
            out.append((a, b, texts))
    return out


def nospace(s):
    return [(a, b, tuple("".join(t.split()) for t in texts)) for a, b, texts in s]


def run(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=120)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(cmd, 124, "", "timed out")


def main():
    args = sys.argv[1:]
    show = None
    if args[:1] == ["--show"]:
        show, args = args[1], args[2:]
        os.makedirs(show, exist_ok=True)
    subkit, files = args[0], args[1:]
    tally = collections.defaultdict(lambda: collections.Counter())
    notes = []
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            fmt = format_of(f)
            if fmt is None:
                notes.append(f"skipped: {f}: format not known by its name")
                continue
            a = os.path.join(tmp, "a.srt")
            if os.path.exists(a):
                os.remove(a)
            r1 = run([subkit, "convert", "--json", "-t", "srt", "-o", a, f])
            enc = re.search(r'"encoding":"([^"]*)"', r1.stdout)
            enc = enc.group(1) if enc else ""
            if r1.returncode != 0:
                err = re.search(r'"error":"((?:[^"\\]|\\.)*)"', r1.stdout)
                r1.stderr = err.group(1) if err else r1.stdout[-300:]
            if show and r1.returncode == 0:
                name = os.path.basename(os.path.dirname(f)) + "-" + os.path.basename(f) + ".srt"
                with open(os.path.join(show, name), "w", encoding="utf-8") as w:
                    w.write(open(a, encoding="utf-8").read())
            ps = peers(fmt)
            if not ps:
                key = (fmt, "none")
                if r1.returncode != 0:
                    tally[key]["fail"] += 1
                    notes.append(f"failed: {f}: subkit exit {r1.returncode} {r1.stderr.strip()[-200:]!r}")
                else:
                    tally[key]["read"] += 1
                continue
            for peer in ps:
                key = (fmt, peer)
                b = os.path.join(tmp, "b.srt")
                if os.path.exists(b):
                    os.remove(b)
                r2 = run(peer_command(peer, fmt, f, b, enc))
                if peer == "aeidon" and r2.returncode == 0:
                    write_srt(json.loads(r2.stdout), b)
                if r1.returncode != 0 or r2.returncode != 0 or not os.path.exists(b):
                    who = "subkit" if r1.returncode != 0 else peer
                    tally[key]["fail " + who] += 1
                    notes.append(f"failed ({peer}): {f}: subkit exit {r1.returncode} {r1.stderr.strip()[-200:]!r}; "
                                 f"{peer} exit {r2.returncode} {r2.stderr.strip()[-160:]!r}")
                    continue
                c1 = srt_cues(open(a, encoding="utf-8").read())
                c2 = srt_cues(open(b, encoding="utf-8-sig", errors="replace").read(),
                              fmt if peer == "aeidon" else None, peer == "ffmpeg")
                s1, s2 = shown(c1), shown(c2)
                if s1 == s2:
                    tally[key]["agree"] += 1
                elif nospace(s1) == nospace(s2):
                    tally[key]["white space"] += 1
                    notes.append(f"spaces ({peer}): {f}")
                elif len(c1) == len(c2) and all(x[2] == y[2] and abs(x[0] - y[0]) <= 1 and abs(x[1] - y[1]) <= 1
                                                for x, y in zip(c1, c2)):
                    # Cue by cue within rounding; what shows can differ
                    # more where a rounded end overlaps the next start.
                    tally[key]["within 1 ms"] += 1
                    notes.append(f"within 1 ms ({peer}): {f}")
                elif [x[2] for x in s1] == [x[2] for x in s2]:
                    dt = max(abs(x[i] - y[i]) for x, y in zip(s1, s2) for i in (0, 1))
                    if dt <= 1:
                        tally[key]["within 1 ms"] += 1
                        notes.append(f"within 1 ms ({peer}): {f}")
                    else:
                        tally[key]["times differ"] += 1
                        d = next((x, y) for x, y in zip(s1, s2) if x != y)
                        notes.append(f"times differ ({peer}): {f}: same texts, times up to {dt} ms apart; first: {d}")
                elif fmt == "lrc" and s1[:-1] == s2:
                    tally[key]["last line"] += 1
                    notes.append(f"last line ({peer}): {f}: subkit shows the last line {s1[-1]}, {peer} not at all")
                else:
                    tally[key]["differ"] += 1
                    d = next(((x, y) for x, y in zip(s1, s2) if x != y),
                             (s1[len(s2):len(s2) + 1], s2[len(s1):len(s1) + 1]))
                    notes.append(f"differ ({peer}): {f}: subkit {len(c1)} cues, {peer} {len(c2)}; "
                                 f"first difference: {d}")
    print(f"{len(files)} files")
    print("| format | reader | files | agree | agree but for white space | within 1 ms | same text, other times | differ | fail |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for (fmt, peer), c in sorted(tally.items()):
        fails = sum(v for k, v in c.items() if k.startswith("fail"))
        fail = ", ".join(f"{v} {k[5:] or ''}".strip() for k, v in sorted(c.items()) if k.startswith("fail"))
        if peer == "none":
            print(f"| {fmt} | none (read: {c['read']}) | {c['read'] + fails} | | | | | | {fails} |")
            continue
        n = sum(c.values())
        differ = f"{c['differ']}" + (f" (+{c['last line']} the last line's end)" if c["last line"] else "")
        print(f"| {fmt} | {peer} | {n} | {c['agree']} | {c['white space']} | {c['within 1 ms']} | "
              f"{c['times differ']} | {differ} | {fail or 0} |")
    for n in notes:
        print(n)


main()
