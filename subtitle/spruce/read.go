package spruce

import (
	"fmt"
	"strings"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/textin"
)

type state struct {
	italic, bold, underline bool
	horz, vert              int // 0 left, 1 center, 2 right; 0 bottom, 1 center, 2 top
}

func read(name, text string) (*subtitle.Document, []subtitle.Warning, error) {
	d := &subtitle.Document{}
	var ws []subtitle.Warning
	st := state{horz: 1}
	lines := textin.Lines(text)
	for i, raw := range lines {
		l := strings.TrimSpace(raw)
		switch {
		case l == "" || strings.HasPrefix(l, "//"):
			continue
		case strings.HasPrefix(l, "$"):
			key, raw, _ := strings.Cut(l[1:], "=")
			raw = strings.TrimSpace(raw)
			key, val := strings.ToLower(strings.TrimSpace(key)), strings.ToLower(raw)
			on := val == "true"
			switch key {
			case "bold":
				st.bold = on
			case "italic":
				st.italic = on
			case "underlined":
				st.underline = on
			case "horzalign":
				h, ok := map[string]int{"left": 0, "center": 1, "right": 2}[val]
				if !ok {
					h = 1
					ws = append(ws, subtitle.Warning{Line: i + 1, Message: fmt.Sprintf("$HorzAlign %q is not Left, Center or Right: read as Center", textin.Clip(raw))})
				}
				st.horz = h
			case "vertalign":
				v, ok := map[string]int{"bottom": 0, "center": 1, "top": 2}[val]
				if !ok {
					ws = append(ws, subtitle.Warning{Line: i + 1, Message: fmt.Sprintf("$VertAlign %q is not Bottom, Center or Top: read as Bottom", textin.Clip(raw))})
				}
				st.vert = v
			}
			continue
		}
		start, end, body, ok := parseLine(l)
		if !ok {
			ws = append(ws, subtitle.Warning{Line: i + 1, Message: fmt.Sprintf("not a Spruce STL caption line (HH:MM:SS:FF , HH:MM:SS:FF , text), skipped: %q", textin.Clip(l))})
			continue
		}
		c := subtitle.Cue{Start: start, End: end, Lines: parseText(body, st)}
		if a := st.vert*3 + st.horz + 1; a != 2 {
			c.Align = a
		}
		d.Cues = append(d.Cues, c)
	}
	if len(d.Cues) == 0 && len(ws) > 0 {
		return nil, ws, &subtitle.ParseError{File: name, Line: ws[0].Line, Err: fmt.Errorf("%w: no Spruce STL caption (a line like 00:00:01:00 , 00:00:02:12 , text)", subtitle.ErrSyntax)}
	}
	return d, ws, nil
}

// parseLine reads "HH:MM:SS:FF , HH:MM:SS:FF , text".
func parseLine(l string) (start, end time.Duration, text string, ok bool) {
	a, rest, ok1 := strings.Cut(l, ",")
	b, text, ok2 := strings.Cut(rest, ",")
	if !ok1 || !ok2 {
		return 0, 0, "", false
	}
	start, ok1 = parseTC(strings.TrimSpace(a))
	end, ok2 = parseTC(strings.TrimSpace(b))
	return start, end, strings.TrimSpace(text), ok1 && ok2
}

// parseTC reads HH:MM:SS:FF at 25 fps.
func parseTC(s string) (time.Duration, bool) {
	parts := strings.Split(s, ":")
	if len(parts) != 4 {
		return 0, false
	}
	var n [4]int64
	for i, p := range parts {
		if len(p) != 2 && !(i == 0 && len(p) > 2 && len(p) <= 4) {
			return 0, false
		}
		v, ok := textin.Digits(p)
		if !ok {
			return 0, false
		}
		n[i] = v
	}
	if n[1] > 59 || n[2] > 59 || n[3] >= FPS {
		return 0, false
	}
	return time.Duration((n[0]*60+n[1])*60+n[2])*time.Second + time.Duration(n[3])*time.Second/FPS, true
}

// parseText reads a caption's text: "|" between lines, ^I ^B ^U toggles
// from the style st says captions start in. Toggles carry over lines.
func parseText(s string, st state) []subtitle.Line {
	it, bo, un := st.italic, st.bold, st.underline
	var out []subtitle.Line
	for _, part := range strings.Split(s, "|") {
		var line subtitle.Line
		add := func(t string) {
			if t == "" {
				return
			}
			if n := len(line); n > 0 && line[n-1].Italic == it && line[n-1].Bold == bo && line[n-1].Underline == un {
				line[n-1].Text += t
				return
			}
			line = append(line, subtitle.Span{Text: t, Italic: it, Bold: bo, Underline: un})
		}
		for {
			k := strings.IndexByte(part, '^')
			if k < 0 || k+1 >= len(part) {
				add(part)
				break
			}
			switch part[k+1] {
			case 'I', 'i':
				add(part[:k])
				it = !it
			case 'B', 'b':
				add(part[:k])
				bo = !bo
			case 'U', 'u':
				add(part[:k])
				un = !un
			default:
				add(part[:k+1])
				part = part[k+1:]
				continue
			}
			part = part[k+2:]
		}
		if kept := textin.TrimLine(line, func(r rune) bool { return r == ' ' || r == '\t' }); len(kept) > 0 {
			out = append(out, kept)
		}
	}
	return out
}
