package textout

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/cuesettings"
)

// Encoder writes through a bufio.Writer; bufio keeps the first error and
// Flush reports it, so the write methods need not return one.
type Encoder struct {
	W    *bufio.Writer
	NL   string // the line end: "\n" or "\r\n"
	Buf  []byte // scratch space for a line
	Base int    // cues written before this document's, when streaming
}

// Flush writes what is buffered and returns the first error of any write.
func (e *Encoder) Flush() error { return e.W.Flush() }

// New writes to w through a buffer, with the line ends and the
// byte-order mark o asks for (the mark written at once).
func New(w io.Writer, o subtitle.EncodeOptions) *Encoder {
	e := &Encoder{W: bufio.NewWriterSize(w, 64<<10), NL: "\n"}
	if o.CRLF {
		e.NL = "\r\n"
	}
	if o.BOM {
		e.Raw("\ufeff")
	}
	return e
}

// Raw writes s as it is.
func (e *Encoder) Raw(s string) { e.W.WriteString(s) }

// Line writes s and a line end.
func (e *Encoder) Line(s string) {
	e.W.WriteString(s)
	e.W.WriteString(e.NL)
}

// LineBytes writes b and a line end.
func (e *Encoder) LineBytes(b []byte) {
	e.W.Write(b)
	e.W.WriteString(e.NL)
}

// Number writes n on a line of its own.
func (e *Encoder) Number(n int) {
	e.Buf = strconv.AppendInt(e.Buf[:0], int64(n), 10)
	e.LineBytes(e.Buf)
}

// AppendTimestamp appends t as HH:MM:SS<sep>mmm; hours grow past two digits when needed.
func AppendTimestamp(b []byte, t time.Duration, sep byte) []byte {
	return AppendClock(b, int64(t/time.Millisecond), 1000, 2, sep, 3)
}

// AppendClock appends n counts of 1/perSecond of a second (milliseconds,
// centiseconds, frames) as H:MM:SS<sep>F: the hours at least hourDigits
// wide, F the count past the second in fracDigits digits. A time not
// negative is the caller's to ensure.
func AppendClock(b []byte, n, perSecond int64, hourDigits int, sep byte, fracDigits int) []byte {
	s := n / perSecond
	b = appendPadded(b, s/3600, hourDigits)
	m, s := s/60%60, s%60
	b = append(b, ':', byte('0'+m/10), byte('0'+m%10), ':', byte('0'+s/10), byte('0'+s%10), sep)
	return appendPadded(b, n%perSecond, fracDigits)
}

// appendPadded appends v, zeros before it to make width digits.
func appendPadded(b []byte, v int64, width int) []byte {
	switch { // the widths clocks use, quickly
	case width == 2 && v < 100:
		return append(b, byte('0'+v/10), byte('0'+v%10))
	case width == 3 && v < 1000:
		return append(b, byte('0'+v/100), byte('0'+v/10%10), byte('0'+v%10))
	}
	for p, w := int64(10), 1; w < width; p, w = p*10, w+1 {
		if v < p {
			b = append(b, '0')
		}
	}
	return strconv.AppendInt(b, v, 10)
}

// Timing writes the cue's "start --> end", with sep before the milliseconds.
func (e *Encoder) Timing(c subtitle.Cue, sep byte) {
	b := AppendTimestamp(e.Buf[:0], c.Start, sep)
	b = append(b, " --> "...)
	b = AppendTimestamp(b, c.End, sep)
	e.Buf = b
	e.W.Write(b)
}

// WithRuby is a span's text with its ruby, if any, after it in
// parentheses, "漢字(かんじ)": how subtitlers write ruby where a format has
// none.
func WithRuby(s subtitle.Span) string {
	if s.Ruby == "" {
		return s.Text
	}
	return s.Text + "(" + s.Ruby + ")"
}

// Tag appends t when on.
func Tag(b []byte, on bool, t string) []byte {
	if on {
		return append(b, t...)
	}
	return b
}

// Lines returns a cue's lines with line breaks inside spans split
// out, each line trimmed at its edges, and blank lines dropped: a blank
// line ends a cue in SRT and WebVTT, and TTML collapses edge white space
// while WebVTT keeps it, so the formats must agree.
func Lines(lines []subtitle.Line) []subtitle.Line {
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

// splitTextLines is Lines the long way, for any lines.
func splitTextLines(lines []subtitle.Line) []subtitle.Line {
	var out []subtitle.Line
	var cur subtitle.Line
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

// simpleLine reports whether Lines leaves l as it is: no span empty
// or holding a line break, and no white space at the line's edges.
func simpleLine(l subtitle.Line) bool {
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

// Placement is where a cue goes, keypad style (see Cue.Align): its Align,
// or, for a cue from WebVTT, what its line and align settings say, so
// that SRT, TTML and ASS keep top, middle and bottom, left and right.
func Placement(c subtitle.Cue) int {
	if c.Align != 0 || c.Settings == "" {
		return c.Align
	}
	v, _, _ := cuesettings.Parse(c.Settings, nil)
	row := 0 // bottom
	switch {
	case v.LineAuto:
	case v.SnapToLines && v.Line >= 0:
		row = 2 // counted from the top
	case !v.SnapToLines && v.Line < 100.0/3:
		row = 2
	case !v.SnapToLines && v.Line < 200.0/3:
		row = 1
	}
	col := 1
	switch v.Align {
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
