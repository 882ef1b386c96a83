package extcheck

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FFmpeg reads a caption file with ffmpeg's own demuxer and decoder for
// the format (demuxer is ffmpeg's name for it: "sami", "microdvd",
// "subviewer", "lrc", "scc", "stl" for Spruce STL; "" lets ffmpeg probe)
// and returns the cues it read, as its SRT encoder writes them: times in
// milliseconds, text with markup dropped and lines joined with "\n".
// extra goes before -i (e.g. "-subfps", "25" for Spruce STL).
func FFmpeg(t testing.TB, file, demuxer string, extra ...string) []Cue {
	t.Helper()
	ffmpeg := RequireTool(t, "ffmpeg")
	abs := absAll(t, []string{file})
	args := []string{"-nostdin", "-v", "error"}
	if demuxer != "" {
		args = append(args, "-f", demuxer)
	}
	args = append(args, extra...)
	args = append(args, "-i", abs[0], "-map", "0:s:0", "-c:s", "srt", "-f", "srt", "-")
	stdout, stderr, status := run(t, time.Minute, filepath.Dir(abs[0]), ffmpeg, args...)
	if status != 0 {
		t.Fatalf("ffmpeg could not read %s (exit %d):\n%s", file, status, tail(stderr))
	}
	if len(stderr) > 0 {
		t.Logf("ffmpeg on %s said:\n%s", file, tail(stderr))
	}
	return parseSRT(string(stdout))
}

var (
	srtTiming = regexp.MustCompile(`^(\d+):(\d\d):(\d\d),(\d\d\d) --> (\d+):(\d\d):(\d\d),(\d\d\d)`)
	markupRE  = regexp.MustCompile(`<[^>]*>|\{\\[^}]*\}`)
	mdvdCodes = regexp.MustCompile(`\{[yYcCfFsSpPhH]:[^}]*\}`)
)

// parseSRT reads the SRT ffmpeg writes: blocks of a number, a timing line
// and text lines, separated by blank lines. It is deliberately simple and
// separate from subkit's reader.
func parseSRT(s string) []Cue {
	var out []Cue
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		m := srtTiming.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		c := Cue{StartMs: srtMs(m[1:5]), EndMs: srtMs(m[5:9])}
		var text, raw []string
		for i++; i < len(lines) && lines[i] != ""; i++ {
			text = append(text, Plain(lines[i]))
			raw = append(raw, lines[i])
		}
		c.Text, c.Raw = strings.Join(text, "\n"), strings.Join(raw, "\n")
		out = append(out, c)
	}
	return out
}

func srtMs(p []string) int64 {
	var n [4]int64
	for i, s := range p {
		n[i], _ = strconv.ParseInt(s, 10, 64)
	}
	return ((n[0]*60+n[1])*60+n[2])*1000 + n[3]
}

// Plain drops HTML-like and ASS override markup from a line of text, as a
// viewer does not see it, and decodes the few entities clients write.
func Plain(s string) string {
	s = markupRE.ReplaceAllString(s, "")
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "&nbsp;", "\u00a0", `\N`, "\n", `\h`, "\u00a0").Replace(s)
}

// DiffCuesWithin is DiffCues with times allowed to differ by up to tol
// milliseconds: formats that count frames or centiseconds round.
func DiffCuesWithin(got, want []Cue, tol int64) []string {
	g := make([]Cue, len(got))
	copy(g, got)
	for i := range g {
		if i < len(want) {
			if abs64(g[i].StartMs-want[i].StartMs) <= tol {
				g[i].StartMs = want[i].StartMs
			}
			if abs64(g[i].EndMs-want[i].EndMs) <= tol {
				g[i].EndMs = want[i].EndMs
			}
		}
	}
	return DiffCues(g, want)
}

func abs64(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// aeidonScript reads each file given as FORMAT[@FPS]=PATH with aeidon and
// prints one JSON list of cues a file (see the file).
//
//go:embed aeidon_cues.py
var aeidonScript string

// Aeidon reads caption files with aeidon, the library of the Gaupol
// subtitle editor (Debian python3-aeidon). format is aeidon's name for the
// format ("SUBVIEWER2", "MICRODVD"); fps, for MicroDVD, the frame rate
// when the file has no {1}{1}FPS first line. Text has markup dropped.
func Aeidon(t testing.TB, format string, fps float64, files ...string) [][]Cue {
	t.Helper()
	python := pythonWith(t, "aeidon", "Debian: apt-get install python3-aeidon")
	abs := absAll(t, files)
	args := []string{"-c", aeidonScript}
	for _, f := range abs {
		if fps > 0 {
			args = append(args, fmt.Sprintf("%s@%v=%s", format, fps, f))
		} else {
			args = append(args, format+"="+f)
		}
	}
	stdout, stderr, status := run(t, time.Minute, Root(t), python, args...)
	if status != 0 {
		t.Fatalf("aeidon could not read %v (exit %d):\n%s", files, status, tail(stderr))
	}
	var out [][]Cue
	for _, line := range strings.Split(strings.TrimSpace(string(stdout)), "\n") {
		var cues []Cue
		if err := json.Unmarshal([]byte(line), &cues); err != nil {
			t.Fatalf("aeidon output: %v\n%s", err, stdout)
		}
		for i := range cues {
			var lines []string
			for _, l := range strings.Split(cues[i].Text, "\n") {
				if format == "MICRODVD" {
					// aeidon keeps MicroDVD's control codes as the text's markup.
					l = strings.TrimPrefix(mdvdCodes.ReplaceAllString(l, ""), "/")
				}
				lines = append(lines, Plain(l))
			}
			cues[i].Text = strings.Join(lines, "\n")
		}
		out = append(out, cues)
	}
	if len(out) != len(files) {
		t.Fatalf("aeidon read %d files, gave %d", len(files), len(out))
	}
	return out
}

// TTConv converts a caption file with ttconv (Debian python3-ttconv) to
// SRT and returns the cues it read.
func TTConv(t testing.TB, file string) []Cue {
	t.Helper()
	cues, _ := TTConvMessages(t, file)
	return cues
}

// TTConvMessages is TTConv that also returns what ttconv logged while
// converting: its errors and warnings, one a line, without the lines
// naming the files and its progress bars.
func TTConvMessages(t testing.TB, file string) ([]Cue, []string) {
	t.Helper()
	ttconv := RequireTool(t, "ttconv")
	abs := absAll(t, []string{file})
	out := filepath.Join(t.TempDir(), "out.srt")
	_, stderr, status := run(t, time.Minute, filepath.Dir(abs[0]), ttconv, "convert", "-i", abs[0], "-o", out)
	if status != 0 {
		t.Fatalf("ttconv could not read %s (exit %d):\n%s", file, status, tail(stderr))
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("ttconv wrote nothing: %v\n%s", err, tail(stderr))
	}
	var msgs []string
	for _, line := range strings.FieldsFunc(string(stderr), func(r rune) bool { return r == '\n' || r == '\r' }) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "Input file is ") || strings.HasPrefix(line, "Output file is ") ||
			(strings.HasPrefix(line, "Reading:") || strings.HasPrefix(line, "Writing:")) && strings.HasSuffix(line, "Complete") {
			continue
		}
		msgs = append(msgs, line)
	}
	return parseSRT(string(b)), msgs
}

// pythonWith returns a Python 3 that imports module: python3 on PATH, or
// Debian's /usr/bin/python3, where Debian's python3-* packages live.
func pythonWith(t testing.TB, module, how string) string {
	t.Helper()
	var tried []string
	// On failure the program prints the folders Python looked in: adding
	// the module changes one of them, so the cached skip is keyed on them.
	prog := "import sys\ntry:\n    import " + module + "\nexcept ImportError:\n    print('\\n'.join(sys.path))\n    sys.exit(1)\n"
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		path, err := lookPath(t, p)
		if err != nil {
			continue
		}
		out, err := exec.Command(path, "-c", prog).Output()
		if err == nil {
			return path
		}
		for _, dir := range strings.Split(string(out), "\n") {
			if filepath.IsAbs(dir) {
				KeyOn(t, dir)
			}
		}
		tried = append(tried, path)
	}
	Missing(t, "Python module "+module+" (tried "+strings.Join(tried, ", ")+")", how)
	return ""
}

// FFmpegASS reads a caption file with ffmpeg and returns the cues as
// ffmpeg hands them to libass (ffmpeg -i FILE -f ass), with the text as
// libass shows it (LibassText). Times are in milliseconds.
func FFmpegASS(t testing.TB, file string) []Cue {
	t.Helper()
	ffmpeg := RequireTool(t, "ffmpeg")
	abs := absAll(t, []string{file})
	stdout, stderr, status := run(t, time.Minute, filepath.Dir(abs[0]), ffmpeg,
		"-nostdin", "-v", "error", "-i", abs[0], "-map", "0:s:0", "-c:s", "ass", "-f", "ass", "-")
	if status != 0 {
		t.Fatalf("ffmpeg could not read %s (exit %d):\n%s", file, status, tail(stderr))
	}
	var out []Cue
	for _, line := range strings.Split(strings.ReplaceAll(string(stdout), "\r\n", "\n"), "\n") {
		rest, ok := strings.CutPrefix(line, "Dialogue: ")
		if !ok {
			continue
		}
		f := strings.SplitN(rest, ",", 10)
		if len(f) < 10 {
			t.Fatalf("ffmpeg wrote a Dialogue line with %d fields: %q", len(f), line)
		}
		out = append(out, Cue{StartMs: assMs(t, f[1]), EndMs: assMs(t, f[2]), Text: LibassText(f[9])})
	}
	return out
}

// assMs reads an ASS time, H:MM:SS.cc.
func assMs(t testing.TB, s string) int64 {
	var h, m, sec, cs int64
	if _, err := fmt.Sscanf(s, "%d:%d:%d.%d", &h, &m, &sec, &cs); err != nil {
		t.Fatalf("ASS time %q: %v", s, err)
	}
	return ((h*60+m)*60+sec)*1000 + cs*10
}

// LibassText is an ASS event's text as libass shows it with the header
// ffmpeg writes: override blocks dropped (any text in braces, which
// libass reads as tags or a comment), \N a line break ("\n"), \n a
// space (only wrap style 2 breaks there, and ffmpeg's header sets none),
// \h a no-break space, \{ and \} braces (libass's get_next_char).
func LibassText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '{':
			if j := strings.IndexByte(s[i:], '}'); j >= 0 {
				i += j
				continue
			}
		case s[i] == '\\' && i+1 < len(s):
			r := ""
			switch s[i+1] {
			case 'N':
				r = "\n"
			case 'n':
				r = " "
			case 'h':
				r = "\u00a0"
			case '{', '}':
				r = s[i+1 : i+2]
			}
			if r != "" {
				b.WriteString(r)
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

var assBlock = regexp.MustCompile(`\{\\[^}]*\}`)

var fontTag = regexp.MustCompile(`(?i)<(/?)font(?:\s+color="?([^"\s>]*)"?)?[^>]*>`)

// TextColors reads an SRT cue's raw text as ffmpeg and ttconv write it
// (Cue.Raw) and returns each word of its text with the color of the
// <font color> tags around it, as #rrggbb in lower case: "" for none and
// for white, the color text has where none is given; ttconv's alpha
// (#rrggbbaa) is dropped, and so are ASS override blocks ({\an7}, which
// ffmpeg leaves in SRT). ffmpeg opens
// a tag for each color without closing the one before, ttconv closes
// each: the innermost open tag counts.
func TextColors(raw string) [][2]string {
	var out [][2]string
	var open []string
	add := func(text string) {
		c := ""
		if n := len(open); n > 0 {
			c = strings.ToLower(open[n-1])
		}
		if len(c) == 9 {
			c = c[:7]
		}
		if c == "#ffffff" {
			c = ""
		}
		for _, w := range strings.Fields(assBlock.ReplaceAllString(text, "")) {
			out = append(out, [2]string{w, c})
		}
	}
	at := 0
	for _, m := range fontTag.FindAllStringSubmatchIndex(raw, -1) {
		add(raw[at:m[0]])
		at = m[1]
		switch {
		case m[2] < m[3] && len(open) > 0: // </font>
			open = open[:len(open)-1]
		case m[2] == m[3]:
			c := ""
			if m[4] >= 0 {
				c = raw[m[4]:m[5]]
			} else if n := len(open); n > 0 {
				c = open[n-1]
			}
			open = append(open, c)
		}
	}
	add(raw[at:])
	return out
}
