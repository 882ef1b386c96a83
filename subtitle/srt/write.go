package srt

import (
	"io"
	"strconv"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/textout"
)

// write is the registered writer.
func write(w io.Writer, d *subtitle.Document, o subtitle.EncodeOptions) error {
	e := textout.New(w, o)
	writeSRT(e, d)
	return e.Flush()
}

// writeSRT writes d's cues, numbered from e.Base+1.
func writeSRT(e *textout.Encoder, d *subtitle.Document) {
	for i, c := range d.Cues {
		if i+e.Base > 0 {
			e.Raw(e.NL)
		}
		e.Number(i + e.Base + 1)
		e.Timing(c, ',')
		e.Raw(e.NL)
		lines := textout.Lines(c.Lines)
		a := textout.Placement(c)
		place := a > 0 && a != 2 && a <= 9
		for j, l := range lines {
			if j == 0 && place {
				e.Raw(`{\an` + strconv.Itoa(a) + `}`)
			}
			e.Buf = appendSRTLine(e.Buf[:0], unTiming(l))
			e.LineBytes(e.Buf)
		}
		if len(lines) == 0 && place {
			// A cue without text keeps its placement all the same.
			e.Line(`{\an` + strconv.Itoa(a) + `}`)
		}
	}
}

// srtLine is a line with the HTML-like tags SRT players know:
// <font color>, <b>, <i>, <u>.
func srtLine(l subtitle.Line) string { return string(appendSRTLine(nil, l)) }

func appendSRTLine(b []byte, l subtitle.Line) []byte {
	for _, s := range l {
		if s.Color != "" {
			b = append(append(append(b, `<font color="`...), s.Color...), `">`...)
		}
		b = textout.Tag(b, s.Bold, "<b>")
		b = textout.Tag(b, s.Italic, "<i>")
		b = textout.Tag(b, s.Underline, "<u>")
		if s.Ruby != "" {
			b = append(b, textout.WithRuby(s)...)
		} else {
			b = append(b, s.Text...)
		}
		b = textout.Tag(b, s.Underline, "</u>")
		b = textout.Tag(b, s.Italic, "</i>")
		b = textout.Tag(b, s.Bold, "</b>")
		if s.Color != "" {
			b = append(b, "</font>"...)
		}
	}
	return b
}
