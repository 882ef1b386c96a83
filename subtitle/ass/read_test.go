package ass

import (
	"io"
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/subtitle"
)

const assHead = `[Script Info]
ScriptType: v4.00+

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Default,Arial,48,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,2,10,10,10,1
Style: Sign,Arial,48,&H0000FFFF,&H000000FF,&H00000000,&H00000000,-1,-1,0,0,100,100,0,0,1,2,2,8,10,10,10,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
`

// spanString shows a span's formatting: i, b, u, its color and voice.
func spanString(s subtitle.Span) string {
	var b strings.Builder
	for _, f := range []struct {
		on bool
		c  string
	}{{s.Italic, "i"}, {s.Bold, "b"}, {s.Underline, "u"}} {
		if f.on {
			b.WriteString(f.c)
		}
	}
	if s.Color != "" {
		b.WriteString(" " + s.Color)
	}
	if s.Voice != "" {
		b.WriteString(" @" + s.Voice)
	}
	return "[" + s.Text + "|" + strings.TrimSpace(b.String()) + "]"
}

func cueString(c subtitle.Cue) string {
	var parts []string
	for _, l := range c.Lines {
		var sp []string
		for _, s := range l {
			sp = append(sp, spanString(s))
		}
		parts = append(parts, strings.Join(sp, ""))
	}
	return strings.Join(parts, " / ")
}

// TestReadASSOverrides: styles and override tags become spans and
// alignment; what no format carries is a warning with the line.
func TestReadASSOverrides(t *testing.T) {
	script := assHead +
		`Dialogue: 0,0:00:01.00,0:00:02.50,Default,Ann,0,0,0,,Hello {\i1}world{\i0} and {\b1}bold{\b0}\Nsecond\hline
Dialogue: 0,0:00:03.00,0:00:04.00,Default,,0,0,0,,{\an8}Top {\u1\c&H0000FF&}red{\c}
Dialogue: 0,0:00:05.00,0:00:06.00,Sign,,0,0,0,,A sign {\rDefault}plain {\r}sign again
Dialogue: 0,0:00:07.00,0:00:08.00,Default,,0,0,0,,{\pos(400,570)\fad(200,200)}Positioned{TL note: a pun}
Dialogue: 0,0:00:09.00,0:00:10.00,Default,,0,0,0,,{\p1}m 0 0 l 100 0 100 100{\p0}Drawn{\b700}heavy{\b400}light
Dialogue: 0,0:00:11.00,0:00:12.00,Default,,0,0,0,,{\pos(1,2)\an7\an9}Twice
`
	d, ws, err := subtitle.ReadText("t.ass", script, subtitle.ASS)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		align int
		text  string
	}{
		{0, "[Hello |@Ann][world|i @Ann][ and |@Ann][bold|b @Ann] / [second\u00a0line|@Ann]"},
		{8, "[Top |][red|u #ff0000]"},
		{8, "[A sign |ib #ffff00][plain |][sign again|ib #ffff00]"},
		{0, "[Positioned|]"},
		{0, "[Drawn|][heavy|b][light|]"},
		{7, "[Twice|]"},
	}
	if len(d.Cues) != len(want) {
		t.Fatalf("%d cues, want %d", len(d.Cues), len(want))
	}
	for i, w := range want {
		// The Default style's alignment 2 is the usual bottom centre.
		align := d.Cues[i].Align
		if align == 2 {
			align = 0
		}
		if got := cueString(d.Cues[i]); got != w.text || align != w.align {
			t.Errorf("cue %d: %s align %d\n want %s align %d", i+1, got, d.Cues[i].Align, w.text, w.align)
		}
	}
	var got []string
	for _, w := range ws {
		got = append(got, w.String())
	}
	wantWs := []string{
		"line 14: comments in braces dropped",
		"line 14: fades (\\fad) dropped",
		"line 14: positions (\\pos) dropped (2 times)",
		"line 15: drawings (\\p) dropped",
	}
	if strings.Join(got, "\n") != strings.Join(wantWs, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantWs, "\n"))
	}
}

// SSA v4 numbers its alignments differently: 6 is top centre.
func TestReadSSALegacyAlignment(t *testing.T) {
	script := `[Script Info]
ScriptType: v4.00

[V4 Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, TertiaryColour, BackColour, Bold, Italic, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, AlphaLevel, Encoding
Style: Top,Arial,20,16777215,65535,65535,-2147483640,0,-1,1,1,0,6,30,30,10,0,0

[Events]
Format: Marked, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: Marked=0,0:00:01.00,0:00:02.00,Top,,0,0,0,,Up here
Dialogue: Marked=0,0:00:03.00,0:00:04.00,Top,,0,0,0,,{\a1}Down left
`
	d, _, err := subtitle.ReadText("t.ssa", script, subtitle.SSA)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Cues) != 2 || d.Cues[0].Align != 8 || d.Cues[1].Align != 1 || !d.Cues[0].Lines[0][0].Italic {
		t.Fatalf("cues %+v", d.Cues)
	}
}

func TestSSAColor(t *testing.T) {
	for in, want := range map[string]string{"&H0000FF&": "#ff0000", "&HFF0000&": "#0000ff", "&H8000FF00&": "#00ff00", "H00ffff": "#ffff00"} {
		if got, ok := ssaColor(in); !ok || got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
	for _, bad := range []string{"&HZZ&", "", "&H123456789&"} {
		if _, ok := ssaColor(bad); ok {
			t.Errorf("%q read as a color", bad)
		}
	}
}

// FuzzReadASS: any event text reads without a panic, and the document
// can be written in every text format.
func FuzzReadASS(f *testing.F) {
	f.Add(`{\i1}a{\i0}b\Nc`)
	f.Add(`{\an8\pos(1,2)\c&H0000FF&\b700}x{\r}y{\p1}m 0 0{\p0}z{comment}`)
	f.Add(`{\t(\i1)\1c&HFF&\a6}{\rNope}q\h`)
	f.Fuzz(func(t *testing.T, text string) {
		script := assHead + "Dialogue: 0,0:00:01.00,0:00:02.50,Default,Ann,0,0,0,," + text + "\n"
		d, _, err := subtitle.ReadText("f.ass", script, subtitle.ASS)
		if err != nil {
			return
		}
		for _, out := range subtitle.TextFormats() {
			if err := subtitle.Encode(io.Discard, d, out, subtitle.EncodeOptions{}); err != nil {
				t.Fatalf("%v: %v", out, err)
			}
		}
	})
}

// TestReadBadStyleFields: a style's colour or alignment the reader cannot
// read is dropped with a warning naming the style's line; an empty field
// is no colour or alignment, and not warned about.
func TestReadBadStyleFields(t *testing.T) {
	script := strings.Replace(strings.Replace(assHead, "&H0000FFFF,", "&Hzz&,", 1), ",8,10,10,10,1", ",x9,10,10,10,1", 1) +
		"Style: Empty,Arial,48,,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,,10,10,10,1\n" +
		"Dialogue: 0,0:00:01.00,0:00:02.00,Sign,,0,0,0,,sign\nDialogue: 0,0:00:03.00,0:00:04.00,Empty,,0,0,0,,empty\n"
	d, ws, err := subtitle.ReadText("t.ass", script, subtitle.ASS)
	if err != nil || len(d.Cues) != 2 {
		t.Fatal(err, d)
	}
	if c := d.Cues[0]; c.Lines[0][0].Color != "" || c.Align != 0 {
		t.Errorf("sign: color %q, align %d", c.Lines[0][0].Color, c.Align)
	}
	var got []string
	for _, w := range ws {
		got = append(got, w.String())
	}
	want := "line 7: style alignments it cannot read (Alignment) dropped; line 7: style colours it cannot read (PrimaryColour) dropped"
	if strings.Join(got, "; ") != want {
		t.Errorf("warnings %q, want %q", got, want)
	}
}
