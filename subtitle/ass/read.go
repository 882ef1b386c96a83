package ass

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/subkit-dev/subkit/subtitle"
)

// Reading a script into a Document: fromScript applies each event's
// style and override blocks ({\i1}, {\an8}, {\c&H0000FF&}): a span
// carries the italic, bold, underline and colour in force at its text
// (the event's style, then the overrides), a cue the alignment ({\anN},
// {\aN} or the style's), a line the speaker (the event's Name) as voice.
// What no other format can hold (positions, moves, fades, karaoke,
// drawings, font changes) is counted in a warning, never dropped quietly.

// ssaState is the formatting in force at a point of an event's text.
type ssaState struct {
	italic, bold, underline bool
	color                   string // "" for the renderer's default (white)
	drawing                 bool   // \p1 and up: the text is vector drawing commands
}

// ssaStyle is a named style's formatting and alignment (keypad 1-9, 0 none).
type ssaStyle struct {
	state ssaState
	align int
}

// ssaDropped counts the override tags and other parts fromScript could not
// carry, by a description, with the line of the first.
type ssaDropped struct {
	count map[string]int
	first map[string]int
}

func (d *ssaDropped) add(what string, line int) {
	if d.count == nil {
		d.count, d.first = map[string]int{}, map[string]int{}
	}
	if d.count[what] == 0 {
		d.first[what] = line
	}
	d.count[what]++
}

func (d *ssaDropped) warnings() []subtitle.Warning {
	var out []subtitle.Warning
	for what, n := range d.count {
		msg := what + " dropped"
		if n > 1 {
			msg += fmt.Sprintf(" (%d times)", n)
		}
		out = append(out, subtitle.Warning{Line: d.first[what], Message: msg})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		return out[i].Message < out[j].Message
	})
	return out
}

// styleOf reads a style's formatting and alignment from its fields, the
// style line at line; a colour or alignment it cannot read is counted in
// dropped.
func styleOf(f map[string]string, legacy bool, dropped *ssaDropped, line int) ssaStyle {
	var st ssaStyle
	st.state.italic = flag(f["italic"])
	st.state.bold = boldFlag(f["bold"])
	st.state.underline = flag(f["underline"])
	if v := f["primarycolour"]; strings.TrimSpace(v) != "" {
		if c, ok := ssaColor(v); !ok {
			dropped.add("style colours it cannot read (PrimaryColour)", line)
		} else if c != "#ffffff" {
			st.state.color = c
		}
	}
	if v := strings.TrimSpace(f["alignment"]); v != "" {
		n, err := strconv.Atoi(v)
		if err == nil && legacy {
			n = legacyAlign(n)
		}
		if err == nil && n >= 1 && n <= 9 {
			st.align = n
		} else {
			dropped.add("style alignments it cannot read (Alignment)", line)
		}
	}
	return st
}

// boldFlag reads a style's Bold: -1 or 1 is bold, as is a font weight of
// 700 or more; 0 and lighter weights are not.
func boldFlag(s string) bool {
	v, err := strconv.Atoi(strings.TrimSpace(s))
	return err == nil && (v == 1 || v == -1 || v >= 700)
}

// legacyAlign turns SSA v4 alignment (1-3 bottom, 5-7 top, 9-11 middle)
// into keypad numbers.
func legacyAlign(n int) int {
	switch {
	case n >= 1 && n <= 3:
		return n
	case n >= 5 && n <= 7:
		return n + 2
	case n >= 9 && n <= 11:
		return n - 5
	}
	return 0
}

// fromScript makes a Document of a parsed script: each Dialogue a cue
// with its style and speaker, its override tags applied.
func fromScript(p *script, f subtitle.Format) (*subtitle.Document, []subtitle.Warning) {
	d := &subtitle.Document{Title: p.title}
	sc := &ssaScript{styles: map[string]ssaStyle{}}
	legacy := f == subtitle.SSA
	for i, st := range p.styles {
		name := st.fields["name"]
		name = strings.TrimPrefix(name, "*") // VSFilter's mark of a style it made itself
		sc.styles[name] = styleOf(st.fields, legacy, &sc.dropped, st.line)
		d.Styles = append(d.Styles, subtitle.Style{Name: name, Format: f, Text: styleText(st.fields, p, i == 0)})
	}
	for _, e := range p.events {
		c := subtitle.Cue{Start: e.start, End: e.end, Style: e.style}
		ev := ssaEvent{script: sc, cue: &c, line: e.line}
		base, ok := sc.styles[e.style]
		if !ok {
			base = sc.styles[strings.TrimPrefix(e.style, "*")]
		}
		ev.base = base
		c.Align = base.align
		ev.st = base.state
		ev.text(e.text, e.name)
		d.Cues = append(d.Cues, c)
	}
	ws := append(p.warnings, sc.dropped.warnings()...)
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].Line < ws[j].Line })
	return d, ws
}

// styleText is a style as a Document keeps it: a V4+ Style line, its
// fields in ASS's order whatever the script's, after the script's
// PlayResX and PlayResY lines (on the first style only), which its sizes
// are relative to.
func styleText(f map[string]string, p *script, first bool) string {
	var b strings.Builder
	if first && p.playResX != "" {
		b.WriteString("PlayResX: " + p.playResX + "\n")
	}
	if first && p.playResY != "" {
		b.WriteString("PlayResY: " + p.playResY + "\n")
	}
	b.WriteString("Style: ")
	for i, name := range assStyleFields {
		if i > 0 {
			b.WriteByte(',')
		}
		v, ok := f[strings.ToLower(name)]
		if !ok || v == "" {
			v = defaultStyle[name]
		}
		if name == "Alignment" && f["alignment"] != "" && p.legacy {
			if n, err := strconv.Atoi(v); err == nil {
				v = strconv.Itoa(legacyAlign(n))
			}
		}
		if name == "Name" {
			v = strings.TrimPrefix(v, "*")
		}
		b.WriteString(v)
	}
	return b.String()
}

// text reads an event's text into the cue's lines: override blocks
// applied, \N a line break, \n a space (a break only in WrapStyle 2,
// which subkit does not keep), \h a no-break space. A "{" with no "}"
// after it is text, as libass shows it.
func (ev *ssaEvent) text(s, voice string) {
	var line subtitle.Line
	var run strings.Builder
	flushRun := func() {
		if run.Len() == 0 {
			return
		}
		t := run.String()
		run.Reset()
		if ev.st.drawing {
			ev.script.dropped.add(`drawings (\p)`, ev.line)
			return
		}
		st := ev.st
		line = append(line, subtitle.Span{Text: t, Italic: st.italic, Bold: st.bold, Underline: st.underline, Color: st.color, Voice: voice})
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				run.WriteString(s[i:])
				i = len(s)
				continue
			}
			flushRun()
			ev.override(s[i : i+end+1])
			i += end
		case c == '\\' && i+1 < len(s) && s[i+1] == 'N':
			flushRun()
			if len(line) > 0 {
				ev.cue.Lines = append(ev.cue.Lines, line)
			}
			line = nil
			i++
		case c == '\\' && i+1 < len(s) && s[i+1] == 'n':
			run.WriteByte(' ')
			i++
		case c == '\\' && i+1 < len(s) && s[i+1] == 'h':
			run.WriteString("\u00a0")
			i++
		default:
			run.WriteByte(c)
		}
	}
	flushRun()
	if len(line) > 0 {
		ev.cue.Lines = append(ev.cue.Lines, line)
	}
}

// ssaScript is what fromScript knows of the whole script: its styles by
// name, and what it dropped.
type ssaScript struct {
	styles  map[string]ssaStyle
	dropped ssaDropped
}

// ssaEvent is one event being read: its style, the formatting in force,
// its cue, and whether an alignment tag has set the cue's (the first one
// in an event counts).
type ssaEvent struct {
	script   *ssaScript
	base     ssaStyle
	st       ssaState
	cue      *subtitle.Cue
	alignSet bool
	line     int
}

// override applies the override tags of one block ("{...}").
func (ev *ssaEvent) override(block string) {
	dropped := &ev.script.dropped
	inner := strings.TrimSuffix(strings.TrimPrefix(block, "{"), "}")
	if !strings.Contains(inner, `\`) {
		if strings.TrimSpace(inner) != "" {
			dropped.add("comments in braces", ev.line)
		}
		return
	}
	for _, tag := range splitSSATags(inner) {
		name, arg := ssaTagName(tag)
		switch name {
		case "i", "b", "u":
			on := arg != "" && arg != "0"
			if name == "b" {
				if w, err := strconv.Atoi(arg); err == nil && w > 1 {
					on = w >= 700 // a font weight
				}
			}
			switch name {
			case "i":
				ev.st.italic = on || arg == "" && ev.base.state.italic
			case "b":
				ev.st.bold = on || arg == "" && ev.base.state.bold
			case "u":
				ev.st.underline = on || arg == "" && ev.base.state.underline
			}
		case "c", "1c":
			if arg == "" {
				ev.st.color = ev.base.state.color
			} else if col, ok := ssaColor(arg); ok {
				ev.st.color = col
			} else {
				dropped.add(`colours it cannot read (\c)`, ev.line)
			}
		case "an", "a":
			n, err := strconv.Atoi(arg)
			if err == nil && name == "a" {
				n = legacyAlign(n)
			}
			if err != nil || n < 1 || n > 9 {
				dropped.add(`alignments it cannot read (\`+name+`)`, ev.line)
			} else if !ev.alignSet {
				ev.cue.Align, ev.alignSet = n, true
			}
		case "r":
			next := ev.base
			if s, ok := ev.script.styles[arg]; ok && arg != "" {
				next = s
			}
			ev.st = next.state
		case "p":
			n, _ := strconv.Atoi(arg)
			ev.st.drawing = n > 0
		case "":
		default:
			dropped.add(ssaTagWhat(name), ev.line)
		}
	}
}

// splitSSATags splits the inside of an override block into its tags,
// each without its backslash; a tag's parenthesised argument may hold
// backslashes (\t(\i1)).
func splitSSATags(s string) []string {
	var tags []string
	depth, start := 0, -1
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case '\\':
			if depth == 0 {
				if start >= 0 {
					tags = append(tags, strings.TrimSpace(s[start:i]))
				}
				start = i + 1
			}
		}
	}
	if start >= 0 {
		tags = append(tags, strings.TrimSpace(s[start:]))
	}
	return tags
}

// ssaTagNames are the override tags, longest first where one is the
// start of another.
var ssaTagNames = []string{
	"alpha", "blur", "bord", "clip", "fade", "move", "iclip", "xbord", "ybord", "xshad", "yshad",
	"shad", "fscx", "fscy", "frx", "fry", "frz", "fax", "fay", "fsp", "fad", "fn", "fs", "fr", "fe",
	"org", "pos", "pbo", "kf", "ko", "an", "be", "1c", "2c", "3c", "4c", "1a", "2a", "3a", "4a",
	"K", "k", "q", "t", "s", "i", "b", "u", "c", "a", "r", "p", "n", "N", "h",
}

// ssaTagName splits a tag into its name and argument.
func ssaTagName(tag string) (string, string) {
	for _, n := range ssaTagNames {
		if strings.HasPrefix(tag, n) {
			return n, strings.TrimSpace(tag[len(n):])
		}
	}
	return tag, ""
}

// ssaTagWhat describes a tag nothing else can carry, for a warning.
func ssaTagWhat(name string) string {
	what := map[string]string{
		"pos": "positions", "move": "moves", "org": "rotation origins", "fad": "fades", "fade": "fades",
		"k": "karaoke timings", "K": "karaoke timings", "kf": "karaoke timings", "ko": "karaoke timings",
		"fn": "font names", "fs": "font sizes", "t": "animations", "clip": "clips", "iclip": "clips",
		"frz": "rotations", "frx": "rotations", "fry": "rotations", "fr": "rotations",
		"s": "strike-through",
	}[name]
	if what == "" {
		what = "override tags"
	}
	return what + ` (\` + name + `)`
}

// ssaColor reads an ASS colour, &HBBGGRR& (alpha first when eight
// digits), as #rrggbb; a colour without &H is a decimal number, as SSA
// v4 styles write them.
func ssaColor(s string) (string, bool) {
	s = strings.TrimSpace(s)
	base := 16
	if s != "" && s[0] != '&' && s[0] != 'H' && s[0] != 'h' {
		base = 10
	}
	s = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(s, "&"), "H"), "&")
	s = strings.TrimPrefix(s, "h")
	if s == "" || len(s) > 10 || base == 16 && len(s) > 8 {
		return "", false
	}
	v, err := strconv.ParseInt(s, base, 64)
	if err != nil || v < -1<<31 || v > 1<<32-1 {
		return "", false
	}
	u := uint32(v)
	return fmt.Sprintf("#%02x%02x%02x", u&0xff, u>>8&0xff, u>>16&0xff), true
}
