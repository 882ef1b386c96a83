package sbv

import (
	"fmt"
	"strings"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/textin"
)

// read reads SBV. A block that does not start with a timing line is
// skipped with a warning naming its line; a file with text but no cue is
// an error.
func read(name, text string) (*subtitle.Document, []subtitle.Warning, error) {
	d := &subtitle.Document{}
	var ws []subtitle.Warning
	for _, b := range textin.Blocks(textin.Lines(text), 0) {
		start, end, ok := parseTiming(b.Head)
		if !ok {
			ws = append(ws, subtitle.Warning{Line: b.Line, Message: fmt.Sprintf("not an SBV timing line, block skipped: %q", textin.Clip(b.Head))})
			continue
		}
		c := subtitle.Cue{Start: start, End: end}
		for _, l := range b.Body {
			c.Lines = append(c.Lines, subtitle.Line{{Text: strings.TrimSpace(l)}})
		}
		d.Cues = append(d.Cues, c)
	}
	if len(d.Cues) == 0 && strings.TrimSpace(text) != "" {
		line := 1
		if len(ws) > 0 {
			line = ws[0].Line
		}
		return nil, ws, &subtitle.ParseError{File: name, Line: line, Err: fmt.Errorf("%w: no SBV cue (a cue starts with a line like 0:00:01.000,0:00:02.500)", subtitle.ErrSyntax)}
	}
	return d, ws, nil
}

// parseTiming reads "H:MM:SS.mmm,H:MM:SS.mmm".
func parseTiming(l string) (start, end time.Duration, ok bool) {
	a, b, found := strings.Cut(l, ",")
	if !found {
		return 0, 0, false
	}
	start, ok1 := parseTime(strings.TrimSpace(a))
	end, ok2 := parseTime(strings.TrimSpace(b))
	return start, end, ok1 && ok2
}

// parseTime reads H:MM:SS.mmm (hours of one to six digits, one to three
// digits of fraction).
func parseTime(s string) (time.Duration, bool) { return textin.Clock(s, 6, 1, 3) }
