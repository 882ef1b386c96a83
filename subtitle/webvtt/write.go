package webvtt

import (
	"io"
	"slices"
	"strings"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/csscolor"
	"github.com/subkit-dev/subkit/subtitle/internal/cuesettings"
	"github.com/subkit-dev/subkit/subtitle/internal/textout"
)

// write is the registered writer.
func write(w io.Writer, d *subtitle.Document, o subtitle.EncodeOptions) error {
	e := encoder{textout.New(w, o)}
	e.webvtt(d)
	return e.Flush()
}

// Encoder writes a WebVTT file a piece of a document at a time, cues
// numbered on across the pieces; subtitle.StreamSRT writes through it.
// What it writes for pieces is what Encode writes for the whole.
type Encoder struct {
	e       encoder
	started bool
}

// NewEncoder returns an Encoder writing to w.
func NewEncoder(w io.Writer, o subtitle.EncodeOptions) *Encoder {
	return &Encoder{e: encoder{textout.New(w, o)}}
}

// Encode writes d: for the first piece the file's signature, header,
// styles and regions and then its cues and notes, for later ones only
// their cues and notes.
func (x *Encoder) Encode(d *subtitle.Document) {
	if !x.started {
		x.started = true
		x.e.webvtt(d)
	} else {
		x.e.vttCues(d, nil, 0)
	}
	x.e.Base += len(d.Cues)
}

// Flush writes what is buffered and returns the first error of any write.
func (x *Encoder) Flush() error { return x.e.Flush() }

// encoder has the WebVTT writer's methods.
type encoder struct{ *textout.Encoder }

// vttSettings returns the cue settings to write: the cue's own valid ones
// when it came from WebVTT (a region: setting must name one of regions),
// else ones made from its Align.
func vttSettings(c subtitle.Cue, regions map[string]bool) string {
	if c.Settings != "" {
		// Only settings a WebVTT parser takes: the rest (which the reader
		// warned about) would be ignored by every player anyway.
		var keep []string
		for _, f := range strings.Fields(c.Settings) {
			if strings.Contains(f, "-->") {
				continue
			}
			cand := append(keep[:len(keep):len(keep)], f)
			if _, bad, more := cuesettings.Parse(strings.Join(cand, " "), regions); len(bad) == 0 && more == 0 {
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

// vttPalette is WebVTT's default color classes, in the spec's order: a
// span of one of these colors is written as <c.color>, and a class of
// one of these names is read as the color.
var vttPalette = csscolor.MustPalette("white", "lime", "cyan", "red", "yellow", "magenta", "blue", "black")

// vttColorClasses are the default color classes by name.
var vttColorClasses = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range vttPalette {
		m[c.Name] = true
	}
	return m
}()

// vttColorClass is the default color class of a CSS color in any form
// ("red", "#F00", "rgb(255,0,0)"), or "" when it has none. Other colors
// are not written as the nearest class: WebVTT can show any color (a
// STYLE block), so a class would say a color the source did not.
func vttColorClass(color string) string {
	if i, ok := vttPalette.Exact(color); ok {
		return vttPalette[i].Name
	}
	return ""
}

// vttLine writes a line in WebVTT cue text syntax: escapes, <v>, <lang>,
// <c.classes>, <b>, <i>, <u>, <ruby> and inline timestamps. Tags that
// consecutive spans share stay open across them, so a voice with a
// karaoke timestamp inside is written as one <v>.
func vttLine(l subtitle.Line) string { return string(appendVTTLine(nil, l)) }

// vttTag is a tag vttLine opens and the one that closes it.
type vttTag struct{ open, close string }

func appendVTTLine(b []byte, l subtitle.Line) []byte {
	if len(l) == 1 && l[0].Plain() {
		return appendVTTEscaped(b, l[0].Text)
	}
	var openBuf, wantBuf [6]vttTag
	open := openBuf[:0]
	for i, s := range l {
		want := wantBuf[:0]
		classes := s.Classes
		if s.Voice != "" {
			v := "<v"
			// Classes that every span of this voice's run has go on the
			// <v> tag itself, as <v.loud Tom> wrote them.
			if len(classes) > 0 && voiceRunShares(l, i) {
				v += "." + strings.Join(classes, ".")
				classes = nil
			}
			want = append(want, vttTag{v + " " + vttEscaper.Replace(s.Voice) + ">", "</v>"})
		}
		if s.Lang != "" {
			want = append(want, vttTag{"<lang " + vttEscaper.Replace(s.Lang) + ">", "</lang>"})
		}
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
			b = textout.AppendTimestamp(b, s.At, '.')
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

// voiceRunShares reports whether all the spans around l[i] with its voice
// (the run <v> stays open over) have l[i]'s classes.
func voiceRunShares(l subtitle.Line, i int) bool {
	same := func(s subtitle.Span) bool {
		return s.Voice == l[i].Voice && slices.Equal(s.Classes, l[i].Classes)
	}
	for j := i - 1; j >= 0 && l[j].Voice == l[i].Voice; j-- {
		if !same(l[j]) {
			return false
		}
	}
	for j := i + 1; j < len(l) && l[j].Voice == l[i].Voice; j++ {
		if !same(l[j]) {
			return false
		}
	}
	return true
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

func (e *encoder) webvtt(d *subtitle.Document) {
	// The signature line and header lines, as read from a WebVTT file.
	head, rest, _ := strings.Cut(d.Header, "\n")
	if head = vttSafeLine(head); head != "" {
		e.Line("WEBVTT " + head)
	} else {
		e.Line("WEBVTT")
	}
	for _, l := range strings.Split(rest, "\n") {
		if l = vttSafeLine(l); l != "" {
			e.Line(l)
		}
	}
	// WebVTT has no header fields (the W3C parser rejects "Language: ..."
	// after the signature), so the language goes in a comment block.
	// A header line read from a file may say it already.
	if d.Lang != "" && !strings.Contains(d.Lang, "-->") && !strings.ContainsAny(d.Lang, "\r\n") && !headerSaysLang(rest, d.Lang) {
		e.Raw(e.NL)
		e.Line("NOTE Language: " + d.Lang)
	}
	// Notes that came before the STYLE and REGION blocks go back there.
	note := 0
	for ; note < len(d.Notes) && d.Notes[note].Head && d.Notes[note].Before == 0; note++ {
		e.note(d.Notes[note].Text)
	}
	// STYLE and REGION blocks must come before the first cue.
	regions := map[string]bool{}
	for _, kind := range []string{"STYLE", "REGION"} {
		var texts []string
		if kind == "STYLE" {
			for _, st := range d.Styles {
				if st.Format == subtitle.WebVTT {
					texts = append(texts, st.Text)
				}
			}
		} else {
			for _, rg := range d.Regions {
				if rg.Format != subtitle.WebVTT {
					continue
				}
				// Only the settings a reader keeps: a region without an
				// id is none.
				if text, id := validRegion(rg.Text); id != "" {
					texts = append(texts, text)
					regions[rg.ID] = true
				}
			}
		}
		for _, t := range texts {
			e.Raw(e.NL)
			e.Line(kind)
			e.blockLines(t)
		}
	}
	e.vttCues(d, regions, note)
}

// note writes a NOTE block.
func (e *encoder) note(text string) {
	e.Raw(e.NL)
	first, more, _ := strings.Cut(text, "\n")
	if first = vttSafeLine(first); first != "" {
		e.Line("NOTE " + first)
	} else {
		e.Line("NOTE")
	}
	e.blockLines(more)
}

// vttCues writes d's cues and notes, from d.Notes[note] on, numbering cues without an id from
// e.Base+1 unless d.IDsAsRead.
func (e *encoder) vttCues(d *subtitle.Document, regions map[string]bool, note int) {
	notesBefore := func(i int) {
		for ; note < len(d.Notes) && d.Notes[note].Before <= i; note++ {
			e.note(d.Notes[note].Text)
		}
	}
	for i, c := range d.Cues {
		notesBefore(i)
		e.Raw(e.NL)
		if validVTTID(c.ID) {
			e.Line(c.ID)
		} else if !d.IDsAsRead {
			e.Number(i + e.Base + 1)
		}
		e.Timing(c, '.')
		if set := vttSettings(c, regions); set != "" {
			e.Raw(" " + set)
		}
		e.Raw(e.NL)
		for _, l := range textout.Lines(c.Lines) {
			e.Buf = appendVTTLine(e.Buf[:0], l)
			e.LineBytes(e.Buf)
		}
	}
	notesBefore(len(d.Cues))
}

// validRegion returns a REGION block's settings without those WebVTT
// readers ignore, on their lines as they were, and the region's id.
func validRegion(text string) (string, string) {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		var keep []string
		for _, tok := range strings.Fields(vttSafeLine(l)) {
			if _, bad, more := cuesettings.ParseRegion(tok); len(bad) == 0 && more == 0 {
				keep = append(keep, tok)
			}
		}
		if len(keep) > 0 {
			lines = append(lines, strings.Join(keep, " "))
		}
	}
	var b strings.Builder
	b.WriteString(strings.Join(lines, "\n"))
	v, _, _ := cuesettings.ParseRegion(b.String())
	return b.String(), v.ID
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
			e.Line(l)
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
