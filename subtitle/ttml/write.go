package ttml

import (
	"io"
	"strconv"
	"strings"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/textout"
)

// write is the registered writer.
func write(w io.Writer, d *subtitle.Document, o subtitle.EncodeOptions) error {
	e := textout.New(w, o)
	writeTTML(e, d)
	return e.Flush()
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// writeTTML writes TTML1 with one <p> a cue. Indentation is only between block
// elements; inside a <p> nothing but the text and <br/> is written, so a
// renderer adds no spaces to CJK text.
func writeTTML(e *textout.Encoder, d *subtitle.Document) {
	lang := d.Lang
	if lang == "" {
		lang = "und"
	}
	e.Line(`<?xml version="1.0" encoding="UTF-8"?>`)
	e.Line(`<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ` +
		`xmlns:tts="http://www.w3.org/ns/ttml#styling" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" ` +
		`ttp:timeBase="media" xml:lang="` + xmlEscaper.Replace(lang) + `">`)
	e.Line(`  <head>`)
	if d.Title != "" {
		e.Line(`    <metadata>`)
		e.Line(`      <ttm:title>` + xmlEscaper.Replace(d.Title) + `</ttm:title>`)
		e.Line(`    </metadata>`)
	}
	e.Line(`    <styling>`)
	e.Line(`      <style xml:id="s1" tts:textAlign="center" tts:color="white" tts:backgroundColor="transparent"/>`)
	e.Line(`    </styling>`)
	e.Line(`    <layout>`)
	e.Line(`      <region xml:id="bottom" tts:origin="10% 80%" tts:extent="80% 15%" tts:displayAlign="after" tts:textAlign="center"/>`)
	used := map[int]bool{}
	for _, c := range d.Cues {
		if a := textout.Placement(c); a > 0 && a <= 9 {
			used[(a-1)/3] = true
		}
	}
	if used[1] {
		e.Line(`      <region xml:id="middle" tts:origin="10% 42.5%" tts:extent="80% 15%" tts:displayAlign="center" tts:textAlign="center"/>`)
	}
	if used[2] {
		e.Line(`      <region xml:id="top" tts:origin="10% 5%" tts:extent="80% 15%" tts:displayAlign="before" tts:textAlign="center"/>`)
	}
	e.Line(`    </layout>`)
	e.Line(`  </head>`)
	// Each <p> names its region: a region on <body> would keep its
	// paragraphs out of every other region.
	e.Line(`  <body style="s1">`)
	e.Line(`    <div>`)
	for i, c := range d.Cues {
		b := append(e.Buf[:0], `      <p xml:id="c`...)
		b = strconv.AppendInt(b, int64(i+1), 10)
		b = append(b, `" begin="`...)
		b = textout.AppendTimestamp(b, c.Start, '.')
		b = append(b, `" end="`...)
		b = textout.AppendTimestamp(b, c.End, '.')
		b = append(b, '"')
		region := ` region="bottom"`
		a := textout.Placement(c)
		if a > 0 && a <= 9 {
			switch (a - 1) / 3 {
			case 1:
				region = ` region="middle"`
			case 2:
				region = ` region="top"`
			}
		}
		b = append(b, region...)
		if a > 0 && a <= 9 {
			switch (a - 1) % 3 {
			case 0:
				b = append(b, ` tts:textAlign="left"`...)
			case 2:
				b = append(b, ` tts:textAlign="right"`...)
			}
		}
		b = append(b, '>')
		for j, l := range textout.Lines(c.Lines) {
			if j > 0 {
				b = append(b, "<br/>"...)
			}
			b = ttmlLine(b, l)
		}
		b = append(b, "</p>"...)
		e.Buf = b
		e.W.Write(b)
		e.Raw(e.NL)
	}
	e.Line(`    </div>`)
	e.Line(`  </body>`)
	e.Line(`</tt>`)
}

// ttmlLine appends a line: plain spans as text, styled ones as <span>
// with tts: attributes.
func ttmlLine(b []byte, l subtitle.Line) []byte {
	for _, s := range l {
		text := xmlEscaper.Replace(stripInvalidXML(s.Text))
		if !s.Italic && !s.Bold && !s.Underline && s.Color == "" && s.Lang == "" {
			b = append(b, text...)
			continue
		}
		b = append(b, "<span"...)
		if s.Italic {
			b = append(b, ` tts:fontStyle="italic"`...)
		}
		if s.Bold {
			b = append(b, ` tts:fontWeight="bold"`...)
		}
		if s.Underline {
			b = append(b, ` tts:textDecoration="underline"`...)
		}
		if s.Color != "" {
			b = append(b, ` tts:color="`...)
			b = append(b, xmlEscaper.Replace(s.Color)...)
			b = append(b, '"')
		}
		if s.Lang != "" {
			b = append(b, ` xml:lang="`...)
			b = append(b, xmlEscaper.Replace(s.Lang)...)
			b = append(b, '"')
		}
		b = append(b, '>')
		b = append(b, text...)
		b = append(b, "</span>"...)
	}
	return b
}

// stripInvalidXML removes characters XML 1.0 cannot carry (C0 controls but
// tab, lone surrogates, U+FFFE/U+FFFF).
func stripInvalidXML(s string) string {
	ok := true
	for _, r := range s {
		if !xmlChar(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	return strings.Map(func(r rune) rune {
		if xmlChar(r) {
			return r
		}
		return -1
	}, s)
}

func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		(r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}
