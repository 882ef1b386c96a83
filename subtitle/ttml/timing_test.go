package ttml

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/subtitle"
)

// TestReadTTMLTimingModel: seq and par time containers, implicit
// durations, time containment, tts:display and its <set>, timed regions.
func TestReadTTMLTimingModel(t *testing.T) {
	cases := []ttmlCase{
		{name: "seq div: each paragraph after the one before",
			body: `<body><div timeContainer="seq"><p dur="2s">a</p><p begin="1s" dur="2s">b</p><p end="1s">c</p></div></body>`,
			want: []string{"0-2000 a", "3000-5000 b", "5000-6000 c"}},
		{name: "dur on a seq container clips its children",
			body: `<body><div timeContainer="seq" dur="5s"><p dur="3s">a</p><p dur="3s">b</p><p dur="3s">never</p></div></body>`,
			want: []string{"0-3000 a", "3000-5000 b"}, warn: []string{"paragraph is never shown"}},
		{name: "seq after an untimed paragraph: never begins",
			body: `<body><div timeContainer="seq"><p>a</p><p dur="1s">b</p></div><div><p begin="2s" end="3s">c</p></div></body>`,
			want: []string{"0-13000 a", "2000-3000 c"}, warn: []string{"paragraph is never shown", "1 cues never end"}},
		{name: "implicit end of a par div follows its latest child",
			body: `<body timeContainer="seq"><div><p begin="1s" end="2s">a</p><p begin="0s" end="4s">b</p></div><div><p dur="1s">c</p></div></body>`,
			want: []string{"1000-2000 a", "0-4000 b", "4000-5000 c"}},
		{name: "a paragraph of timed spans ends with its last span",
			body: `<body><div timeContainer="seq"><p><span dur="1s">a</span></p><p dur="1s">b</p></div></body>`,
			want: []string{"0-1000 a", "1000-2000 b"}},
		{name: "children clipped by the parent's interval",
			body: `<body><div begin="1s" end="3s"><p begin="1s" end="5s">a <span begin="0.5s" end="9s">b</span></p></div></body>`,
			want: []string{"2000-2500 a", "2500-3000 a b"}, warn: []string{"split into 2 cues"}},
		{name: "span with dur in a seq paragraph, text outside shown never",
			body: `<body><div><p timeContainer="seq" begin="5s" dur="15s">not shown<span dur="10s">shown</span>not shown</p></div></body>`,
			want: []string{"5000-15000 shown"}, warn: []string{"is directly in a seq container, where it is never shown"}},
		{name: "end counts from the sync base in seq",
			body: `<body><div timeContainer="seq"><p dur="5s">a</p><p begin="1s" end="3s">b</p></div></body>`,
			want: []string{"0-5000 a", "6000-8000 b"}},
		{name: "indefinite content ends 10 s after the latest time",
			body: `<body><div><p begin="0s">a</p><p begin="11s" end="20s">b</p></div></body>`,
			want: []string{"0-30000 a", "11000-20000 b"}, warn: []string{"1 cues never end (the first here): TTML shows them to the end of the video; each ends at 00:00:30.000"}},
		{name: "display none inline and from a style",
			body: `<head><styling><style xml:id="hide" tts:display="none"/></styling></head><body><div><p begin="0s" end="1s">a</p><p begin="1s" end="2s" tts:display="none">b</p><p begin="2s" end="3s" style="hide">c</p></div></body>`,
			want: []string{"0-1000 a"}, warn: []string{`text "b" is never shown`, `text "c" is never shown`}},
		{name: "set display shows hidden text for a while",
			body: `<body><div><p dur="10s" tts:display="none"><set tts:display="auto" begin="5s"/>a</p><p begin="10s" end="20s">b<set tts:display="none" begin="2s" end="4s"/></p></div></body>`,
			want: []string{"5000-10000 a", "10000-12000 b", "14000-20000 b"}, warn: []string{"split into 2 cues"}},
		{name: "display none on a div hides its paragraphs",
			body: `<body><div tts:display="none"><p begin="0s" end="1s">a</p></div><div><p begin="1s" end="2s">b</p></div></body>`,
			want: []string{"1000-2000 b"}, warn: []string{`text "a" is never shown`}},
		{name: "timed region",
			body: `<head><layout><region xml:id="r" begin="10s" end="20s"/></layout></head><body><div region="r"><p begin="5s" end="15s">a</p><p>b</p><p begin="25s" end="30s">c</p></div></body>`,
			want: []string{"10000-15000 a", "10000-20000 b"}, warn: []string{"paragraph is never shown"}},
	}
	runTTMLCases(t, cases)
}

func readTestdata(t *testing.T, name string) (*subtitle.Document, []subtitle.Warning, error) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	doc, info, err := subtitle.Decode(name, b, subtitle.ReadOptions{})
	return doc, info.Warnings, err
}

// countWarnings counts the warnings that contain s.
func countWarnings(ws []subtitle.Warning, s string) int {
	n := 0
	for _, w := range ws {
		if strings.Contains(w.Message, s) {
			n++
		}
	}
	return n
}

// TestReadTTMLUnitlessTimes: Flash's DFXP writes begin="1.5", meaning
// seconds; read so, said once.
func TestReadTTMLUnitlessTimes(t *testing.T) {
	doc, ws, err := readTestdata(t, "flash-dfxp.xml")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"1500-4250 Welcome back to the workshop.", "4500-6500 Today: soldering.", "7000-10750 Safety glasses on,|everyone."}
	if got := cueStrings(doc); !slices.Equal(got, want) {
		t.Errorf("cues\n got %q\nwant %q", got, want)
	}
	if n := countWarnings(ws, "without a unit"); n != 1 {
		t.Errorf("%d warnings about times without a unit, want 1: %q", n, ws)
	}
}

// TestReadTTMLAppleMusic: Apple Music lyrics time their lines from the
// start of the song, inside timed divs, with minutes:seconds times.
func TestReadTTMLAppleMusic(t *testing.T) {
	doc, ws, err := readTestdata(t, "apple-music.ttml")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"19764-23120 Walking down the river road", "23120-27480 Carrying a heavy load",
		"28003-35010 Singing to the morning light", "62250-70900 Hold on, hold on"}
	if got := cueStrings(doc); !slices.Equal(got, want) {
		t.Errorf("cues\n got %q\nwant %q", got, want)
	}
	checkWarnings(t, ws, "Apple Music lyrics (itunes: namespace): begin and end are read as times from the start of the file")
	if n := countWarnings(ws, "Apple Music lyrics"); n != 1 {
		t.Errorf("%d notes about Apple Music lyrics, want 1", n)
	}
}

// TestReadTTMLUntimed: a file with no time at all is an error naming the
// first paragraph's line when it is text without its times: more than
// one screen of it, several paragraphs placed in no region, or lyrics
// declared untimed. One untimed paragraph, or two laid out in a region
// (the IMSC suite's fontVariant001), is a still display shown from the
// start, as TTML means it.
func TestReadTTMLUntimed(t *testing.T) {
	for _, c := range []struct {
		name string
		line int
		msg  string
	}{
		{"apple-music-untimed.ttml", 1, `no times: the lyrics are declared untimed (itunes:timing="None")`},
		{"untimed.ttml", 5, "no times: no begin, end or dur anywhere in the file, so all 5 lines of text would be shown at once"},
		{"untimed-two.ttml", 4, "no times: 2 paragraphs and no begin, end or dur anywhere in the file"},
	} {
		_, _, err := readTestdata(t, c.name)
		var pe *subtitle.ParseError
		if !errors.As(err, &pe) || pe.File != c.name || pe.Line != c.line || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: error %v, want a ParseError naming the file and line %d saying %q", c.name, err, c.line, c.msg)
		}
	}
	doc, ws := decodeTTML(t, "one.ttml", ttDoc("", `<body><div><p>Still caption</p></div></body>`))
	if got, want := cueStrings(doc), []string{"0-10000 Still caption"}; !slices.Equal(got, want) {
		t.Errorf("cues %q, want %q", got, want)
	}
	checkWarnings(t, ws, "10 s after the start (the file has no times)")
	doc, ws = decodeTTML(t, "laid-out.ttml", ttDoc("", `<head><layout><region xml:id="r"/></layout></head>`+
		`<body region="r"><div><p>Super: 1er</p><p>Sub: H2O</p></div></body>`))
	if got, want := cueStrings(doc), []string{"0-10000 Super: 1er", "0-10000 Sub: H2O"}; !slices.Equal(got, want) {
		t.Errorf("laid out: cues %q, want %q", got, want)
	}
	checkWarnings(t, ws, "10 s after the start (the file has no times)")
}

// TestSniff: TTML is known by its <tt> root, whatever comes before it;
// other XML (.xml is shared) is not TTML.
func TestSniff(t *testing.T) {
	for _, c := range []struct {
		head string
		want subtitle.Match
	}{
		{`<tt xmlns="http://www.w3.org/ns/ttml">`, subtitle.Sure},
		{`<?xml version="1.0"?>` + "\n<!-- made by X -->\n" + `<tt:tt xmlns:tt="http://www.w3.org/ns/ttml">`, subtitle.Sure},
		{`<?xml version="1.0"?><!DOCTYPE tt [<!ENTITY x "<y>">]><tt>`, subtitle.Sure},
		{`<?xml version="1.0"?><rss><title><tt>code</tt></title></rss>`, subtitle.NoMatch},
		{`<ttx>`, subtitle.NoMatch},
		{`<?xml version="1.0"?>`, subtitle.NoMatch},
		{`WEBVTT`, subtitle.NoMatch},
	} {
		if got := sniff(nil, c.head); got != c.want {
			t.Errorf("sniff(%q) = %v, want %v", c.head, got, c.want)
		}
	}
}

// TestReadTTMLNoRegion: text in no region of a file that defines regions
// is not shown by TTML's rules (ttconv and imscJS drop it), but its author
// meant it shown: it is kept, with one warning at its first paragraph.
func TestReadTTMLNoRegion(t *testing.T) {
	doc, ws, err := readTestdata(t, "no-region.ttml")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cueStrings(doc), []string{"1500-3000 In no region", "4000-5000 Nor this", "6000-7000 Placed"}; !slices.Equal(got, want) {
		t.Errorf("cues %q, want %q", got, want)
	}
	if n := countWarnings(ws, "text in no region while the file defines regions"); n != 1 {
		t.Errorf("%d warnings about text in no region, want 1: %v", n, ws)
	}
	for _, w := range ws {
		if strings.Contains(w.Message, "text in no region") && w.Line != 12 {
			t.Errorf("warning at line %d, want 12 (the first paragraph)", w.Line)
		}
	}
}
