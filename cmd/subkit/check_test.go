package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/internal/extcheck"
)

// TestCheckGenerated: the tracks generate makes from the sample break no
// rule of netflix-zh-hans but reading speed, and the captions that read
// too fast are exactly those generate warned about. At the video's real
// length (the golden tracks) there are none; squeezed into 14 and 12
// minutes, the speech itself runs past 9 characters a second in some
// captions and then in most.
func TestCheckGenerated(t *testing.T) {
	warnRE := regexp.MustCompile(`(?m)^[^\n]*: warning: caption (\d+) \([^)]*\): (.*)$`)
	for _, c := range []struct {
		duration string
		min, max int // how many captions read too fast
	}{
		{"1373.91s", 0, 0},
		{"14m", 10, 60},
		{"12m", 300, 400},
	} {
		dir := t.TempDir()
		code, _, stderr := runSubkit(t, nil, "generate", "--verbose", "--duration", c.duration, "-o", dir, sampleTranscript(t))
		if code != 0 {
			t.Fatalf("generate -d %s: exit %d: %s", c.duration, code, stderr)
		}
		var warned []int
		for _, m := range warnRE.FindAllStringSubmatch(stderr, -1) {
			if !strings.HasPrefix(m[2], "reading speed ") {
				t.Errorf("generate -d %s: a warning that is not about reading speed: %s", c.duration, m[0])
				continue
			}
			n, _ := strconv.Atoi(m[1])
			warned = append(warned, n)
		}
		sort.Ints(warned)
		if len(warned) < c.min || len(warned) > c.max {
			t.Errorf("generate -d %s warned about %d captions, want %d to %d", c.duration, len(warned), c.min, c.max)
		}
		if c.duration == sampleArgs[2] {
			// These are the golden tracks.
			for _, ext := range []string{".srt", ".vtt", ".ttml"} {
				got, _ := os.ReadFile(filepath.Join(dir, "interview-zh"+ext))
				want, _ := os.ReadFile(filepath.Join("testdata", "golden", "interview-zh"+ext))
				if string(got) != string(want) || len(got) == 0 {
					t.Fatalf("generate -d %s %s is not the golden track", c.duration, ext)
				}
			}
		}
		for _, ext := range []string{".srt", ".vtt", ".ttml"} {
			track := filepath.Join(dir, "interview-zh"+ext)
			code, stdout, stderr := runSubkit(t, nil, "check", "--profile", "netflix-zh-hans", "--json", track)
			want := 1
			if len(warned) == 0 {
				want = 0
			}
			if code != want {
				t.Errorf("check -d %s %s: exit %d, want %d: %s", c.duration, ext, code, want, stderr)
			}
			var found []int
			lines := strings.Split(strings.TrimSpace(stdout), "\n")
			for _, l := range lines[:len(lines)-1] {
				var f findingJSON
				if err := json.Unmarshal([]byte(l), &f); err != nil {
					t.Fatalf("%s: %v", l, err)
				}
				if f.Rule != "reading-speed" {
					t.Errorf("check -d %s %s: caption %d breaks %s: %s", c.duration, ext, f.Caption, f.Rule, f.Message)
					continue
				}
				if f.Value <= 9 || f.Limit != 9 || f.StartSec == nil || *f.EndSec <= *f.StartSec {
					t.Errorf("check -d %s %s: %+v", c.duration, ext, f)
				}
				found = append(found, f.Caption)
			}
			var sum checkSummary
			if err := json.Unmarshal([]byte(lines[len(lines)-1]), &sum); err != nil || !sum.Summary || sum.Findings != len(lines)-1 {
				t.Errorf("summary %s: %v", lines[len(lines)-1], err)
			}
			sort.Ints(found)
			if !slices.Equal(found, warned) {
				t.Errorf("check -d %s %s: reading speed over the limit in captions %v; generate warned about %v", c.duration, ext, found, warned)
			}
		}
	}
}

func TestUseColor(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "NO_COLOR" {
				return v
			}
			return ""
		}
	}
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, c := range []struct {
		when, noColor string
		want          bool
	}{
		{"always", "1", true}, // the flag beats the environment
		{"never", "", false},
		{"auto", "", false}, // a file is no terminal
		{"auto", "1", false},
	} {
		got, err := useColor(c.when, f, env(c.noColor))
		if err != nil || got != c.want {
			t.Errorf("useColor(%s, NO_COLOR=%q) = %v, %v; want %v", c.when, c.noColor, got, err, c.want)
		}
	}
	if _, err := useColor("sometimes", f, env("")); err == nil {
		t.Error("--color sometimes accepted")
	}
	// On a terminal: TestUseColorOnTerminal.
}

// TestStatsSVGInChromium draws the timeline of a track squeezed into 14
// minutes (some captions over the reading speed limit) and opens it in
// headless Chromium: the centre of every bar wider than 2 pixels must show
// its class's colour on the screenshot, and both green and red bars must
// be there.
func TestStatsSVGInChromium(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runSubkit(t, nil, "generate", "-q", "--duration", "14m", "-f", "srt", "-o", dir, sampleTranscript(t)); code != 0 {
		t.Fatalf("generate: exit %d: %s", code, stderr)
	}
	svg := filepath.Join(dir, "timeline.svg")
	if code, _, stderr := runSubkit(t, nil, "stats", "--svg", svg, filepath.Join(dir, "interview-zh.srt")); code != 0 {
		t.Fatalf("stats: exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	colors := map[string][3]uint8{"ok": {0x43, 0xa0, 0x47}, "near": {0xfb, 0x8c, 0x00}, "over": {0xe5, 0x39, 0x35}}
	barRE := regexp.MustCompile(`<rect class="(\w+)" data-caption="(\d+)" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"`)
	img := extcheck.SVGScreenshot(t, svg, 1300, 700)
	bars := map[string]int{}
	checked, wrong := 0, 0
	for _, m := range barRE.FindAllStringSubmatch(string(b), -1) {
		want, ok := colors[m[1]]
		if !ok {
			continue
		}
		bars[m[1]]++
		x, _ := strconv.ParseFloat(m[3], 64)
		y, _ := strconv.ParseFloat(m[4], 64)
		w, _ := strconv.ParseFloat(m[5], 64)
		h, _ := strconv.ParseFloat(m[6], 64)
		if w < 3 {
			continue
		}
		checked++
		r, g, bl, _ := img.At(int(x+w/2), int(y+h/2)).RGBA()
		got := [3]uint8{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8)}
		if !closeColor(got, want) {
			wrong++
			if wrong <= 5 {
				t.Errorf("caption %s: the centre of its %s bar is %v on the screenshot, want %v", m[2], m[1], got, want)
			}
		}
	}
	t.Logf("bars %v, %d wide enough to check", bars, checked)
	if bars["ok"] < 100 || bars["over"] < 10 || checked < 300 || wrong > 0 {
		t.Errorf("bars %v, %d checked, %d of the wrong colour", bars, checked, wrong)
	}
}

func closeColor(a, b [3]uint8) bool {
	for i := range a {
		if d := int(a[i]) - int(b[i]); d > 6 || d < -6 {
			return false
		}
	}
	return true
}

// TestCheckManyFindings: a file with more findings than the human output
// holds while counting them is checked twice (count, then print); the
// output has the same shape either way, and --json has every finding.
func TestCheckManyFindings(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{humanHeld / 4, humanHeld} { // 2 findings a caption
		var b strings.Builder
		for i := range n {
			ms := i * 200
			fmt.Fprintf(&b, "%d\n00:%02d:%02d,%03d --> 00:%02d:%02d,%03d\nflash %d\n\n", i+1, ms/60000, ms/1000%60, ms%1000, (ms+100)/60000, (ms+100)/1000%60, (ms+100)%1000, i)
		}
		f := filepath.Join(dir, fmt.Sprintf("flash%d.srt", n))
		if err := os.WriteFile(f, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, _ := runSubkit(t, nil, "check", "--color", "never", f)
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if code != 1 || !strings.HasSuffix(lines[0], fmt.Sprintf("netflix-en, %d captions: %d findings", n, 2*n)) || len(lines) != 1+2*n {
			t.Errorf("%d captions: exit %d, %d lines, heading %q", n, code, len(lines), lines[0])
		}
		if !strings.HasPrefix(lines[len(lines)-1], fmt.Sprintf("  caption %d, line %d ", n, 4*n-2)) || !strings.Contains(lines[len(lines)-1], "reading-speed") {
			t.Errorf("%d captions: last line %q", n, lines[len(lines)-1])
		}
		_, out, _ = runSubkit(t, nil, "check", "--json", f)
		if got := strings.Count(out, `"rule":`); got != 2*n {
			t.Errorf("%d captions: --json has %d findings", n, got)
		}
	}
}
