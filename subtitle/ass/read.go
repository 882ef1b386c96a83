package ass

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	astisub "github.com/asticode/go-astisub"

	"github.com/subkit-dev/subkit/subtitle"
)

// go-astisub reads ASS and SSA events and styles but hands over the
// override blocks ({\i1}, {\an8}, {\c&H0000FF&}) as raw strings and
// leaves each event's style unapplied. fromSSA applies them: a span
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

// ssaDropped counts the override tags and other parts fromSSA could not
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

func styleFromAstisub(s *astisub.Style, legacy bool) ssaStyle {
	var st ssaStyle
	if s == nil || s.InlineStyle == nil {
		return st
	}
	a := s.InlineStyle
	st.state.italic = a.SSAItalic != nil && *a.SSAItalic
	st.state.bold = a.SSABold != nil && *a.SSABold
	st.state.underline = a.SSAUnderline != nil && *a.SSAUnderline
	if c := a.SSAPrimaryColour; c != nil && (c.Red != 255 || c.Green != 255 || c.Blue != 255) {
		st.state.color = c.HTMLString()
	}
	if a.SSAAlignment != nil {
		st.align = *a.SSAAlignment
		if legacy {
			st.align = legacyAlign(st.align)
		}
		if st.align < 1 || st.align > 9 {
			st.align = 0
		}
	}
	return st
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

// dialogueLines returns the line numbers of the Dialogue lines of an ASS or
// SSA script, in order: go-astisub keeps no positions.
func dialogueLines(text string) []int {
	var lines []int
	n := 0
	for len(text) > 0 {
		n++
		l, rest, _ := strings.Cut(text, "\n")
		text = rest
		if strings.HasPrefix(strings.TrimSpace(l), "Dialogue:") {
			lines = append(lines, n)
		}
	}
	return lines
}

// fromSSA is fromAstisub for ASS and SSA scripts (text is the script, for
// line numbers in warnings).
func fromSSA(s *astisub.Subtitles, text string, f subtitle.Format) (*subtitle.Document, []subtitle.Warning) {
	d := fromAstisub(s)
	sc := &ssaScript{styles: map[string]ssaStyle{}}
	for name, st := range s.Styles {
		sc.styles[name] = styleFromAstisub(st, f == subtitle.SSA)
	}
	lines := dialogueLines(text)
	if len(lines) != len(s.Items) {
		lines = nil
	}
	for i, it := range s.Items {
		ev := ssaEvent{script: sc, cue: &d.Cues[i]}
		if lines != nil {
			ev.line = lines[i]
		}
		if it.Style != nil {
			ev.base = sc.styles[it.Style.ID]
		}
		ev.cue.Lines = ev.cue.Lines[:0]
		ev.cue.Align = ev.base.align
		ev.st = ev.base.state
		for _, l := range it.Lines {
			var out subtitle.Line
			for _, li := range l.Items {
				if li.InlineStyle != nil && li.InlineStyle.SSAEffect != "" {
					ev.override(li.InlineStyle.SSAEffect)
				}
				if li.Text == "" {
					continue
				}
				if ev.st.drawing {
					sc.dropped.add(`drawings (\p)`, ev.line)
					continue
				}
				t := strings.ReplaceAll(li.Text, `\h`, "\u00a0")
				st := ev.st
				out = append(out, subtitle.Span{Text: t, Italic: st.italic, Bold: st.bold, Underline: st.underline, Color: st.color, Voice: l.VoiceName})
			}
			if len(out) > 0 {
				ev.cue.Lines = append(ev.cue.Lines, out)
			}
		}
	}
	return d, sc.dropped.warnings()
}

// ssaScript is what fromSSA knows of the whole script: its styles by
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
// digits), as #rrggbb.
func ssaColor(s string) (string, bool) {
	s = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(s, "&"), "H"), "&")
	s = strings.TrimPrefix(s, "h")
	if s == "" || len(s) > 8 {
		return "", false
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return "", false
	}
	return fmt.Sprintf("#%02x%02x%02x", v&0xff, v>>8&0xff, v>>16&0xff), true
}
