package lrc

import (
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/textout"
)

// write writes LRC: [ti:] from the title, the notes before the first cue
// that are ID tags ("ar: Artist"), then each caption's lines at its start
// and, when the next caption does not start at its end, an empty line at
// its end.
func write(w io.Writer, d *subtitle.Document, o subtitle.EncodeOptions) error {
	e := textout.New(w, o)
	if d.Title != "" {
		e.Line("[ti:" + oneLine(d.Title) + "]")
	}
	for _, n := range d.Notes {
		if k, v, ok := strings.Cut(n.Text, ": "); ok && n.Before == 0 {
			if _, _, ok := idTag("[" + k + ":" + v + "]"); ok && !strings.ContainsAny(v, "\r\n") {
				e.Line("[" + k + ":" + v + "]")
			}
		}
	}
	for i, c := range d.Cues {
		lines := textout.Lines(c.Lines)
		if len(lines) == 0 {
			lines = []subtitle.Line{{}}
		}
		for _, l := range lines {
			b := appendStamp(e.Buf[:0], c.Start, '[', ']')
			for _, sp := range l {
				if sp.Timed {
					b = appendStamp(b, sp.At, '<', '>')
				}
				b = append(b, sp.Text...)
			}
			e.Buf = b
			e.LineBytes(b)
		}
		// Overlapping captions cannot be carried: the next start ends this one.
		if i+1 == len(d.Cues) || d.Cues[i+1].Start > c.End {
			e.Buf = appendStamp(e.Buf[:0], c.End, '[', ']')
			e.LineBytes(e.Buf)
		}
	}
	return e.Flush()
}

// appendStamp appends t as open mm:ss.xx close, or mm:ss.xxx when t is not
// a whole number of centiseconds.
func appendStamp(b []byte, t time.Duration, open, close byte) []byte {
	ms := int64(t / time.Millisecond)
	m, s, f := ms/60000, ms/1000%60, ms%1000
	b = append(b, open)
	if m < 10 {
		b = append(b, '0')
	}
	b = strconv.AppendInt(b, m, 10)
	b = append(b, ':', byte('0'+s/10), byte('0'+s%10), '.', byte('0'+f/100), byte('0'+f/10%10))
	if f%10 != 0 {
		b = append(b, byte('0'+f%10))
	}
	return append(b, close)
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
