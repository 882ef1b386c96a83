package subviewer

import (
	"io"
	"strings"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/textout"
)

// write writes the [INFORMATION] header, then each caption as a timing
// line and one line of text, its lines joined with [br], as SubViewer
// itself and the readers that follow it (aeidon, ffmpeg) expect.
func write(w io.Writer, d *subtitle.Document, o subtitle.EncodeOptions) error {
	e := textout.New(w, o)
	for _, l := range []string{"[INFORMATION]", "[TITLE]" + strings.Join(strings.Fields(d.Title), " "), "[AUTHOR]", "[SOURCE]", "[PRG]", "[FILEPATH]", "[DELAY]0", "[CD TRACK]0", "[COMMENT]", "[END INFORMATION]", "[SUBTITLE]", "[COLF]&HFFFFFF,[STYLE]no,[SIZE]18,[FONT]Arial"} {
		e.Line(l)
	}
	for _, c := range d.Cues {
		b := appendTime(e.Buf[:0], c.Start)
		b = append(b, ',')
		b = appendTime(b, c.End)
		e.Buf = b
		e.LineBytes(b)
		var text []string
		for _, l := range textout.Lines(c.Lines) {
			text = append(text, l.String())
		}
		e.Line(strings.Join(text, "[br]"))
		e.Raw(e.NL)
	}
	return e.Flush()
}

// appendTime appends t as HH:MM:SS.cc, rounded to the centisecond.
func appendTime(b []byte, t time.Duration) []byte {
	return textout.AppendClock(b, int64((t+5*time.Millisecond)/(10*time.Millisecond)), 100, 2, '.', 2)
}
