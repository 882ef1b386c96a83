package subtitle

import (
	"bufio"

	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	astisub "github.com/asticode/go-astisub"
)

// EncodeOptions are the byte-level choices every writer honours.
type EncodeOptions struct {
	BOM  bool // start the file with a UTF-8 byte-order mark
	CRLF bool // end lines with CR LF instead of LF
}

// Encode writes d to w in format f.
//
// Cue times must be non-negative; a cue that breaks this is an error naming
// the cue. A cue that ends before it starts is written as it is: browsers
// keep such cues from WebVTT files, and subkit check reports them.
func Encode(w io.Writer, d *Document, f Format, o EncodeOptions) error {
	if err := validate(d); err != nil {
		return err
	}
	e := newEncoder(w, o)
	switch f {
	case SRT:
		e.srt(d)
	case WebVTT:
		e.webvtt(d)
	case TTML:
		e.ttml(d)
	case ASS, SSA, STL:
		if err := writeAstisub(e.w, d, f); err != nil {
			return err
		}
	default:
		return fmt.Errorf("cannot write format %v", f)
	}
	return e.w.Flush()
}

// Check reports what Encode would refuse in d (a negative time), so that a
// caller can check before it creates the file it encodes into.
func Check(d *Document) error { return validate(d) }

func validate(d *Document) error {
	for i, c := range d.Cues {
		switch {
		case c.Start < 0 || c.End < 0:
			return fmt.Errorf("cue %d: negative time %v --> %v", i+1, c.Start, c.End)
		}
	}
	return nil
}

// encoder writes through a bufio.Writer; bufio keeps the first error and
// Flush reports it, so the write methods need not return one.
type encoder struct {
	w    *bufio.Writer
	nl   string
	buf  []byte
	base int // cues written before this document's, when streaming
}

// newEncoder writes to w through a buffer, with the line ends and the
// byte-order mark o asks for (the mark written at once).
func newEncoder(w io.Writer, o EncodeOptions) *encoder {
	e := &encoder{w: bufio.NewWriterSize(w, 64<<10), nl: "\n"}
	if o.CRLF {
		e.nl = "\r\n"
	}
	if o.BOM {
		e.raw("\ufeff")
	}
	return e
}

func (e *encoder) raw(s string) { e.w.WriteString(s) }
func (e *encoder) line(s string) {
	e.w.WriteString(s)
	e.w.WriteString(e.nl)
}
func (e *encoder) lineBytes(b []byte) {
	e.w.Write(b)
	e.w.WriteString(e.nl)
}

// number writes n on a line of its own.
func (e *encoder) number(n int) {
	e.buf = strconv.AppendInt(e.buf[:0], int64(n), 10)
	e.lineBytes(e.buf)
}

// timestamp appends t as HH:MM:SS<sep>mmm; hours grow past two digits when needed.
func appendTimestamp(b []byte, t time.Duration, sep byte) []byte {
	ms := int64(t / time.Millisecond)
	h := ms / 3600000
	ms -= h * 3600000
	m := ms / 60000
	ms -= m * 60000
	s := ms / 1000
	ms -= s * 1000
	if h < 10 {
		b = append(b, '0')
	}
	b = strconv.AppendInt(b, h, 10)
	b = append(b, ':', byte('0'+m/10), byte('0'+m%10), ':', byte('0'+s/10), byte('0'+s%10), sep,
		byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
	return b
}

func (e *encoder) timing(c Cue, sep byte) {
	b := appendTimestamp(e.buf[:0], c.Start, sep)
	b = append(b, " --> "...)
	b = appendTimestamp(b, c.End, sep)
	e.buf = b
	e.w.Write(b)
}

func (e *encoder) srt(d *Document) {
	for i, c := range d.Cues {
		if i+e.base > 0 {
			e.raw(e.nl)
		}
		e.number(i + e.base + 1)
		e.timing(c, ',')
		e.raw(e.nl)
		for j, l := range textLines(c.Lines) {
			if a := placement(c); j == 0 && a > 0 && a != 2 && a <= 9 {
				e.raw(`{\an` + strconv.Itoa(a) + `}`)
			}
			e.buf = appendSRTLine(e.buf[:0], l)
			e.lineBytes(e.buf)
		}
	}
}

// srtLine is a line with the HTML-like tags SRT players know:
// <font color>, <b>, <i>, <u>.
func srtLine(l Line) string { return string(appendSRTLine(nil, l)) }

func appendSRTLine(b []byte, l Line) []byte {
	for _, s := range l {
		if s.Color != "" {
			b = append(append(append(b, `<font color="`...), s.Color...), `">`...)
		}
		b = tag(b, s.Bold, "<b>")
		b = tag(b, s.Italic, "<i>")
		b = tag(b, s.Underline, "<u>")
		b = append(b, s.Text...)
		b = tag(b, s.Underline, "</u>")
		b = tag(b, s.Italic, "</i>")
		b = tag(b, s.Bold, "</b>")
		if s.Color != "" {
			b = append(b, "</font>"...)
		}
	}
	return b
}

func tag(b []byte, on bool, t string) []byte {
	if on {
		return append(b, t...)
	}
	return b
}

// textLines returns a cue's lines with line breaks inside spans split
// out, each line trimmed at its edges, and blank lines dropped: a blank
// line ends a cue in SRT and WebVTT, and TTML collapses edge white space
// while WebVTT keeps it, so the formats must agree.
func textLines(lines []Line) []Line {
	simple := true
	for _, l := range lines {
		if !simpleLine(l) {
			simple = false
			break
		}
	}
	if simple {
		return lines
	}
	return splitTextLines(lines)
}

// splitTextLines is textLines the long way, for any lines.
func splitTextLines(lines []Line) []Line {
	var out []Line
	var cur Line
	flush := func() {
		// Trim the line's edges across its spans.
		for len(cur) > 0 && strings.TrimSpace(cur[0].Text) == "" {
			cur = cur[1:]
		}
		for len(cur) > 0 && strings.TrimSpace(cur[len(cur)-1].Text) == "" {
			cur = cur[:len(cur)-1]
		}
		if len(cur) > 0 {
			cur[0].Text = strings.TrimLeftFunc(cur[0].Text, unicode.IsSpace)
			cur[len(cur)-1].Text = strings.TrimRightFunc(cur[len(cur)-1].Text, unicode.IsSpace)
			out = append(out, cur)
		}
		cur = nil
	}
	for _, l := range lines {
		for _, sp := range l {
			parts := strings.Split(strings.ReplaceAll(strings.ReplaceAll(sp.Text, "\r\n", "\n"), "\r", "\n"), "\n")
			for k, part := range parts {
				if k > 0 {
					flush()
				}
				if part != "" {
					s := sp
					s.Text = strings.TrimRight(part, "\r")
					cur = append(cur, s)
				}
			}
		}
		flush()
	}
	return out
}

// simpleLine reports whether textLines leaves l as it is: no span empty
// or holding a line break, and no white space at the line's edges.
func simpleLine(l Line) bool {
	if len(l) == 0 {
		return false
	}
	for _, sp := range l {
		if sp.Text == "" || strings.IndexByte(sp.Text, '\n') >= 0 || strings.IndexByte(sp.Text, '\r') >= 0 {
			return false
		}
	}
	first, _ := utf8.DecodeRuneInString(l[0].Text)
	last, _ := utf8.DecodeLastRuneInString(l[len(l)-1].Text)
	return !unicode.IsSpace(first) && !unicode.IsSpace(last)
}

// vttSettings returns the cue settings to write: the cue's own valid ones
// when it came from WebVTT (a region: setting must name one of regions),
// else ones made from its Align.
func vttSettings(c Cue, regions map[string]bool) string {
	if c.Settings != "" {
		// Only settings a WebVTT parser takes: the rest (which the reader
		// warned about) would be ignored by every player anyway.
		var keep []string
		for _, f := range strings.Fields(c.Settings) {
			if strings.Contains(f, "-->") {
				continue
			}
			cand := append(keep[:len(keep):len(keep)], f)
			if _, bad, more := parseVTTSettings(strings.Join(cand, " "), regions); len(bad) == 0 && more == 0 {
				keep = cand
			}
		}
		return strings.Join(keep, " ")
	}
	if c.Align <= 0 || c.Align > 9 || c.Align == 2 {
		return ""
	}
	var set []string
	switch (c.Align - 1) / 3 {
	case 1:
		set = append(set, "line:50%")
	case 2:
		set = append(set, "line:0")
	}
	switch (c.Align - 1) % 3 {
	case 0:
		set = append(set, "align:left")
	case 2:
		set = append(set, "align:right")
	}
	return strings.Join(set, " ")
}

// placement is where a cue goes, keypad style (see Cue.Align): its Align,
// or, for a cue from WebVTT, what its line and align settings say, so
// that SRT, TTML and ASS keep top, middle and bottom, left and right.
func placement(c Cue) int {
	if c.Align != 0 || c.Settings == "" {
		return c.Align
	}
	v, _, _ := parseVTTSettings(c.Settings, nil)
	row := 0 // bottom
	switch {
	case v.lineAuto:
	case v.snapToLines && v.line >= 0:
		row = 2 // counted from the top
	case !v.snapToLines && v.line < 100.0/3:
		row = 2
	case !v.snapToLines && v.line < 200.0/3:
		row = 1
	}
	col := 1
	switch v.align {
	case "left", "start":
		col = 0
	case "right", "end":
		col = 2
	}
	if a := row*3 + col + 1; a != 2 {
		return a
	}
	return 0
}

// validVTTID reports whether id can stand as a cue identifier: not empty,
// one line, no "-->", and not read as a NOTE, STYLE or REGION block.
func validVTTID(id string) bool {
	if id == "" || strings.Contains(id, "-->") || strings.ContainsAny(id, "\r\n") {
		return false
	}
	for _, kw := range []string{"NOTE", "STYLE", "REGION"} {
		if rest, ok := strings.CutPrefix(id, kw); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
			return false
		}
	}
	return true
}

// vttEscaper escapes cue text; a NUL, which WebVTT readers turn into
// U+FFFD, is written as U+FFFD.
var vttEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\x00", "\uFFFD")

// vttColorClasses are the WebVTT default color classes: a span of one of
// these colors is written as <c.color>.
var vttColorClasses = map[string]bool{"white": true, "lime": true, "cyan": true, "red": true,
	"yellow": true, "magenta": true, "blue": true, "black": true}

// vttHexColors are the default color classes by their sRGB values.
var vttHexColors = map[string]string{"#ffffff": "white", "#00ff00": "lime", "#00ffff": "cyan", "#ff0000": "red",
	"#ffff00": "yellow", "#ff00ff": "magenta", "#0000ff": "blue", "#000000": "black"}

// vttColorClass is the default color class of a color given by name or as
// #rrggbb, or "" when it has none.
func vttColorClass(color string) string {
	c := strings.ToLower(color)
	if vttColorClasses[c] {
		return c
	}
	return vttHexColors[c]
}

// vttLine writes a line in WebVTT cue text syntax: escapes, <v>, <lang>,
// <c.classes>, <b>, <i>, <u>, <ruby> and inline timestamps. Tags that
// consecutive spans share stay open across them, so a voice with a
// karaoke timestamp inside is written as one <v>.
func vttLine(l Line) string { return string(appendVTTLine(nil, l)) }

// vttTag is a tag vttLine opens and the one that closes it.
type vttTag struct{ open, close string }

func appendVTTLine(b []byte, l Line) []byte {
	if len(l) == 1 && l[0].Plain() {
		return appendVTTEscaped(b, l[0].Text)
	}
	var openBuf, wantBuf [6]vttTag
	open := openBuf[:0]
	for _, s := range l {
		want := wantBuf[:0]
		if s.Voice != "" {
			want = append(want, vttTag{"<v " + vttEscaper.Replace(s.Voice) + ">", "</v>"})
		}
		if s.Lang != "" {
			want = append(want, vttTag{"<lang " + vttEscaper.Replace(s.Lang) + ">", "</lang>"})
		}
		classes := s.Classes
		if c := vttColorClass(s.Color); c != "" {
			classes = append(classes[:len(classes):len(classes)], c)
		}
		if len(classes) > 0 {
			want = append(want, vttTag{"<c." + strings.Join(classes, ".") + ">", "</c>"})
		}
		if s.Bold {
			want = append(want, vttTag{"<b>", "</b>"})
		}
		if s.Italic {
			want = append(want, vttTag{"<i>", "</i>"})
		}
		if s.Underline {
			want = append(want, vttTag{"<u>", "</u>"})
		}
		keep := 0
		for keep < len(open) && keep < len(want) && open[keep] == want[keep] {
			keep++
		}
		for i := len(open) - 1; i >= keep; i-- {
			b = append(b, open[i].close...)
		}
		open = open[:keep]
		if s.Timed {
			b = append(b, '<')
			b = appendTimestamp(b, s.At, '.')
			b = append(b, '>')
		}
		for _, t := range want[keep:] {
			b = append(b, t.open...)
			open = append(open, t)
		}
		if s.Ruby != "" {
			b = append(b, "<ruby>"...)
			b = appendVTTEscaped(b, s.Text)
			b = append(b, "<rt>"...)
			b = appendVTTEscaped(b, s.Ruby)
			b = append(b, "</rt></ruby>"...)
		} else {
			b = appendVTTEscaped(b, s.Text)
		}
	}
	for i := len(open) - 1; i >= 0; i-- {
		b = append(b, open[i].close...)
	}
	return b
}

// vttSpecial marks the bytes vttEscaper replaces.
var vttSpecial = [256]bool{'&': true, '<': true, '>': true, 0: true}

// appendVTTEscaped appends s escaped as vttEscaper escapes it.
func appendVTTEscaped(b []byte, s string) []byte {
	for {
		i := 0
		for i < len(s) && !vttSpecial[s[i]] {
			i++
		}
		if i == len(s) {
			return append(b, s...)
		}
		b = append(b, s[:i]...)
		switch s[i] {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		default:
			b = append(b, "\uFFFD"...)
		}
		s = s[i+1:]
	}
}

func (e *encoder) webvtt(d *Document) {
	// The signature line and header lines, as read from a WebVTT file.
	head, rest, _ := strings.Cut(d.Header, "\n")
	if head = vttSafeLine(head); head != "" {
		e.line("WEBVTT " + head)
	} else {
		e.line("WEBVTT")
	}
	for _, l := range strings.Split(rest, "\n") {
		if l = vttSafeLine(l); l != "" {
			e.line(l)
		}
	}
	// WebVTT has no header fields (the W3C parser rejects "Language: ..."
	// after the signature), so the language goes in a comment block.
	// A header line read from a file may say it already.
	if d.Lang != "" && !strings.Contains(d.Lang, "-->") && !strings.ContainsAny(d.Lang, "\r\n") && !headerSaysLang(rest, d.Lang) {
		e.raw(e.nl)
		e.line("NOTE Language: " + d.Lang)
	}
	// STYLE and REGION blocks must come before the first cue.
	regions := map[string]bool{}
	for _, kind := range []string{"STYLE", "REGION"} {
		var texts []string
		if kind == "STYLE" {
			for _, st := range d.Styles {
				if st.Format == WebVTT {
					texts = append(texts, st.Text)
				}
			}
		} else {
			for _, rg := range d.Regions {
				if rg.Format == WebVTT {
					texts = append(texts, rg.Text)
					regions[rg.ID] = true
				}
			}
		}
		for _, t := range texts {
			e.raw(e.nl)
			e.line(kind)
			e.blockLines(t)
		}
	}
	e.vttCues(d, regions)
}

// vttCues writes d's cues and notes, numbering cues without an id from
// e.base+1.
func (e *encoder) vttCues(d *Document, regions map[string]bool) {
	note := 0
	notesBefore := func(i int) {
		for ; note < len(d.Notes) && d.Notes[note].Before <= i; note++ {
			e.raw(e.nl)
			text := d.Notes[note].Text
			first, more, _ := strings.Cut(text, "\n")
			if first = vttSafeLine(first); first != "" {
				e.line("NOTE " + first)
			} else {
				e.line("NOTE")
			}
			e.blockLines(more)
		}
	}
	for i, c := range d.Cues {
		notesBefore(i)
		e.raw(e.nl)
		if validVTTID(c.ID) {
			e.line(c.ID)
		} else {
			e.number(i + e.base + 1)
		}
		e.timing(c, '.')
		if set := vttSettings(c, regions); set != "" {
			e.raw(" " + set)
		}
		e.raw(e.nl)
		for _, l := range textLines(c.Lines) {
			e.buf = appendVTTLine(e.buf[:0], l)
			e.lineBytes(e.buf)
		}
	}
	notesBefore(len(d.Cues))
}

// headerSaysLang reports whether WebVTT header lines hold "Language: lang".
func headerSaysLang(header, lang string) bool {
	for _, l := range strings.Split(header, "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.EqualFold(strings.TrimSpace(k), "language") && strings.TrimSpace(v) == lang {
			return true
		}
	}
	return false
}

// blockLines writes the lines of a NOTE, STYLE or REGION block, leaving
// out blank lines (they would end the block) and "-->" (it would make a
// cue).
func (e *encoder) blockLines(text string) {
	for _, l := range strings.Split(text, "\n") {
		if l = vttSafeLine(l); l != "" {
			e.line(l)
		}
	}
}

// vttSafeLine is l without a CR and without "-->", or "" when nothing but
// white space is left.
func vttSafeLine(l string) string {
	l = strings.TrimRight(l, "\r")
	l = strings.ReplaceAll(l, "-->", "- ->")
	if strings.TrimSpace(l) == "" {
		return ""
	}
	return l
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// ttml writes TTML1 with one <p> a cue. Indentation is only between block
// elements; inside a <p> nothing but the text and <br/> is written, so a
// renderer adds no spaces to CJK text.
func (e *encoder) ttml(d *Document) {
	lang := d.Lang
	if lang == "" {
		lang = "und"
	}
	e.line(`<?xml version="1.0" encoding="UTF-8"?>`)
	e.line(`<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ` +
		`xmlns:tts="http://www.w3.org/ns/ttml#styling" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" ` +
		`ttp:timeBase="media" xml:lang="` + xmlEscaper.Replace(lang) + `">`)
	e.line(`  <head>`)
	if d.Title != "" {
		e.line(`    <metadata>`)
		e.line(`      <ttm:title>` + xmlEscaper.Replace(d.Title) + `</ttm:title>`)
		e.line(`    </metadata>`)
	}
	e.line(`    <styling>`)
	e.line(`      <style xml:id="s1" tts:textAlign="center" tts:color="white" tts:backgroundColor="transparent"/>`)
	e.line(`    </styling>`)
	e.line(`    <layout>`)
	e.line(`      <region xml:id="bottom" tts:origin="10% 80%" tts:extent="80% 15%" tts:displayAlign="after" tts:textAlign="center"/>`)
	used := map[int]bool{}
	for _, c := range d.Cues {
		if a := placement(c); a > 0 && a <= 9 {
			used[(a-1)/3] = true
		}
	}
	if used[1] {
		e.line(`      <region xml:id="middle" tts:origin="10% 42.5%" tts:extent="80% 15%" tts:displayAlign="center" tts:textAlign="center"/>`)
	}
	if used[2] {
		e.line(`      <region xml:id="top" tts:origin="10% 5%" tts:extent="80% 15%" tts:displayAlign="before" tts:textAlign="center"/>`)
	}
	e.line(`    </layout>`)
	e.line(`  </head>`)
	// Each <p> names its region: a region on <body> would keep its
	// paragraphs out of every other region.
	e.line(`  <body style="s1">`)
	e.line(`    <div>`)
	for i, c := range d.Cues {
		b := append(e.buf[:0], `      <p xml:id="c`...)
		b = strconv.AppendInt(b, int64(i+1), 10)
		b = append(b, `" begin="`...)
		b = appendTimestamp(b, c.Start, '.')
		b = append(b, `" end="`...)
		b = appendTimestamp(b, c.End, '.')
		b = append(b, '"')
		region := ` region="bottom"`
		a := placement(c)
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
		for j, l := range textLines(c.Lines) {
			if j > 0 {
				b = append(b, "<br/>"...)
			}
			b = ttmlLine(b, l)
		}
		b = append(b, "</p>"...)
		e.buf = b
		e.w.Write(b)
		e.raw(e.nl)
	}
	e.line(`    </div>`)
	e.line(`  </body>`)
	e.line(`</tt>`)
}

// ttmlLine appends a line: plain spans as text, styled ones as <span>
// with tts: attributes.
func ttmlLine(b []byte, l Line) []byte {
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

// writeAstisub writes the formats subkit has no writer of its own for
// through go-astisub: ASS and SSA (both as go-astisub's v4.00+ script, with
// italic, bold and underline as override tags) and EBU STL. A panic in it
// becomes an error.
func writeAstisub(w io.Writer, d *Document, f Format) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("writing %v: %v", f, r)
		}
	}()
	subs := astisub.NewSubtitles()
	if d.Title != "" || d.Lang != "" {
		subs.Metadata = &astisub.Metadata{Title: d.Title}
	}
	for i, c := range d.Cues {
		it := &astisub.Item{Index: i + 1, StartAt: c.Start, EndAt: c.End}
		for _, l := range textLines(c.Lines) {
			// One item a line: go-astisub writes a space between items.
			var b strings.Builder
			if a := placement(c); f != STL && len(it.Lines) == 0 && a > 0 && a <= 9 && a != 2 {
				b.WriteString(`{\an` + strconv.Itoa(a) + `}`)
			}
			for _, sp := range l {
				if f == STL {
					b.WriteString(sp.Text)
				} else {
					b.WriteString(ssaTags(sp))
				}
			}
			it.Lines = append(it.Lines, astisub.Line{Items: []astisub.LineItem{{Text: b.String()}}})
		}
		subs.Items = append(subs.Items, it)
	}
	if len(subs.Items) == 0 {
		return fmt.Errorf("cannot write an empty %v file", f)
	}
	if f == STL {
		return subs.WriteToSTL(w)
	}
	return subs.WriteToSSA(w)
}

// ssaTags writes a span with SSA override tags for its style.
func ssaTags(s Span) string {
	if !s.Italic && !s.Bold && !s.Underline {
		return s.Text
	}
	var b []byte
	b = tag(b, s.Italic, `{\i1}`)
	b = tag(b, s.Bold, `{\b1}`)
	b = tag(b, s.Underline, `{\u1}`)
	b = append(b, s.Text...)
	b = tag(b, s.Underline, `{\u0}`)
	b = tag(b, s.Bold, `{\b0}`)
	b = tag(b, s.Italic, `{\i0}`)
	return string(b)
}
