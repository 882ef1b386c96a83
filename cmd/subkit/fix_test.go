package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/guide"
	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/timing"
)

// speechTrack is the sample transcript timed to speech: every caption starts
// and ends where its line is spoken (see testdata/README.md).
const speechTrack = "../../testdata/interview-zh.speech.srt"

// fixReport runs fix with --json and returns the file's report.
func fixReport(t *testing.T, args ...string) fileReport {
	t.Helper()
	code, stdout, stderr := runSubkit(t, nil, append([]string{"fix", "--json", "--profile", "netflix-zh-hans"}, args...)...)
	if code != 0 {
		t.Fatalf("fix exit %d: %s", code, stderr)
	}
	var r fileReport
	if err := json.Unmarshal([]byte(strings.SplitN(stdout, "\n", 2)[0]), &r); err != nil {
		t.Fatalf("%v: %s", err, stdout)
	}
	return r
}

// byCaption keys change lines ("caption N: what: times") by N.
func byCaption(t *testing.T, lines []string) map[int]string {
	t.Helper()
	m := map[int]string{}
	for _, l := range lines {
		rest, ok := strings.CutPrefix(l, "caption ")
		num, _, ok2 := strings.Cut(rest, ":")
		n, err := strconv.Atoi(strings.Fields(num)[0])
		if !ok || !ok2 || err != nil {
			t.Fatalf("change line %q does not name a caption", l)
		}
		m[n] = l
	}
	return m
}

// TestFixSpeechTimedTrack plants problems in a track timed to speech (the
// kind of file people repair) and checks that fix repairs each planted one,
// and that everywhere else it does exactly what it does to the clean track.
func TestFixSpeechTimedTrack(t *testing.T) {
	src, err := os.ReadFile(speechTrack)
	if err != nil {
		t.Fatal(err)
	}
	clean := fixReport(t, "--dry-run", speechTrack)
	base := byCaption(t, clean.Changes)

	d, _, err := subtitle.Decode(speechTrack, src, subtitle.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := guide.Lookup("netflix-zh-hans")
	gap, closeGap := p.Gap(0), p.CloseGap(0)
	chars := func(i int) float64 {
		return timing.ReadingChars(strings.Join(d.Cues[i].PlainLines(), "\n"), true)
	}
	// Plant on captions the clean track leaves alone, with the one before
	// left alone too and a pause of 0.7 s or more after them, so the planted
	// problem is the only thing to repair there.
	kinds := []string{"flash", "overlap", "gap", "fast"}
	planted := map[int]string{} // caption number → the change fix must make
	for i := 1; i+1 < len(d.Cues); i++ {
		n := i + 1
		if base[n-1] != "" || base[n] != "" || planted[n-1] != "" || planted[n-2] != "" ||
			d.Cues[i+1].Start-d.Cues[i].End < 700*time.Millisecond {
			continue
		}
		c := &d.Cues[i]
		kind := kinds[len(planted)%len(kinds)]
		if kind == "gap" && d.Cues[i+1].Start-gap-c.Start > p.Max {
			continue // closing it would break the maximum: a problem, not a repair
		}
		switch kind {
		case "flash":
			c.End = c.Start + 300*time.Millisecond
			planted[n] = "lengthened"
		case "overlap":
			c.End = d.Cues[i+1].Start + 600*time.Millisecond
			planted[n] = "overlap removed"
		case "gap":
			c.End = d.Cues[i+1].Start - closeGap/2
			planted[n] = "small gap closed"
		case "fast":
			// Half the time the line needs at 9 characters a second.
			c.End = c.Start + time.Duration(chars(i)/p.CPS/2*float64(time.Second))
			if c.End-c.Start < p.Min {
				c.End = d.Cues[i].Start + 300*time.Millisecond
			}
			planted[n] = "lengthened"
		}
	}
	if len(planted) < 16 {
		t.Fatalf("only %d places to plant a problem", len(planted))
	}
	t.Logf("%d problems planted among %d captions", len(planted), len(d.Cues))
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, d, subtitle.SRT, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.srt")
	if err := os.WriteFile(bad, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "fixed.srt")
	r := fixReport(t, "-o", out, bad)

	got := byCaption(t, r.Changes)
	for n, what := range planted {
		if _, whats, _ := strings.Cut(got[n], ": "); !strings.HasPrefix(whats, what+": ") && !strings.HasPrefix(whats, what+", ") {
			t.Errorf("planted caption %d: change %q, want %q", n, got[n], what)
		}
	}
	for n, line := range got {
		if _, ok := planted[n]; !ok && line != base[n] {
			t.Errorf("caption %d: %q, but on the clean track %q", n, line, base[n])
		}
	}
	for n := range base {
		if _, ok := got[n]; !ok {
			t.Errorf("caption %d: changed on the clean track (%s), not on the bad copy", n, base[n])
		}
	}
	if strings.Join(r.Warnings, "\n") != strings.Join(clean.Warnings, "\n") {
		t.Errorf("what cannot be repaired differs:\nbad copy %q\nclean    %q", r.Warnings, clean.Warnings)
	}

	// The repaired file: each planted caption is readable, nothing overlaps,
	// no gap flickers (but where fix said it could not repair it), and a
	// second fix has nothing to do.
	fixedSRT, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	f, _, err := subtitle.Decode(out, fixedSRT, subtitle.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Cues) != len(d.Cues) {
		t.Fatalf("%d cues after fix, %d before", len(f.Cues), len(d.Cues))
	}
	unrepaired := byCaption(t, r.Warnings)
	for i, c := range f.Cues {
		if c.Start != d.Cues[i].Start || strings.Join(c.PlainLines(), "\n") != strings.Join(d.Cues[i].PlainLines(), "\n") {
			t.Errorf("caption %d: start or text changed", i+1)
		}
		if i+1 < len(f.Cues) && unrepaired[i+1] == "" {
			if g := f.Cues[i+1].Start - c.End; g < gap || g > gap && g <= closeGap {
				t.Errorf("caption %d: gap %v after it", i+1, g)
			}
		}
		if _, ok := planted[i+1]; ok {
			if d := c.End - c.Start; d < p.Min || chars(i)/d.Seconds() > p.CPS+0.01 {
				t.Errorf("planted caption %d: %v on screen for %.1f characters", i+1, d, chars(i))
			}
		}
	}
	if again := fixReport(t, "--dry-run", out); len(again.Changes) != 0 {
		t.Errorf("a second fix still changes %q", again.Changes)
	}
}
