package webvtt

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/internal/longtest"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/cuesettings"
	"github.com/subkit-dev/subkit/subtitle/internal/textout"
)

func readVTTFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// mustReadVTT reads text that must be WebVTT.
func mustReadVTT(t testing.TB, text string) (*subtitle.Document, []subtitle.Warning) {
	t.Helper()
	d, ws, err := readWebVTT("test.vtt", text)
	if err != nil {
		t.Fatal(err)
	}
	return d, ws
}

// featuresDoc is testdata/features.vtt as read.
var featuresDoc = &subtitle.Document{
	IDsAsRead: true,
	Lang:      "en-GB",
	Header:    "- Sample with everything\nKind: captions\nLanguage: en-GB",
	Notes: []subtitle.Note{
		{Before: 0, Text: "\nThis file has one of each block.", Head: true},
		{Before: 0, Text: "Styles and regions come before the first cue."},
		{Before: 4, Text: "after the last cue"},
	},
	Styles: []subtitle.Style{{Format: subtitle.WebVTT, Text: "::cue(.loud) { font-weight: bold }\n::cue(#intro) { color: yellow }"}},
	Regions: []subtitle.Region{{ID: "bottom", Format: subtitle.WebVTT,
		Text: "id:bottom width:80% lines:2\nregionanchor:0%,100% viewportanchor:10%,90% scroll:up"}},
	Cues: []subtitle.Cue{
		{ID: "intro", Start: ms(1000), End: ms(3500), Settings: "region:bottom align:start", Region: "bottom",
			Lines: []subtitle.Line{{{Text: "We are in New York City", Voice: "Roger Bingham", Classes: []string{"loud"}}}}},
		{Start: ms(3500), End: ms(5000), Settings: "line:0 position:20%,line-left size:50%",
			Lines: []subtitle.Line{
				{{Text: "Italic", Italic: true}, {Text: ", "}, {Text: "bold", Bold: true}, {Text: " and "},
					{Text: "underlined", Underline: true}, {Text: " text"}},
				{{Text: "<not a tag> & © AB"}},
			}},
		{ID: "3", Start: time.Hour, End: time.Hour + ms(2000),
			Lines: []subtitle.Line{
				{{Text: "yellow", Color: "yellow", Classes: []string{"bg_blue"}}, {Text: " "}, {Text: "bonjour", Lang: "fr"}},
				{{Text: "漢", Ruby: "kan"}, {Text: "字", Ruby: "ji"}},
			}},
		{ID: "karaoke", Start: time.Hour + ms(2000), End: time.Hour + ms(4000), Settings: "vertical:rl",
			Lines: []subtitle.Line{{{Text: "One "}, {Text: "two ", At: time.Hour + ms(2500), Timed: true},
				{Text: "three", At: time.Hour + ms(3000), Timed: true}}}},
	},
}

func TestReadWebVTTFeatures(t *testing.T) {
	text := readVTTFixture(t, "features.vtt")
	for _, nl := range []string{"\n", "\r\n", "\r"} {
		t.Run(strconv.Quote(nl), func(t *testing.T) {
			d, ws := mustReadVTT(t, strings.ReplaceAll(text, "\n", nl))
			if len(ws) > 0 {
				t.Errorf("warnings: %v", ws)
			}
			diffDocs(t, d, featuresDoc)
		})
	}
}

// diffDocs reports where got differs from want.
func diffDocs(t *testing.T, got, want *subtitle.Document) {
	t.Helper()
	g, w := *got, *want
	g.Cues, w.Cues = nil, nil
	if !reflect.DeepEqual(g, w) {
		t.Errorf("document\n got %+v\nwant %+v", g, w)
	}
	if len(got.Cues) != len(want.Cues) {
		t.Errorf("%d cues, want %d", len(got.Cues), len(want.Cues))
	}
	for i := range min(len(got.Cues), len(want.Cues)) {
		if !reflect.DeepEqual(got.Cues[i], want.Cues[i]) {
			t.Errorf("cue %d\n got %#v\nwant %#v", i+1, got.Cues[i], want.Cues[i])
		}
	}
}

// TestReadWebVTTBroken: what the spec's parser drops is a warning with its
// line, and the rest reads as a browser reads it.
func TestReadWebVTTBroken(t *testing.T) {
	d, ws := mustReadVTT(t, readVTTFixture(t, "broken.vtt"))
	type cue struct {
		id         string
		start, end time.Duration
		text       string
	}
	var got []cue
	for _, c := range d.Cues {
		got = append(got, cue{c.ID, c.Start, c.End, strings.Join(c.PlainLines(), "|")})
	}
	want := []cue{
		{"1", ms(1000), ms(2000), "first cue|2"},
		{"", ms(3000), ms(4000), `the line "2" above is text of the first cue:|there is no blank line before this cue`},
		{"", ms(7000), ms(6000), "ends before it starts; three bad settings"},
		{"4", ms(8000), ms(9000), ""},
		{"5", ms(10000), ms(11000), "last cue, no line end at the end of the file"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cues\n got %+v\nwant %+v", got, want)
	}
	if d.Header != "\nX-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000" {
		t.Errorf("header %q", d.Header)
	}
	if len(d.Styles) != 0 || len(d.Notes) != 0 {
		t.Errorf("styles %v, notes %v: the STYLE after a cue and NOTEnot are no blocks", d.Styles, d.Notes)
	}
	wantWarnings := []struct {
		line int
		has  string
	}{
		{8, "no blank line before this cue"},
		{12, `block dropped (to line 14): "3" is not a cue`},
		{16, "STYLE block after the first cue ignored"},
		{19, "cue ends (00:00:06.000) before it starts (00:00:07.000)"},
		{19, `"align:middle"`},
		{19, `"size:101%"`},
		{19, `"colour:red" (unknown setting)`},
		{24, `cue dropped: start time missing in timing line "text with an arrow -->" (a line with "-->" ends the block before it)`},
		{27, `"just some words" is not a cue`},
		{29, `"NOTEnot a note" is not a cue`},
	}
	if len(ws) != len(wantWarnings) {
		t.Errorf("%d warnings, want %d:\n%v", len(ws), len(wantWarnings), ws)
	}
	for i := range min(len(ws), len(wantWarnings)) {
		if w := wantWarnings[i]; ws[i].Line != w.line || !strings.Contains(ws[i].Message, w.has) {
			t.Errorf("warning %d: %v, want line %d with %q", i+1, ws[i], w.line, w.has)
		}
	}
}

func TestReadWebVTTSignature(t *testing.T) {
	for _, in := range []string{"", "WEBVT", "webvtt\n", "WEBVTTX\n\n00:01.000 --> 00:02.000\nx", " WEBVTT", "\n\nWEBVTT", "1\n00:00:01,000 --> 00:00:02,000\nSRT\n"} {
		_, _, err := readWebVTT("x.vtt", in)
		var pe *subtitle.ParseError
		if !errors.As(err, &pe) || pe.Line != 1 || pe.File != "x.vtt" || !errors.Is(err, subtitle.ErrSyntax) ||
			!strings.Contains(err.Error(), "not a WebVTT file") {
			t.Errorf("%q: error %v, want a ParseError at line 1 saying it is not WebVTT", in, err)
		}
	}
	for in, header := range map[string]string{
		"WEBVTT":                  "",
		"WEBVTT\n":                "",
		"WEBVTT\t":                "",
		"WEBVTT title":            "title",
		"\ufeffWEBVTT  two words": "two words",
		"WEBVTT\nKind: captions\n\n00:01.000 --> 00:02.000\nx": "\nKind: captions",
		"WEBVTT\n00:01.000 --> 00:02.000\nx":                   "",
	} {
		d, ws, err := readWebVTT("x.vtt", in)
		if len(ws) == 1 && ws[0].Message == "no blank line between the header and the first cue" && strings.HasPrefix(in, "WEBVTT\n00:") {
			ws = nil // as the W3C parser says too
		}
		if err != nil || len(ws) > 0 || d.Header != header {
			t.Errorf("%q: header %q, warnings %v, error %v; want header %q", in, d.Header, ws, err, header)
		}
	}
}

// TestReadWebVTTCueText: cue text into spans.
func TestReadWebVTTCueText(t *testing.T) {
	at := func(ms int64) time.Duration { return time.Duration(ms) * time.Millisecond }
	for _, c := range []struct {
		in   string
		want []subtitle.Line
	}{
		{"plain", []subtitle.Line{{{Text: "plain"}}}},
		{"  keeps edge space  \nand\ttabs", []subtitle.Line{{{Text: "  keeps edge space  "}}, {{Text: "and\ttabs"}}}},
		{"a &amp; b &lt;i&gt; &nbsp;&lrm;&rlm;&#x1F600;&#128512;&bogus; &notit; &amp", []subtitle.Line{{{Text: "a & b <i> \u00a0\u200e\u200f😀😀&bogus; ¬it; &"}}}},
		{"&#0;&#x110000;&#xD800;&#x80;&#x81;&#99999999999999;&#x;", []subtitle.Line{{{Text: "\ufffd\ufffd\ufffd€\u0081\ufffd&#x;"}}}},
		{"<b>bold <i>both</i></b> <u>u</u>", []subtitle.Line{{{Text: "bold ", Bold: true}, {Text: "both", Bold: true, Italic: true}, {Text: " "}, {Text: "u", Underline: true}}}},
		{"<i>across\nlines</i>", []subtitle.Line{{{Text: "across", Italic: true}}, {{Text: "lines", Italic: true}}}},
		{"<v Bob>hi</v> <v.loud.red Ann  &amp;  Co>yo", []subtitle.Line{{{Text: "hi", Voice: "Bob"}, {Text: " "}, {Text: "yo", Voice: "Ann & Co", Classes: []string{"loud"}, Color: "red"}}}},
		{"<c.a.yellow.b><c.magenta.a.c>x</c></c>", []subtitle.Line{{{Text: "x", Classes: []string{"a", "b", "c"}, Color: "magenta"}}}},
		{"<lang en>one <lang fr>deux</lang></lang>", []subtitle.Line{{{Text: "one ", Lang: "en"}, {Text: "deux", Lang: "fr"}}}},
		{"<ruby>東<rt>とう</rt>京<rt>きょう</rt></ruby>", []subtitle.Line{{{Text: "東", Ruby: "とう"}, {Text: "京", Ruby: "きょう"}}}},
		{"<ruby><b>b</b>c<rt>x</ruby>d", []subtitle.Line{{{Text: "b", Bold: true}, {Text: "c", Ruby: "x"}, {Text: "d"}}}},
		{"<ruby><rt>bare</rt></ruby>", []subtitle.Line{{{Ruby: "bare"}}}},
		{"a<x>b</y>c<I>d", []subtitle.Line{{{Text: "abcd"}}}},
		{"<00:00:01.000>one<00:00:02.000><00:00:03.000>two<00:04.000>", []subtitle.Line{{{Text: "one", At: at(1000), Timed: true},
			{At: at(2000), Timed: true}, {Text: "two", At: at(3000), Timed: true}, {At: at(4000), Timed: true}}}},
		{"<00:00:01.00>bad stamp</i> <", []subtitle.Line{{{Text: "bad stamp "}}}},
		{"<i></i>\nx", []subtitle.Line{nil, {{Text: "x"}}}},
	} {
		d, _ := mustReadVTT(t, "WEBVTT\n\n00:00.000 --> 00:05.000\n"+c.in+"\n")
		if len(d.Cues) != 1 {
			t.Errorf("%q: %d cues", c.in, len(d.Cues))
			continue
		}
		if got := d.Cues[0].Lines; !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q:\n got %#v\nwant %#v", c.in, got, c.want)
		}
	}
}

// TestReadWebVTTSettings: settings kept as written, space runs made one,
// the cue's region resolved, and bad settings reported.
func TestReadWebVTTSettings(t *testing.T) {
	in := "WEBVTT\n\nREGION\nid:r\n\n" +
		"00:00.000 --> 00:01.000 \t align:end\f  region:r \n1\n\n" +
		"00:00.000 --> 00:01.000 region:r line:0\n2\n\n" +
		"00:00.000 --> 00:01.000 region:nope\n3\n\n" +
		"00:00.000 --> 00:01.000align:start\n4\n"
	d, ws := mustReadVTT(t, in)
	var got []string
	for _, c := range d.Cues {
		got = append(got, c.Settings+"|"+c.Region)
	}
	want := []string{"align:end region:r|r", "region:r line:0|", "region:nope|", "align:start|"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("settings|region %q, want %q", got, want)
	}
	if len(ws) != 1 || ws[0].Line != 12 || !strings.Contains(ws[0].Message, `"region:nope" (names no REGION)`) {
		t.Errorf("warnings %v", ws)
	}
}

// TestReadWebVTTLanguage: our writer's language note sets Lang and is not
// a note; a header line does too; other notes stay notes.
func TestReadWebVTTLanguage(t *testing.T) {
	for _, c := range []struct {
		in    string
		lang  string
		notes []subtitle.Note
	}{
		{"WEBVTT\n\nNOTE Language: zh-Hans\n\n00:01.000 --> 00:02.000\nx\n", "zh-Hans", nil},
		{"WEBVTT\nLanguage: fr\n\n00:01.000 --> 00:02.000\nx\n", "fr", nil},
		{"WEBVTT\nLanguage: fr\n\nNOTE Language: de\n", "fr", []subtitle.Note{{Before: 0, Text: "Language: de"}}},
		{"WEBVTT\n\nNOTE Language: en\n\nNOTE Language: de\n", "en", []subtitle.Note{{Before: 0, Text: "Language: de"}}},
		{"WEBVTT\n\n00:01.000 --> 00:02.000\nx\n\nNOTE Language: en\n", "", []subtitle.Note{{Before: 1, Text: "Language: en"}}},
		{"WEBVTT\n\nNOTE Language: en\nand more\n", "", []subtitle.Note{{Before: 0, Text: "Language: en\nand more"}}},
	} {
		d, _ := mustReadVTT(t, c.in)
		if d.Lang != c.lang || !reflect.DeepEqual(d.Notes, c.notes) {
			t.Errorf("%q: lang %q notes %+v, want %q %+v", c.in, d.Lang, d.Notes, c.lang, c.notes)
		}
	}
}

// vttWritten is what reading our WebVTT writer's output of d must give:
// the writer's lines (edges trimmed, blank lines dropped), adjacent spans
// of one style joined, a number for each id the writer cannot write
// (none when d.IDsAsRead), and
// the language. encode.go's writer does not yet write the header, notes,
// styles, regions or cue settings, so those do not come back.
func vttWritten(d *subtitle.Document) *subtitle.Document {
	w := &subtitle.Document{Header: d.Header, Notes: d.Notes, IDsAsRead: true}
	if d.Lang != "" && !strings.Contains(d.Lang, "-->") && !strings.ContainsAny(d.Lang, "\r\n") {
		w.Lang = d.Lang
	}
	regions := map[string]bool{}
	for _, st := range d.Styles {
		if st.Format == subtitle.WebVTT {
			w.Styles = append(w.Styles, st)
		}
	}
	for _, rg := range d.Regions {
		if rg.Format == subtitle.WebVTT {
			w.Regions = append(w.Regions, rg)
			regions[rg.ID] = true
		}
	}
	for i, c := range d.Cues {
		// The writer writes the cue's settings, or ones made from Align.
		c.Settings, c.Align, c.Style = vttSettings(c, regions), 0, ""
		if !regions[c.Region] {
			c.Region = ""
		}
		if !validVTTID(c.ID) {
			c.ID = ""
			if !d.IDsAsRead {
				c.ID = strconv.Itoa(i + 1)
			}
		}
		var lines []subtitle.Line
		for _, l := range textout.Lines(c.Lines) {
			var out subtitle.Line
			for _, s := range l {
				if n := len(out); n > 0 && !s.Timed && sameStyle(out[n-1], s) {
					out[n-1].Text += s.Text
					continue
				}
				out = append(out, s)
			}
			lines = append(lines, out)
		}
		c.Lines = lines
		w.Cues = append(w.Cues, c)
	}
	return w
}

func encodeVTT(t testing.TB, d *subtitle.Document) string {
	t.Helper()
	var b bytes.Buffer
	if err := subtitle.Encode(&b, d, subtitle.WebVTT, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// randomVTTDoc makes a document of what WebVTT can carry, with text that
// needs escaping and ids the writer must replace.
func randomVTTDoc(rng *rand.Rand) *subtitle.Document {
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	d := &subtitle.Document{Lang: pick("", "", "en", "zh-Hans", "pt-BR"), Header: pick("", "title")}
	if rng.IntN(4) == 0 {
		d.Notes = []subtitle.Note{{Before: 0, Text: "a note"}}
	}
	var at time.Duration
	for range rng.IntN(6) {
		start := at + time.Duration(rng.IntN(5000))*time.Millisecond
		c := subtitle.Cue{Start: start, End: start + time.Duration(rng.IntN(5000))*time.Millisecond,
			ID:       pick("", "", "id", " spaced id ", "第一段", "42", "NOTE", "STYLE x", "a-->b", "two\nlines", "REGIONS"),
			Settings: pick("", "align:start line:90%")}
		at = c.End
		for range rng.IntN(4) {
			var l subtitle.Line
			for range 1 + rng.IntN(4) {
				s := subtitle.Span{Text: pick("word", "two words", " lead", "trail ", "a & b", "<i>not</i>", "x > y", "-->", "&amp;",
					"大家好", "tab\there", "\u00a0nbsp", "line\nbreak", "  ", "", "&#65;", "<00:00:01.000>"),
					Italic: rng.IntN(3) == 0, Bold: rng.IntN(4) == 0, Underline: rng.IntN(5) == 0,
					Color: pick("", "", "", "red", "yellow", "lime"),
					Voice: pick("", "", "", "Bob", "Dr. Who", "Ann & Co <x>"),
					Lang:  pick("", "", "", "en", "zh-Hant"),
					Ruby:  pick("", "", "", "", "kan", "ji & <co>"),
				}
				switch rng.IntN(5) {
				case 0:
					s.Classes = []string{"loud"}
				case 1:
					s.Classes = []string{"a", "b-c", "bg_blue"}
				}
				if rng.IntN(4) == 0 {
					s.At, s.Timed = start+time.Duration(rng.IntN(3000))*time.Millisecond, true
				}
				l = append(l, s)
			}
			c.Lines = append(c.Lines, l)
		}
		d.Cues = append(d.Cues, c)
	}
	return d
}

// TestReadWebVTTRoundTrip: what our writer writes reads back as the same
// document, for random documents with every kind of span.
func TestReadWebVTTRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range longtest.Pick(500, 3000) {
		d := randomVTTDoc(rng)
		text := encodeVTT(t, d)
		got, ws := mustReadVTT(t, text)
		if len(ws) > 0 {
			t.Fatalf("doc %d: warnings %v reading\n%s", i, ws, text)
		}
		want := vttWritten(d)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("doc %d: written as\n%s", i, text)
			diffDocs(t, got, want)
			return
		}
		// And once read, writing and reading again changes nothing.
		if again, _ := mustReadVTT(t, encodeVTT(t, got)); !reflect.DeepEqual(again, got) {
			t.Fatalf("doc %d: not a fixed point:\n%s", i, text)
		}
	}
}

// TestReadWebVTTFixturesRoundTrip: reading our fixtures, writing and
// reading again keeps all the writer writes.
func TestReadWebVTTFixturesRoundTrip(t *testing.T) {
	for _, name := range []string{"features.vtt", "broken.vtt"} {
		d, _ := mustReadVTT(t, readVTTFixture(t, name))
		if subtitle.Check(d) != nil {
			d.Cues = slices.DeleteFunc(d.Cues, func(c subtitle.Cue) bool { return c.End < c.Start })
		}
		got, _ := mustReadVTT(t, encodeVTT(t, d))
		want := vttWritten(d)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:", name)
			diffDocs(t, got, want)
		}
	}
}

// TestReadWebVTTTricky: input shaped by SRT habits and large input.
func TestReadWebVTTTricky(t *testing.T) {
	t.Run("arrow in text", func(t *testing.T) {
		d, ws := mustReadVTT(t, "WEBVTT\n\n00:01.000 --> 00:02.000\nHe said --> go\nmore\n\nid --> x\n00:03.000 --> 00:04.000\nnext\n")
		if len(d.Cues) != 2 || d.Cues[0].Lines != nil || d.Cues[1].ID != "" || d.Cues[1].PlainLines()[0] != "next" {
			t.Errorf("cues %+v", d.Cues)
		}
		if len(ws) != 2 || ws[0].Line != 4 || ws[1].Line != 7 {
			t.Errorf("warnings %v, want lines 4 and 7", ws)
		}
	})
	t.Run("SRT tags and a bare <", func(t *testing.T) {
		d, ws := mustReadVTT(t, "WEBVTT\n\n00:01.000 --> 00:02.000\nfine\n<font color=\"#ff0000\">red</font> and a < b\nsee\n")
		// "< b" opens a tag that runs to the next ">", here the cue's end.
		if got := strings.Join(d.Cues[0].PlainLines(), "|"); got != "fine|red and a " {
			t.Errorf("text %q", got)
		}
		if len(ws) != 1 || ws[0].Line != 5 || !strings.Contains(ws[0].Message, `tag "<font color=\"#ff0000\">" and 1 more are not WebVTT`) {
			t.Errorf("warnings %v", ws)
		}
	})
	t.Run("many problems", func(t *testing.T) {
		_, ws := mustReadVTT(t, "WEBVTT\n\n"+strings.Repeat("x\n\n", 5000))
		if len(ws) != maxVTTWarnings+1 || ws[maxVTTWarnings].Line != 2*maxVTTWarnings+3 ||
			ws[maxVTTWarnings].Message != "4000 more problems from here on, not listed" {
			t.Errorf("%d warnings, the last %v", len(ws), ws[len(ws)-1])
		}
		_, ws = mustReadVTT(t, "WEBVTT\n\n00:00.000 --> 00:01.000"+strings.Repeat(" x", 20)+"\n")
		if len(ws) != cuesettings.MaxBad+1 || ws[cuesettings.MaxBad].Message != "4 more cue settings ignored" {
			t.Errorf("%d warnings, the last %v", len(ws), ws[len(ws)-1])
		}
	})
	t.Run("end of file", func(t *testing.T) {
		for _, tail := range []string{"", "\n", "\n\n\n", "\r\n", "\r"} {
			d, ws := mustReadVTT(t, "WEBVTT\n\n00:01.000 --> 00:02.000\nlast"+tail)
			if len(ws) > 0 || len(d.Cues) != 1 || d.Cues[0].PlainLines()[0] != "last" {
				t.Errorf("%q: %+v %v", tail, d.Cues, ws)
			}
		}
	})
	t.Run("CR only", func(t *testing.T) {
		lf := readVTTFixture(t, "broken.vtt")
		a, wa := mustReadVTT(t, lf)
		b, wb := mustReadVTT(t, strings.ReplaceAll(lf, "\n", "\r"))
		if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(wa, wb) {
			t.Error("CR line ends read differently from LF")
		}
	})
	t.Run("1 MB lines", func(t *testing.T) {
		long := strings.Repeat("長い行 long line ", 1<<16) // 1.3 MB
		in := "WEBVTT " + long + "\n\nNOTE " + long + "\n\n" + long + "\n00:01.000 --> 00:02.000 " + "align:start\n" + long + "\n<i>" + long + "\n\n00:03.000 --> 00:04.000\nafter\n"
		d, ws := mustReadVTT(t, in)
		if len(ws) > 0 || len(d.Cues) != 2 || d.Header != long || d.Notes[0].Text != long || d.Cues[0].ID != long ||
			d.Cues[0].Lines[0][0].Text != long || d.Cues[0].Lines[1][0].Text != long || !d.Cues[0].Lines[1][0].Italic ||
			d.Cues[1].PlainLines()[0] != "after" {
			t.Errorf("long lines not kept whole (%d cues, %v)", len(d.Cues), ws)
		}
	})
	t.Run("100k cues", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("WEBVTT\n\n")
		for i := range 100000 {
			fmt.Fprintf(&b, "%d\n%s --> %s\ncue %d\n\n", i, textout.AppendTimestamp(nil, ms(int64(i)*100), '.'), textout.AppendTimestamp(nil, ms(int64(i)*100+90), '.'), i)
		}
		d, ws := mustReadVTT(t, b.String())
		if len(ws) > 0 || len(d.Cues) != 100000 {
			t.Fatalf("%d cues, %d warnings", len(d.Cues), len(ws))
		}
		c := d.Cues[99999]
		if c.ID != "99999" || c.Start != ms(9999900) || c.End != ms(9999990) || c.PlainLines()[0] != "cue 99999" {
			t.Errorf("last cue %+v", c)
		}
	})
}

// TestReadWebVTTBounded: hostile inputs, 256 KB each (1 MB in the long
// run), read in memory bounded by 200 times their size, which quadratic
// work breaks; their time is logged beside a well-formed file's of the
// same size in the long run, and measured in the benchmarks.
func TestReadWebVTTBounded(t *testing.T) {
	size := longtest.Pick(1<<18, 1<<20)
	fill := func(head, unit string) string {
		return head + strings.Repeat(unit, (size-len(head))/len(unit))
	}
	if longtest.On() {
		plain := benchVTT(size / 85)
		base := time.Hour
		for range 3 {
			start := time.Now()
			mustReadVTT(t, plain)
			base = min(base, time.Since(start))
		}
		t.Logf("a well-formed file of %d bytes: %v", len(plain), base)
	}
	cue := "WEBVTT\n\n00:00.000 --> 00:01.000\n"
	for name, in := range map[string]string{
		"nested tags":    fill(cue, "<i>"),
		"nested classes": fill(cue, "<c.a.b.c.d>"),
		"distinct classes": func() string {
			var b strings.Builder
			b.WriteString(cue)
			for i := 0; b.Len() < size; i++ {
				fmt.Fprintf(&b, "<c.k%d>x", i)
			}
			return b.String()
		}(),
		"ignored tags":    fill(cue, "a<x>"),
		"ampersands":      fill(cue, "&"),
		"references":      fill(cue, "&amp;&#65;&notit;"),
		"long reference":  cue + "&" + strings.Repeat("a", size),
		"timestamps":      fill(cue, "<00:00:00.500>"),
		"rubies":          fill(cue, "<ruby>a<rt>b"),
		"lines":           fill(cue, "a\n"),
		"arrows":          fill("WEBVTT\n\n00:00.000 --> 00:01.000\nok\n\n", "-->\n"),
		"empty cues":      fill("WEBVTT\n\n", "00:00.000 --> 00:01.000\n"),
		"blocks":          fill("WEBVTT\n\n", "x\n\n"),
		"settings":        fill("WEBVTT\n\n00:00.000 --> 00:01.000 ", "x:y "),
		"one line":        fill("WEBVTT\n\n", "a"),
		"regions":         fill("WEBVTT\n\n", "REGION\nid:a\n\n"),
		"region settings": fill("WEBVTT\n\nREGION\nid:a\n\n", "00:00.000 --> 00:01.000 region:a\n\n"),
	} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := time.Now()
		d, ws := mustReadVTT(t, in)
		took := time.Since(start)
		runtime.ReadMemStats(&after)
		alloc := after.TotalAlloc - before.TotalAlloc
		t.Logf("%-16s %4d cues %7d warnings %6.1f ms %5.1f× the input allocated", name, len(d.Cues), len(ws),
			float64(took.Microseconds())/1000, float64(alloc)/float64(len(in)))
		// Memory is bounded here; time is for the benchmarks (timed tests
		// fail on a loaded machine).
		if alloc > 200*uint64(len(in)) {
			t.Errorf("%s: %v and %d bytes for %d bytes of input", name, took, alloc, len(in))
		}
		if len(ws) > maxVTTWarnings+1 {
			t.Errorf("%s: %d warnings", name, len(ws))
		}
	}
}

// TestDecodeWebVTT: Decode reads WebVTT with our reader, warnings included.
func TestDecodeWebVTT(t *testing.T) {
	d, info, err := subtitle.Decode("in.vtt", []byte("\ufeffWEBVTT\r\n\r\nNOTE hi\r\n\r\nid\r\n00:01.000 --> 00:02.000 align:left\r\n<i>x</i>\r\n\r\njunk\r\n"), subtitle.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Cues) != 1 || d.Cues[0].ID != "id" || d.Cues[0].Settings != "align:left" || !d.Cues[0].Lines[0][0].Italic ||
		len(d.Notes) != 1 || len(info.Warnings) != 1 || info.Warnings[0].Line != 9 {
		t.Errorf("read %+v, warnings %v", d, info.Warnings)
	}
	if _, _, err := subtitle.Decode("in.vtt", []byte("1\n00:00:01,000 --> 00:00:02,000\nx\n"), subtitle.ReadOptions{Format: subtitle.WebVTT}); err == nil ||
		err.Error() != `in.vtt:1:1: syntax error: not a WebVTT file: it must start with "WEBVTT"` {
		t.Errorf("error %v", err)
	}
}

// benchVTT makes a WebVTT file of n cues like real subtitles: ids, one or
// two lines, some italics and voices, some settings.
func benchVTT(n int) string {
	var b strings.Builder
	b.Grow(n * 80)
	b.WriteString("WEBVTT\n\n")
	for i := range n {
		start := ms(int64(i) * 2000)
		fmt.Fprintf(&b, "%d\n%s --> %s", i+1, textout.AppendTimestamp(nil, start, '.'), textout.AppendTimestamp(nil, start+ms(1800), '.'))
		if i%10 == 0 {
			b.WriteString(" align:start line:85%")
		}
		b.WriteByte('\n')
		switch i % 10 {
		case 0:
			b.WriteString("<v Narrator>And so the story begins</v>\n")
		case 1, 2:
			b.WriteString("<i>Somewhere far away,</i>\nin a quiet town\n")
		case 3, 4, 5:
			b.WriteString("大家好，这里是最佳拍档\n")
		default:
			b.WriteString("This is a plain line of subtitle text\nand its second line\n")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

var benchVTTText = sync.OnceValue(func() string { return benchVTT(200000) })

// BenchmarkReadWebVTT reads a 200,000-cue file (15 MB).
func BenchmarkReadWebVTT(b *testing.B) {
	text := benchVTTText()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		d, _, err := readWebVTT("bench.vtt", text)
		if err != nil || len(d.Cues) != 200000 {
			b.Fatal(err, len(d.Cues))
		}
	}
}

// A file whose every timing line is invalid (two-digit fractions) is an
// error at the first, not an empty document; one with a valid cue among
// them reads with warnings.
func TestReadAllCuesInvalid(t *testing.T) {
	bad := "WEBVTT\n\n00:11.00 --> 00:12.00\nhello\n\n00:13.00 --> 00:14.00\nbye\n"
	_, _, err := readWebVTT("bad.vtt", bad)
	var pe *subtitle.ParseError
	if !errors.As(err, &pe) || pe.Line != 3 || !errors.Is(err, subtitle.ErrSyntax) || !strings.Contains(err.Error(), "no valid cue: 2 timing lines") {
		t.Fatalf("error %v", err)
	}
	d, ws, err := readWebVTT("some.vtt", bad+"\n00:15.000 --> 00:16.000\nfine\n")
	if err != nil || len(d.Cues) != 1 || len(ws) != 2 {
		t.Fatalf("%v %+v %v", err, d, ws)
	}
	// No cue and no timing line: an empty document, as before.
	if d, _, err := readWebVTT("empty.vtt", "WEBVTT\n\nNOTE nothing yet\n"); err != nil || len(d.Cues) != 0 {
		t.Fatalf("%v %+v", err, d)
	}
}

// "WEBVTT" followed at once by a cue, with no blank line: the header block
// ends at the line with "-->", and the cue is read, as the W3C
// webvtt-parser and Chromium read it (both give one cue; the W3C parser
// reports "No blank line after the signature"), with a warning.
func TestReadHeaderThenCue(t *testing.T) {
	d, ws, err := readWebVTT("a.vtt", "WEBVTT\n00:11.000 --> 00:12.000\nhello\n")
	if err != nil || len(d.Cues) != 1 || d.Cues[0].Start != 11*time.Second || len(ws) != 1 || ws[0].Line != 2 {
		t.Fatalf("%v %+v %v", err, d, ws)
	}
	file := filepath.Join(t.TempDir(), "a.vtt")
	if err := os.WriteFile(file, []byte("WEBVTT\n00:11.000 --> 00:12.000\nhello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := extcheck.WebVTT(t, file); len(r) != 1 || len(r[0].Cues) != 1 {
		t.Errorf("the W3C parser reads %+v", r)
	}
	if r := extcheck.Chromium(t, file); len(r) != 1 || len(r[0].Cues) != 1 {
		t.Errorf("Chromium reads %+v", r)
	}
}
