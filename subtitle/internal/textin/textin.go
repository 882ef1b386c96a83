// Package textin holds what the text formats' readers share: the text
// cut into lines at any line end, a run of digits read as a number, clock
// times, a line shortened for a warning, a cue line trimmed across its
// spans, the blank-line separated blocks of SRT-like formats (SBV,
// SubViewer), and the root element of an XML file (TTML, FCPXML).
package textin

import (
	"strings"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
)

// Lines cuts text into lines at "\r\n", "\r" or "\n". Line i+1 of the
// file is Lines(text)[i].
func Lines(text string) []string {
	return strings.Split(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n"), "\n")
}

// Digits reads s, ASCII digits only and at least one, as a number.
func Digits(s string) (int64, bool) {
	var n int64
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, s != ""
}

// Clock reads H:MM:SS.F: hours of one to maxHours digits, minutes and
// seconds of two digits each and below 60, and F, a decimal fraction of
// the second, of minFrac to maxFrac digits (at most 3: milliseconds).
func Clock(s string, maxHours, minFrac, maxFrac int) (time.Duration, bool) {
	h, rest, ok := strings.Cut(s, ":")
	if !ok {
		return 0, false
	}
	m, rest, ok := strings.Cut(rest, ":")
	if !ok {
		return 0, false
	}
	sec, frac, ok := strings.Cut(rest, ".")
	if !ok || len(h) < 1 || len(h) > maxHours || len(m) != 2 || len(sec) != 2 || len(frac) < minFrac || len(frac) > maxFrac {
		return 0, false
	}
	hv, ok1 := Digits(h)
	mv, ok2 := Digits(m)
	sv, ok3 := Digits(sec)
	fv, ok4 := Digits(frac)
	if !ok1 || !ok2 || !ok3 || !ok4 || mv > 59 || sv > 59 {
		return 0, false
	}
	for n := len(frac); n < 3; n++ {
		fv *= 10
	}
	return time.Duration(((hv*60+mv)*60+sv)*1000+fv) * time.Millisecond, true
}

// Clip shortens s to 40 characters and an ellipsis, for a message that
// quotes a line.
func Clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// TrimLine trims the characters space says are white space from a
// line's edges, across its spans (a span left empty passes the trim on to
// the next), and returns the spans not left empty. It trims l's spans in
// place.
func TrimLine(l subtitle.Line, space func(rune) bool) subtitle.Line {
	for i := range l {
		if l[i].Text = strings.TrimLeftFunc(l[i].Text, space); l[i].Text != "" {
			break
		}
	}
	for i := len(l) - 1; i >= 0; i-- {
		if l[i].Text = strings.TrimRightFunc(l[i].Text, space); l[i].Text != "" {
			break
		}
	}
	var kept subtitle.Line
	for _, sp := range l {
		if sp.Text != "" {
			kept = append(kept, sp)
		}
	}
	return kept
}

// Block is a run of lines that are not blank (white space only counts
// as blank).
type Block struct {
	Line int      // the file's line number of its first line, from 1
	Head string   // its first line, trimmed
	Body []string // the lines after the first, as they are
}

// Blocks returns the blocks of lines[from:], lines being a file's
// lines (see Lines).
func Blocks(lines []string, from int) []Block {
	var out []Block
	for i := from; i < len(lines); {
		head := strings.TrimSpace(lines[i])
		if head == "" {
			i++
			continue
		}
		j := i + 1
		for j < len(lines) && strings.TrimSpace(lines[j]) != "" {
			j++
		}
		out = append(out, Block{Line: i + 1, Head: head, Body: lines[i+1 : j]})
		i = j
	}
	return out
}

// XMLRoot is the qualified name of the root element of the XML document
// whose start is head ("tt", "tts:tt", "fcpxml"), found after the XML
// declaration, processing instructions, comments and a DOCTYPE (with an
// internal subset in brackets), or false when head does not start so.
func XMLRoot(head string) (string, bool) {
	s := head
	for {
		s = strings.TrimLeft(s, " \t\r\n\ufeff")
		var end string
		switch {
		case strings.HasPrefix(s, "<?"):
			end = "?>"
		case strings.HasPrefix(s, "<!--"):
			end = "-->"
		case strings.HasPrefix(s, "<!"):
			if i, j := strings.IndexByte(s, '['), strings.IndexByte(s, '>'); i >= 0 && i < j {
				end = "]>"
			} else {
				end = ">"
			}
		case strings.HasPrefix(s, "<"):
			name := s[1:]
			i := strings.IndexAny(name, " \t\r\n/>")
			if i <= 0 {
				return "", false
			}
			return name[:i], true
		default:
			return "", false
		}
		i := strings.Index(s, end)
		if i < 0 {
			return "", false
		}
		s = s[i+len(end):]
	}
}
