package subtitle_test

// These tests give the writers' output to real, independent clients — the
// W3C WebVTT parser, Chromium's <track>, xmllint with the TTML1 schema, and
// the imscJS TTML renderer — and check that each reads back exactly what was
// written. The clients are installed by .ci/run; without them the tests skip,
// except in CI (CI set), where they fail. See internal/extcheck.

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
)

func msec(n int64) time.Duration { return time.Duration(n) * time.Millisecond }

// extTricky holds what writers most often get wrong: markup characters and
// entities in the text, "-->" in the text and in an ID, a blank line and a
// line break inside a cue, cue IDs, hours past 99, and CJK lines.
var extTricky = &subtitle.Document{
	Lang:  "zh-Hans",
	Title: `最佳拍档 & "friends" <live>`,
	Cues: []subtitle.Cue{
		{Start: 0, End: msec(1500), Lines: subtitle.Text("大家好，这里是最佳拍档")},
		{ID: "two", Start: msec(1580), End: msec(3999), Lines: subtitle.Text("Anthropic的联合创始人", "丹妮拉·阿莫代伊")},
		{Start: msec(4000), End: msec(5001), Lines: subtitle.Text("a < b && c > d", `"quoted" --> arrow`)},
		{ID: "intro 1", Start: msec(6000), End: msec(7000), Lines: subtitle.Text("first", "", "after blank")},
		{Start: msec(7000), End: msec(8000), Lines: subtitle.Text("<b>not bold</b> &amp; &lt;kept&gt; &#x41;", "it's 5 > 3")},
		{ID: "a-->b", Start: msec(8000), End: msec(9500), Lines: subtitle.Text("line one\nline two", "中文，English 混排。")},
		{Start: msec(9500), End: msec(12000), Lines: subtitle.Text("-->", "--> <--")},
		{Start: msec(59*60*1000 + 59999), End: msec(60*60*1000 + 1), Lines: subtitle.Text("across the hour")},
		{ID: "late", Start: msec(100*3600*1000 + 61001), End: msec(100*3600*1000 + 62002), Lines: subtitle.Text("late", "更晚")},
	},
}

// extEnglish has no language and no IDs.
var extEnglish = &subtitle.Document{
	Title: "Q&A",
	Cues: []subtitle.Cue{
		{Start: msec(250), End: msec(2750), Lines: subtitle.Text("Hello, world.")},
		{Start: msec(3000), End: msec(5000), Lines: subtitle.Text("Two lines,", "both shown.")},
		{Start: msec(5000), End: msec(5001), Lines: subtitle.Text("A millisecond.")},
	},
}

// extStyled has every inline style the writers know, in Chinese and English.
var extStyled = &subtitle.Document{
	Lang: "zh-Hans",
	Cues: []subtitle.Cue{
		{Start: msec(0), End: msec(2000), Lines: []subtitle.Line{{{Text: "大家好，"}, {Text: "这里", Italic: true}, {Text: "是最佳拍档", Bold: true}}}},
		{Start: msec(2500), End: msec(4000), Lines: []subtitle.Line{{{Text: "underlined", Underline: true}, {Text: " and "}, {Text: "red", Color: "red"}}, {{Text: "all three", Bold: true, Italic: true, Underline: true}}}},
		{Start: msec(4500), End: msec(6000), Lines: []subtitle.Line{{{Text: "丹妮拉", Voice: "Daniela"}, {Text: "：安全 & 可靠"}}}},
		{Start: msec(6500), End: msec(9000), Lines: []subtitle.Line{{{Text: "一"}, {Text: "二", At: msec(7000), Timed: true}, {Text: "三", At: msec(8000), Timed: true}}}},
		{Start: msec(9500), End: msec(10000), Align: 8, Lines: subtitle.Text("at the top")},
		{Start: msec(10500), End: msec(11000), Align: 4, Lines: subtitle.Text("middle, left")},
		{Start: msec(11500), End: msec(12000), Align: 9, Settings: "line:10% align:end", Lines: subtitle.Text("own settings")},
	},
}

// interviewDoc makes a realistic Chinese track of the sample transcript:
// one cue a line, timed at a speaking rate, long lines broken in two.
func interviewDoc(t *testing.T) *subtitle.Document {
	t.Helper()
	f, err := os.Open(filepath.Join(extcheck.Root(t), "testdata", "interview-zh.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d := &subtitle.Document{Lang: "zh-Hans", Title: "最佳拍档：Anthropic 五周年"}
	var at time.Duration
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		n := utf8.RuneCountInString(text)
		lines := []string{text}
		if n > 24 {
			r := []rune(text)
			at := breakNear(r, n/2)
			lines = []string{strings.TrimSpace(string(r[:at])), strings.TrimSpace(string(r[at:]))}
		}
		c := subtitle.Cue{Start: at, End: at + time.Duration(n)*180*time.Millisecond + 300*time.Millisecond, Lines: subtitle.Text(lines...)}
		if len(d.Cues)%50 == 0 {
			c.ID = "第" + strings.Repeat("一", 1+len(d.Cues)/50) + "段"
		}
		d.Cues = append(d.Cues, c)
		at = c.End + 120*time.Millisecond
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(d.Cues) < 300 {
		t.Fatalf("sample transcript has %d lines, want about 400", len(d.Cues))
	}
	return d
}

// breakNear returns the place nearest mid to break r in two lines, not
// inside a Latin word.
func breakNear(r []rune, mid int) int {
	inWord := func(i int) bool { return i > 0 && i < len(r) && isLatin(r[i-1]) && isLatin(r[i]) }
	for d := 0; d < len(r); d++ {
		for _, i := range []int{mid - d, mid + d} {
			if i > 0 && i < len(r) && !inWord(i) {
				return i
			}
		}
	}
	return mid
}

func isLatin(c rune) bool { return c < 0x80 && (unicode.IsLetter(c) || unicode.IsDigit(c)) }

type extSample struct {
	name string
	doc  *subtitle.Document
	o    subtitle.EncodeOptions
	path string
}

// writeSamples writes every test document in format f, plain and with a BOM
// and CR LF line ends, into a new temporary directory.
func writeSamples(t *testing.T, f subtitle.Format) []extSample {
	t.Helper()
	docs := []struct {
		name string
		doc  *subtitle.Document
	}{
		{"interview", interviewDoc(t)},
		{"tricky", extTricky},
		{"english", extEnglish},
		{"styled", extStyled},
	}
	opts := []struct {
		suffix string
		o      subtitle.EncodeOptions
	}{
		{"", subtitle.EncodeOptions{}},
		{"-crlf-bom", subtitle.EncodeOptions{BOM: true, CRLF: true}},
	}
	dir := t.TempDir()
	var out []extSample
	for _, d := range docs {
		for _, o := range opts {
			s := extSample{name: d.name + o.suffix + f.Ext(), doc: d.doc, o: o.o}
			s.path = filepath.Join(dir, s.name)
			var buf bytes.Buffer
			if err := subtitle.Encode(&buf, s.doc, f, s.o); err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			if err := os.WriteFile(s.path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
	}
	return out
}

func paths(samples []extSample) []string {
	out := make([]string, len(samples))
	for i, s := range samples {
		out[i] = s.path
	}
	return out
}

func TestWebVTTParser(t *testing.T) {
	t.Parallel()
	samples := writeSamples(t, subtitle.WebVTT)
	results := extcheck.WebVTT(t, paths(samples)...)
	for i, s := range samples {
		r := results[i]
		for _, e := range r.Errors {
			t.Errorf("%s:%s", s.name, e)
		}
		for _, d := range extcheck.DiffCues(r.Cues, extcheck.ExpectedCues(s.doc)) {
			t.Errorf("%s: %s", s.name, d)
		}
	}
}

func TestChromiumTextTrack(t *testing.T) {
	t.Parallel()
	samples := writeSamples(t, subtitle.WebVTT)
	results := extcheck.Chromium(t, paths(samples)...)
	for i, s := range samples {
		r := results[i]
		if r.Error != "" || r.ReadyState != 2 {
			t.Errorf("%s did not load: %v", s.name, r)
			continue
		}
		for _, d := range extcheck.DiffCues(r.Cues, extcheck.ExpectedCues(s.doc)) {
			t.Errorf("%s: %s", s.name, d)
		}
	}
}

func TestTTMLSchema(t *testing.T) {
	t.Parallel()
	samples := writeSamples(t, subtitle.TTML)
	results := extcheck.TTMLSchema(t, paths(samples)...)
	for i, s := range samples {
		r := results[i]
		if !r.Valid || len(r.Messages) > 0 {
			t.Errorf("%s does not validate against the TTML1 schema:\n%s", s.name, strings.Join(r.Messages, "\n"))
		}
		lang := rootLang(t, s.path)
		switch {
		case lang == "":
			t.Errorf("%s: <tt> has no xml:lang", s.name)
		case s.doc.Lang != "" && lang != s.doc.Lang:
			t.Errorf("%s: xml:lang=%q, want %q", s.name, lang, s.doc.Lang)
		}
	}
}

// rootLang returns the xml:lang of a TTML file's root element.
func rootLang(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	for {
		tok, err := dec.Token()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if se.Name != (xml.Name{Space: "http://www.w3.org/ns/ttml", Local: "tt"}) {
				t.Fatalf("%s: root element is %v, want TTML's tt", path, se.Name)
			}
			for _, a := range se.Attr {
				if a.Name == (xml.Name{Space: "http://www.w3.org/XML/1998/namespace", Local: "lang"}) {
					return a.Value
				}
			}
			return ""
		}
	}
}

func TestTTMLImsc(t *testing.T) {
	t.Parallel()
	samples := writeSamples(t, subtitle.TTML)
	results := extcheck.TTMLRender(t, paths(samples)...)
	for i, s := range samples {
		r := results[i]
		want := extcheck.ExpectedCues(s.doc)
		for _, d := range extcheck.DiffTTML(r, want, s.doc.Lang) {
			t.Errorf("%s: %s", s.name, d)
		}
		// The CJK text in particular: imsc must render each cue's lines
		// with no space added between characters.
		if s.doc.Lang == "zh-Hans" {
			for j, w := range want {
				isd := r.At(w.StartMs)
				if isd == nil || len(isd.Paragraphs) != 1 {
					continue // DiffTTML said so
				}
				got := strings.ReplaceAll(isd.Paragraphs[0].Text, "\n", "")
				if flat := strings.Join(s.doc.Cues[j].PlainLines(), ""); got != strings.ReplaceAll(flat, "\n", "") {
					t.Errorf("%s: cue %d renders as %q, want %q", s.name, j+1, got, flat)
				}
			}
		}
		if len(r.Texts) != len(want) {
			t.Errorf("%s: imsc shows %d paragraphs in all, want %d", s.name, len(r.Texts), len(want))
		}
	}
}
