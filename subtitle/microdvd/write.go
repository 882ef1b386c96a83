package microdvd

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/csscolor"
	"github.com/subkit-dev/subkit/subtitle/internal/textout"
)

// write writes a {1}{1}FPS line, then one line a caption.
func write(w io.Writer, d *subtitle.Document, o subtitle.EncodeOptions) error {
	fps := o.FPS
	if !(fps > 0) {
		fps = DefaultFPS
	}
	e := textout.New(w, o)
	e.Line("{1}{1}" + strconv.FormatFloat(fps, 'f', -1, 64))
	for _, c := range d.Cues {
		b := append(e.Buf[:0], '{')
		b = strconv.AppendInt(b, toFrame(c.Start, fps), 10)
		b = append(b, '}', '{')
		b = strconv.AppendInt(b, toFrame(c.End, fps), 10)
		b = append(b, '}')
		for i, l := range textout.Lines(c.Lines) {
			if i > 0 {
				b = append(b, '|')
			}
			b = appendLine(b, l)
		}
		e.Buf = b
		e.LineBytes(b)
	}
	return e.Flush()
}

func toFrame(t time.Duration, fps float64) int64 {
	return int64(math.Round(t.Seconds() * fps))
}

// appendLine writes the styles all the line's spans share as {y:} and
// {c:} codes, then the text with "|" (MicroDVD's line break) and "{"
// that would start a code made harmless.
func appendLine(b []byte, l subtitle.Line) []byte {
	it, bo, un, col := true, true, true, l[0].Color
	var text strings.Builder
	for _, s := range l {
		it, bo, un = it && s.Italic, bo && s.Bold, un && s.Underline
		if s.Color != col {
			col = ""
		}
		text.WriteString(s.Text)
	}
	if it || bo || un {
		b = append(b, "{y:"...)
		b = textout.Tag(b, it, "i")
		b = textout.Tag(b, bo, "b")
		b = textout.Tag(b, un, "u")
		b = append(b, '}')
	}
	if c, ok := toBGR(col); ok {
		b = append(append(append(b, "{c:$"...), c...), '}')
	}
	t := strings.ReplaceAll(text.String(), "|", "¦")
	if strings.HasPrefix(t, "/") && !it {
		t = "\u200b" + t // a leading "/" would make the line italic
	}
	return append(b, t...)
}

// toBGR writes a CSS color (csscolor reads it: "red", "#f00",
// "rgb(255,0,0)") as BBGGRR; alpha is not written, and a transparent
// color or one that is none is not written at all.
func toBGR(s string) (string, bool) {
	c, err := csscolor.Parse(s)
	if err != nil || c.A == 0 {
		return "", false
	}
	return fmt.Sprintf("%02X%02X%02X", c.B, c.G, c.R), true
}
