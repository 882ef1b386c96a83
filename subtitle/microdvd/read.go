package microdvd

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/textin"
)

// read reads MicroDVD at the frame rate o.FPS, the file's {1}{1}FPS line
// or DefaultFPS, in that order.
func read(name, text string, o subtitle.ReadOptions) (*subtitle.Document, []subtitle.Warning, error) {
	d := &subtitle.Document{}
	var ws []subtitle.Warning
	lines := textin.Lines(text)
	fps := DefaultFPS
	first := true
	type pending struct {
		cue  int // index in d.Cues of a cue with no end frame
		line int
	}
	var open *pending
	warned := map[string]bool{}
	for i, raw := range lines {
		l := strings.TrimSpace(raw)
		if l == "" {
			continue
		}
		start, end, rest, ok := frames(l)
		if !ok {
			if strings.HasPrefix(l, "{DEFAULT}") {
				ws = append(ws, subtitle.Warning{Line: i + 1, Message: "{DEFAULT} style line ignored"})
				continue
			}
			ws = append(ws, subtitle.Warning{Line: i + 1, Message: fmt.Sprintf("not a MicroDVD line ({start}{end}text), skipped: %q", textin.Clip(l))})
			continue
		}
		if first {
			first = false
			if f, err := strconv.ParseFloat(strings.TrimSpace(rest), 64); err == nil && start <= 1 && end <= 1 && end >= 0 {
				switch {
				case !(f > 0 && f < 1000):
					ws = append(ws, subtitle.Warning{Line: i + 1, Message: fmt.Sprintf("frame rate %q out of range; read at %g", rest, fps)})
				case o.FPS > 0 && math.Abs(o.FPS-f) > 1e-9:
					ws = append(ws, subtitle.Warning{Line: i + 1, Message: fmt.Sprintf("the file says %g fps; read at %g as asked", f, o.FPS)})
				default:
					fps = f
				}
				if o.FPS > 0 {
					fps = o.FPS
				}
				continue
			}
			if o.FPS > 0 {
				fps = o.FPS
			}
		}
		if open != nil {
			d.Cues[open.cue].End = frameTime(start, fps)
			open = nil
		}
		c := subtitle.Cue{Start: frameTime(start, fps), End: frameTime(end, fps)}
		c.Lines = parseText(rest, func(code, msg string) {
			if !warned[code] {
				warned[code] = true
				if msg == "" {
					msg = code + " codes are not kept"
				}
				ws = append(ws, subtitle.Warning{Line: i + 1, Message: msg + " (first here)"})
			}
		})
		d.Cues = append(d.Cues, c)
		if end < 0 {
			open = &pending{cue: len(d.Cues) - 1, line: i + 1}
		}
	}
	if open != nil {
		c := &d.Cues[open.cue]
		c.End = c.Start + 3*time.Second
		ws = append(ws, subtitle.Warning{Line: open.line, Message: "the last caption has no end frame; it lasts 3 seconds"})
	}
	if len(d.Cues) == 0 && strings.TrimSpace(text) != "" && first {
		line := 1
		if len(ws) > 0 {
			line = ws[0].Line
		}
		return nil, ws, &subtitle.ParseError{File: name, Line: line, Err: fmt.Errorf("%w: no MicroDVD line (a line starts {start frame}{end frame})", subtitle.ErrSyntax)}
	}
	return d, ws, nil
}

// frames reads a line's leading "{start}{end}"; end is -1 when empty.
func frames(l string) (start, end int64, rest string, ok bool) {
	start, rest, ok = frame(l)
	if !ok || rest == "" {
		return 0, 0, l, false
	}
	if strings.HasPrefix(rest, "{}") {
		return start, -1, rest[2:], true
	}
	end, rest, ok = frame(rest)
	if !ok {
		return 0, 0, l, false
	}
	return start, end, rest, true
}

// frame reads "{N}" at the start of s.
func frame(s string) (int64, string, bool) {
	if len(s) < 3 || s[0] != '{' {
		return 0, s, false
	}
	k := strings.IndexByte(s, '}')
	if k < 2 || k > 10 {
		return 0, s, false
	}
	n, ok := textin.Digits(s[1:k])
	if !ok {
		return 0, s, false
	}
	return n, s[k+1:], true
}

// frameTime is the time frame n starts at, to the millisecond.
func frameTime(n int64, fps float64) time.Duration {
	return time.Duration(math.Round(float64(n)/fps*1000)) * time.Millisecond
}

// style is what control codes set.
type style struct {
	italic, bold, underline bool
	color                   string
}

func (s *style) apply(v string) {
	for _, c := range strings.ToLower(v) {
		switch c {
		case 'i':
			s.italic = true
		case 'b':
			s.bold = true
		case 'u':
			s.underline = true
		}
	}
}

// parseText reads a caption's text: lines split at "|", control codes
// applied. drop is told of codes that are not kept: the kind, and what to
// say of it when more than that they are not kept.
func parseText(s string, drop func(code, msg string)) []subtitle.Line {
	var all style // {Y:} and {C:}: every line
	var out []subtitle.Line
	for _, part := range strings.Split(s, "|") {
		cur := all
		var line subtitle.Line
		if strings.HasPrefix(part, "/") {
			cur.italic = true
			part = part[1:]
		}
		for part != "" {
			k := strings.IndexByte(part, '{')
			if k < 0 {
				line = add(line, part, cur)
				break
			}
			end := strings.IndexByte(part[k:], '}')
			code, val, isCode := "", "", false
			if end > 2 && part[k+2] == ':' {
				code, val, isCode = part[k+1:k+2], part[k+3:k+end], true
			}
			if !isCode {
				line = add(line, part[:k+1], cur)
				part = part[k+1:]
				continue
			}
			line = add(line, part[:k], cur)
			part = part[k+end+1:]
			switch code {
			case "y":
				cur.apply(val)
			case "Y":
				cur.apply(val)
				all.apply(val)
			case "c", "C":
				if c, ok := bgr(val); ok {
					cur.color = c
					if code == "C" {
						all.color = c
					}
				} else {
					drop("bad color", fmt.Sprintf("{%s:%s} is not a color ($BBGGRR): ignored", code, textin.Clip(val)))
				}
			case "f", "F":
				drop("font ({f:})", "")
			case "s", "S":
				drop("size ({s:})", "")
			case "p", "P":
				drop("position ({P:})", "")
			case "h", "H":
				drop("charset ({H:})", "")
			default:
				line = add(line, "{"+code+":"+val+"}", cur)
			}
		}
		if len(line) > 0 {
			trimEdges(line)
			if subtitle.Line(line).String() != "" {
				out = append(out, line)
			}
		}
	}
	return out
}

// add appends text in style st, merged into the last span when it has the
// same style.
func add(l subtitle.Line, text string, st style) subtitle.Line {
	if text == "" {
		return l
	}
	sp := subtitle.Span{Text: text, Italic: st.italic, Bold: st.bold, Underline: st.underline, Color: st.color}
	if n := len(l); n > 0 {
		p := l[n-1]
		if p.Italic == sp.Italic && p.Bold == sp.Bold && p.Underline == sp.Underline && p.Color == sp.Color {
			l[n-1].Text += text
			return l
		}
	}
	return append(l, sp)
}

// trimEdges trims white space at the line's edges and drops spans left
// empty.
func trimEdges(l subtitle.Line) {
	for i := range l {
		if l[i].Text = strings.TrimLeft(l[i].Text, " \t"); l[i].Text != "" {
			break
		}
	}
	for i := len(l) - 1; i >= 0; i-- {
		if l[i].Text = strings.TrimRight(l[i].Text, " \t"); l[i].Text != "" {
			break
		}
	}
}

// bgr reads $BBGGRR as a CSS color #rrggbb.
func bgr(v string) (string, bool) {
	v = strings.TrimPrefix(strings.TrimSpace(v), "$")
	if len(v) != 6 {
		return "", false
	}
	if _, err := strconv.ParseUint(v, 16, 32); err != nil {
		return "", false
	}
	v = strings.ToLower(v)
	return "#" + v[4:6] + v[2:4] + v[0:2], true
}
