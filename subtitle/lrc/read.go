package lrc

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/textin"
)

// lastFor is how long the last line shows when nothing ends it.
const lastFor = 5 * time.Second

// entry is one timed line: a time and its text ("" ends a caption).
type entry struct {
	at   time.Duration
	text string
	line int
}

func read(name, text string) (*subtitle.Document, []subtitle.Warning, error) {
	d := &subtitle.Document{}
	var ws []subtitle.Warning
	var entries []entry
	var offset, length time.Duration
	lines := textin.Lines(text)
	for i, raw := range lines {
		l := strings.TrimSpace(raw)
		if l == "" {
			continue
		}
		var times []time.Duration
		rest := l
		for {
			at, r, ok := timeTag(strings.TrimLeftFunc(rest, unicode.IsSpace))
			if !ok {
				break
			}
			times, rest = append(times, at), r
		}
		if len(times) > 0 {
			for _, at := range times {
				entries = append(entries, entry{at: at, text: strings.TrimSpace(rest), line: i + 1})
			}
			continue
		}
		key, val, ok := idTag(l)
		if !ok {
			ws = append(ws, subtitle.Warning{Line: i + 1, Message: fmt.Sprintf("not an LRC line (no [mm:ss.xx] time), skipped: %q", textin.Clip(l))})
			continue
		}
		switch key {
		case "ti":
			d.Title = val
		case "offset":
			n, err := strconv.ParseInt(strings.TrimPrefix(val, "+"), 10, 64)
			if err != nil {
				ws = append(ws, subtitle.Warning{Line: i + 1, Message: fmt.Sprintf("[offset:%s] is not a number of milliseconds, ignored", textin.Clip(val))})
				continue
			}
			// A positive offset shows the lyrics earlier.
			offset = time.Duration(n) * time.Millisecond
		case "length":
			if t, ok := parseLength(val); ok {
				length = t
				continue
			}
			fallthrough
		default:
			d.Notes = append(d.Notes, subtitle.Note{Before: 0, Text: key + ": " + val})
		}
	}
	if len(entries) == 0 {
		if strings.TrimSpace(text) == "" || len(ws) == 0 && len(d.Notes) > 0 || d.Title != "" && len(ws) == 0 {
			return d, ws, nil
		}
		line := 1
		if len(ws) > 0 {
			line = ws[0].Line
		}
		return nil, ws, &subtitle.ParseError{File: name, Line: line, Err: fmt.Errorf("%w: no LRC line (a line starts with a time such as [00:12.34])", subtitle.ErrSyntax)}
	}
	slices.SortStableFunc(entries, func(a, b entry) int {
		switch {
		case a.at < b.at:
			return -1
		case a.at > b.at:
			return 1
		}
		return 0
	})
	for i := 0; i < len(entries); {
		at := entries[i].at
		c := subtitle.Cue{Start: at - offset}
		j := i
		for ; j < len(entries) && entries[j].at == at; j++ {
			if l := parseLine(entries[j].text, -offset); strings.TrimSpace(l.String()) != "" {
				c.Lines = append(c.Lines, l)
			}
		}
		i = j
		if len(c.Lines) == 0 {
			continue // an end marker
		}
		switch {
		case j < len(entries):
			c.End = entries[j].at - offset
		case length-offset > c.Start:
			c.End = length - offset
		default:
			c.End = c.Start + lastFor
		}
		if c.Start < 0 {
			ws = append(ws, subtitle.Warning{Line: entries[i-1].line, Message: "the offset puts this line before the start; it starts at 0"})
			c.Start = 0
			if c.End < 0 {
				c.End = 0
			}
		}
		d.Cues = append(d.Cues, c)
	}
	return d, ws, nil
}

// parseLine reads a line's text with its enhanced-LRC word times
// ("<00:12.50>"), each shifted by shift.
func parseLine(s string, shift time.Duration) subtitle.Line {
	var l subtitle.Line
	for s != "" {
		k := strings.IndexByte(s, '<')
		if k < 0 {
			l = appendText(l, s)
			break
		}
		at, rest, ok := parseStamp(s[k:], '<', '>')
		if !ok {
			l = appendText(l, s[:k+1])
			s = s[k+1:]
			continue
		}
		l = appendText(l, s[:k])
		at += shift
		if at < 0 {
			at = 0
		}
		l = append(l, subtitle.Span{At: at, Timed: true})
		s = rest
	}
	// Trim the line's edges across its spans, as writers do, and drop
	// empty spans: a word time with no word after it times nothing.
	return textin.TrimLine(l, unicode.IsSpace)
}

// appendText adds text to the line's last span, or a new span.
func appendText(l subtitle.Line, s string) subtitle.Line {
	if s == "" {
		return l
	}
	if n := len(l); n > 0 {
		l[n-1].Text += s
		return l
	}
	return append(l, subtitle.Span{Text: s})
}

// timeTag reads a leading "[mm:ss.xx]" (also [mm:ss], [mm:ss.xxx],
// [mm:ss:xx]) and returns the time and the rest of the line.
func timeTag(s string) (time.Duration, string, bool) {
	return parseStamp(s, '[', ']')
}

// parseStamp reads open mm:ss[.frac] close at the start of s.
func parseStamp(s string, open, close byte) (time.Duration, string, bool) {
	if len(s) < 6 || s[0] != open {
		return 0, s, false
	}
	end := strings.IndexByte(s, close)
	if end < 0 || end > 16 {
		return 0, s, false
	}
	body := s[1:end]
	m, rest, ok := strings.Cut(body, ":")
	if !ok || len(rest) < 2 {
		return 0, s, false
	}
	sec, frac := rest[:2], rest[2:]
	if frac != "" {
		if frac[0] != '.' && frac[0] != ':' || len(frac) < 2 || len(frac) > 4 {
			return 0, s, false
		}
		frac = frac[1:]
	}
	mv, ok1 := textin.Digits(m)
	sv, ok2 := textin.Digits(sec)
	fv, ok3 := textin.Digits(frac)
	if !ok1 || !ok2 || frac != "" && !ok3 || sv > 59 || len(m) > 5 {
		return 0, s, false
	}
	for n := len(frac); n < 3; n++ {
		fv *= 10
	}
	return time.Duration((mv*60+sv)*1000+fv) * time.Millisecond, s[end+1:], true
}

// idTag reads an ID tag line, "[key:value]".
func idTag(l string) (key, val string, ok bool) {
	if len(l) < 3 || l[0] != '[' || l[len(l)-1] != ']' {
		return "", "", false
	}
	key, val, ok = strings.Cut(l[1:len(l)-1], ":")
	if !ok || key == "" || len(key) > 8 {
		return "", "", false
	}
	for _, c := range []byte(key) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '#') {
			return "", "", false
		}
	}
	return strings.ToLower(key), strings.TrimSpace(val), true
}

// parseLength reads [length:] as mm:ss or mm:ss.xx.
func parseLength(s string) (time.Duration, bool) {
	t, rest, ok := parseStamp("["+s+"]", '[', ']')
	return t, ok && rest == ""
}
