package subviewer

import (
	"fmt"
	"strings"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/textin"
)

func read(name, text string) (*subtitle.Document, []subtitle.Warning, error) {
	d := &subtitle.Document{}
	var ws []subtitle.Warning
	lines := textin.Lines(text)
	i := 0
	// The header: lines of [KEY]value until the first timing line.
	for ; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if _, _, ok := parseTiming(l); ok {
			break
		}
		if l == "" {
			continue
		}
		if !strings.HasPrefix(l, "[") {
			break
		}
		for _, part := range strings.Split(l, ",[") {
			part = strings.TrimPrefix(part, "[")
			key, val, _ := strings.Cut(part, "]")
			val = strings.TrimSpace(val)
			switch strings.ToUpper(key) {
			case "TITLE":
				d.Title = val
			case "DELAY":
				if val != "" && val != "0" {
					ws = append(ws, subtitle.Warning{Line: i + 1, Message: fmt.Sprintf("[%s]%s is not applied", key, textin.Clip(val))})
				}
			}
		}
	}
	for _, b := range textin.Blocks(lines, i) {
		start, end, ok := parseTiming(b.Head)
		if !ok {
			ws = append(ws, subtitle.Warning{Line: b.Line, Message: fmt.Sprintf("not a SubViewer timing line, block skipped: %q", textin.Clip(b.Head))})
			continue
		}
		c := subtitle.Cue{Start: start, End: end}
		for _, l := range b.Body {
			for _, part := range splitBR(l) {
				if part = strings.TrimSpace(part); part != "" {
					c.Lines = append(c.Lines, subtitle.Line{{Text: part}})
				}
			}
		}
		d.Cues = append(d.Cues, c)
	}
	if len(d.Cues) == 0 && len(ws) > 0 {
		return nil, ws, &subtitle.ParseError{File: name, Line: ws[0].Line, Err: fmt.Errorf("%w: no SubViewer cue (a cue starts with a line like 00:00:01.00,00:00:02.50)", subtitle.ErrSyntax)}
	}
	if len(d.Cues) == 0 && d.Title == "" && strings.TrimSpace(text) != "" && !strings.Contains(strings.ToUpper(text), "[SUBTITLE]") {
		return nil, ws, &subtitle.ParseError{File: name, Line: 1, Err: fmt.Errorf("%w: no SubViewer cue (a cue starts with a line like 00:00:01.00,00:00:02.50)", subtitle.ErrSyntax)}
	}
	return d, ws, nil
}

// splitBR splits a text line at [br], in any case.
func splitBR(s string) []string {
	var out []string
	for k := 0; k+4 <= len(s); k++ {
		if s[k] == '[' && s[k+3] == ']' && (s[k+1]|0x20) == 'b' && (s[k+2]|0x20) == 'r' {
			out = append(out, s[:k])
			s = s[k+4:]
			k = -1
		}
	}
	return append(out, s)
}

// parseTiming reads "HH:MM:SS.cc,HH:MM:SS.cc".
func parseTiming(l string) (start, end time.Duration, ok bool) {
	a, b, found := strings.Cut(l, ",")
	if !found {
		return 0, 0, false
	}
	start, ok1 := parseTime(strings.TrimSpace(a))
	end, ok2 := parseTime(strings.TrimSpace(b))
	return start, end, ok1 && ok2
}

// parseTime reads HH:MM:SS.cc (hours of one to four digits, two digits
// of fraction).
func parseTime(s string) (time.Duration, bool) { return textin.Clock(s, 4, 2, 2) }
