package spruce

import (
	"io"
	"strings"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/textout"
)

// escaper keeps text from reading as markup, which Spruce STL cannot
// escape: "|" becomes "¦" and the "^" of "^I", "^B", "^U" becomes "ˆ".
var escaper = strings.NewReplacer("|", "¦", "^I", "ˆI", "^i", "ˆi", "^B", "ˆB", "^b", "ˆb", "^U", "ˆU", "^u", "ˆu")

var (
	horzNames = []string{"Left", "Center", "Right"}
	vertNames = []string{"Bottom", "Center", "Top"}
)

// write writes the usual head of directives, then a line a caption, with
// placement directives where the placement changes.
func write(w io.Writer, d *subtitle.Document, o subtitle.EncodeOptions) error {
	e := textout.New(w, o)
	for _, l := range []string{"//Font select and font size", "$FontName       = Arial", "$FontSize       = 30", "",
		"//Character attributes (global)", "$Bold           = FALSE", "$UnderLined     = FALSE", "$Italic         = FALSE", "",
		"//Position Control", "$HorzAlign      = Center", "$VertAlign      = Bottom", "$XOffset        = 0", "$YOffset        = 0", "",
		"//Subtitles"} {
		e.Line(l)
	}
	horz, vert := 1, 0
	for _, c := range d.Cues {
		a := textout.Placement(c)
		if a < 1 || a > 9 {
			a = 2
		}
		h, v := (a-1)%3, (a-1)/3
		if h != horz {
			e.Line("$HorzAlign      = " + horzNames[h])
			horz = h
		}
		if v != vert {
			e.Line("$VertAlign      = " + vertNames[v])
			vert = v
		}
		b := appendTC(e.Buf[:0], c.Start)
		b = append(b, " , "...)
		b = appendTC(b, c.End)
		b = append(b, " , "...)
		it, bo, un := false, false, false
		for i, l := range textout.Lines(c.Lines) {
			if i > 0 {
				b = append(b, '|')
			}
			for _, s := range l {
				b = textout.Tag(b, s.Italic != it, "^I")
				b = textout.Tag(b, s.Bold != bo, "^B")
				b = textout.Tag(b, s.Underline != un, "^U")
				it, bo, un = s.Italic, s.Bold, s.Underline
				b = append(b, escaper.Replace(s.Text)...)
			}
		}
		// Close what is open, so the next caption starts plain.
		b = textout.Tag(b, it, "^I")
		b = textout.Tag(b, bo, "^B")
		b = textout.Tag(b, un, "^U")
		e.Buf = b
		e.LineBytes(b)
	}
	return e.Flush()
}

// appendTC appends t as HH:MM:SS:FF at 25 fps, rounded to the nearest
// frame.
func appendTC(b []byte, t time.Duration) []byte {
	return textout.AppendClock(b, int64((t+time.Second/FPS/2)/(time.Second/FPS)), FPS, 2, ':', 2)
}
