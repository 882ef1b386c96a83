package check

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/guide"
	"github.com/subkit-dev/subkit/subtitle"
)

// read reads a test file and its sources.
func read(t *testing.T, name string) (*subtitle.Document, *Raw) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	text, info, err := subtitle.Prepare(name, b, subtitle.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	doc, ws, err := subtitle.ReadText(name, text, info.Format)
	if err != nil {
		t.Fatal(err)
	}
	return doc, &Raw{Format: info.Format, Cues: subtitle.Sources(name, text, info.Format), Warnings: ws}
}

func limits(t testing.TB, profile string) Limits {
	t.Helper()
	p, err := guide.Lookup(profile)
	if err != nil {
		t.Fatal(err)
	}
	return For(p, Options{})
}

// TestPlanted: a file with one violation of each rule planted in its own
// caption, between clean ones. Each is found exactly once, on its caption,
// and nothing else is found.
func TestPlanted(t *testing.T) {
	doc, raw := read(t, "testdata/planted-zh.srt")
	want := map[Rule]int{
		RuleFormat:         0, // caption 14 has no number line
		RuleReadingSpeed:   2,
		RuleMinDuration:    3,
		RuleMaxDuration:    4,
		RuleGap:            5,
		RuleOverlap:        6,
		RuleOrder:          7,
		RuleMaxLines:       8,
		RuleMaxChars:       9,
		RuleEmpty:          10,
		RuleOnlyTags:       11,
		RuleUnbalancedTags: 12,
		RuleSplitWord:      13,
	}
	// shot-change needs a video's cuts: shots_test.go plants it.
	if len(want)+1 != len(Rules()) {
		t.Fatalf("%d rules planted, %d rules exist", len(want), len(Rules()))
	}
	fs := Check(doc, limits(t, "netflix-zh-hans"), raw)
	seen := map[Rule]int{}
	for _, f := range fs {
		seen[f.Rule]++
		if want[f.Rule] != f.Caption {
			t.Errorf("caption %d: unexpected %s: %s", f.Caption, f.Rule, f.Message)
		}
		if f.Caption == 0 {
			if f.FileLine != 55 || f.Message != "cue without a number line" {
				t.Errorf("format: %+v", f)
			}
			continue
		}
		c := doc.Cues[f.Caption-1]
		if f.Start != c.Start || f.End != c.End || f.FileLine == 0 || f.Message == "" {
			t.Errorf("finding %+v: times, file line or message wrong", f)
		}
	}
	for r, n := range want {
		if seen[r] != 1 {
			t.Errorf("%s found %d times, want once (caption %d)", r, seen[r], n)
		}
	}
	// The measures.
	for _, f := range fs {
		switch f.Rule {
		case RuleReadingSpeed:
			// 16 characters in 1.5 s.
			if f.Unit != "cps" || f.Limit != 9 || !near(f.Value, 16/1.5) || !near(f.Over(), 16/1.5-9) {
				t.Errorf("reading speed: %+v", f)
			}
			if !strings.Contains(f.Message, "10.7 characters a second, 1.7 over the limit of 9: 16 characters need 1.778s, it has 1.5s") {
				t.Errorf("reading speed message: %s", f.Message)
			}
		case RuleMinDuration:
			if f.Value != 0.5 || f.Limit != 0.834 || f.Unit != "s" {
				t.Errorf("min duration: %+v", f)
			}
		case RuleMaxDuration:
			if f.Value != 7.5 || f.Limit != 7 {
				t.Errorf("max duration: %+v", f)
			}
		case RuleGap:
			if !near(f.Value, 0.05) || f.Limit != 0.083 {
				t.Errorf("gap: %+v", f)
			}
		case RuleOverlap:
			if !near(f.Value, 0.5) {
				t.Errorf("overlap: %+v", f)
			}
		case RuleMaxLines:
			if f.Value != 3 || f.Limit != 2 {
				t.Errorf("max lines: %+v", f)
			}
		case RuleMaxChars:
			if f.Value != 17 || f.Limit != 16 || f.TextLine != 1 {
				t.Errorf("max chars: %+v", f)
			}
		case RuleUnbalancedTags:
			if f.Message != "<i> left open at the end of the caption" {
				t.Errorf("unbalanced: %+v", f)
			}
		case RuleSplitWord:
			if f.TextLine != 1 || !strings.Contains(f.Message, `"Chat" and "GPT"`) {
				t.Errorf("split word: %+v", f)
			}
		}
	}
	if fs[1].FileLine != 6 { // caption 2's timing line
		t.Errorf("second finding at file line %d, want 6", fs[1].FileLine)
	}
	// Without the file as written, the tags cannot be seen: the caption
	// of only tags is empty, and the open <i> and the reader's warning are
	// not found.
	noRaw := Check(doc, limits(t, "netflix-zh-hans"), nil)
	if len(noRaw) != len(fs)-2 || count(noRaw, RuleEmpty) != 2 || count(noRaw, RuleUnbalancedTags) != 0 || count(noRaw, RuleFormat) != 0 || noRaw[0].FileLine != 0 {
		t.Errorf("without raw: %+v", noRaw)
	}
}

func TestClean(t *testing.T) {
	doc, raw := read(t, "testdata/clean-zh.srt")
	for _, name := range []string{"netflix-zh-hans", "netflix-zh-hant"} {
		if fs := Check(doc, limits(t, name), raw); len(fs) != 0 {
			t.Errorf("%s: clean file has findings: %+v", name, fs)
		}
	}
	// Children's reading speed is 7: caption 1, 11 characters in 1.5 s, is over.
	p, _ := guide.Lookup("netflix-zh-hans")
	fs := Check(doc, For(p, Options{Children: true}), raw)
	if len(fs) != 1 || fs[0].Rule != RuleReadingSpeed || fs[0].Caption != 1 || fs[0].Limit != 7 {
		t.Errorf("children: %+v", fs)
	}
	// At 12 fps two frames are 167 ms: the 83 ms gap before caption 3 is too small.
	fs = Check(doc, For(p, Options{FPS: 12}), raw)
	if len(fs) != 1 || fs[0].Rule != RuleGap || fs[0].Caption != 3 || fs[0].Limit != 0.167 {
		t.Errorf("12 fps: %+v", fs)
	}
}

func TestEnglishAndWords(t *testing.T) {
	doc := &subtitle.Document{Cues: []subtitle.Cue{
		// 21 characters in 1 s; 4 words in 1 s is 240 a minute.
		{Start: 0, End: time.Second, Lines: subtitle.Text("One two", "three four.")},
		// A break between words is no split in English.
		{Start: 2 * time.Second, End: 5 * time.Second, Lines: subtitle.Text("Open", "AI")},
	}}
	// "One two three four." is 19 characters: 19 cps is under 20.
	if fs := Check(doc, limits(t, "netflix-en"), nil); len(fs) != 0 {
		t.Errorf("netflix-en: %+v", fs)
	}
	fs := Check(doc, limits(t, "netflix-other"), nil) // 17 cps
	if len(fs) != 1 || fs[0].Rule != RuleReadingSpeed || fs[0].Value != 19 || fs[0].Caption != 1 {
		t.Errorf("netflix-other: %+v", fs)
	}
	fs = Check(doc, limits(t, "bbc"), nil) // 180 words a minute
	if len(fs) != 1 || fs[0].Unit != "wpm" || fs[0].Value != 240 || fs[0].Limit != 180 {
		t.Errorf("bbc: %+v", fs)
	}
	if n := Words("Well — it's 3 o'clock, isn't it?"); n != 6 {
		t.Errorf("Words = %d, want 6", n)
	}
}

func TestUnbalanced(t *testing.T) {
	for _, c := range []struct {
		lines []string
		f     subtitle.Format
		want  string
	}{
		{[]string{"<i>a</i> <b>b</b>"}, subtitle.SRT, ""},
		{[]string{"<i>across", "lines</i>"}, subtitle.SRT, ""},
		{[]string{`<font color="red">x</FONT>`}, subtitle.SRT, ""},
		{[]string{"a</i>"}, subtitle.SRT, "</i> closes nothing open"},
		{[]string{"<i><b>a</i></b>"}, subtitle.SRT, "</i> closes <i> before the <b> opened inside it"},
		{[]string{"<b><i>a"}, subtitle.SRT, "<b>, <i> left open at the end of the caption"},
		{[]string{"<br>x <c.yellow>y"}, subtitle.SRT, ""}, // not SRT tags: text to players
		{[]string{"a < b > c", "1<2"}, subtitle.SRT, ""},
		{[]string{"<v Ann>hi <c.loud>there</c>"}, subtitle.WebVTT, ""},
		{[]string{"<ruby>漢<rt>kan</ruby> <00:01.000>x"}, subtitle.WebVTT, ""},
		{[]string{"<c.loud>there"}, subtitle.WebVTT, "<c> left open at the end of the caption"},
		{[]string{"<v Ann><i>there</v>"}, subtitle.WebVTT, "</v> closes <v> before the <i> opened inside it"},
		{[]string{"{\\i1}x"}, subtitle.ASS, ""},
	} {
		if got := unbalanced(c.lines, c.f); got != c.want {
			t.Errorf("unbalanced(%q, %v) = %q, want %q", c.lines, c.f, got, c.want)
		}
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func count(fs []Finding, r Rule) int {
	n := 0
	for _, f := range fs {
		if f.Rule == r {
			n++
		}
	}
	return n
}

// TestRawOnly: what only the file as written shows.
func TestRawOnly(t *testing.T) {
	check := func(name, text string, f subtitle.Format) []Finding {
		doc, ws, err := subtitle.ReadText(name, text, f)
		if err != nil {
			t.Fatal(err)
		}
		return Check(doc, limits(t, "netflix-en"), &Raw{Format: f, Cues: subtitle.Sources(name, text, f), Warnings: ws})
	}
	// A cue of only a placement code is only tags, not empty.
	fs := check("a.srt", "1\n00:00:01,000 --> 00:00:03,000\n{\\an8}\n", subtitle.SRT)
	if len(fs) != 1 || fs[0].Rule != RuleOnlyTags || !strings.Contains(fs[0].Message, `"{\\an8}"`) {
		t.Errorf("{\\an8}: %+v", fs)
	}
	// A cue the WebVTT reader drops for its broken timing line is not lost.
	fs = check("a.vtt", "WEBVTT\n\n00:01.000 --> 00:03.000\nok\n\n00:04.000 -> 00:06.000\ndropped\n", subtitle.WebVTT)
	if len(fs) != 1 || fs[0].Rule != RuleFormat || fs[0].Caption != 0 || fs[0].FileLine != 6 || !strings.Contains(fs[0].Message, "block dropped") {
		t.Errorf("dropped block: %+v", fs)
	}
}
