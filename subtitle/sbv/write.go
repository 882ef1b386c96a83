package sbv

import (
	"io"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/textout"
)

// write writes SBV as YouTube does: a timing line, the caption's plain
// lines, a blank line between cues.
func write(w io.Writer, d *subtitle.Document, o subtitle.EncodeOptions) error {
	e := textout.New(w, o)
	for i, c := range d.Cues {
		if i > 0 {
			e.Raw(e.NL)
		}
		b := appendTime(e.Buf[:0], c.Start)
		b = append(b, ',')
		b = appendTime(b, c.End)
		e.Buf = b
		e.LineBytes(b)
		for _, l := range textout.Lines(c.Lines) {
			e.Line(l.String())
		}
	}
	return e.Flush()
}

// appendTime appends t as H:MM:SS.mmm.
func appendTime(b []byte, t time.Duration) []byte {
	return textout.AppendClock(b, int64(t/time.Millisecond), 1000, 1, '.', 3)
}
