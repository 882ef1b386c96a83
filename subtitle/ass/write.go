package ass

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/csscolor"
	"github.com/subkit-dev/subkit/subtitle/internal/textout"
)

// The writer writes what libass, VSFilter and Aegisub read: ASS as a
// v4.00+ script ([V4+ Styles], "Dialogue: 0,..."), SSA as a v4.00 one
// ([V4 Styles] with SSA's fields, decimal colours and alignments,
// "Dialogue: Marked=0,..."). Each has a Default style (white Arial at
// bottom centre, as ffmpeg writes it for a 384×288 play resolution) unless
// the document has one, then the document's ASS and SSA styles. A cue's
// lines are joined with \N, a hard break (\n is a space in most renderers);
// italic, bold, underline and colour are override tags where they differ
// from the cue's style, the placement {\anN} (SSA: {\aN}) where it differs;
// the style is the cue's when the document has it, and the speaker (the
// first voice of the cue) is the Name.

// defaultStyle is the Default style's fields, also used for fields a
// style read from a script lacks.
var defaultStyle = map[string]string{
	"Name": "Default", "Fontname": "Arial", "Fontsize": "16", "PrimaryColour": "&H00FFFFFF",
	"SecondaryColour": "&H000000FF", "OutlineColour": "&H00000000", "BackColour": "&H80000000",
	"Bold": "0", "Italic": "0", "Underline": "0", "StrikeOut": "0", "ScaleX": "100", "ScaleY": "100",
	"Spacing": "0", "Angle": "0", "BorderStyle": "1", "Outline": "1", "Shadow": "0", "Alignment": "2",
	"MarginL": "10", "MarginR": "10", "MarginV": "10", "Encoding": "1",
}

const (
	defaultPlayResX = 384
	defaultPlayResY = 288
)

// outStyle is a style to be written: its V4+ fields by name.
type outStyle struct {
	fields map[string]string
	state  ssaState
	align  int
}

func write(f subtitle.Format) func(w io.Writer, d *subtitle.Document, o subtitle.EncodeOptions) error {
	return func(w io.Writer, d *subtitle.Document, o subtitle.EncodeOptions) error {
		e := textout.New(w, o)
		legacy := f == subtitle.SSA
		styles, order, resX, resY := outStyles(d)

		e.Line("[Script Info]")
		e.Line("; Script written by subkit")
		if d.Title != "" {
			e.Line("Title: " + oneLine(d.Title))
		}
		if legacy {
			e.Line("ScriptType: v4.00")
		} else {
			e.Line("ScriptType: v4.00+")
			e.Line("WrapStyle: 0")
			e.Line("ScaledBorderAndShadow: yes")
		}
		e.Line("PlayResX: " + resX)
		e.Line("PlayResY: " + resY)
		e.Line("")

		if legacy {
			e.Line("[V4 Styles]")
			e.Line("Format: " + strings.Join(ssaStyleFields, ", "))
		} else {
			e.Line("[V4+ Styles]")
			e.Line("Format: " + strings.Join(assStyleFields, ", "))
		}
		for _, name := range order {
			e.Line("Style: " + styleLine(styles[name].fields, legacy))
		}
		e.Line("")

		e.Line("[Events]")
		if legacy {
			e.Line("Format: " + strings.Join(ssaEventFields, ", "))
		} else {
			e.Line("Format: " + strings.Join(assEventFields, ", "))
		}
		var b []byte
		for _, c := range d.Cues {
			style := "Default"
			if _, ok := styles[fieldSafe(c.Style)]; ok && c.Style != "" {
				style = fieldSafe(c.Style)
			}
			st := styles[style]
			if legacy {
				b = append(b[:0], "Dialogue: Marked=0,"...)
			} else {
				b = append(b[:0], "Dialogue: 0,"...)
			}
			b = appendTime(b, c.Start)
			b = append(b, ',')
			b = appendTime(b, c.End)
			b = append(b, ',')
			b = append(b, style...)
			b = append(b, ',')
			b = append(b, fieldSafe(voiceOf(c))...)
			b = append(b, ",0,0,0,,"...)
			b = appendText(b, c, st, legacy)
			e.LineBytes(b)
		}
		return e.Flush()
	}
}

// outStyles gathers the styles to write: Default, unless the document
// has a style of that name, then the document's ASS and SSA styles by
// name, first of a name winning. It returns them with their names in
// order and the play resolution their sizes are relative to.
func outStyles(d *subtitle.Document) (map[string]*outStyle, []string, string, string) {
	styles := map[string]*outStyle{}
	var order []string
	resX, resY := "", ""
	for _, s := range d.Styles {
		if s.Format != subtitle.ASS && s.Format != subtitle.SSA {
			continue
		}
		fields := map[string]string{}
		for _, l := range strings.Split(s.Text, "\n") {
			k, v, _ := strings.Cut(l, ":")
			v = strings.TrimSpace(v)
			switch strings.TrimSpace(k) {
			case "PlayResX":
				if resX == "" {
					resX = v
				}
			case "PlayResY":
				if resY == "" {
					resY = v
				}
			case "Style":
				for i, p := range strings.SplitN(v, ",", len(assStyleFields)) {
					fields[assStyleFields[i]] = strings.TrimSpace(p)
				}
			}
		}
		name := fieldSafe(fields["Name"])
		if name == "" {
			name = fieldSafe(s.Name)
		}
		if name == "" || styles[name] != nil {
			continue
		}
		for k, v := range defaultStyle {
			if fields[k] == "" {
				fields[k] = v
			}
		}
		fields["Name"] = name
		styles[name] = newOutStyle(fields)
		order = append(order, name)
	}
	if resX == "" || resY == "" {
		resX, resY = strconv.Itoa(defaultPlayResX), strconv.Itoa(defaultPlayResY)
	}
	if styles["Default"] == nil {
		fields := map[string]string{}
		for k, v := range defaultStyle {
			fields[k] = v
		}
		// The font size is for 288 lines: scale it to the play resolution.
		if y, err := strconv.Atoi(resY); err == nil && y > 0 && y != defaultPlayResY {
			fields["Fontsize"] = strconv.Itoa(max(1, 16*y/defaultPlayResY))
		}
		styles["Default"] = newOutStyle(fields)
		order = append([]string{"Default"}, order...)
	}
	return styles, order, resX, resY
}

func newOutStyle(fields map[string]string) *outStyle {
	lower := map[string]string{}
	for k, v := range fields {
		lower[strings.ToLower(k)] = v
	}
	st := styleOf(lower, false, &ssaDropped{}, 0) // the reader warned of what it could not read
	return &outStyle{fields: fields, state: st.state, align: st.align}
}

// styleLine writes a style's fields, in ASS's order or SSA's.
func styleLine(f map[string]string, legacy bool) string {
	names := assStyleFields
	if legacy {
		names = ssaStyleFields
	}
	parts := make([]string, len(names))
	for i, n := range names {
		v := f[n]
		if legacy {
			switch n {
			case "PrimaryColour", "SecondaryColour", "BackColour":
				v = decimalColour(v)
			case "TertiaryColour":
				v = decimalColour(f["OutlineColour"])
			case "Alignment":
				if a, err := strconv.Atoi(v); err == nil {
					v = strconv.Itoa(toLegacyAlign(a))
				}
			case "AlphaLevel":
				v = "0"
			case "Bold", "Italic":
				if boldFlag(v) && n == "Bold" || n == "Italic" && flag(v) {
					v = "-1"
				} else {
					v = "0"
				}
			}
		}
		parts[i] = v
	}
	return strings.Join(parts, ",")
}

// decimalColour writes an ASS colour as SSA v4 does, a decimal BGR number.
func decimalColour(s string) string {
	c, ok := ssaColor(s)
	if !ok {
		return "16777215"
	}
	v, _ := strconv.ParseUint(c[1:], 16, 32) // rrggbb
	r, g, b := v>>16&0xff, v>>8&0xff, v&0xff
	return strconv.FormatUint(b<<16|g<<8|r, 10)
}

// toLegacyAlign turns a keypad alignment into SSA v4's numbering.
func toLegacyAlign(n int) int {
	switch {
	case n >= 7 && n <= 9:
		return n - 2
	case n >= 4 && n <= 6:
		return n + 5
	}
	return n
}

// appendTime appends t as H:MM:SS.cc, rounded to the centisecond.
func appendTime(b []byte, t time.Duration) []byte {
	cs := (int64(t/time.Millisecond) + 5) / 10
	h := cs / 360000
	cs -= h * 360000
	m := cs / 6000
	cs -= m * 6000
	s := cs / 100
	cs -= s * 100
	b = strconv.AppendInt(b, h, 10)
	return append(b, ':', byte('0'+m/10), byte('0'+m%10), ':', byte('0'+s/10), byte('0'+s%10), '.',
		byte('0'+cs/10), byte('0'+cs%10))
}

// voiceOf is a cue's speaker: the first voice of its spans.
func voiceOf(c subtitle.Cue) string {
	for _, l := range c.Lines {
		for _, s := range l {
			if s.Voice != "" {
				return s.Voice
			}
		}
	}
	return ""
}

// fieldSafe makes s fit a field before Text: one line, no commas.
func fieldSafe(s string) string {
	return strings.TrimSpace(strings.NewReplacer(",", " ", "\n", " ", "\r", " ").Replace(s))
}

func oneLine(s string) string {
	return strings.TrimSpace(strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s))
}

// appendText appends a cue's text: lines joined with \N, override tags
// where a span's formatting differs from what is in force, the placement
// first where it differs from the style's.
func appendText(b []byte, c subtitle.Cue, st *outStyle, legacy bool) []byte {
	a, sa := textout.Placement(c), st.align
	if a < 1 || a > 9 {
		a = 2
	}
	if sa == 0 {
		sa = 2
	}
	if a != sa {
		if legacy {
			b = append(b, `{\a`...)
			b = strconv.AppendInt(b, int64(toLegacyAlign(a)), 10)
		} else {
			b = append(b, `{\an`...)
			b = strconv.AppendInt(b, int64(a), 10)
		}
		b = append(b, '}')
	}
	cur := st.state
	for i, l := range textout.Lines(c.Lines) {
		if i > 0 {
			b = append(b, `\N`...)
		}
		for _, sp := range l {
			var tags []byte
			if sp.Italic != cur.italic {
				tags = append(tags, `\i`...)
				tags = append(tags, bit(sp.Italic))
			}
			if sp.Bold != cur.bold {
				tags = append(tags, `\b`...)
				tags = append(tags, bit(sp.Bold))
			}
			if sp.Underline != cur.underline {
				tags = append(tags, `\u`...)
				tags = append(tags, bit(sp.Underline))
			}
			col := ""
			if bgr, ok := cssColor(sp.Color); ok {
				col = bgr
			}
			if col != assColourOf(cur.color) {
				if col == "" || col == assColourOf(st.state.color) {
					tags = append(tags, `\c`...)
					col = assColourOf(st.state.color)
					if col != "" {
						tags = append(tags, col...)
					}
				} else {
					tags = append(tags, `\c`...)
					tags = append(tags, col...)
				}
			}
			if len(tags) > 0 {
				b = append(b, '{')
				b = append(b, tags...)
				b = append(b, '}')
			}
			cur.italic, cur.bold, cur.underline = sp.Italic, sp.Bold, sp.Underline
			cur.color = cssOfASS(col)
			b = append(b, escapeText(textout.WithRuby(sp))...)
		}
	}
	return b
}

func bit(on bool) byte {
	if on {
		return '1'
	}
	return '0'
}

// escapeText keeps text from being read as markup: a backslash before N,
// n or h would be a break or a space, so a zero-width joiner goes between.
func escapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("Nnh", s[i+1]) >= 0 {
			b.WriteString("\u2060")
		}
	}
	return b.String()
}

// assColourOf is a #rrggbb colour as an ASS colour, "" for none.
func assColourOf(css string) string {
	if css == "" {
		return ""
	}
	c, _ := cssColor(css)
	return c
}

// cssOfASS is an ASS colour &HBBGGRR& as #rrggbb, "" for none.
func cssOfASS(c string) string {
	if c == "" {
		return ""
	}
	s, _ := ssaColor(c)
	return s
}

// cssColor turns a CSS colour (as csscolor reads it) into an ASS
// colour, &HBBGGRR&. Alpha is not written (ASS keeps it apart, \1a), so
// a fully transparent colour is not taken: it would show as opaque.
func cssColor(s string) (string, bool) {
	c, err := csscolor.Parse(s)
	if err != nil || c.A == 0 {
		return "", false
	}
	return fmt.Sprintf("&H%02X%02X%02X&", c.B, c.G, c.R), true
}
