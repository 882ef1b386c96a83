package srt

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	astisub "github.com/asticode/go-astisub"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/internal/longtest"
	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/textout"
)

// dumpSRT renders what readSRT returned, one cue a block, for golden files
// and failure messages. A line shows its spans: the text quoted, after the
// span's style in braces when it has one.
func dumpSRT(doc *subtitle.Document, ws []subtitle.Warning, err error) string {
	var b strings.Builder
	if err != nil {
		fmt.Fprintf(&b, "error: %v\n", err)
	}
	for _, w := range ws {
		fmt.Fprintf(&b, "warning: %v\n", w)
	}
	if doc == nil {
		return b.String()
	}
	for i, c := range doc.Cues {
		fmt.Fprintf(&b, "cue %d  %s --> %s", i+1, textout.AppendTimestamp(nil, c.Start, ','), textout.AppendTimestamp(nil, c.End, ','))
		if c.Align != 0 {
			fmt.Fprintf(&b, "  align=%d", c.Align)
		}
		b.WriteString("\n")
		if len(c.Lines) == 0 {
			b.WriteString("  (no text)\n")
		}
		for _, l := range c.Lines {
			b.WriteString("  |")
			for _, s := range l {
				b.WriteByte(' ')
				b.WriteString(dumpSpan(s))
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func dumpSpan(s subtitle.Span) string {
	var st []string
	if s.Italic {
		st = append(st, "i")
	}
	if s.Bold {
		st = append(st, "b")
	}
	if s.Underline {
		st = append(st, "u")
	}
	if s.Color != "" {
		st = append(st, "color="+s.Color)
	}
	if len(st) == 0 {
		return fmt.Sprintf("%q", s.Text)
	}
	return fmt.Sprintf("{%s}%q", strings.Join(st, ","), s.Text)
}

func srtFixtures(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "*.srt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in testdata: %v", err)
	}
	return files
}

// TestReadSRTGolden reads each testdata/NAME.srt through Decode and
// compares a dump of the result with NAME.golden (go test -update
// rewrites them).
func TestReadSRTGolden(t *testing.T) {
	for _, file := range srtFixtures(t) {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			doc, info, err := subtitle.Decode(name, b, subtitle.ReadOptions{})
			if info.Format != subtitle.SRT {
				t.Fatalf("read as %v, not SRT", info.Format)
			}
			got := dumpSRT(doc, info.Warnings, err)
			golden := strings.TrimSuffix(file, ".srt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s:\n%s", name, golden, lineDiff(got, string(want)))
			}
		})
	}
}

// lineDiff shows the lines where got and want first differ.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, gl, wl)
		}
	}
	return "(same lines)"
}

// checkFixedPoint reads text, writes it as SRT and reads that again: the
// documents must be the same, and writing the second gives the same bytes.
func checkFixedPoint(t *testing.T, name, text string) {
	t.Helper()
	doc, _, err := readSRT(name, text)
	if err != nil {
		return
	}
	if subtitle.Check(doc) != nil {
		return // a cue ending before it starts cannot be written
	}
	var out bytes.Buffer
	if err := subtitle.Encode(&out, doc, subtitle.SRT, subtitle.EncodeOptions{}); err != nil {
		t.Fatalf("%s: encode: %v", name, err)
	}
	back, _, err := readSRT(name, out.String())
	if err != nil {
		t.Fatalf("%s: reading our own output: %v\n%q", name, err, out.String())
	}
	if !reflect.DeepEqual(doc.Cues, back.Cues) {
		t.Fatalf("%s: read, write, read is not a fixed point\nfirst read:\n%s\nwritten:\n%s\nread back:\n%s",
			name, dumpSRT(doc, nil, nil), out.String(), dumpSRT(back, nil, nil))
	}
	var again bytes.Buffer
	if err := subtitle.Encode(&again, back, subtitle.SRT, subtitle.EncodeOptions{}); err != nil || again.String() != out.String() {
		t.Fatalf("%s: writing the document read back gives other bytes (%v)", name, err)
	}
}

func TestReadSRTFixedPoint(t *testing.T) {
	for _, file := range srtFixtures(t) {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		checkFixedPoint(t, file, string(b))
	}
	for _, c := range srtLossCases {
		checkFixedPoint(t, c.name, c.in)
	}
}

// TestReadSRTLineEnds reads every fixture with LF, CRLF and CR line ends:
// the cues and the warnings are the same.
func TestReadSRTLineEnds(t *testing.T) {
	for _, file := range srtFixtures(t) {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		lf := strings.ReplaceAll(strings.ReplaceAll(string(b), "\r\n", "\n"), "\r", "\n")
		want := dumpSRT(readSRT(file, lf))
		for _, nl := range []string{"\r\n", "\r"} {
			if got := dumpSRT(readSRT(file, strings.ReplaceAll(lf, "\n", nl))); got != want {
				t.Errorf("%s with %q line ends:\n%s", file, nl, lineDiff(got, want))
			}
		}
	}
}

// srtLossCases are what go-astisub's SRT reader loses; check says what
// ours must keep.
var srtLossCases = []struct {
	name  string
	in    string
	check func(d *subtitle.Document) string // "" when the document is right
}{
	{
		name: "text after a blank line inside a cue",
		in:   "1\n00:00:01,000 --> 00:00:04,000\nfirst paragraph\n\nsecond paragraph\n\n2\n00:00:05,000 --> 00:00:06,000\nnext\n",
		check: func(d *subtitle.Document) string {
			return wantCues(d, [][]string{{"first paragraph", "second paragraph"}, {"next"}})
		},
	},
	{
		name: "every cue after a line over 64 KiB",
		in: "1\n00:00:01,000 --> 00:00:02,000\n" + strings.Repeat("很长的一行 ", 8000) + "end\n\n" +
			"2\n00:00:03,000 --> 00:00:04,000\nsecond\n\n3\n00:00:05,000 --> 00:00:06,000\nthird\n",
		check: func(d *subtitle.Document) string {
			return wantCues(d, [][]string{{strings.Repeat("很长的一行 ", 8000) + "end"}, {"second"}, {"third"}})
		},
	},
	{
		name: "spaces between inline tags",
		in:   "1\n00:00:01,000 --> 00:00:02,000\n<i>one</i> <b>two</b>\u3000<u>three</u>\n",
		check: func(d *subtitle.Document) string {
			want := subtitle.Line{{Text: "one", Italic: true}, {Text: " "}, {Text: "two", Bold: true}, {Text: "\u3000"}, {Text: "three", Underline: true}}
			if len(d.Cues) != 1 || len(d.Cues[0].Lines) != 1 || !reflect.DeepEqual(d.Cues[0].Lines[0], want) {
				return fmt.Sprintf("want one cue with the line %s", dumpSRT(&subtitle.Document{Cues: []subtitle.Cue{{Lines: []subtitle.Line{want}}}}, nil, nil))
			}
			return ""
		},
	},
	{
		name: "entities kept as written, and written back so",
		in:   "1\n00:00:01,000 --> 00:00:02,000\na &gt; b &amp;&amp; c &lt; d\n",
		check: func(d *subtitle.Document) string {
			if msg := wantCues(d, [][]string{{"a &gt; b &amp;&amp; c &lt; d"}}); msg != "" {
				return msg
			}
			var out strings.Builder
			if err := subtitle.Encode(&out, d, subtitle.SRT, subtitle.EncodeOptions{}); err != nil || !strings.Contains(out.String(), "\na &gt; b &amp;&amp; c &lt; d\n") {
				return fmt.Sprintf("written back as %q (%v)", out.String(), err)
			}
			return ""
		},
	},
	{
		name: `"-->" inside cue text`,
		in:   "1\n00:00:01,000 --> 00:00:02,000\nthe --> arrow\n\n2\n00:00:03,000 --> 00:00:04,000\nnext\n",
		check: func(d *subtitle.Document) string {
			return wantCues(d, [][]string{{"the --> arrow"}, {"next"}})
		},
	},
}

// wantCues checks a document's cues' plain lines.
func wantCues(d *subtitle.Document, want [][]string) string {
	var got [][]string
	for _, c := range d.Cues {
		got = append(got, c.PlainLines())
	}
	if !reflect.DeepEqual(got, want) {
		return fmt.Sprintf("cues %q, want %q", short(got), short(want))
	}
	return ""
}

func short(cues [][]string) [][]string {
	out := make([][]string, len(cues))
	for i, c := range cues {
		for _, l := range c {
			if len(l) > 60 {
				cut := 30
				for !utf8.RuneStart(l[cut]) {
					cut--
				}
				l = fmt.Sprintf("%s…(%d bytes)", l[:cut], len(l))
			}
			out[i] = append(out[i], l)
		}
	}
	return out
}

// TestReadSRTLosses shows each loss of go-astisub's SRT reader fixed in
// ours. go-astisub's result is logged, to show the case is a real loss.
func TestReadSRTLosses(t *testing.T) {
	for _, c := range srtLossCases {
		t.Run(c.name, func(t *testing.T) {
			doc, _, err := readSRT("loss.srt", c.in)
			if err != nil {
				t.Fatal(err)
			}
			if msg := c.check(doc); msg != "" {
				t.Error(msg)
			}
			subs, err := astisub.ReadFromSRT(strings.NewReader(c.in))
			switch {
			case err != nil:
				t.Logf("go-astisub: error %v", err)
			case c.check(fromAstisub(subs)) != "":
				t.Logf("go-astisub: %s", c.check(fromAstisub(subs)))
			default:
				t.Logf("go-astisub reads this case right")
			}
		})
	}
}

func TestReadSRTTiming(t *testing.T) {
	ok := []struct {
		line       string
		start, end time.Duration
	}{
		{"00:00:01,000 --> 00:00:02,000", ms(1000), ms(2000)},
		{"00:00:01.000 --> 00:00:02.000", ms(1000), ms(2000)},
		{"00:00:01,5 --> 00:00:02,25", ms(1500), ms(2250)},
		{"01:02,003 --> 01:03,004", ms(62003), ms(63004)},
		{"1:2:3,4 --> 1:2:3,45", ms(3723400), ms(3723450)},
		{"123:00:00,000 --> 123:00:00,001", ms(123 * 3600000), ms(123*3600000 + 1)},
		{"  00:00:01,000\t-->   00:00:02,000  ", ms(1000), ms(2000)},
		{"00:00:01,000-->00:00:02,000", ms(1000), ms(2000)},
		{"00:00:01,000 --> 00:00:02,000 X1:1 X2:2 Y1:3 Y2:4", ms(1000), ms(2000)},
		{"00:00:05,000 --> 00:00:01,000", ms(5000), ms(1000)},
	}
	for _, c := range ok {
		tm, good := parseSRTTiming(strings.TrimSpace(c.line))
		if !good || tm.start != c.start || tm.end != c.end {
			t.Errorf("%q: %v %v-%v, want %v-%v", c.line, good, tm.start, tm.end, c.start, c.end)
		}
	}
	for _, line := range []string{
		"00:00:01,000 --> ", "00:00:01 --> 00:00:02", "00:00:01,0000 --> 00:00:02,000",
		"00:60:00,000 --> 01:00:00,000", "00:00:01,000 -> 00:00:02,000", "00:00:01,000 --> 00:00:02,000x",
		"00:00:01:000 --> 00:00:02:000", "1,000 --> 2,000",
		"00:00:01,000 --> 00:00:02,000\u00a0x", "-00:00:01,000 --> 00:00:02,000", "12:00 --> 13:00",
	} {
		if tm, good := parseSRTTiming(strings.TrimSpace(line)); good {
			t.Errorf("%q read as a timing line %v-%v", line, tm.start, tm.end)
		}
	}
}

// TestReadSRTMarkup reads single lines of markup into spans.
func TestReadSRTMarkup(t *testing.T) {
	i, b, u := subtitle.Span{Italic: true}, subtitle.Span{Bold: true}, subtitle.Span{Underline: true}
	with := func(s subtitle.Span, text string) subtitle.Span { s.Text = text; return s }
	red := func(text string) subtitle.Span { return subtitle.Span{Text: text, Color: "red"} }
	cases := []struct {
		in   string
		want []subtitle.Line
	}{
		{"plain", []subtitle.Line{{{Text: "plain"}}}},
		{"  edges trimmed \t", []subtitle.Line{{{Text: "edges trimmed"}}}},
		{"<i>a</i> <b>b</b>", []subtitle.Line{{with(i, "a"), {Text: " "}, with(b, "b")}}},
		{"<I>a</I><i>b</i>", []subtitle.Line{{with(i, "ab")}}},
		{"<i>a <b>b</b></i>", []subtitle.Line{{with(i, "a "), {Text: "b", Italic: true, Bold: true}}}},
		{"<i><i>a</i>b</i>c", []subtitle.Line{{with(i, "ab"), {Text: "c"}}}},
		{"<u>open", []subtitle.Line{{with(u, "open")}}},
		{"<i>a\nb</i>\nc", []subtitle.Line{{with(i, "a")}, {with(i, "b")}, {{Text: "c"}}}},
		{`<font color="red">r</font>`, []subtitle.Line{{red("r")}}},
		{`<font color=red>r</font>`, []subtitle.Line{{red("r")}}},
		{`<FONT Color='red' face="x">r</FONT>`, []subtitle.Line{{red("r")}}},
		{`<font color="#FF0000"><b>x</b></font>`, []subtitle.Line{{{Text: "x", Bold: true, Color: "#FF0000"}}}},
		{`<font color="red">a<font color="blue">b</font>c</font>`, []subtitle.Line{{red("a"), {Text: "b", Color: "blue"}, red("c")}}},
		{`<font face="x">no color</font>`, []subtitle.Line{{{Text: "no color"}}}},
		{`<font color='a"b'>x</font>`, []subtitle.Line{{{Text: `<font color='a"b'>x</font>`}}}},
		{"</i>stray", []subtitle.Line{{{Text: "</i>stray"}}}},
		{"<c.yellow>kept</c>", []subtitle.Line{{{Text: "<c.yellow>kept</c>"}}}},
		{"{\\an8}top", []subtitle.Line{{{Text: "top"}}}}, // and Align 8: TestReadSRTAlign
		{"top {\\an8}", []subtitle.Line{{{Text: "top"}}}},
		{"a{\\i1}b{\\i0} {\\open", []subtitle.Line{{{Text: "ab {\\open"}}}},
		{"a < b > c", []subtitle.Line{{{Text: "a < b > c"}}}},
		{"<b></b>", nil},
		{"<i> </i>x<b> </b>", []subtitle.Line{{{Text: "x"}}}},
		{"&lt;i&gt;", []subtitle.Line{{{Text: "&lt;i&gt;"}}}},
		// A '<' that tags kept from starting a tag: joined to the text
		// after them it would start one; the tags are kept as text.
		{"<<b></b>b>", []subtitle.Line{{{Text: "<<b></b>b>"}}}},
		{"<<font>b></font></font>", []subtitle.Line{{{Text: "<<font>b></font></font>"}}}},
		{"x<<i></i>\n<i>y</i>", []subtitle.Line{{{Text: "x<"}}, {with(i, "y")}}},
		{"<i><</i><i>b></i>", []subtitle.Line{{with(i, "<"), with(i, "b>")}}},
	}
	for _, c := range cases {
		doc, _, err := readSRT("m.srt", "1\n00:00:01,000 --> 00:00:02,000\n"+c.in+"\n")
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if got := doc.Cues[0].Lines; !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q:\n got %s\nwant %s", c.in, dumpSRT(doc, nil, nil), dumpSRT(&subtitle.Document{Cues: []subtitle.Cue{{Start: ms(1000), End: ms(2000), Lines: c.want}}}, nil, nil))
		}
		checkFixedPoint(t, c.in, "1\n00:00:01,000 --> 00:00:02,000\n"+c.in+"\n")
	}
}

// TestReadSRTAlign: a leading {\anN} places the cue, and writing it back
// gives the same tag; {\an0} places nothing and is dropped, with a warning.
func TestReadSRTAlign(t *testing.T) {
	in := "1\n00:00:01,000 --> 00:00:02,000\n{\\an8}top\nsecond line\n\n2\n00:00:03,000 --> 00:00:04,000\n{\\an0}not a place\n"
	doc, ws, err := readSRT("a.srt", in)
	if err != nil || doc.Cues[0].Align != 8 || doc.Cues[1].Align != 0 {
		t.Fatalf("%+v %v", doc, err)
	}
	if len(ws) != 1 || !strings.Contains(ws[0].Message, `{\an0}`) {
		t.Errorf("warnings %v, want one for {\\an0} only", ws)
	}
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, doc, subtitle.SRT, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if want := strings.Replace(in, `{\an0}`, "", 1); buf.String() != want {
		t.Errorf("wrote\n%s\nwant\n%s", buf.String(), want)
	}
	buf.Reset()
	subtitle.Encode(&buf, doc, subtitle.WebVTT, subtitle.EncodeOptions{})
	if !strings.Contains(buf.String(), "00:00:01.000 --> 00:00:02.000 line:0\ntop\n") {
		t.Errorf("WebVTT:\n%s", buf.String())
	}
}

func TestTrimSpace(t *testing.T) {
	var spaces []rune
	for r := rune(0); r <= 0x3000; r++ {
		if unicode.IsSpace(r) {
			spaces = append(spaces, r)
		}
	}
	for _, sp := range spaces {
		for _, s := range []string{"", "x", "大家", "x\u00a0y", "\xff", "a\u3001", "\u3001b"} {
			for _, in := range []string{string(sp) + s, s + string(sp), string(sp) + s + string(sp) + "\t"} {
				if got, want := trimSpace(in), strings.TrimSpace(in); got != want {
					t.Errorf("trimSpace(%q) = %q, want %q", in, got, want)
				}
			}
		}
	}
}

func TestReadSRTErrors(t *testing.T) {
	_, _, err := readSRT("x.srt", "\n\n  \nsome text\nno cue\n")
	var pe *subtitle.ParseError
	if !errors.As(err, &pe) || pe.File != "x.srt" || pe.Line != 4 || !errors.Is(err, subtitle.ErrSyntax) || !strings.Contains(err.Error(), "no SRT cue found") {
		t.Errorf("no cue: err = %v, want x.srt:4: a syntax error", err)
	}
	for _, in := range []string{"", "\n\r\n \t\n"} {
		doc, ws, err := readSRT("x.srt", in)
		if err != nil || doc == nil || len(doc.Cues) != 0 || len(ws) != 0 {
			t.Errorf("%q: %v, %v, %v; want an empty document", in, doc, ws, err)
		}
	}
}

// TestReadSRTWarnings checks that each warning names its first line, and
// that warnings repeated through a file are reported once.
func TestReadSRTWarnings(t *testing.T) {
	var b strings.Builder
	b.WriteString("junk\n\n")
	for i := 1; i <= 50; i++ {
		fmt.Fprintf(&b, "%d\n00:00:%02d,000 --> 00:00:%02d,500 X1:1 Y1:2\n<c>x</c> {\\b1}\n\n", i+1, i, i-1)
	}
	_, ws, err := readSRT("w.srt", b.String())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"line 1: text before the first cue skipped (line 1)",
		"line 3: cue number 2 where 1 was expected (50 times; the first here)",
		`line 4: SRT coordinates after the end time ignored ("X1:1 Y1:2") (50 times; the first here)`,
		"line 4: cue ends at 00:00:00,500, before it starts at 00:00:01,000; kept (50 times; the first here)",
		"line 5: tags kept as text (SRT does not define them, or they close nothing open): <c>",
		`line 5: ASS override tags dropped (players hide them): {\b1}`,
	}
	var got []string
	for _, w := range ws {
		got = append(got, w.String())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestReadSRTRoundTrip writes random documents (styled spans of CJK and
// Latin text, times up to 100 hours) and reads them back: the document and
// nothing else comes back, with no warnings.
func TestReadSRTRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 2000; n++ {
		doc := randomDoc(rng)
		var buf bytes.Buffer
		if err := subtitle.Encode(&buf, doc, subtitle.SRT, subtitle.EncodeOptions{CRLF: n%3 == 0, BOM: n%5 == 0}); err != nil {
			t.Fatal(err)
		}
		back, info, err := subtitle.Decode("r.srt", buf.Bytes(), subtitle.ReadOptions{Format: subtitle.SRT})
		if err != nil {
			if len(doc.Cues) == 0 && errors.Is(err, subtitle.ErrEmpty) {
				continue
			}
			t.Fatalf("doc %d: %v", n, err)
		}
		if !reflect.DeepEqual(back.Cues, doc.Cues) || len(info.Warnings) > 0 {
			t.Fatalf("doc %d: wrote\n%s\nread back\n%s\nfrom\n%s", n, dumpSRT(doc, nil, nil), dumpSRT(back, info.Warnings, nil), buf.String())
		}
	}
}

var (
	randWords = []string{"大家好", "这里是", "最佳拍档", "人工智能", "的", "安全", "Anthropic", "Hello", "world",
		"it's", "a", "the", "Scaling", "Law", "&gt;", "&amp;", "a < b", "c > d", "-->", "<3", "5 > 3", "“引号”",
		"（括号）", "…", "42", "x", "😀", "e\u0301"}
	randColors = []string{"red", "yellow", "#ff0000", "#00FF00", "White"}
	randSpaces = []string{" ", " ", "  ", "\u3000", "\t"}
)

// randomDoc makes a document in the form the SRT reader reads: lines
// trimmed, adjacent spans of different styles, no empty spans.
func randomDoc(rng *rand.Rand) *subtitle.Document {
	d := &subtitle.Document{}
	for range rng.IntN(6) {
		start := time.Duration(rng.Int64N(100*3600*1000)) * time.Millisecond
		c := subtitle.Cue{Start: start, End: start + time.Duration(rng.Int64N(10000))*time.Millisecond}
		for range rng.IntN(4) {
			var l subtitle.Line
			for k := range 1 + rng.IntN(4) {
				s := subtitle.Span{Italic: rng.IntN(3) == 0, Bold: rng.IntN(4) == 0, Underline: rng.IntN(5) == 0}
				if rng.IntN(4) == 0 {
					s.Color = randColors[rng.IntN(len(randColors))]
				}
				var text strings.Builder
				for w := range 1 + rng.IntN(4) {
					word := randWords[rng.IntN(len(randWords))]
					if k == 0 && w == 0 {
						word = randWords[rng.IntN(7)] // no line starts with a digit or a '<'
					}
					if w > 0 || k > 0 && rng.IntN(2) == 0 {
						text.WriteString(randSpaces[rng.IntN(len(randSpaces))])
					}
					text.WriteString(word)
				}
				s.Text = text.String()
				if n := len(l); n > 0 && srtSameStyle(&l[n-1], &s) {
					l[n-1].Text += s.Text
				} else {
					l = append(l, s)
				}
			}
			c.Lines = append(c.Lines, l)
		}
		d.Cues = append(d.Cues, c)
	}
	return d
}

// TestReadSRTLargeInputs reads inputs made to be slow or to use memory,
// 256 KB each (1 MB in the long run): memory must stay in proportion to
// the input, which quadratic work breaks. Time is logged; the benchmarks
// measure it.
func TestReadSRTLargeInputs(t *testing.T) {
	size := longtest.Pick(1<<18, 1<<20)
	fill := func(unit string) string { return strings.Repeat(unit, size/len(unit)+1)[:size] }
	cue := "1\n00:00:01,000 --> 00:00:02,000\n"
	inputs := map[string]string{
		"one line":         cue + fill("长"),
		"open angles":      cue + fill("<a"),
		"angles":           cue + fill("<"),
		"tags":             cue + fill("<i>x</i><b></b>"),
		"empty tags":       cue + fill("a<<i></i>"),
		"nested":           cue + fill("<i><font color=red>"),
		"unknown tags":     cue + fill("<x1><y2>"),
		"ass":              cue + fill(`{\a{\b}`),
		"arrows":           fill("-->\n"),
		"timing lines":     fill("0:0,0-->0:0,0\n"),
		"numbers":          fill("1\n"),
		"blank lines":      cue + fill("x\n\n"),
		"cr":               fill(cue + "x\r\r"),
		"cues":             fill(cue + "text\n\n"),
		"markup timings":   fill("<i>0:0,0-->0:0,0\n"),
		"font attributes":  cue + fill("<font a1=1 a2=2 color=red>"),
		"digits and arrow": cue + fill("1 --> x\n"),
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			doc, ws, err := readSRT("big.srt", in)
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			var pe *subtitle.ParseError
			if err != nil && !errors.As(err, &pe) {
				t.Fatal(err)
			}
			if doc == nil {
				doc = &subtitle.Document{}
			}
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%d cues, %d warnings, %v, %.1f MB allocated", len(doc.Cues), len(ws), took, float64(alloc)/1e6)
			if alloc > 80*uint64(size) {
				t.Errorf("allocated %d bytes for %d of input", alloc, size)
			}
			if len(ws) > numSRTWarnings+1 {
				t.Errorf("%d warnings", len(ws))
			}
		})
	}
}

// benchSRT makes an SRT file of n cues of Chinese and English lines, some
// in italics, about 75 bytes a cue.
func benchSRT(n int) string {
	zh := []string{"大家好，这里是最佳拍档", "人工智能的安全", "带来了一份冷静的思考", "更给喧嚣的行业"}
	en := []string{"and a second line", "Hello, world.", "<i>the Scaling Law</i>", "it's 5 > 3"}
	var b strings.Builder
	for i := 0; i < n; i++ {
		t := time.Duration(i) * 3 * time.Second
		fmt.Fprintf(&b, "%d\n%s --> %s\n%s\n", i+1, textout.AppendTimestamp(nil, t, ','), textout.AppendTimestamp(nil, t+2500*time.Millisecond, ','), zh[i%len(zh)])
		if i%3 != 0 {
			b.WriteString(en[i%len(en)])
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	return b.String()
}

var benchSRTText = sync.OnceValue(func() string { return benchSRT(200000) })

// BenchmarkReadSRT reads a 200,000-cue file with subkit's reader and with
// go-astisub's, in the same run.
func BenchmarkReadSRT(b *testing.B) {
	text := benchSRTText()
	b.Run("subkit", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		b.ReportAllocs()
		for b.Loop() {
			doc, _, err := readSRT("bench.srt", text)
			if err != nil || len(doc.Cues) != 200000 {
				b.Fatal(err, len(doc.Cues))
			}
		}
	})
	b.Run("astisub", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		b.ReportAllocs()
		for b.Loop() {
			subs, err := astisub.ReadFromSRT(strings.NewReader(text))
			if err != nil || len(subs.Items) != 200000 {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkConvertSRTtoVTT reads the 200,000-cue file and writes WebVTT:
// subkit's reader and writer, and go-astisub's.
func BenchmarkConvertSRTtoVTT(b *testing.B) {
	text := benchSRTText()
	b.Run("subkit", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		b.ReportAllocs()
		for b.Loop() {
			doc, _, err := readSRT("bench.srt", text)
			if err != nil {
				b.Fatal(err)
			}
			if err := subtitle.Encode(io.Discard, doc, subtitle.WebVTT, subtitle.EncodeOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("astisub", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		b.ReportAllocs()
		for b.Loop() {
			subs, err := astisub.ReadFromSRT(strings.NewReader(text))
			if err != nil {
				b.Fatal(err)
			}
			if err := subs.WriteToWebVTT(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestReadSRTOverrideBlocks reads a file shaped as the SRT capability
// testers players are tried with: ASS override blocks are hidden wherever
// they stand, as VSFilter, libass and VLC hide them, the first {\anN} of
// a cue places it, and what is dropped is named in one warning.
func TestReadSRTOverrideBlocks(t *testing.T) {
	b, err := os.ReadFile("testdata/override-blocks.srt")
	if err != nil {
		t.Fatal(err)
	}
	doc, ws, err := readSRT("override-blocks.srt", string(b))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		align int
		text  string
	}{
		{8, "Implementation as in ASS / This text should be at the / top and centered"},
		{7, "This text should be at the / top and at the left"},
		{4, "This text should be at the / middle and horizontally at the left / (the second position is ignored)"},
		{0, "Hide these tags: / but show this: {normal text} and {\\unclosed"},
	}
	if len(doc.Cues) != len(want) {
		t.Fatalf("%d cues, want %d", len(doc.Cues), len(want))
	}
	for i, c := range doc.Cues {
		var lines []string
		for _, l := range c.Lines {
			var sb strings.Builder
			for _, sp := range l {
				sb.WriteString(sp.Text)
			}
			lines = append(lines, sb.String())
		}
		if got := strings.Join(lines, " / "); c.Align != want[i].align || got != want[i].text {
			t.Errorf("cue %d: align %d %q, want %d %q", i+1, c.Align, got, want[i].align, want[i].text)
		}
	}
	var msgs []string
	for _, w := range ws {
		msgs = append(msgs, w.String())
	}
	if wantW := []string{`line 15: ASS override tags dropped (players hide them): {\an6}, {\some_letters_or_numbers}`}; !reflect.DeepEqual(msgs, wantW) {
		t.Errorf("warnings %q, want %q", msgs, wantW)
	}
}

// TestReadSRTCodes: the ASS codes libass applies to SRT text (\N a line
// break, \n a space, \h a no-break space) are applied, and MicroDVD codes
// ({Y:i}) are hidden as ffmpeg hides them, each kind named in a warning;
// what players show as text stays text.
func TestReadSRTCodes(t *testing.T) {
	i, b := subtitle.Span{Italic: true}, subtitle.Span{Bold: true}
	with := func(s subtitle.Span, text string) subtitle.Span { s.Text = text; return s }
	const nb = "\u00a0"
	cases := []struct {
		in   string
		want []subtitle.Line
		warn string // a warning's text, "" for none
	}{
		{`One\NTwo`, []subtitle.Line{{{Text: "One"}}, {{Text: "Two"}}}, ""},
		{`One \N Two`, []subtitle.Line{{{Text: "One"}}, {{Text: "Two"}}}, ""},
		{`\Nstart`, []subtitle.Line{{{Text: "start"}}}, ""},
		{`end\N`, []subtitle.Line{{{Text: "end"}}}, ""},
		{`a\N\Nb`, []subtitle.Line{{{Text: "a"}}, {{Text: "b"}}}, ""},
		{`a \n b`, []subtitle.Line{{{Text: "a   b"}}}, ""},
		{`x\hy\hz`, []subtitle.Line{{{Text: "x" + nb + "y" + nb + "z"}}}, ""},
		{`<i>a\Nb</i>`, []subtitle.Line{{with(i, "a")}, {with(i, "b")}}, ""},
		{`a<i>\N</i>b`, []subtitle.Line{{{Text: "a"}}, {{Text: "b"}}}, ""},
		{`a<b>b\Nc</b>d`, []subtitle.Line{{{Text: "a"}, with(b, "b")}, {with(b, "c"), {Text: "d"}}}, ""},
		{`a\\Nb`, []subtitle.Line{{{Text: `a\`}}, {{Text: "b"}}}, ""},
		{`Show this: \TEST and this: \-) \`, []subtitle.Line{{{Text: `Show this: \TEST and this: \-) \`}}}, ""},
		{`\<b>N</b>`, []subtitle.Line{{{Text: `\`}, with(b, "N")}}, ""},
		{`\h\h\hA`, []subtitle.Line{{{Text: "A"}}}, `line 3: hard spaces (\h) at the start or end of a line dropped`},
		{`A\h\h`, []subtitle.Line{{{Text: "A"}}}, `line 3: hard spaces (\h) at the start or end of a line dropped`},
		{`A\h\h\NB`, []subtitle.Line{{{Text: "A"}}, {{Text: "B"}}}, `line 3: hard spaces (\h) at the start or end of a line dropped`},
		{`{Y:i}text`, []subtitle.Line{{{Text: "text"}}}, "line 3: MicroDVD codes dropped (players hide them): {Y:i}"},
		{`{y:b}a {C:$0000FF}b {f:Arial}c {Z:q}d {y:open`, []subtitle.Line{{{Text: "a b c {Z:q}d {y:open"}}},
			"line 3: MicroDVD codes dropped (players hide them): {y:b}, {C:$0000FF}, {f:Arial}"},
		{"{Y:i}\nx", []subtitle.Line{{{Text: "x"}}}, "line 3: MicroDVD codes dropped (players hide them): {Y:i}"},
		{`{Y:i\N}x`, []subtitle.Line{{{Text: "x"}}}, `line 3: MicroDVD codes dropped (players hide them): {Y:i\N}`},
	}
	for _, c := range cases {
		text := "1\n00:00:01,000 --> 00:00:02,000\n" + c.in + "\n"
		doc, ws, err := readSRT("c.srt", text)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if got := doc.Cues[0].Lines; !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q:\n got %s\nwant %s", c.in, dumpSRT(doc, nil, nil), dumpSRT(&subtitle.Document{Cues: []subtitle.Cue{{Start: ms(1000), End: ms(2000), Lines: c.want}}}, nil, nil))
		}
		var msgs []string
		for _, w := range ws {
			if !strings.Contains(w.Message, "number line") {
				msgs = append(msgs, w.String())
			}
		}
		switch {
		case c.warn == "" && len(msgs) > 0:
			t.Errorf("%q: warnings %q, want none", c.in, msgs)
		case c.warn != "" && (len(msgs) != 1 || !strings.HasPrefix(msgs[0], c.warn)):
			t.Errorf("%q: warnings %q, want one starting %q", c.in, msgs, c.warn)
		}
		checkFixedPoint(t, c.in, text)
	}
}

// TestReadSRTCodesLibass reads testdata/ass-codes.srt, the codes of the
// SRT capability testers, and compares each cue's lines with what libass
// shows of the text ffmpeg hands it (the line edges trimmed, as subkit's
// reader and writers trim them).
func TestReadSRTCodesLibass(t *testing.T) {
	const file = "testdata/ass-codes.srt"
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, _, err := readSRT(file, string(b))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `\N`) || !strings.Contains(string(b), `\h`) || !strings.Contains(string(b), `{Y:`) {
		t.Fatalf("%s lacks the codes it is for", file)
	}
	edges := func(text string) string {
		var lines []string
		for _, l := range strings.Split(text, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		return strings.Join(lines, "\n")
	}
	var got []extcheck.Cue
	for _, c := range extcheck.ExpectedCues(doc) {
		c.ID, c.Text = "", edges(c.Text)
		got = append(got, c)
	}
	var want []extcheck.Cue
	for _, c := range extcheck.FFmpegASS(t, file) {
		c.Text = edges(c.Text)
		want = append(want, c)
	}
	for _, d := range extcheck.DiffCues(got, want) {
		t.Error(d)
	}
}

// TestReadSRTFontColors: a <font color> is kept as written when it is a
// CSS color; hex digits without "#" (or with "##"), which ffmpeg shows as
// the color, get one "#"; another value is ignored, the text keeping the
// color around it, with one warning at the line of the first.
func TestReadSRTFontColors(t *testing.T) {
	in := "1\n00:00:01,000 --> 00:00:02,000\n<font color=\"RGB(0,0,255)\">a</font> <font color=ff0000>b</font>\n" +
		"<font color=\"##00FF00\">c</font>\n\n2\n00:00:03,000 --> 00:00:04,000\nfine\n<font color=yellow>d <font color=\"#ff000\">e</font></font> <font color=\"f00 \">f</font>\n"
	d, ws, err := readSRT("x.srt", in)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range d.Cues {
		for _, l := range c.Lines {
			for _, s := range l {
				got = append(got, strings.TrimSpace(s.Text)+":"+s.Color)
			}
		}
	}
	want := []string{"a:RGB(0,0,255)", ":", "b:#ff0000", "c:#00FF00", "fine:", "d e:yellow", "f:"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("spans %q, want %q", got, want)
	}
	if len(ws) != 1 || ws[0].Line != 9 || ws[0].Message != `<font color="#ff000">: "#ff000" is not a color: a hex color has 3, 4, 6 or 8 digits: ignored (2 times; the first here)` {
		t.Errorf("warnings %v", ws)
	}
}
