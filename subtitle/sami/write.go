package sami

import (
	"html"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/textout"
)

// write writes one language: a head declaring its class, then a SYNC a
// caption and a blank SYNC at its end unless the next starts there.
func write(w io.Writer, d *subtitle.Document, o subtitle.EncodeOptions) error {
	e := textout.New(w, o)
	cls, lang := className(d.Lang)
	e.Line("<SAMI>")
	e.Line("<HEAD>")
	if d.Title != "" {
		e.Line("<TITLE>" + html.EscapeString(strings.Join(strings.Fields(d.Title), " ")) + "</TITLE>")
	}
	e.Line(`<STYLE TYPE="text/css">`)
	e.Line("<!--")
	e.Line("P { margin-left: 8pt; margin-right: 8pt; margin-bottom: 2pt; margin-top: 2pt; text-align: center; font-size: 20pt; font-family: Arial, sans-serif; color: white; }")
	e.Line("." + cls + " { Name: " + lang + "; lang: " + lang + "; SAMIType: CC; }")
	e.Line("-->")
	e.Line("</STYLE>")
	e.Line("</HEAD>")
	e.Line("<BODY>")
	for i, c := range d.Cues {
		b := appendSync(e.Buf[:0], c.Start, cls)
		lines := textout.Lines(c.Lines)
		for j, l := range lines {
			if j > 0 {
				b = append(b, "<br>"...)
			}
			b = appendLine(b, l)
		}
		if len(lines) == 0 {
			b = append(b, "&nbsp;"...)
		}
		e.Buf = b
		e.LineBytes(b)
		// Overlaps cannot be carried: the next start ends this caption.
		if i+1 == len(d.Cues) || d.Cues[i+1].Start > c.End {
			e.Buf = append(appendSync(e.Buf[:0], c.End, cls), "&nbsp;"...)
			e.LineBytes(e.Buf)
		}
	}
	e.Line("</BODY>")
	e.Line("</SAMI>")
	return e.Flush()
}

func appendSync(b []byte, t time.Duration, cls string) []byte {
	b = append(b, "<SYNC Start="...)
	b = strconv.AppendInt(b, t.Milliseconds(), 10)
	return append(append(append(b, "><P Class="...), cls...), '>')
}

// className makes a class name and language from a BCP 47 tag: "ko-KR"
// is KOKRCC, none is ENUSCC for en-US, as SAMI files conventionally name
// them.
func className(tag string) (cls, lang string) {
	lang = tag
	if lang == "" {
		lang = "en-US"
	}
	var b strings.Builder
	for _, r := range strings.ToUpper(lang) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "ENUSCC", "en-US"
	}
	clean := strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return -1
	}, lang)
	return b.String() + "CC", clean
}

// appendLine writes a line's spans with <i>, <b>, <u> and <font color>,
// text escaped.
func appendLine(b []byte, l subtitle.Line) []byte {
	for _, s := range l {
		if s.Color != "" {
			b = append(append(append(b, `<font color="`...), html.EscapeString(s.Color)...), `">`...)
		}
		b = textout.Tag(b, s.Bold, "<b>")
		b = textout.Tag(b, s.Italic, "<i>")
		b = textout.Tag(b, s.Underline, "<u>")
		b = append(b, escape(s.Text)...)
		b = textout.Tag(b, s.Underline, "</u>")
		b = textout.Tag(b, s.Italic, "</i>")
		b = textout.Tag(b, s.Bold, "</b>")
		if s.Color != "" {
			b = append(b, "</font>"...)
		}
	}
	return b
}

var markup = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// escape escapes markup characters, and runs of spaces as &nbsp; so that
// HTML's collapsing keeps them.
func escape(s string) string {
	s = markup.Replace(s)
	if strings.Contains(s, "  ") {
		s = strings.ReplaceAll(s, "  ", " &nbsp;")
	}
	return s
}
