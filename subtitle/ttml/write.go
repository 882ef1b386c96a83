package ttml

import (
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/csscolor"
	"github.com/subkit-dev/subkit/subtitle/internal/textout"
)

// Profile is the flavour of TTML the writer writes.
type Profile int

const (
	// TTML1 is plain TTML1, as the "ttml" format writes it.
	TTML1 Profile = iota
	// IMSC11Text is the TTML1 subkit writes declared as IMSC 1.1 Text
	// Profile content (ttp:contentProfiles on <tt>): everything the plain
	// writer writes is within that profile.
	IMSC11Text
	// EBUTTD is EBU-TT-D (EBU Tech 3380): the profile declared in
	// ebuttm:documentMetadata, styles only by reference (a <style> for
	// italic, bold, underline, each color and each alignment), colors as
	// #rrggbb, regions placed by tts:origin and tts:extent in percent,
	// media times as clock times with fractions.
	EBUTTD
)

// Profile designators, as each profile declares itself.
const (
	IMSC11TextProfile = "http://www.w3.org/ns/ttml/profile/imsc1.1/text"
	EBUTTDStandard    = "urn:ebu:tt:distribution:2014-01"
)

// The style and regions every file subkit writes carries. The reader keeps
// them out of Document.Styles and Regions: what they say (centred, bottom,
// middle or top) is in each cue's placement, so dropping them loses nothing.
const (
	ownStyle  = `<style xml:id="s1" tts:textAlign="center" tts:color="white" tts:backgroundColor="transparent"/>`
	ownBottom = `<region xml:id="bottom" tts:origin="10% 80%" tts:extent="80% 15%" tts:displayAlign="after" tts:textAlign="center"/>`
	ownMiddle = `<region xml:id="middle" tts:origin="10% 42.5%" tts:extent="80% 15%" tts:displayAlign="center" tts:textAlign="center"/>`
	ownTop    = `<region xml:id="top" tts:origin="10% 5%" tts:extent="80% 15%" tts:displayAlign="before" tts:textAlign="center"/>`
)

// The same in EBU-TT-D, where colors are written in hex, regions carry
// no text styles and spans and paragraphs are styled by reference.
const (
	ebuStyle     = `<style xml:id="s1" tts:textAlign="center" tts:color="#ffffff" tts:backgroundColor="#00000000"/>`
	ebuItalic    = `<style xml:id="italic" tts:fontStyle="italic"/>`
	ebuBold      = `<style xml:id="bold" tts:fontWeight="bold"/>`
	ebuUnderline = `<style xml:id="underline" tts:textDecoration="underline"/>`
	ebuLeft      = `<style xml:id="left" tts:textAlign="left"/>`
	ebuRight     = `<style xml:id="right" tts:textAlign="right"/>`
	ebuBottom    = `<region xml:id="bottom" tts:origin="10% 80%" tts:extent="80% 15%" tts:displayAlign="after"/>`
	ebuMiddle    = `<region xml:id="middle" tts:origin="10% 42.5%" tts:extent="80% 15%" tts:displayAlign="center"/>`
	ebuTop       = `<region xml:id="top" tts:origin="10% 5%" tts:extent="80% 15%" tts:displayAlign="before"/>`
)

var ownBlocks = map[string]bool{ownStyle: true, ownBottom: true, ownMiddle: true, ownTop: true,
	ebuStyle: true, ebuItalic: true, ebuBold: true, ebuUnderline: true, ebuLeft: true, ebuRight: true,
	ebuBottom: true, ebuMiddle: true, ebuTop: true}

// ebuColorStyle is a color style the EBU-TT-D writer writes, named after
// its color.
var ebuColorStyle = regexp.MustCompile(`^<style xml:id="c([0-9a-f]{6}|[0-9a-f]{8})" tts:color="#([0-9a-f]{6}|[0-9a-f]{8})"/>$`)

// ownBlock reports whether a style or region element is one the writer
// writes for every file (or, for colors, one it names after its value).
func ownBlock(raw string) bool {
	if ownBlocks[raw] {
		return true
	}
	m := ebuColorStyle.FindStringSubmatch(raw)
	return m != nil && m[1] == m[2]
}

// WriteProfile writes d as TTML of profile p.
func WriteProfile(w io.Writer, d *subtitle.Document, o subtitle.EncodeOptions, p Profile) error {
	e := textout.New(w, o)
	writeTTML(e, d, p)
	return e.Flush()
}

// Read reads TTML, IMSC and EBU-TT-D alike (see the package comment): the
// reader of the "ttml" format, for the formats that write a profile of it.
func Read(name, text string) (*subtitle.Document, []subtitle.Warning, error) {
	return readTTML(name, text)
}

// write is the registered writer.
func write(w io.Writer, d *subtitle.Document, o subtitle.EncodeOptions) error {
	return WriteProfile(w, d, o, TTML1)
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// writeTTML writes TTML1 with one <p> a cue, in profile p. Indentation is
// only between block elements; inside a <p> nothing but the text and
// <br/> is written, so a renderer adds no spaces to CJK text.
func writeTTML(e *textout.Encoder, d *subtitle.Document, p Profile) {
	lang := d.Lang
	if lang == "" {
		lang = "und"
	}
	ebu := p == EBUTTD
	e.Line(`<?xml version="1.0" encoding="UTF-8"?>`)
	root := `<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ` +
		`xmlns:tts="http://www.w3.org/ns/ttml#styling" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" `
	switch p {
	case IMSC11Text:
		root += `ttp:contentProfiles="` + IMSC11TextProfile + `" `
	case EBUTTD:
		root += `xmlns:ebuttm="urn:ebu:tt:metadata" `
	}
	e.Line(root + `ttp:timeBase="media" xml:lang="` + xmlEscaper.Replace(lang) + `">`)
	e.Line(`  <head>`)
	if d.Title != "" || ebu {
		e.Line(`    <metadata>`)
		if ebu {
			e.Line(`      <ebuttm:documentMetadata>`)
			e.Line(`        <ebuttm:conformsToStandard>` + EBUTTDStandard + `</ebuttm:conformsToStandard>`)
			e.Line(`      </ebuttm:documentMetadata>`)
		}
		if d.Title != "" {
			e.Line(`      <ttm:title>` + xmlEscaper.Replace(d.Title) + `</ttm:title>`)
		}
		e.Line(`    </metadata>`)
	}
	used := map[int]bool{}
	for _, c := range d.Cues {
		if a := textout.Placement(c); a > 0 && a <= 9 {
			used[(a-1)/3] = true
		}
	}
	e.Line(`    <styling>`)
	if ebu {
		e.Line(`      ` + ebuStyle)
		for _, s := range ebuStyles(d) {
			e.Line(`      ` + s)
		}
	} else {
		e.Line(`      ` + ownStyle)
	}
	e.Line(`    </styling>`)
	e.Line(`    <layout>`)
	bottom, middle, top := ownBottom, ownMiddle, ownTop
	if ebu {
		bottom, middle, top = ebuBottom, ebuMiddle, ebuTop
	}
	e.Line(`      ` + bottom)
	if used[1] {
		e.Line(`      ` + middle)
	}
	if used[2] {
		e.Line(`      ` + top)
	}
	e.Line(`    </layout>`)
	e.Line(`  </head>`)
	if ebu && len(d.Cues) == 0 {
		// EBU-TT-D has no empty <div>: a document without captions has
		// no <body>.
		e.Line(`</tt>`)
		return
	}
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
				b = append(b, map[bool]string{false: ` tts:textAlign="left"`, true: ` style="left"`}[ebu]...)
			case 2:
				b = append(b, map[bool]string{false: ` tts:textAlign="right"`, true: ` style="right"`}[ebu]...)
			}
		}
		b = append(b, '>')
		for j, l := range textout.Lines(c.Lines) {
			if j > 0 {
				b = append(b, "<br/>"...)
			}
			if ebu {
				b = ebuLine(b, l)
			} else {
				b = ttmlLine(b, l)
			}
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

// ebuStyles are the styles d's spans refer to in EBU-TT-D, beyond s1:
// italic, bold, underline, left and right when used, and one for each
// color, in a fixed order.
func ebuStyles(d *subtitle.Document) []string {
	var italic, bold, underline, left, right bool
	var colors []string
	seen := map[string]bool{}
	for _, c := range d.Cues {
		switch a := textout.Placement(c); a {
		case 1, 4, 7:
			left = true
		case 3, 6, 9:
			right = true
		}
		for _, l := range c.Lines {
			for _, s := range l {
				italic = italic || s.Italic
				bold = bold || s.Bold
				underline = underline || s.Underline
				if h, ok := HexColor(s.Color); ok && !seen[h] {
					seen[h] = true
					colors = append(colors, h)
				}
			}
		}
	}
	var out []string
	for _, s := range []struct {
		on    bool
		style string
	}{{italic, ebuItalic}, {bold, ebuBold}, {underline, ebuUnderline}, {left, ebuLeft}, {right, ebuRight}} {
		if s.on {
			out = append(out, s.style)
		}
	}
	for _, h := range colors {
		out = append(out, `<style xml:id="c`+h+`" tts:color="#`+h+`"/>`)
	}
	return out
}

// ebuLine appends a line for EBU-TT-D: plain spans as text, styled ones
// as <span> referring to the styles ebuStyles writes.
func ebuLine(b []byte, l subtitle.Line) []byte {
	for _, s := range l {
		text := xmlEscaper.Replace(stripInvalidXML(s.Text))
		var refs []string
		if s.Italic {
			refs = append(refs, "italic")
		}
		if s.Bold {
			refs = append(refs, "bold")
		}
		if s.Underline {
			refs = append(refs, "underline")
		}
		if h, ok := HexColor(s.Color); ok {
			refs = append(refs, "c"+h)
		}
		if len(refs) == 0 && s.Lang == "" {
			b = append(b, text...)
			continue
		}
		b = append(b, "<span"...)
		if len(refs) > 0 {
			b = appendAttr(b, "style", strings.Join(refs, " "))
		}
		if s.Lang != "" {
			b = appendAttr(b, "xml:lang", s.Lang)
		}
		b = append(b, '>')
		b = append(b, text...)
		b = append(b, "</span>"...)
	}
	return b
}

// ttmlNames are TTML's named colors (TTML 1's <namedColor>).
var ttmlNames = map[string]bool{
	"transparent": true, "black": true, "silver": true, "gray": true, "white": true, "maroon": true,
	"red": true, "purple": true, "fuchsia": true, "magenta": true, "green": true, "lime": true,
	"olive": true, "yellow": true, "navy": true, "blue": true, "teal": true, "aqua": true, "cyan": true,
}

// HexColor writes a color as EBU-TT-D takes it, rrggbb or rrggbbaa (when
// not opaque) in lower case, from a CSS or TTML color as csscolor reads
// it. ok is false for "" and colors it cannot read.
func HexColor(c string) (string, bool) {
	v, err := csscolor.Parse(c)
	if err != nil {
		return "", false
	}
	return csscolor.Hex(v), true
}

// ttmlColor writes a color as TTML takes it: a color already in TTML's
// syntax (one of its names, #rrggbb, #rrggbbaa, rgb() or rgba() of whole
// numbers to 255) as it is, any other as #rrggbb or #rrggbbaa (CSS names
// beyond TTML's, #rgb and percentages are not TTML). ok is false for ""
// and colors csscolor cannot read.
func ttmlColor(c string) (string, bool) {
	h, ok := HexColor(c)
	if !ok {
		return "", false
	}
	if ttmlSyntax(c) {
		return c, true
	}
	return "#" + h, true
}

var ttmlColorRE = regexp.MustCompile(`^(#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?|rgb\(\s*\d{1,3}\s*(,\s*\d{1,3}\s*){2}\)|rgba\(\s*\d{1,3}\s*(,\s*\d{1,3}\s*){3}\))$`)

var wholeRE = regexp.MustCompile(`\d+`)

// ttmlSyntax reports whether c, a color csscolor reads, is in TTML's
// syntax.
func ttmlSyntax(c string) bool {
	if ttmlNames[c] {
		return true
	}
	if !ttmlColorRE.MatchString(c) {
		return false
	}
	if c[0] == '#' {
		return true
	}
	for _, n := range wholeRE.FindAllString(c, -1) {
		if len(n) == 3 && n > "255" {
			return false
		}
	}
	return true
}

// WritesColor says which colors the TTML, IMSC and EBU-TT-D writers keep:
// those HexColor reads. Their Carries.SomeColors.
func WritesColor(c string) bool { _, ok := HexColor(c); return ok }

// ttmlLine appends a line: plain spans as text, styled ones as <span>
// with tts: attributes.
func ttmlLine(b []byte, l subtitle.Line) []byte {
	for _, s := range l {
		text := xmlEscaper.Replace(stripInvalidXML(s.Text))
		color, colored := ttmlColor(s.Color)
		if !s.Italic && !s.Bold && !s.Underline && !colored && s.Lang == "" {
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
		if colored {
			b = appendAttr(b, "tts:color", color)
		}
		if s.Lang != "" {
			b = appendAttr(b, "xml:lang", s.Lang)
		}
		b = append(b, '>')
		b = append(b, text...)
		b = append(b, "</span>"...)
	}
	return b
}

// appendAttr appends ` name="value"`, the value escaped for XML.
func appendAttr(b []byte, name, value string) []byte {
	b = append(b, ' ')
	b = append(b, name...)
	b = append(b, `="`...)
	b = append(b, xmlEscaper.Replace(value)...)
	return append(b, '"')
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
