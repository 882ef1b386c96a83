package ass

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
)

// A script is read a line at a time, as libass reads it: sections in
// brackets, "Key: value" lines inside them. [Script Info] gives the title
// and the play resolution; [V4+ Styles] (ASS) or [V4 Styles] (SSA) the
// styles, their fields named by the section's Format line; [Events] the
// Dialogue lines, their fields named by its Format line, the last (Text)
// taking the rest of the line, commas and all. Other sections ([Fonts],
// [Graphics], [Aegisub Project Garbage]) and Comment lines are skipped.
//
// A Dialogue line that cannot be read (a time that is not H:MM:SS.cc, too
// few fields) is skipped with a warning naming its line, as libass skips
// it; the rest of the script is read.

// assStyleFields are the fields of a V4+ style, in the order ASS writes
// them; the styles a Document keeps are in this order.
var assStyleFields = []string{"Name", "Fontname", "Fontsize", "PrimaryColour", "SecondaryColour", "OutlineColour",
	"BackColour", "Bold", "Italic", "Underline", "StrikeOut", "ScaleX", "ScaleY", "Spacing", "Angle",
	"BorderStyle", "Outline", "Shadow", "Alignment", "MarginL", "MarginR", "MarginV", "Encoding"}

// ssaStyleFields are the fields of an SSA v4 style.
var ssaStyleFields = []string{"Name", "Fontname", "Fontsize", "PrimaryColour", "SecondaryColour", "TertiaryColour",
	"BackColour", "Bold", "Italic", "BorderStyle", "Outline", "Shadow", "Alignment", "MarginL", "MarginR",
	"MarginV", "AlphaLevel", "Encoding"}

// The fields of an event.
var (
	assEventFields = []string{"Layer", "Start", "End", "Style", "Name", "MarginL", "MarginR", "MarginV", "Effect", "Text"}
	ssaEventFields = []string{"Marked", "Start", "End", "Style", "Name", "MarginL", "MarginR", "MarginV", "Effect", "Text"}
)

// script is a parsed script.
type script struct {
	title              string
	playResX, playResY string
	styles             []namedStyle
	events             []event
	warnings           []subtitle.Warning
	legacy             bool // SSA v4: its alignments are numbered otherwise
	hasEvents          bool // the script has an [Events] section
}

// namedStyle is a style line's fields by name (lower case), with the
// line it is on.
type namedStyle struct {
	fields map[string]string
	line   int
}

// event is a Dialogue line.
type event struct {
	line       int
	start, end time.Duration
	style      string
	name       string
	text       string
}

// cutLine cuts text at its first line end: "\r\n", "\n" or a lone "\r"
// (old Mac files), as libass does.
func cutLine(text string) (line, rest string) {
	i := strings.IndexAny(text, "\r\n")
	if i < 0 {
		return text, ""
	}
	if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
		return text[:i], text[i+2:]
	}
	return text[:i], text[i+1:]
}

// parseScript reads a script's sections. legacy is SSA: its styles and
// events have their own default Format lines.
func parseScript(text string, legacy bool) *script {
	sc := &script{legacy: legacy}
	section := ""
	styleFormat, eventFormat := assStyleFields, assEventFields
	if legacy {
		styleFormat, eventFormat = ssaStyleFields, ssaEventFields
	}
	n := 0
	for len(text) > 0 {
		n++
		var l string
		l, text = cutLine(text)
		l = strings.TrimSpace(l)
		if n == 1 {
			l = strings.TrimPrefix(l, "\ufeff")
		}
		if l == "" || l[0] == ';' || strings.HasPrefix(l, "!:") {
			continue
		}
		if l[0] == '[' && strings.HasSuffix(l, "]") {
			section = strings.ToLower(l)
			sc.hasEvents = sc.hasEvents || section == "[events]"
			continue
		}
		key, value, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		switch section {
		case "[script info]":
			switch strings.ToLower(key) {
			case "title":
				sc.title = value
			case "playresx":
				sc.playResX = value
			case "playresy":
				sc.playResY = value
			}
		case "[v4+ styles]", "[v4 styles]", "[v4 styles+]":
			switch strings.ToLower(key) {
			case "format":
				styleFormat = splitFormat(value)
			case "style":
				parts := splitFields(value, len(styleFormat))
				st := namedStyle{fields: map[string]string{}, line: n}
				for i, p := range parts {
					st.fields[strings.ToLower(styleFormat[i])] = strings.TrimSpace(p)
				}
				sc.styles = append(sc.styles, st)
			}
		case "[events]":
			switch strings.ToLower(key) {
			case "format":
				eventFormat = splitFormat(value)
			case "dialogue":
				ev, err := parseEvent(value, eventFormat, n)
				if err != nil {
					sc.warnings = append(sc.warnings, subtitle.Warning{Line: n, Message: "Dialogue line skipped: " + err.Error()})
					continue
				}
				sc.events = append(sc.events, ev)
			}
		}
	}
	return sc
}

// splitFormat splits a Format line into its field names.
func splitFormat(v string) []string {
	parts := strings.Split(v, ",")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return parts
}

// splitFields splits a line's value into at most n fields, the last
// taking the rest.
func splitFields(v string, n int) []string {
	if n < 1 {
		n = 1
	}
	return strings.SplitN(v, ",", n)
}

// parseEvent reads a Dialogue line's value by its Format.
func parseEvent(v string, format []string, line int) (event, error) {
	ev := event{line: line}
	parts := splitFields(v, len(format))
	if len(parts) < len(format) {
		return ev, fmt.Errorf("%d fields, the Format line names %d", len(parts), len(format))
	}
	seen := 0
	for i, name := range format {
		p := parts[i]
		switch strings.ToLower(name) {
		case "start", "end":
			t, ok := parseTime(strings.TrimSpace(p))
			if !ok {
				return ev, fmt.Errorf("%s time %q is not H:MM:SS.cc", name, strings.TrimSpace(p))
			}
			if strings.EqualFold(name, "start") {
				ev.start = t
			} else {
				ev.end = t
			}
			seen++
		case "style":
			ev.style = strings.TrimSpace(p)
		case "name", "actor":
			ev.name = strings.TrimSpace(p)
		case "text":
			ev.text = p
		}
	}
	if seen != 2 {
		return ev, fmt.Errorf("the Format line names no Start or End")
	}
	return ev, nil
}

// parseTime reads H:MM:SS.cc (any number of hour digits, one or more
// digits of fraction, as libass takes them).
func parseTime(s string) (time.Duration, bool) {
	h, rest, ok := strings.Cut(s, ":")
	if !ok {
		return 0, false
	}
	m, rest, ok := strings.Cut(rest, ":")
	if !ok {
		return 0, false
	}
	sec, frac, _ := strings.Cut(rest, ".")
	hv, ok1 := digits(h)
	mv, ok2 := digits(m)
	sv, ok3 := digits(sec)
	if !ok1 || !ok2 || !ok3 || strings.ContainsAny(frac, ":") {
		return 0, false
	}
	t := time.Duration(hv)*time.Hour + time.Duration(mv)*time.Minute + time.Duration(sv)*time.Second
	if frac != "" {
		fv, ok := digits(frac)
		if !ok {
			return 0, false
		}
		// Centiseconds as written; more digits are finer fractions.
		scale := time.Second
		for range len(frac) {
			scale /= 10
		}
		t += time.Duration(fv) * scale
	}
	return t, true
}

// digits reads a run of 1 to 9 ASCII digits.
func digits(s string) (int64, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	v, err := strconv.ParseUint(s, 10, 32)
	return int64(v), err == nil
}

// flag reads a style's Bold, Italic or Underline: any number but 0 is on,
// as libass reads it (-1 in files VSFilter wrote, 1 in many others).
func flag(s string) bool {
	v, err := strconv.Atoi(strings.TrimSpace(s))
	return err == nil && v != 0
}
