package ttml

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/internal/longtest"
	"github.com/subkit-dev/subkit/subtitle"
)

// ttmlVisible is what a TTML round trip through our writer keeps: the
// language, the title, and each cue's times and styled lines (the writer
// numbers cues itself and writes its own head).
func ttmlVisible(d *subtitle.Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "lang %q title %q\n", d.Lang, d.Title)
	for _, c := range d.Cues {
		fmt.Fprintf(&b, "%d-%d %#v\n", c.Start, c.End, c.Lines)
	}
	return b.String()
}

// FuzzReadTTML: no panic or hang; an error is a *ParseError naming the
// file; what is read is a valid document that our writer writes and that
// reads back the same, and a second round trip changes nothing at all.
func FuzzReadTTML(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{
		`<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s" dur="2s">a<br/>b</p></div></body></tt>`,
		`<tt xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling" xml:lang="en"><head><styling><style xml:id="a" style="b" tts:color="red"/><style xml:id="b" style="a" tts:fontStyle="italic"/></styling></head><body><div begin="1s"><p begin="0s" end="4s" style="a">x <span begin="1s" xml:lang="fr">y<br/> </span><span end="2s" tts:textDecoration="underline">z</span></p></div></body></tt>`,
		`<tt xmlns="http://www.w3.org/2006/10/ttaf1" xmlns:ttp="http://www.w3.org/2006/10/ttaf1#parameter" ttp:frameRate="25" ttp:subFrameRate="2" ttp:frameRateMultiplier="1000 1001"><body><p begin="00:00:01:02.1" end="90f" xml:space="preserve">a  b
c</p><p begin="5t">open</p></body></tt>`,
		`<tt><body><div><p begin="1s" end="2s">&#xA0;a&#x3000;<br/><br/>b&#13;c&#x85;</p></div></body></tt>`,
		`<tt xml:lang="EN" xmlns:tts="http://www.w3.org/ns/ttml#styling"><body><div><p begin="1.0001s" end="3s" tts:color="White">a<span begin="0.0003s" xml:lang="en " tts:color=" #FFF ">b</span><span begin="0.0004s">c</span></p><p begin="2s" end="1s">never</p><p begin="5s">open</p></div></body></tt>`,
		`<tt xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling" tts:extent="640px 480px"><head><styling><style xml:id="h" tts:display="none"/></styling><layout><region xml:id="r" begin="1s" dur="5s" tts:origin="64px 10%" tts:extent="50% 20%" tts:displayAlign="after" tts:textAlign="end"/></layout></head><body timeContainer="seq" dur="30s"><div timeContainer="seq"><p dur="2s" region="r">a<set tts:display="none" begin="1s"/></p><p timeContainer="seq">x<span dur="1s">b</span><br/><span style="h" dur="1s">c</span></p></div><div tts:display="none"><p>d</p></div><p>e</p></body></tt>`,
		`<tt xmlns="http://www.w3.org/ns/ttml" xmlns:itunes="http://music.apple.com/lyric-ttml-internal" itunes:timing="Word"><body dur="1:02.5"><div begin="10.5" end="20"><p begin="10.5" end="12"><span begin="10.5" end="11">a</span> <span begin="11" end="12">b</span></p></div></body></tt>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		doc, _, err := readTTML("fuzz.ttml", in)
		if err != nil {
			var pe *subtitle.ParseError
			if !errors.As(err, &pe) || pe.File != "fuzz.ttml" || !errors.Is(err, subtitle.ErrSyntax) {
				t.Fatalf("error %v is not a syntax ParseError naming the file", err)
			}
			return
		}
		if err := subtitle.Check(doc); err != nil {
			t.Fatalf("read an invalid document: %v", err)
		}
		var buf bytes.Buffer
		if err := subtitle.Encode(&buf, doc, subtitle.TTML, subtitle.EncodeOptions{}); err != nil {
			t.Fatalf("cannot write what was read: %v", err)
		}
		back, ws, err := readTTML("back.ttml", buf.String())
		if err != nil {
			t.Fatalf("cannot read our own output: %v\n%s", err, buf.String())
		}
		if got, want := ttmlVisible(back), ttmlVisible(doc); got != want {
			t.Fatalf("round trip changed the document\nread:\n%s\nread back:\n%s\nwritten:\n%s", want, got, buf.String())
		}
		for _, w := range ws {
			if !strings.Contains(w.Message, "never shown") {
				t.Errorf("our own output gives the warning %q", w)
			}
		}
		buf.Reset()
		if err := subtitle.Encode(&buf, back, subtitle.TTML, subtitle.EncodeOptions{}); err != nil {
			t.Fatal(err)
		}
		again, _, err := readTTML("again.ttml", buf.String())
		if err != nil || !reflect.DeepEqual(again, back) {
			t.Fatalf("second round trip: %v\n%#v\n%#v", err, again, back)
		}
	})
}

// TestReadTTMLBounded reads inputs built to be expensive, 256 KB each (1
// MB in the long run): deep nesting, a paragraph whose every span has its
// own time, long style chains and lists, a warning in every element. Each
// must allocate at most 128 times its size (encoding/xml alone allocates
// about 45 times the size of a file of attributes), which quadratic work
// breaks. The time each takes is logged beside a plain file of cues of the
// same size; the benchmarks measure it.
func TestReadTTMLBounded(t *testing.T) {
	size := longtest.Pick(1<<18, 1<<20)
	head := `<tt xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling" xml:lang="en">`
	fill := func(prefix, unit, suffix string) string {
		return prefix + strings.Repeat(unit, (size-len(prefix)-len(suffix))/len(unit)) + suffix
	}
	var timed strings.Builder
	timed.WriteString(head + `<body><div><p begin="0s" end="99999s">`)
	for i := 0; timed.Len() < size; i++ {
		fmt.Fprintf(&timed, `<span begin="%dms">w%d </span>`, i, i)
	}
	timed.WriteString(`</p></div></body></tt>`)
	var chain strings.Builder
	chain.WriteString(head + `<head><styling>`)
	for i := 0; chain.Len() < size/2; i++ {
		fmt.Fprintf(&chain, `<style xml:id="s%d" style="s%d" tts:fontStyle="italic"/>`, i, i+1)
	}
	chain.WriteString(`</styling></head><body><div>`)
	for chain.Len() < size {
		chain.WriteString(`<p begin="0s" end="1s" style="s0 s1 s2 s3 s4 s5 s6 s7">a</p>`)
	}
	chain.WriteString(`</div></body></tt>`)
	cases := map[string]string{
		"deep":         fill(head+"<body><div><p>", "<span>", ""),
		"timed spans":  timed.String(),
		"style chain":  chain.String(),
		"warnings":     fill(head+"<body><div>", `<p begin="x" a="b"><set/><q/>t</p>`, "</div></body></tt>"),
		"white space":  fill(head+"<body><div><p>", " \t\n<br/>", "a</p></div></body></tt>"),
		"attributes":   fill(head+`<body><div><p `, `x="y" `, "/></div></body></tt>"),
		"text":         fill(head+"<body><div><p>", "ab ", "</p></div></body></tt>"),
		"cues":         fill(head+"<body><div>", `<p begin="1s" end="2s">ab</p>`, "</div></body></tt>"),
		"display sets": fill(head+`<body><div><p begin="0s" end="99999s">`, `<set tts:display="none" begin="1s" end="2s"/>a<set tts:display="auto" begin="3s" end="4s"/>`, "</p></div></body></tt>"),
		"seq":          fill(head+`<body timeContainer="seq">`, `<div timeContainer="seq"><p timeContainer="seq" dur="1s">x<span dur="1ms">a</span></p></div>`, "</body></tt>"),
	}
	measure := func(name, in string) (doc *subtitle.Document, ws []subtitle.Warning, took time.Duration, alloc uint64, err error) {
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		start := time.Now()
		doc, ws, err = readTTML(name, in)
		took = time.Since(start)
		runtime.ReadMemStats(&m1)
		return doc, ws, took, m1.TotalAlloc - m0.TotalAlloc, err
	}
	_, _, base, _, _ := measure("cues", cases["cues"])
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			doc, ws, took, alloc, err := measure(name, in)
			cues := 0
			if doc != nil {
				cues = len(doc.Cues)
			}
			t.Logf("%d bytes: %v, %d cues, %d warnings, %v (plain cues: %v), %.1f MB allocated", len(in), err, cues, len(ws), took, base, float64(alloc)/1e6)
			if alloc > 128*uint64(size) {
				t.Errorf("allocated %.1f MB for %d bytes", float64(alloc)/1e6, len(in))
			}
		})
	}
}
