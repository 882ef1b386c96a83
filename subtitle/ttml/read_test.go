package ttml

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	astisub "github.com/asticode/go-astisub"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
)

// ttDoc wraps body in a <tt> root with the TTML namespaces, xml:lang="en"
// and the extra root attributes attrs.
func ttDoc(attrs, body string) string {
	return `<tt xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling" ` +
		`xmlns:ttp="http://www.w3.org/ns/ttml#parameter" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" xml:lang="en"` +
		attrs + ">" + body + "</tt>"
}

func decodeTTML(t *testing.T, name, in string) (*subtitle.Document, []subtitle.Warning) {
	t.Helper()
	doc, info, err := subtitle.Decode(name, []byte(in), subtitle.ReadOptions{Format: subtitle.TTML})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc, info.Warnings
}

// spanString writes a span as its text, or "[flags:text]" when styled:
// i, b, u, c=color, l=lang.
func spanString(s subtitle.Span) string {
	var f []string
	if s.Italic {
		f = append(f, "i")
	}
	if s.Bold {
		f = append(f, "b")
	}
	if s.Underline {
		f = append(f, "u")
	}
	if s.Color != "" {
		f = append(f, "c="+s.Color)
	}
	if s.Lang != "" {
		f = append(f, "l="+s.Lang)
	}
	if len(f) == 0 {
		return s.Text
	}
	return "[" + strings.Join(f, " ") + ":" + s.Text + "]"
}

// cueString writes a cue as "startMs-endMs line|line".
func cueString(c subtitle.Cue) string {
	var lines []string
	for _, l := range c.Lines {
		var b strings.Builder
		for _, s := range l {
			b.WriteString(spanString(s))
		}
		lines = append(lines, b.String())
	}
	return fmt.Sprintf("%d-%d %s", c.Start.Milliseconds(), c.End.Milliseconds(), strings.Join(lines, "|"))
}

func cueStrings(d *subtitle.Document) []string {
	var out []string
	for _, c := range d.Cues {
		out = append(out, cueString(c))
	}
	return out
}

// checkWarnings checks that some warning contains each of want, and that
// there are no warnings when want is empty.
func checkWarnings(t *testing.T, ws []subtitle.Warning, want ...string) {
	t.Helper()
	for _, w := range want {
		if !slices.ContainsFunc(ws, func(x subtitle.Warning) bool { return strings.Contains(x.String(), w) }) {
			t.Errorf("no warning says %q; warnings: %q", w, ws)
		}
	}
	if len(want) == 0 && len(ws) > 0 {
		t.Errorf("unexpected warnings: %q", ws)
	}
}

type ttmlCase struct {
	name, attrs, body string
	want              []string
	warn              []string
}

func runTTMLCases(t *testing.T, cases []ttmlCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, ws := decodeTTML(t, "case.ttml", ttDoc(c.attrs, c.body))
			if got := cueStrings(doc); !slices.Equal(got, c.want) {
				t.Errorf("cues\n got %q\nwant %q", got, c.want)
			}
			checkWarnings(t, ws, c.warn...)
		})
	}
}

// astisubSays is what go-astisub makes of a TTML file, for the log.
func astisubSays(in string) (s string) {
	defer func() {
		if r := recover(); r != nil {
			s = fmt.Sprintf("panic: %v", r)
		}
	}()
	subs, err := astisub.ReadFromTTML(strings.NewReader(in))
	if err != nil {
		return "error: " + err.Error()
	}
	var out []string
	for _, it := range subs.Items {
		out = append(out, fmt.Sprintf("%d-%d %s", it.StartAt.Milliseconds(), it.EndAt.Milliseconds(), it.String()))
	}
	return fmt.Sprintf("%d cues %q", len(out), out)
}

// TestReadTTMLFixesAstisub has a case for each way go-astisub v0.45.0 reads
// TTML wrong: no cues from nested divs, text lost in nested spans, panics on
// dur and on timing anywhere but <p>, ticks and frames without declared
// rates read as 0 s. go-astisub's reading is logged for comparison.
func TestReadTTMLFixesAstisub(t *testing.T) {
	p := func(s string) string { return "<body><div>" + s + "</div></body>" }
	cases := []ttmlCase{
		{name: "nested divs", body: `<body><div><div begin="1s"><div><p begin="1s" end="2s">deep</p></div></div></div></body>`,
			want: []string{"2000-3000 deep"}},
		{name: "nested spans", body: p(`<p begin="0s" end="1s">a <span tts:fontStyle="italic">b <span tts:fontWeight="bold">c <span tts:color="red">d</span></span> e</span> f</p>`),
			want: []string{"0-1000 a [i:b ][i b:c ][i b c=red:d][i: e] f"}},
		{name: "dur on p", body: p(`<p begin="1s" dur="2s">x</p>`), want: []string{"1000-3000 x"}},
		{name: "dur and end, the earlier wins", body: p(`<p begin="1s" dur="5s" end="3s">x</p><p begin="1s" dur="1s" end="3s">y</p>`),
			want: []string{"1000-3000 x", "1000-2000 y"}},
		{name: "dur on body and div", body: `<body dur="10s"><div begin="2s" dur="5s"><p begin="1s" end="9s">x</p></div></body>`,
			want: []string{"3000-7000 x"}},
		{name: "timing on a span only", body: p(`<p><span begin="1s" end="2s">x</span></p>`), want: []string{"1000-2000 x"}},
		{name: "timing on a div only", body: `<body><div begin="5s" end="6s"><p>x</p></div></body>`, want: []string{"5000-6000 x"}},
		{name: "span timed apart from its paragraph", body: p(`<p begin="1s" end="5s">A <span begin="2s">B</span> <span begin="1s" end="2s">C</span></p>`),
			want: []string{"1000-2000 A", "2000-3000 A C", "3000-5000 A B"}, warn: []string{"split into 3 cues"}},
		{name: "ticks with ttp:tickRate", attrs: ` ttp:tickRate="10000000"`, body: p(`<p begin="15000000t" end="25000000t">x</p>`),
			want: []string{"1500-2500 x"}},
		{name: "ticks without ttp:tickRate", body: p(`<p begin="3t" end="4.5t">x</p>`),
			want: []string{"3000-4500 x"}, warn: []string{"line 1: ticks are used without ttp:tickRate: read at 1 tick a second"}},
		{name: "ticks with only ttp:frameRate", attrs: ` ttp:frameRate="25"`, body: p(`<p begin="50t" end="75t">x</p>`),
			want: []string{"2000-3000 x"}},
		{name: "frames with ttp:frameRate", attrs: ` ttp:frameRate="25"`, body: p(`<p begin="00:00:01:12" end="00:00:02:00">x</p>`),
			want: []string{"1480-2000 x"}},
		{name: "frames with ttp:frameRateMultiplier", attrs: ` ttp:frameRate="30" ttp:frameRateMultiplier="1000 1001"`,
			body: p(`<p begin="00:00:01:15" end="60f">x</p>`), want: []string{"1501-2002 x"}},
		{name: "frames without ttp:frameRate", body: p(`<p begin="00:00:01:15" end="60f">x</p>`),
			want: []string{"1500-2000 x"}, warn: []string{"frames are used without ttp:frameRate: read at 30 frames a second"}},
		{name: "sub-frames", attrs: ` ttp:frameRate="25" ttp:subFrameRate="4"`, body: p(`<p begin="00:00:00:01.2" end="00:00:00:10">x</p>`),
			want: []string{"60-400 x"}},
		{name: "offset units and fractions", body: p(`<p begin="0.001h" end="0.1m">x</p><p begin="1500ms" end="2.25s">y</p><p begin="1.5s" end="2.0005s">z</p>`),
			want: []string{"3600-6000 x", "1500-2250 y", "1500-2001 z"}},
		{name: "clock times", body: p(`<p begin="123:00:00.1234" end="123:00:01">x</p><p begin="0:00:01.5" end="00:00:02.25">y</p>`),
			want: []string{"442800123-442801000 x", "1500-2250 y"}},
	}
	for _, c := range cases {
		t.Logf("%s: go-astisub reads %s", c.name, astisubSays(ttDoc(c.attrs, c.body)))
	}
	runTTMLCases(t, cases)
}

// TestReadTTMLWhiteSpace checks white space handling: imscJS's for
// xml:space="default", and what subkit does beyond it.
func TestReadTTMLWhiteSpace(t *testing.T) {
	p := func(s string) string { return `<body><div><p begin="0s" end="1s">` + s + "</p></div></body>" }
	cases := []ttmlCase{
		{name: "pretty-printed", body: p("\n  <span>Guten Abend,</span>\n  <br/>\n  <span>willkommen.</span>\n"),
			want: []string{"0-1000 Guten Abend,|willkommen."}},
		{name: "spaces around br", body: p("one  <br/>  two \t"), want: []string{"0-1000 one|two"}},
		{name: "spaces between spans", body: p(`a <span tts:fontStyle="italic"> b </span> c`), want: []string{"0-1000 a [i:b ]c"}},
		{name: "a space alone between spans", body: p(`<span tts:fontStyle="italic">a</span><span> </span><span tts:fontStyle="italic">b</span>`),
			want: []string{"0-1000 [i:a] [i:b]"}},
		{name: "CJK spans", body: p(`<span>大家</span><span tts:fontWeight="bold">好</span>，这里`), want: []string{"0-1000 大家[b:好]，这里"}},
		{name: "CJK broken in the source", body: p("大家好，\n这里是最佳拍档"), want: []string{"0-1000 大家好， 这里是最佳拍档"}},
		{name: "tabs and line ends", body: p("a\t\r\n b"), want: []string{"0-1000 a b"}},
		{name: "entities and CDATA", body: p(`a &amp; b &lt;c&gt; <![CDATA[<d> & e]]> &#x4E2D;`), want: []string{"0-1000 a & b <c> <d> & e 中"}},
		{name: "no-break spaces inside are kept", body: p("a\u00a0b"), want: []string{"0-1000 a\u00a0b"}},
		{name: "no-break and ideographic spaces at edges", body: p("\u00a0a\u3000<br/>\u3000b"),
			want: []string{"0-1000 a|b"}, warn: []string{"line 1: white space other than spaces at the edge of a line"}},
		{name: "blank line between lines", body: p("a<br/> <br/>b"), want: []string{"0-1000 a|b"}, warn: []string{"blank lines between lines of text"}},
		{name: "breaks at the edges", body: p("<br/>a<br/>"), want: []string{"0-1000 a"}},
		{name: "xml:space preserve", body: `<body><div><p xml:space="preserve" begin="0s" end="1s">one
two  three</p></div></body>`, want: []string{"0-1000 one|two three"}, warn: []string{`xml:space="preserve": line breaks are kept`}},
		{name: "xml:space default inside preserve", body: `<body><div xml:space="preserve"><p begin="0s" end="1s"><span xml:space="default">a
b</span></p></div></body>`, want: []string{"0-1000 a b"}},
	}
	runTTMLCases(t, cases)
}

// TestReadTTMLStyles checks style resolution: chains, precedence,
// inheritance through body, div, region, p and span, languages, and what
// the document keeps of the head.
func TestReadTTMLStyles(t *testing.T) {
	in := ttDoc(` ttp:timeBase="media"`, `
<head>
  <metadata><ttm:title>  A   title </ttm:title><ttm:title>second</ttm:title></metadata>
  <styling>
    <style xml:id="base" tts:color="yellow"/>
    <style xml:id="it" style="base" tts:fontStyle="italic"/>
    <style xml:id="red" tts:color="red"/>
    <style xml:id="under" tts:textDecoration="underline"/>
    <style xml:id="loop1" style="loop2"/>
    <style xml:id="loop2" style="loop1" tts:fontWeight="bold"/>
  </styling>
  <layout>
    <region xml:id="r1" tts:fontWeight="bold"/>
    <region xml:id="r2" style="red"><style tts:fontStyle="italic"/></region>
  </layout>
</head>
<body style="under">
  <div region="r1">
    <p xml:id="p1" begin="0s" end="1s" style="it">x <span style="it red">y</span> <span tts:textDecoration="noUnderline">z</span></p>
    <p xml:id="p2" begin="1s" end="2s" region="r2">w <span tts:color="#FFFFFF">white</span> <span style="it">yellow</span></p>
    <p begin="2s" end="3s" xml:lang="fr">bonjour <span xml:lang="EN">hello</span> <span xml:lang="ja">日本語</span></p>
    <p begin="3s" end="4s" style="loop1">loop</p>
  </div>
</body>`)
	doc, ws := decodeTTML(t, "styles.ttml", in)
	want := []string{
		"0-1000 [i b u c=yellow:x ][i b u c=red:y][i b u c=yellow: ][i b c=yellow:z]",
		"1000-2000 [i u c=red:w ][i u:white][i u c=red: ][i u c=yellow:yellow]",
		"2000-3000 [b u l=fr:bonjour ][b u:hello][b u l=fr: ][b u l=ja:日本語]",
		"3000-4000 [b u:loop]",
	}
	if got := cueStrings(doc); !slices.Equal(got, want) {
		t.Errorf("cues\n got %q\nwant %q", got, want)
	}
	c := doc.Cues[0]
	if c.ID != "p1" || c.Region != "r1" || c.Style != "it" || doc.Cues[1].Region != "r2" || doc.Cues[1].Style != "" {
		t.Errorf("cue 1 ID %q region %q style %q, cue 2 region %q style %q", c.ID, c.Region, c.Style, doc.Cues[1].Region, doc.Cues[1].Style)
	}
	if doc.Lang != "en" || doc.Title != "A title" {
		t.Errorf("lang %q title %q", doc.Lang, doc.Title)
	}
	var names []string
	for _, s := range doc.Styles {
		if s.Format != subtitle.TTML {
			t.Errorf("style %q has format %v", s.Name, s.Format)
		}
		names = append(names, s.Name)
	}
	if !slices.Equal(names, []string{"base", "it", "red", "under", "loop1", "loop2"}) {
		t.Errorf("styles %q", names)
	}
	if doc.Styles[1].Text != `<style xml:id="it" style="base" tts:fontStyle="italic"/>` {
		t.Errorf("style text %q", doc.Styles[1].Text)
	}
	if len(doc.Regions) != 2 || doc.Regions[1].ID != "r2" || doc.Regions[1].Format != subtitle.TTML ||
		doc.Regions[1].Text != `<region xml:id="r2" style="red"><style tts:fontStyle="italic"/></region>` {
		t.Errorf("regions %+v", doc.Regions)
	}
	checkWarnings(t, ws, `style "loop1" refers to itself`, "metadata <ttm:title> is not kept")
}

// TestReadTTMLLanguage: xml:lang "und" and none are both no language.
func TestReadTTMLLanguage(t *testing.T) {
	for _, c := range []struct{ root, span, lang, spanLang string }{
		{` xml:lang="und"`, ` xml:lang="fr"`, "", "fr"},
		{``, ` xml:lang="und"`, "", ""},
		{` xml:lang=" zh-Hans "`, ` xml:lang="zh-hans"`, "zh-Hans", ""},
		{` xml:lang=""`, ``, "", ""},
	} {
		in := `<tt xmlns="http://www.w3.org/ns/ttml"` + c.root + `><body><div><p begin="0s" end="1s"><span` + c.span + `>x</span></p></div></body></tt>`
		doc, _ := decodeTTML(t, "lang.ttml", in)
		if doc.Lang != c.lang || doc.Cues[0].Lines[0][0].Lang != c.spanLang {
			t.Errorf("%s: lang %q, span lang %q; want %q, %q", in, doc.Lang, doc.Cues[0].Lines[0][0].Lang, c.lang, c.spanLang)
		}
	}
}

// TestReadTTMLNamespaces: the TTML namespace, with or without a prefix,
// DFXP's old ones and none; and id, which old DFXP tools wrote for xml:id.
func TestReadTTMLNamespaces(t *testing.T) {
	const body = `<head><styling><style id="s" tts:fontStyle="italic"/></styling></head>` +
		`<body><div><p id="a" begin="1s" end="2s" style="s">x</p></div></body></tt>`
	for _, in := range []string{
		`<tt xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling">` + body,
		`<tt xmlns="http://www.w3.org/2006/10/ttaf1" xmlns:tts="http://www.w3.org/2006/10/ttaf1#styling">` + body,
		`<tt xmlns="http://www.w3.org/2006/04/ttaf1" xmlns:tts="http://www.w3.org/2006/04/ttaf1#styling">` + body,
		`<tt>` + body,
		`<t:tt xmlns:t="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling"><t:head><t:styling>` +
			`<t:style xml:id="s" tts:fontStyle="italic"/></t:styling></t:head><t:body><t:div>` +
			`<t:p xml:id="a" begin="1s" end="2s" style="s">x</t:p></t:div></t:body></t:tt>`,
	} {
		doc, ws := decodeTTML(t, "ns.ttml", in)
		if got := cueStrings(doc); len(got) != 1 || got[0] != "1000-2000 [i:x]" || doc.Cues[0].ID != "a" {
			t.Errorf("%s: cues %q, warnings %q", in, got, ws)
		}
	}
}

// TestReadTTMLEncodings: a file in UTF-16 or Latin-1 is decoded before the
// XML reader sees it, whatever its declaration says.
func TestReadTTMLEncodings(t *testing.T) {
	doc := `<?xml version="1.0" encoding="%s"?>` + "\n" + ttDoc("", `<body><div><p begin="1s" end="2s">Grüße, 大家好</p></div></body>`)
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range fmt.Sprintf(doc, "UTF-16") {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	latin1 := []byte(strings.ReplaceAll(fmt.Sprintf(doc, "ISO-8859-1"), ", 大家好", ""))
	latin1 = bytes.ReplaceAll(latin1, []byte("ü"), []byte{0xFC})
	latin1 = bytes.ReplaceAll(latin1, []byte("ß"), []byte{0xDF})
	for name, c := range map[string]struct {
		in   []byte
		want string
	}{"utf-16": {utf16, "1000-2000 Grüße, 大家好"}, "latin-1": {latin1, "1000-2000 Grüße"}} {
		d, _, err := subtitle.Decode(name+".ttml", c.in, subtitle.ReadOptions{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := cueStrings(d); len(got) != 1 || got[0] != c.want {
			t.Errorf("%s: cues %q, want %q", name, got, c.want)
		}
	}
}

// TestReadTTMLWarnings: what a Document cannot hold is warned about with
// its line, and the rest is still read.
func TestReadTTMLWarnings(t *testing.T) {
	p := func(s string) string { return "<body><div>\n" + s + "\n</div></body>" }
	cases := []ttmlCase{
		{name: "set", body: p(`<p begin="0s" end="1s">a<set tts:color="red" begin="0.5s"/></p>`),
			want: []string{"0-1000 a"}, warn: []string{"line 2: animation <set tts:color> is not supported"}},
		{name: "ruby", body: p(`<p begin="0s" end="1s"><span tts:ruby="container"><span tts:ruby="base">漢字</span><span tts:ruby="text">かんじ</span></span></p>`),
			want: []string{"0-1000 漢字"}, warn: []string{`line 2: ruby text (tts:ruby="text") is not supported`}},
		{name: "image", attrs: ` xmlns:smpte="http://www.smpte-ra.org/schemas/2052-1/2010/smpte-tt"`,
			body: "<body>\n" + `<div begin="0s" end="1s" smpte:backgroundImage="#img1"/></body>`,
			warn: []string{`line 2: image {http://www.smpte-ra.org/schemas/2052-1/2010/smpte-tt}backgroundImage="#img1" is not supported`}},
		{name: "seq text", body: "<body>\n" + `<div><p timeContainer="seq" begin="1s" dur="5s">never<span dur="1s">a</span><span dur="2s">b</span></p></div></body>`,
			want: []string{"1000-2000 a", "2000-4000 b"}, warn: []string{`line 2: text "never" is directly in a seq container, where it is never shown`}},
		{name: "smpte time base", attrs: ` ttp:timeBase="smpte"`, body: p(`<p begin="0s" end="1s">a</p>`),
			want: []string{"0-1000 a"}, warn: []string{`line 1: ttp:timeBase="smpte" is not supported`}},
		{name: "inline style attributes", body: p(`<p begin="0s" end="1s" tts:fontSize="120%"><span tts:textDecoration="lineThrough">a</span></p>`),
			want: []string{"0-1000 a"}, warn: []string{"line 2: style attribute tts:fontSize on content is not kept", "tts:textDecoration lineThrough is not kept"}},
		{name: "metadata", body: "<head><metadata>\n<ttm:desc>d</ttm:desc></metadata></head>" + p(`<p begin="0s" end="1s">a<metadata><ttm:desc>x</ttm:desc></metadata></p>`),
			want: []string{"0-1000 a"}, warn: []string{"line 2: metadata <ttm:desc> is not kept", "line 3: metadata in content is not kept"}},
		{name: "foreign element", body: p(`<p begin="0s" end="1s">a<x:b xmlns:x="urn:x">hidden</x:b></p>`),
			want: []string{"0-1000 a"}, warn: []string{"line 2: <{urn:x}b> in <p> is not supported: not kept"}},
		{name: "text outside a paragraph", body: p(`stray <p begin="0s" end="1s">a</p>`),
			want: []string{"0-1000 a"}, warn: []string{`line 1: text "stray" in <div> is not in a paragraph`}},
		{name: "span never shown", body: p(`<p begin="0s" end="1s">a <span begin="2s">b</span></p>`),
			want: []string{"0-1000 a"}, warn: []string{`line 2: text "b" is never shown`}},
		{name: "paragraph never shown", body: p(`<p begin="3s" end="1s">a</p>`),
			warn: []string{"line 2: paragraph is never shown", "not kept"}},
		{name: "empty paragraph", body: p(`<p begin="0s" end="1s"> <br/> </p>`), warn: []string{"line 2: paragraph has no text: no cue"}},
		{name: "no end", body: p(`<p begin="1s" end="2s">a</p>` + "\n" + `<p begin="1.5s">b</p><p begin="3s">c</p>`),
			want: []string{"1000-2000 a", "1500-13000 b", "3000-13000 c"},
			warn: []string{"line 3: 2 cues never end (the first here): TTML shows them to the end of the video; each ends at 00:00:13.000, 10 s after the latest time in the file"}},
		{name: "undefined style and region", body: p(`<p begin="0s" end="1s" style="nope" region="nowhere">a</p>`),
			want: []string{"0-1000 a"}, warn: []string{`line 2: style "nope" is not defined`, `line 2: region "nowhere" is not defined`}},
		{name: "bad time", body: p(`<p begin="1x" end="1s">a</p>`),
			want: []string{"0-1000 a"}, warn: []string{`line 2: time "1x" is not a TTML time expression`}},
		{name: "timed br", body: p(`<p begin="0s" end="1s">a<br begin="1s"/>b</p>`),
			want: []string{"0-1000 a|b"}, warn: []string{"line 2: <br> is not timed"}},
		{name: "bad rates", attrs: ` ttp:frameRate="0" ttp:tickRate="x"`, body: p(`<p begin="0s" end="1s">a</p>`),
			want: []string{"0-1000 a"}, warn: []string{`ttp:frameRate="0" is not a whole number`, `ttp:tickRate="x" is not a whole number`}},
		{name: "many alike", body: p(strings.Repeat(`<p begin="0s" end="1s"><set tts:color="red"/>a</p>`, 25)),
			want: slices.Repeat([]string{"0-1000 a"}, 25), warn: []string{"5 more warnings like the one at line 2"}},
	}
	runTTMLCases(t, cases)
}

// TestReadTTMLErrors: malformed XML and documents that are not TTML are
// *ParseErrors with the line and column.
func TestReadTTMLErrors(t *testing.T) {
	deep := `<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p>` + strings.Repeat("<span>", 300) + "x" +
		strings.Repeat("</span>", 300) + "</p></div></body></tt>"
	cases := []struct {
		name, in  string
		line, col int
		msg       string
	}{
		{"mismatched tag", "<tt>\n  <body>\n  </tt>", 3, 7, "element <body> closed by </tt>"},
		{"undefined entity", "<tt>\n<body><div><p>a &nbsp; b</p>", 2, 22, "invalid character entity &nbsp;"},
		{"entity declared in a DTD", `<!DOCTYPE tt [<!ENTITY a "aaaaaaaa">]>` + "\n<tt>&a;</tt>", 2, 7, "invalid character entity &a;"},
		{"truncated", "<tt>\n<body>", 2, 7, "unexpected EOF"},
		{"not XML", "hello", 1, 1, "text before the <tt> root"},
		{"another root", "\n<html></html>", 2, 1, "root element <html> is not <tt>"},
		{"two roots", "<tt></tt>\n<tt></tt>", 2, 1, "element <tt> after the <tt> root"},
		{"text after the root", "<tt></tt>\nx", 1, 10, "text after the <tt> root"},
		{"no root", `<?xml version="1.0"?>`, 0, 0, "no <tt> root element"},
		{"too deep", deep, 1, 53 + 6*252, "elements nested deeper than 256"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := subtitle.Decode("bad.ttml", []byte(c.in), subtitle.ReadOptions{Format: subtitle.TTML})
			var pe *subtitle.ParseError
			if !errors.As(err, &pe) || !errors.Is(err, subtitle.ErrSyntax) {
				t.Fatalf("error %v is not a syntax ParseError", err)
			}
			if pe.File != "bad.ttml" || pe.Line != c.line || pe.Col != c.col || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("error %q (line %d col %d), want line %d col %d saying %q", err, pe.Line, pe.Col, c.line, c.col, c.msg)
			}
		})
	}
}

var ttmlFixtures = []string{"netflix-imsc1.ttml", "dfxp-2006.dfxp", "ebu-tt-d.ttml", "timed-spans.ttml", "frames.ttml"}

func readFixture(t *testing.T, name string) (string, *subtitle.Document, []subtitle.Warning) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	doc, ws := decodeTTML(t, name, string(b))
	return string(b), doc, ws
}

// TestReadTTMLFixtures reads the real-world style samples.
func TestReadTTMLFixtures(t *testing.T) {
	want := map[string][]string{
		"netflix-imsc1.ttml": {
			"6214-8458 Where were you last night?",
			"8709-11011 - I was at the harbor.|- All night?",
			"11295-13138 [i:(RADIO CHATTER)]",
			"13180-15032 PORT AUTHORITY — 3 MILES",
			"13597-15224 [i:They're coming in] from the east.",
			"15566-17100 You [b:promised] me.",
			"17351-19036 ♪ Hold the line ♪",
			"19253-21004 Ils arrivent, [i l=fr:mon capitaine].",
			"3600000-3603003 An hour later.",
		},
		"dfxp-2006.dfxp": {
			"500-3500 Good morning, everyone.",
			"4000-6750 [c=#ffff00:PROFESSOR:] Today we talk about the tides & the moon.",
			"7250-10000 It's the [i:gravitational] pull|that does it.",
			"10500-13000 [u:Write this down:]|F = G·m₁·m₂ / r²",
			"13500-15000 Questions?",
		},
		"ebu-tt-d.ttml": {
			"0-3120 Guten Abend, meine Damen und Herren,|willkommen zur Tagesschau.",
			"3240-7800 [c=#ffff00ff:Der Bundestag hat heute]|[c=#ffff00ff:über den Haushalt abgestimmt.]",
			"8000-11520 [c=#00ffffff:Live aus Berlin]",
			"8000-12000 Die Abgeordneten stimmten [c=#ffff00ff:mit großer Mehrheit] zu.",
			"12160-16000 „Das ist ein guter Tag“,|sagte die Ministerin.",
			"24000-27280 Das Wetter: morgen Regen.",
		},
		"timed-spans.ttml": {
			"1000-2000 大家好，", "2000-3000 大家好，这里是", "3000-4000 大家好，这里是[c=yellow:最佳拍档]", "4000-5000 大家好，这里是",
			"6000-7000 Roll-up one", "7000-8000 Roll-up one|roll-up two", "8000-9000 Roll-up one|roll-up two|roll-up three",
			"10000-11000 only first", "11000-12000 only second",
			"13000-14000 clipped by its div",
		},
		"frames.ttml": {
			"1234-2667 Drop-frame timing, frame 7 to frame 20.",
			"3337-6340 Frames as offsets.",
			"6673-9676 Ticks read as frames (no tick rate).",
			"60033-62968 A minute in.",
		},
	}
	warn := map[string][]string{
		"dfxp-2006.dfxp":   {"line 6: metadata <ttm:copyright> is not kept"},
		"timed-spans.ttml": {"line 8: paragraph's spans are timed on their own: split into 4 cues", "line 10: paragraph's spans are timed on their own: split into 2 cues"},
	}
	for _, name := range ttmlFixtures {
		t.Run(name, func(t *testing.T) {
			_, doc, ws := readFixture(t, name)
			if got := cueStrings(doc); !slices.Equal(got, want[name]) {
				t.Errorf("cues\n got %q\nwant %q", got, want[name])
			}
			checkWarnings(t, ws, warn[name]...)
		})
	}
	_, nf, _ := readFixture(t, "netflix-imsc1.ttml")
	if nf.Title != "The Long Night, Episode 3" || nf.Lang != "en" || len(nf.Styles) != 4 || len(nf.Regions) != 2 ||
		nf.Cues[3].ID != "subtitle4" || nf.Cues[3].Region != "top" || nf.Cues[3].Style != "forced" {
		t.Errorf("netflix-imsc1.ttml: title %q lang %q, %d styles, %d regions, cue 4 %+v", nf.Title, nf.Lang, len(nf.Styles), len(nf.Regions), nf.Cues[3])
	}
}

// imscText is imsc's text of a paragraph with two of imsc 1.1.5's
// renderings subkit does not keep: a space at the end of a line that
// follows a <br/> (collapseLWSP skips the element after a break when it
// trims), and empty lines at the start and end.
func imscText(s string) string {
	lines := strings.Split(s, "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " ")
	}
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}

// TestReadTTMLMatchesImsc renders each fixture with imscJS, the renderer
// dash.js and other players use, and checks that at each of imsc's time
// events our cues show the same text, and that each cue begins and ends
// at one of imsc's events. imsc reads only the TTML namespace, so the DFXP
// sample is given to it with its namespaces renamed.
func TestReadTTMLMatchesImsc(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for _, name := range ttmlFixtures {
		text, _, _ := readFixture(t, name)
		text = strings.ReplaceAll(text, "http://www.w3.org/2006/10/ttaf1", "http://www.w3.org/ns/ttml")
		p := filepath.Join(dir, name+".ttml")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	results := extcheck.TTMLRender(t, paths...)
	for i, r := range results {
		name := ttmlFixtures[i]
		_, doc, _ := readFixture(t, name)
		for _, e := range append(r.Errors, r.Warnings...) {
			t.Errorf("%s: imsc: %s", name, e)
		}
		events := map[int64]bool{}
		for _, e := range r.Events {
			events[e] = true
		}
		for _, c := range doc.Cues {
			if !events[c.Start.Milliseconds()] || !events[c.End.Milliseconds()] {
				t.Errorf("%s: cue %s begins or ends at no imsc time event %v", name, cueString(c), r.Events)
			}
		}
		for _, isd := range r.ISDs {
			var want, got []string
			for _, p := range isd.Paragraphs {
				want = append(want, imscText(p.Text))
			}
			at := time.Duration(isd.TimeMs) * time.Millisecond
			for _, c := range doc.Cues {
				if c.Start <= at && at < c.End {
					got = append(got, strings.Join(c.PlainLines(), "\n"))
				}
			}
			// imsc orders paragraphs by region, subkit by document order.
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s at %v: subkit shows %q, imsc %q", name, at, got, want)
			}
		}
	}
}

// genTTMLDoc makes a document in the form the TTML reader gives back:
// what our writer's output reads back as (cue IDs c1, c2, ... and region
// "bottom"), with random styled spans of CJK and Latin text.
func genTTMLDoc(rng *rand.Rand) *subtitle.Document {
	words := []string{"大家好", "这里是", "最佳拍档", "日本語", "한국어", "Hello", "world", "a<b", "&amp;", `"quoted"`, "it's", "x\u00a0y", "Ünïcödé", "—", "♪"}
	colors := []string{"red", "#00ff00", "yellow", "#ff00ff80", "rgb(1, 2, 3)"}
	langs := []string{"", "", "en", "zh-Hans", "ja"}
	d := &subtitle.Document{Lang: langs[rng.IntN(len(langs))]}
	if rng.IntN(2) == 0 {
		d.Title = "Title " + words[rng.IntN(len(words))]
	}
	spanLangs := []string{"fr", "de-CH"} // never the document's
	t := time.Duration(rng.IntN(5000)) * time.Millisecond
	for i := range 1 + rng.IntN(12) {
		c := subtitle.Cue{ID: fmt.Sprintf("c%d", i+1), Region: "bottom", Start: t}
		c.End = t + time.Duration(1+rng.IntN(4000))*time.Millisecond
		if rng.IntN(4) == 0 {
			t = c.Start + time.Duration(rng.IntN(2000))*time.Millisecond // overlapping
		} else {
			t = c.End + time.Duration(rng.IntN(500))*time.Millisecond
		}
		for range 1 + rng.IntN(3) {
			var line subtitle.Line
			for k := range 1 + rng.IntN(4) {
				var sp subtitle.Span
				for {
					sp = subtitle.Span{}
					switch rng.IntN(6) {
					case 1:
						sp.Italic = true
					case 2:
						sp.Bold = rng.IntN(2) == 0
						sp.Underline = !sp.Bold
						sp.Italic = rng.IntN(2) == 0
					case 3:
						sp.Color = colors[rng.IntN(len(colors))]
					case 4:
						sp.Lang = spanLangs[rng.IntN(len(spanLangs))]
						sp.Bold = rng.IntN(2) == 0
					}
					prev := subtitle.Span{}
					if k > 0 {
						prev = line[k-1]
						prev.Text = ""
					}
					if k == 0 || !reflect.DeepEqual(sp, prev) {
						break
					}
				}
				var ws []string
				for range 1 + rng.IntN(3) {
					ws = append(ws, words[rng.IntN(len(words))])
				}
				sp.Text = strings.Join(ws, " ")
				// One space between spans at most, never at a line's edges.
				if k > 0 && !strings.HasSuffix(line[k-1].Text, " ") && rng.IntN(2) == 0 {
					sp.Text = " " + sp.Text
				} else if rng.IntN(3) == 0 {
					sp.Text += " "
				}
				line = append(line, sp)
			}
			last := &line[len(line)-1]
			last.Text = strings.TrimRight(last.Text, " ")
			c.Lines = append(c.Lines, line)
		}
		d.Cues = append(d.Cues, c)
	}
	return d
}

// TestReadTTMLRoundTrip: what our TTML writer writes reads back as the
// same document, without warnings; the head the writer always writes
// (style s1, region bottom) is not kept as a style or region block, since
// converting it elsewhere loses nothing.
func TestReadTTMLRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		d := genTTMLDoc(rng)
		var buf bytes.Buffer
		if err := subtitle.Encode(&buf, d, subtitle.TTML, subtitle.EncodeOptions{CRLF: i%2 == 1, BOM: i%3 == 1}); err != nil {
			t.Fatal(err)
		}
		back, ws := decodeTTML(t, "round.ttml", buf.String())
		if len(ws) > 0 {
			t.Errorf("doc %d: warnings %q", i, ws)
		}
		if len(back.Styles) != 0 || len(back.Regions) != 0 {
			t.Errorf("doc %d: styles %+v regions %+v", i, back.Styles, back.Regions)
		}
		if !reflect.DeepEqual(back, d) {
			t.Fatalf("doc %d reads back differently\nwrote %q %q %q\n read %q %q %q\n%s", i, d.Lang, d.Title, cueStrings(d), back.Lang, back.Title, cueStrings(back), buf.String())
		}
	}
}

// BenchmarkReadTTML reads a 50,000-cue TTML file (our writer's, with
// styled spans in a quarter of the cues) with subkit's reader and with
// go-astisub's, in the same run.
func BenchmarkReadTTML(b *testing.B) {
	d := &subtitle.Document{Lang: "zh-Hans"}
	for i := range 50000 {
		t := time.Duration(i) * 3 * time.Second
		c := subtitle.Cue{Start: t, End: t + 2500*time.Millisecond,
			Lines: subtitle.Text(fmt.Sprintf("第%d条字幕，大家好", i), "and a second line of English text")}
		if i%4 == 0 {
			c.Lines[1] = subtitle.Line{{Text: "and a "}, {Text: "second", Italic: true}, {Text: " line", Color: "yellow"}}
		}
		d.Cues = append(d.Cues, c)
	}
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, d, subtitle.TTML, subtitle.EncodeOptions{}); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.Run("subkit", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			doc, _, err := subtitle.Decode("big.ttml", data, subtitle.ReadOptions{Format: subtitle.TTML})
			if err != nil || len(doc.Cues) != 50000 {
				b.Fatalf("%v, %d cues", err, len(doc.Cues))
			}
		}
	})
	b.Run("go-astisub", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			subs, err := astisub.ReadFromTTML(bytes.NewReader(data))
			if err != nil || len(subs.Items) != 50000 {
				b.Fatalf("%v, %d cues", err, len(subs.Items))
			}
		}
	})
}
