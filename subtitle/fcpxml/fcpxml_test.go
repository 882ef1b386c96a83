package fcpxml

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/formattest"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

func ms(n int64) time.Duration { return time.Duration(n) * time.Millisecond }

// sample has what the writer carries: styles, two lines, a cue at the
// top, overlapping cues, CJK text, characters XML escapes.
func sample() *subtitle.Document {
	return &subtitle.Document{Lang: "en", Title: "Demo & test", Cues: []subtitle.Cue{
		{Start: ms(1000), End: ms(3500), Lines: []subtitle.Line{{{Text: "Hello, "}, {Text: "world", Italic: true}}, {{Text: "<second> & line", Bold: true}}}},
		{Start: ms(3000), End: ms(5000), Align: 8, Lines: []subtitle.Line{{{Text: "on top, overlapping", Underline: true}}}},
		{Start: ms(6000), End: ms(6010), Align: 1, Lines: []subtitle.Line{{{Text: "short, left, "}, {Text: "red", Color: "#ff0000"}}}},
		{Start: ms(3600_000), End: ms(3602_000), Lines: subtitle.Text("一小时后")},
	}}
}

func encode(t *testing.T, d *subtitle.Document, o subtitle.EncodeOptions, version string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteVersion(&buf, d, o, version); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs; got:\n%s", name, got)
	}
}

func TestWriteGolden(t *testing.T) {
	golden(t, "sample-25.fcpxml.golden", encode(t, sample(), subtitle.EncodeOptions{}, DefaultVersion))
	golden(t, "sample-2997.fcpxml.golden", encode(t, sample(), subtitle.EncodeOptions{FPS: 29.97}, DefaultVersion))
}

// TestValidatesAgainstDTD writes the sample, an empty document and one of
// every placement and style in each version subkit writes, and validates
// each against Apple's DTD for that version with xmllint. A file of the
// wrong version must fail, so the check is known to bite.
func TestValidatesAgainstDTD(t *testing.T) {
	docs := map[string]*subtitle.Document{"sample": sample(), "empty": {}}
	var all []subtitle.Cue
	colors := []string{"yellow", "RebeccaPurple", "rgb(10,20,30)", "rgba(255,0,0,0.5)", "#abc"}
	for a := 0; a <= 9; a++ {
		all = append(all, subtitle.Cue{Start: ms(int64(a) * 500), End: ms(int64(a)*500 + 400), Align: a,
			Lines: []subtitle.Line{{{Text: "i", Italic: true}, {Text: "b", Bold: true}, {Text: "u", Underline: true}, {Text: "c", Color: colors[a%len(colors)]}}}})
	}
	all = append(all, subtitle.Cue{Start: ms(100), End: ms(100)}) // no text, no length
	docs["every"] = &subtitle.Document{Cues: all}
	for _, fps := range []float64{23.976, 24, 25, 29.97, 30, 47.952, 48, 50, 59.94, 60} {
		docs["fps"+strings.ReplaceAll(fmt.Sprint(fps), ".", "_")] = &subtitle.Document{Cues: sample().Cues}
	}
	for _, v := range Versions {
		t.Run(v, func(t *testing.T) {
			dtd := extcheck.FCPXMLDTD(t, v)
			dir := t.TempDir()
			var files []string
			for name, d := range docs {
				var fps float64
				if f, ok := strings.CutPrefix(name, "fps"); ok {
					fps, _ = strconv.ParseFloat(strings.ReplaceAll(f, "_", "."), 64)
				}
				path := filepath.Join(dir, name+".fcpxml")
				if err := os.WriteFile(path, encode(t, d, subtitle.EncodeOptions{FPS: fps}, v), 0o644); err != nil {
					t.Fatal(err)
				}
				files = append(files, path)
			}
			// Another version's number must fail the DTD's #FIXED version.
			wrong := filepath.Join(dir, "wrong.fcpxml")
			other := "1.8"
			if v == "1.8" {
				other = "1.9"
			}
			if err := os.WriteFile(wrong, encode(t, sample(), subtitle.EncodeOptions{}, other), 0o644); err != nil {
				t.Fatal(err)
			}
			res := extcheck.DTDValid(t, dtd, append(files, wrong)...)
			for _, r := range res[:len(files)] {
				if !r.Valid {
					t.Errorf("%s is not valid FCPXML %s:\n%s", filepath.Base(r.File), v, strings.Join(r.Messages, "\n"))
				}
			}
			if res[len(files)].Valid {
				t.Errorf("a file of version %s validated against the %s DTD", other, v)
			}
		})
	}
}

// TestReadAnchored reads captions anchored to a clip and to a gap in a
// timeline starting at one hour: times are on the project's timeline.
func TestReadAnchored(t *testing.T) {
	d, info := formattest.Decode(t, "testdata/anchored.fcpxml", Format, subtitle.ReadOptions{})
	if len(info.Warnings) > 0 {
		t.Fatalf("warnings %v", info.Warnings)
	}
	want := []subtitle.Cue{
		{Start: ms(2000), End: ms(5003), Lines: []subtitle.Line{{{Text: "Guten Tag, "}, {Text: "meine Damen", Italic: true, Color: "#ffff00"}}, {{Text: "und Herren"}}}},
		{Start: ms(6000), End: ms(8000), Align: 9, Lines: []subtitle.Line{{{Text: "oben rechts", Bold: true}}}},
		{Start: ms(61001), End: ms(62001), Lines: subtitle.Text("nach dem Clip")},
	}
	if !reflect.DeepEqual(d.Cues, want) || d.Lang != "de" {
		t.Fatalf("lang %q\ngot  %+v\nwant %+v", d.Lang, d.Cues, want)
	}
	// The sequence's format: a frame is 1001/30000 s.
	if want := 30000.0 / 1001; math.Abs(d.FPS-want) > 1e-9 {
		t.Errorf("FPS %v, want %v", d.FPS, want)
	}
	formattest.Detects(t, "testdata/anchored.fcpxml", Format)
}

// TestRoundTrip writes documents on whole frames and reads them back the
// same, at 25 fps; at 29.97 a second write of what was read, at the rate
// it was read at, is the first.
func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	words := []string{"hello", "大家好", "a & b", "<i>", "]]>", "  ", "x\u00a0y"}
	for n := 0; n < 200; n++ {
		d := &subtitle.Document{Lang: "fr"}
		at := int64(rng.IntN(100))
		for i := 0; i < 1+rng.IntN(8); i++ {
			c := subtitle.Cue{Start: ms(at * 40), End: ms((at + 1 + rng.Int64N(200)) * 40), Align: []int{0, 1, 3, 7, 8, 9}[rng.IntN(6)]}
			for l := 0; l < 1+rng.IntN(3); l++ {
				var line subtitle.Line
				for s := 0; s < 1+rng.IntN(3); s++ {
					line = append(line, subtitle.Span{Text: "w" + words[rng.IntN(len(words))] + "w", Italic: rng.IntN(2) == 0, Bold: rng.IntN(3) == 0, Underline: rng.IntN(4) == 0})
				}
				c.Lines = append(c.Lines, line)
			}
			d.Cues = append(d.Cues, c)
			at += rng.Int64N(300)
		}
		formattest.RoundTrip(t, d, Format, subtitle.EncodeOptions{})
	}
	d := sample()
	first := encode(t, d, subtitle.EncodeOptions{FPS: 29.97}, DefaultVersion)
	back, ws, err := subtitle.ReadText("x.fcpxml", string(first), Format)
	if err != nil || len(ws) > 0 {
		t.Fatal(err, ws)
	}
	back.Title = d.Title
	if second := encode(t, back, subtitle.EncodeOptions{}, DefaultVersion); !bytes.Equal(first, second) {
		t.Errorf("written again differs:\n%s", second)
	}
}

// TestFrames checks times on frames at the NTSC rates and the rates
// Final Cut has no timeline for.
func TestFrames(t *testing.T) {
	r, err := rateOf(29.97)
	if err != nil || r.num != 30000 || r.den != 1001 {
		t.Fatal(r, err)
	}
	// 1 s is frame 29.97 → 30; 1 h is frame 107892.
	for _, c := range []struct {
		t    time.Duration
		want string
	}{{0, "0s"}, {ms(1000), "30030/30000s"}, {ms(33), "1001/30000s"}, {ms(3600_000), "107999892/30000s"}, {100 * time.Hour, "10800000211/30000s"}} {
		if got := r.frames(r.frameAt(c.t)); got != c.want {
			t.Errorf("%v at 29.97: %s, want %s", c.t, got, c.want)
		}
	}
	r, _ = rateOf(0)
	if got := r.frames(r.frameAt(ms(1020))); got != "26/25s" {
		t.Errorf("1.02 s at 25: %s", got)
	}
	if got := r.frames(r.frameAt(ms(1019))); got != "1s" {
		t.Errorf("1.019 s at 25: %s", got)
	}
	for _, bad := range []float64{12, 29, 100, -25} {
		if _, err := rateOf(bad); err == nil || !strings.Contains(err.Error(), "29.97") {
			t.Errorf("rate %v: %v", bad, err)
		}
	}
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, sample(), Format, subtitle.EncodeOptions{FPS: 12}); err == nil {
		t.Error("12 fps written")
	}
	if err := WriteVersion(&buf, sample(), subtitle.EncodeOptions{}, "1.7"); err == nil {
		t.Error("1.7 written")
	}
}

func TestLangAndLosses(t *testing.T) {
	for text, want := range map[string]string{"hello": "en", "大家好": "zh", "こんにちは世界": "ja", "안녕하세요": "ko"} {
		if got := Lang(&subtitle.Document{Cues: []subtitle.Cue{{Lines: subtitle.Text(text)}}}); got != want {
			t.Errorf("Lang(%q) = %q, want %q", text, got, want)
		}
	}
	d := sample()
	d.Cues[0].Lines[0][0].Voice = "Ann"
	d.Cues[1].Lines[0][0].Color = "nocolor"
	d.Cues[2].Align = 6
	if got := strings.Join(subtitle.Losses(d, Format), "; "); got != "colors in 1 cue; middle placement (written at the bottom) in 1 cue; voice names (<v>) in 1 cue" {
		t.Errorf("losses %q", got)
	}
}

// TestCSSColors writes span colors in the forms the writer has taken
// since ASS, FCPXML and TTML share one color reader (rgb(), rgba() and all
// of CSS's names; before, fifteen names and hex): each is a fontColor of
// Final Cut's "r g b a" and reads back as #rrggbb or #rrggbbaa.
func TestCSSColors(t *testing.T) {
	forms := []struct{ in, fcp, back string }{
		{"RebeccaPurple", "0.4 0.2 0.6 1", "#663399"},
		{"darkorange", "1 0.549 0 1", "#ff8c00"},
		{"rgb(10,20,30)", "0.0392 0.0784 0.1176 1", "#0a141e"},
		{"rgba(255,0,0,0.5)", "1 0 0 0.502", "#ff000080"},
		{"rgb(100%,0%,0%)", "1 0 0 1", "#ff0000"},
	}
	d := &subtitle.Document{}
	for i, f := range forms {
		d.Cues = append(d.Cues, subtitle.Cue{Start: ms(int64(i+1) * 1000), End: ms(int64(i+2) * 1000), Lines: []subtitle.Line{{{Text: f.in, Color: f.in}}}})
	}
	if l := subtitle.Losses(d, Format); len(l) > 0 {
		t.Errorf("losses %v", l)
	}
	out := encode(t, d, subtitle.EncodeOptions{}, DefaultVersion)
	back, ws, err := subtitle.ReadText("x.fcpxml", string(out), Format)
	if err != nil || len(ws) > 0 || len(back.Cues) != len(forms) {
		t.Fatalf("read back: %v %v\n%s", err, ws, out)
	}
	for i, f := range forms {
		if !bytes.Contains(out, []byte(`fontColor="`+f.fcp+`"`)) {
			t.Errorf("%q: no fontColor=%q written", f.in, f.fcp)
		}
		if got := back.Cues[i].Lines[0][0].Color; got != f.back {
			t.Errorf("%q read back as %q, want %q", f.in, got, f.back)
		}
	}
}

// TestBadFontColor reads fontColors that are not Final Cut's "r g b a":
// a warning naming the line of each, in a text-style-def and in a
// text-style, and the text is read white.
func TestBadFontColor(t *testing.T) {
	d, ws, err := read("in.fcpxml", `<fcpxml version="1.8"><event><project><sequence><spine><gap duration="9s">
<caption offset="1s" duration="1s"><text><text-style ref="ts1">a</text-style></text>
<text-style-def id="ts1"><text-style fontColor="red"/></text-style-def></caption>
<caption offset="2s" duration="1s"><text><text-style fontColor="1 2 3 4">b</text-style></text></caption>
</gap></spine></sequence></project></event></fcpxml>`)
	if err != nil {
		t.Fatal(err)
	}
	want := []subtitle.Warning{
		{Line: 3, Message: `fontColor="red" is not a color ("red green blue alpha", each 0 to 1): the text is shown white`},
		{Line: 4, Message: `fontColor="1 2 3 4" is not a color ("red green blue alpha", each 0 to 1): the text is shown white`},
	}
	if !reflect.DeepEqual(ws, want) || len(d.Cues) != 2 || d.Cues[0].Lines[0][0].Color != "" || d.Cues[1].Lines[0][0].Color != "" {
		t.Errorf("warnings %q\ncues %+v", ws, d.Cues)
	}
}

func TestBadInput(t *testing.T) {
	_, _, err := read("in.fcpxml", "<fcpxml version=\"1.8\">\n<event>\n</fcpxml>")
	formattest.SyntaxError(t, err, 3)
	_, _, err = read("in.fcpxml", "<?xml version=\"1.0\"?>\n<tt/>")
	formattest.SyntaxError(t, err, 2)
	d, ws, err := read("in.fcpxml", `<fcpxml version="1.8"><event><project><sequence><spine><gap duration="9s">
<caption offset="1s" duration="x"><text><text-style>lost</text-style></text></caption>
<caption offset="-5s" duration="1s"><text>early</text></caption>
<caption offset="2s"><text>no length</text></caption>
<caption offset="3s" duration="1s"><text><text-style ref="nope">kept</text-style></text></caption>
</gap></spine></sequence></project></event></fcpxml>`)
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, w := range ws {
		lines = append(lines, w.Line)
	}
	if len(d.Cues) != 1 || d.Cues[0].Lines[0][0].Text != "kept" || !reflect.DeepEqual(lines, []int{2, 2, 3, 4, 5}) {
		t.Fatalf("cues %+v warnings %v", d.Cues, ws)
	}
}

// FuzzReadFCPXML reads arbitrary text as FCPXML: no panic, errors only as
// positioned ParseErrors, and what is read writes (at 25 fps), validates
// as XML to our reader, and reads back with the same text.
func FuzzReadFCPXML(f *testing.F) {
	formattest.AddFiles(f, "testdata/anchored.fcpxml", "testdata/sample-25.fcpxml.golden")
	f.Add(`<fcpxml><caption offset="1/3s" duration="1s"><text>a` + "\n\n" + `b</text></caption></fcpxml>`)
	f.Fuzz(func(t *testing.T, text string) {
		d, ok := formattest.Read(t, Format, "fuzz.fcpxml", text)
		if !ok {
			return
		}
		var buf bytes.Buffer
		if err := subtitle.Encode(&buf, d, Format, subtitle.EncodeOptions{}); err != nil {
			t.Fatal(err)
		}
		back, ws, err := subtitle.ReadText("fuzz.fcpxml", buf.String(), Format)
		if err != nil || len(ws) > 0 || len(back.Cues) != len(d.Cues) {
			t.Fatalf("read %+v\nwrote %s\nread back %+v %v %v", d.Cues, buf.String(), back, ws, err)
		}
		for i := range d.Cues {
			if g, w := plain(back.Cues[i]), plain(d.Cues[i]); g != w {
				t.Fatalf("cue %d: read back %q, want %q\n%s", i+1, g, w, buf.String())
			}
		}
	})
}

// plain is a cue's text as the writer keeps it: lines trimmed, blank
// ones dropped, characters XML cannot carry removed.
func plain(c subtitle.Cue) string {
	var ls []string
	for _, l := range c.Lines {
		var sb strings.Builder
		for _, s := range l {
			sb.WriteString(s.Text)
		}
		ls = append(ls, sb.String())
	}
	var out []string
	for _, l := range strings.Split(strings.Join(ls, "\n"), "\n") {
		l = strings.Map(func(r rune) rune {
			if r == '\t' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF {
				return r
			}
			return -1
		}, l)
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
