package sami

import (
	"cmp"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/csscolor"
	"github.com/subkit-dev/subkit/subtitle/internal/textin"
)

// lastFor is how long a last caption with nothing after it shows.
const lastFor = 5 * time.Second

// class is a language a file declares.
type class struct{ name, lang, label string }

var (
	classRE = regexp.MustCompile(`(?s)\.([A-Za-z0-9_-]+)\s*\{([^}]*)\}`)
	langRE  = regexp.MustCompile(`(?i)\blang\s*:\s*([A-Za-z0-9-]+)`)
	labelRE = regexp.MustCompile(`(?i)\bname\s*:\s*([^;}]+)`)
)

// event is a paragraph at a SYNC: its time, class and markup.
type event struct {
	at    time.Duration
	class string
	body  string
	line  int
}

// read reads the language o.Language names, or the first.
func read(name, text string, o subtitle.ReadOptions) (*subtitle.Document, []subtitle.Warning, error) {
	d := &subtitle.Document{}
	var ws []subtitle.Warning
	lower := asciiLower(text)
	lineAt := lineCounter(text)

	if i := strings.Index(lower, "<title>"); i >= 0 {
		if j := strings.Index(lower[i:], "</title>"); j > 0 {
			d.Title = strings.TrimSpace(html.UnescapeString(text[i+7 : i+j]))
		}
	}
	var classes []class
	if i := strings.Index(lower, "<style"); i >= 0 {
		if j := strings.Index(lower[i:], "</style>"); j > 0 {
			for _, m := range classRE.FindAllStringSubmatch(text[i:i+j], -1) {
				c := class{name: m[1]}
				if l := langRE.FindStringSubmatch(m[2]); l != nil {
					c.lang = l[1]
				}
				if l := labelRE.FindStringSubmatch(m[2]); l != nil {
					c.label = strings.TrimSpace(l[1])
				}
				classes = append(classes, c)
			}
		}
	}

	// The SYNC marks and their paragraphs.
	var events []event
	seen := map[string]bool{}
	var order []string // classes in the order paragraphs use them
	body := strings.Index(lower, "<body")
	if body < 0 {
		body = 0
	}
	for at := indexFrom(lower, "<sync", body); at >= 0; {
		next := indexFrom(lower, "<sync", at+5)
		end := next
		if end < 0 {
			end = len(text)
			if k := indexFrom(lower, "</body", at); k >= 0 {
				end = k
			}
		}
		tagEnd := strings.IndexByte(text[at:end], '>')
		if tagEnd < 0 {
			ws = append(ws, subtitle.Warning{Line: lineAt(at), Message: "unclosed <SYNC> tag, skipped"})
			at = next
			continue
		}
		attrs := text[at+5 : at+tagEnd]
		startMs, ok := attrInt(attrs, "start")
		if !ok {
			ws = append(ws, subtitle.Warning{Line: lineAt(at), Message: fmt.Sprintf("<SYNC> without a Start time in milliseconds, skipped: %q", textin.Clip(text[at:at+tagEnd+1]))})
			at = next
			continue
		}
		content := text[at+tagEnd+1 : end]
		lc := lower[at+tagEnd+1 : end]
		paras := 0
		for p := indexP(lc, 0); p >= 0; {
			q := indexP(lc, p+2)
			stop := q
			if stop < 0 {
				stop = len(content)
			}
			pe := strings.IndexByte(content[p:stop], '>')
			if pe < 0 {
				break
			}
			cls, _ := attr(content[p+2:p+pe], "class")
			events = append(events, event{at: time.Duration(startMs) * time.Millisecond, class: cls, body: content[p+pe+1 : stop], line: lineAt(at)})
			if !seen[strings.ToLower(cls)] {
				seen[strings.ToLower(cls)] = true
				order = append(order, cls)
			}
			paras++
			p = q
		}
		if paras == 0 {
			events = append(events, event{at: time.Duration(startMs) * time.Millisecond, body: content, line: lineAt(at)})
			if !seen[""] {
				seen[""] = true
				order = append(order, "")
			}
		}
		at = next
	}
	if len(events) == 0 {
		if len(ws) == 0 && strings.Contains(lower, "<sami") {
			return d, ws, nil
		}
		line := 1
		if len(ws) > 0 {
			line = ws[0].Line
		}
		return nil, ws, &subtitle.ParseError{File: name, Line: line, Err: fmt.Errorf("%w: no SAMI caption (<SYNC Start=ms> with text)", subtitle.ErrSyntax)}
	}

	// Pick the language.
	want, err := pick(classes, order, o.Language)
	if err != nil {
		return nil, ws, &subtitle.ParseError{File: name, Err: err}
	}
	for _, c := range classes {
		if strings.EqualFold(c.name, want) {
			d.Lang = c.lang
		}
	}
	var others []string
	for _, c := range order {
		if !strings.EqualFold(c, want) && c != "" {
			others = append(others, c)
		}
	}
	if len(others) > 0 {
		ws = append(ws, subtitle.Warning{Message: fmt.Sprintf("read language %s; not read: %s (choose with --language)", want, strings.Join(others, ", "))})
	}

	// A <font color> that is no color: one warning, at the first.
	badColors, badAt := 0, 0
	var mine []event
	for _, e := range events {
		if e.class == "" || strings.EqualFold(e.class, want) {
			mine = append(mine, e)
		}
	}
	slices.SortStableFunc(mine, func(a, b event) int { return cmp.Compare(a.at, b.at) })
	for i, e := range mine {
		lines, dropped, bad := parseBody(e.body)
		if dropped != "" {
			ws = append(ws, subtitle.Warning{Line: e.line, Message: fmt.Sprintf("markup %s dropped", dropped)})
		}
		if bad != "" {
			if badColors == 0 {
				ws = append(ws, subtitle.Warning{Line: e.line, Message: bad})
				badAt = len(ws) - 1
			}
			badColors++
		}
		if len(lines) == 0 {
			continue // a blank paragraph ends the caption before
		}
		c := subtitle.Cue{Start: e.at, Lines: lines}
		// The next SYNC of this language at a later time ends it.
		c.End = e.at + lastFor
		for _, n := range mine[i+1:] {
			if n.at > e.at {
				c.End = n.at
				break
			}
		}
		if n := len(d.Cues); n > 0 && d.Cues[n-1].Start == c.Start {
			// Two paragraphs of one language at one time: one caption.
			d.Cues[n-1].Lines = append(d.Cues[n-1].Lines, c.Lines...)
			continue
		}
		d.Cues = append(d.Cues, c)
	}
	if badColors > 1 {
		ws[badAt].Message += fmt.Sprintf(" (%d times; the first here)", badColors)
	}
	return d, ws, nil
}

// pick returns the class to read: the one lang names (a class name, a
// language tag or a Name), else the first declared that is used, else the
// first used.
func pick(classes []class, used []string, lang string) (string, error) {
	if lang != "" {
		for _, c := range classes {
			if strings.EqualFold(c.name, lang) || strings.EqualFold(c.lang, lang) || strings.EqualFold(c.label, lang) {
				return c.name, nil
			}
		}
		for _, u := range used {
			if strings.EqualFold(u, lang) {
				return u, nil
			}
		}
		var have []string
		for _, u := range used {
			if u != "" {
				have = append(have, u)
			}
		}
		return "", fmt.Errorf("no language %q in the file (it has: %s)", lang, strings.Join(have, ", "))
	}
	for _, c := range classes {
		for _, u := range used {
			if strings.EqualFold(c.name, u) {
				return u, nil
			}
		}
	}
	for _, u := range used {
		if u != "" {
			return u, nil
		}
	}
	return "", nil
}

// parseBody reads a paragraph's markup into lines. dropped names markup
// that was not kept ("" for none); bad says what is wrong with the first
// <font color> that is no color, which is ignored.
func parseBody(s string) (lines []subtitle.Line, dropped, bad string) {
	type st struct {
		italic, bold, underline bool
		color                   string
	}
	var cur st
	var colors []string
	var line subtitle.Line
	var text strings.Builder
	flushText := func() {
		t := text.String()
		text.Reset()
		if t == "" {
			return
		}
		// &nbsp; is a space to SAMI players.
		t = strings.ReplaceAll(html.UnescapeString(t), "\u00a0", " ")
		if n := len(line); n > 0 {
			p := line[n-1]
			if p.Italic == cur.italic && p.Bold == cur.bold && p.Underline == cur.underline && p.Color == cur.color {
				line[n-1].Text += t
				return
			}
		}
		line = append(line, subtitle.Span{Text: t, Italic: cur.italic, Bold: cur.bold, Underline: cur.underline, Color: cur.color})
	}
	endLine := func() {
		flushText()
		lines = append(lines, line)
		line = nil
	}
	for s != "" {
		k := strings.IndexByte(s, '<')
		if k < 0 {
			text.WriteString(collapse(s))
			break
		}
		text.WriteString(collapse(s[:k]))
		e := strings.IndexByte(s[k:], '>')
		if e < 0 {
			text.WriteString(collapse(s[k:]))
			break
		}
		tag := s[k+1 : k+e]
		s = s[k+e+1:]
		closing := strings.HasPrefix(tag, "/")
		nm := strings.ToLower(strings.TrimPrefix(tag, "/"))
		if i := strings.IndexAny(nm, " \t\r\n/"); i >= 0 {
			nm = nm[:i]
		}
		switch nm {
		case "br":
			endLine()
			continue
		case "i", "b", "u", "font":
		case "!--":
			continue
		default:
			if dropped == "" && nm != "" && nm != "p" {
				dropped = "<" + textin.Clip(tag) + ">"
			}
			continue
		}
		flushText()
		switch nm {
		case "i":
			cur.italic = !closing
		case "b":
			cur.bold = !closing
		case "u":
			cur.underline = !closing
		case "font":
			if closing {
				if n := len(colors); n > 0 {
					colors = colors[:n-1]
				}
			} else {
				c, _ := attr(tag[4:], "color")
				if c = html.UnescapeString(c); c != "" {
					v, err := csscolor.FontColor(c)
					if err != nil && bad == "" {
						bad = fmt.Sprintf("<font color=%q>: %v: ignored", c, err)
					}
					c = v
				}
				colors = append(colors, c)
			}
			cur.color = ""
			for i := len(colors) - 1; i >= 0; i-- {
				if colors[i] != "" {
					cur.color = colors[i]
					break
				}
			}
		}
	}
	endLine()
	// Trim each line, drop blank ones. Other white space than HTML's (a
	// form feed, a vertical tab) counts too, as the writer, which writes a
	// line of it as a blank paragraph, takes it.
	var out []subtitle.Line
	for _, l := range lines {
		if kept := textin.TrimLine(l, unicode.IsSpace); len(kept) > 0 {
			out = append(out, kept)
		}
	}
	return out, dropped, bad
}

// collapse turns runs of white space into one space, as HTML does.
func collapse(s string) string {
	if !strings.ContainsAny(s, "\t\r\n") && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\r' || r == '\n' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// indexP finds the next <P tag (not <PRE or other P-names) from i.
func indexP(lower string, i int) int {
	for {
		k := indexFrom(lower, "<p", i)
		if k < 0 || k+2 >= len(lower) {
			return -1
		}
		if c := lower[k+2]; c == '>' || c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			return k
		}
		i = k + 2
	}
}

func indexFrom(s, sub string, i int) int {
	if i > len(s) {
		return -1
	}
	k := strings.Index(s[i:], sub)
	if k < 0 {
		return -1
	}
	return i + k
}

// attr finds name=value in a tag's attributes, value quoted or not.
func attr(attrs, name string) (string, bool) {
	la := asciiLower(attrs)
	for i := 0; ; {
		k := indexFrom(la, name, i)
		if k < 0 {
			return "", false
		}
		i = k + len(name)
		if k > 0 && la[k-1] != ' ' && la[k-1] != '\t' && la[k-1] != '\n' && la[k-1] != '\r' {
			continue
		}
		rest := strings.TrimLeft(attrs[i:], " \t")
		if !strings.HasPrefix(rest, "=") {
			continue
		}
		rest = strings.TrimLeft(rest[1:], " \t")
		if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
			q := rest[0]
			if e := strings.IndexByte(rest[1:], q); e >= 0 {
				return rest[1 : e+1], true
			}
			return rest[1:], true
		}
		e := strings.IndexAny(rest, " \t\r\n>")
		if e < 0 {
			e = len(rest)
		}
		return rest[:e], true
	}
}

// attrInt reads a whole-number attribute (a Start in milliseconds).
func attrInt(attrs, name string) (int64, bool) {
	v, ok := attr(attrs, name)
	if !ok {
		return 0, false
	}
	v = strings.TrimSuffix(strings.TrimSpace(v), "ms")
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || n > 1<<40 {
		return 0, false
	}
	return n, true
}

// asciiLower lowers ASCII letters only, so byte offsets stay the same.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

// lineCounter returns a function from byte offset to line number.
func lineCounter(text string) func(int) int {
	var starts []int
	starts = append(starts, 0)
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return func(off int) int {
		lo, hi := 0, len(starts)
		for lo+1 < hi {
			mid := (lo + hi) / 2
			if starts[mid] <= off {
				lo = mid
			} else {
				hi = mid
			}
		}
		return lo + 1
	}
}
