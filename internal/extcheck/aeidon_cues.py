"""Reads caption files with aeidon, the library of the Gaupol subtitle
editor (Debian python3-aeidon), and prints one JSON list of cues a file,
each {"startMs", "endMs", "text"}, text as aeidon gives it (markup kept).

    aeidon_cues.py [--encodings ENC,ENC...] FORMAT[@FPS]=PATH...

FORMAT is aeidon's name for the format (SUBVIEWER2, MICRODVD). Frame-based
formats (MicroDVD) are given as FORMAT@FPS=PATH: aeidon reads the frame
numbers and text; frames are turned into time at FPS, and a {1}{1}FPS
first line (which aeidon reads as a cue) is taken as the frame rate.
Without @FPS, times are aeidon's own. Each file is decoded in the first of
the encodings (Python codec names; utf_8 when not given) that reads it.

internal/extcheck runs it for the tests (embedded), scripts/realworld.py
for its survey of real files."""
import json, sys, aeidon

args = sys.argv[1:]
encodings = ["utf_8"]
if args and args[0].startswith("--encodings="):
    encodings = args[0].split("=", 1)[1].split(",")
    args = args[1:]
for arg in args:
    fmt, path = arg.split("=", 1)
    fps = None
    if "@" in fmt:
        fmt, fps = fmt.split("@")
        fps = float(fps)
    for enc in encodings:
        try:
            subs = aeidon.files.new(getattr(aeidon.formats, fmt), path, enc).read()
            break
        except (UnicodeError, ValueError):
            continue
    else:
        sys.exit("aeidon: cannot decode %s as any of %s" % (path, ", ".join(encodings)))
    cues = []
    for i, s in enumerate(subs):
        if fps is not None:
            if i == 0 and s.start_frame in (0, 1) and s.end_frame in (0, 1):
                try:
                    fps = float(s.main_text)
                    continue
                except ValueError:
                    pass
            start, end = round(s.start_frame / fps * 1000), round(s.end_frame / fps * 1000)
        else:
            start, end = round(s.start_seconds * 1000), round(s.end_seconds * 1000)
        cues.append({"startMs": start, "endMs": end, "text": s.main_text})
    print(json.dumps(cues))
