package ass

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/formattest"
)

// Styles with Bold and Italic set to 1 (not only -1) are bold and italic,
// as libass reads them; a weight under 700 is not bold.
func TestReadStyleFlagsAnyNonZero(t *testing.T) {
	script := strings.Replace(assHead, "Style: Default,Arial,48,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0",
		"Style: Default,Arial,48,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,1,1,1,0", 1) +
		"Style: Light,Arial,48,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,400,0,0,0,100,100,0,0,1,2,2,2,10,10,10,1\n" +
		"Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,Styled\n" +
		"Dialogue: 0,0:00:03.00,0:00:04.00,Light,,0,0,0,,Plain\n"
	d, _, err := subtitle.ReadText("t.ass", script, subtitle.ASS)
	if err != nil {
		t.Fatal(err)
	}
	if got := cueString(d.Cues[0]); got != "[Styled|ibu]" {
		t.Errorf("Bold,Italic,Underline = 1: %s", got)
	}
	if got := cueString(d.Cues[1]); got != "[Plain|]" {
		t.Errorf("Bold = 400: %s", got)
	}
}

// An override block left open before another ({\fad(0,300){\org…}Hi) is
// markup up to the first "}", as libass reads it, not text; a "{" with no
// "}" after it is text.
func TestReadUnclosedOverride(t *testing.T) {
	script := assHead +
		"Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,{\\fad(0,300){\\org(10,10)}Hi\n" +
		"Dialogue: 0,0:00:03.00,0:00:04.00,Default,,0,0,0,,Open {brace\n"
	d, _, err := subtitle.ReadText("t.ass", script, subtitle.ASS)
	if err != nil {
		t.Fatal(err)
	}
	if got := cueString(d.Cues[0]); got != "[Hi|]" {
		t.Errorf("unclosed block: %s", got)
	}
	if got := cueString(d.Cues[1]); got != "[Open {brace|]" {
		t.Errorf("lone brace: %s", got)
	}
}

// One bad Dialogue line (a time with a colon for the dot) is skipped with
// a warning naming its line; the others are read. A script whose every
// Dialogue line is bad is an error.
func TestReadBadDialogueSkipped(t *testing.T) {
	script := assHead +
		"Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,Before\n" +
		"Dialogue: 0,0:00:04:56,0:00:05.00,Default,,0,0,0,,Bad time\n" +
		"Dialogue: 0,0:00:06.00\n" +
		"Dialogue: 0,0:00:07.00,0:00:08.00,Default,,0,0,0,,After\n"
	d, ws, err := subtitle.ReadText("t.ass", script, subtitle.ASS)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Cues) != 2 || d.Cues[0].PlainLines()[0] != "Before" || d.Cues[1].PlainLines()[0] != "After" {
		t.Fatalf("cues %+v", d.Cues)
	}
	var got []string
	for _, w := range ws {
		got = append(got, w.String())
	}
	want := `line 12: Dialogue line skipped: Start time "0:00:04:56" is not H:MM:SS.cc` + "\n" +
		`line 13: Dialogue line skipped: 2 fields, the Format line names 10`
	if strings.Join(got, "\n") != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}

	bad := assHead + "Dialogue: 0,0:00:04:56,0:00:05.00,Default,,0,0,0,,Bad\n"
	_, _, err = subtitle.ReadText("bad.ass", bad, subtitle.ASS)
	if err == nil || !strings.Contains(err.Error(), "bad.ass:11:") || strings.Contains(err.Error(), "astisub") {
		t.Errorf("all lines bad: err %v", err)
	}
}

// An SSA script with an AlphaLevel go-astisub could not read (&HFF) and
// no Format line in its events reads with SSA's default fields.
func TestReadSSAOddStyle(t *testing.T) {
	script := "[Script Info]\nScriptType: v4.00\n\n[V4 Styles]\n" +
		"Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, TertiaryColour, BackColour, Bold, Italic, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, AlphaLevel, Encoding\n" +
		"Style: Default,Arial,20,255,65535,65535,-2147483640,1,0,1,1,0,2,30,30,10,&HFF,0\n\n" +
		"[Events]\nDialogue: Marked=0,0:00:01.00,0:00:02.00,Default,Bob,0000,0000,0000,,Red and bold, with a comma\n"
	d, ws, err := subtitle.ReadText("t.ssa", script, subtitle.SSA)
	if err != nil || len(ws) > 0 {
		t.Fatal(err, ws)
	}
	if got := cueString(d.Cues[0]); got != "[Red and bold, with a comma|b #ff0000 @Bob]" {
		t.Errorf("got %s", got)
	}
}

// ASS to ASS keeps each cue's style and speaker, and the styles
// themselves; ASS and SSA outputs differ as their formats do.
func TestWriteKeepsStylesAndNames(t *testing.T) {
	script := assHead +
		"Dialogue: 0,0:00:01.00,0:00:02.00,Sign,Narrator,0,0,0,,A sign\n" +
		"Dialogue: 0,0:00:03.00,0:00:04.00,Default,Ann,0,0,0,,Hello\n"
	d, _, err := subtitle.ReadText("t.ass", script, subtitle.ASS)
	if err != nil {
		t.Fatal(err)
	}
	var a, s bytes.Buffer
	if err := subtitle.Encode(&a, d, subtitle.ASS, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := subtitle.Encode(&s, d, subtitle.SSA, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"ScriptType: v4.00+", "[V4+ Styles]",
		"Style: Default,Arial,48,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,2,10,10,10,1",
		"Style: Sign,Arial,48,&H0000FFFF,&H000000FF,&H00000000,&H00000000,-1,-1,0,0,100,100,0,0,1,2,2,8,10,10,10,1",
		"Dialogue: 0,0:00:01.00,0:00:02.00,Sign,Narrator,0,0,0,,A sign\n",
		"Dialogue: 0,0:00:03.00,0:00:04.00,Default,Ann,0,0,0,,Hello\n",
	} {
		if !strings.Contains(a.String(), want) {
			t.Errorf("ASS output lacks %q:\n%s", want, a.String())
		}
	}
	for _, want := range []string{
		"ScriptType: v4.00\n", "[V4 Styles]",
		"Style: Sign,Arial,48,65535,255,0,0,-1,-1,1,2,2,6,10,10,10,0,1",
		"Dialogue: Marked=0,0:00:01.00,0:00:02.00,Sign,Narrator,0,0,0,,A sign\n",
	} {
		if !strings.Contains(s.String(), want) {
			t.Errorf("SSA output lacks %q:\n%s", want, s.String())
		}
	}
	// Read back, both keep style, speaker and placement.
	for f, out := range map[subtitle.Format]string{subtitle.ASS: a.String(), subtitle.SSA: s.String()} {
		back, ws, err := subtitle.ReadText("back", out, f)
		if err != nil || len(ws) > 0 {
			t.Fatalf("%v: %v %v", f, err, ws)
		}
		c := back.Cues[0]
		if c.Style != "Sign" || c.Align != 8 || cueString(c) != "[A sign|ib #ffff00 @Narrator]" {
			t.Errorf("%v read back: style %q align %d %s", f, c.Style, c.Align, cueString(c))
		}
	}
	// libass puts the Sign style's cue at the top from the style alone.
	frames := renderLibass(t, a.Bytes(), ".ass", 2)
	if b := frames[1].bands(); len(b) != 1 || b[0][0] > 288/2 {
		t.Errorf("Sign cue rendered at rows %v, want one line at the top", b)
	}
}

// FuzzReadScript: any script reads without a panic, as ASS and as SSA,
// and what the writer makes of it reads back with as many cues.
func FuzzReadScript(f *testing.F) {
	f.Add(assHead + "Dialogue: 0,0:00:01.00,0:00:02.50,Default,Ann,0,0,0,,{\\i1}a{\\i0}b\\Nc\n")
	f.Add("[Script Info]\nScriptType: v4.00\n[V4 Styles]\nStyle: A,Arial,20,255,0,0,0,1,0,1,1,0,6,30,30,10,&HFF,0\n[Events]\nDialogue: Marked=0,0:00:01.00,0:00:02.00,A,,0,0,0,,x{y\n")
	f.Add("[Events]\nFormat: Start, Text, End\nDialogue: 1:2:3.4,{\\fad(0,300){\\org(1,2)}Hi, there,0:0:5.000\n")
	formattest.AddFiles(f, "testdata/cr.ssa")
	f.Fuzz(func(t *testing.T, text string) {
		for _, in := range []subtitle.Format{subtitle.ASS, subtitle.SSA} {
			d, _, err := subtitle.ReadText("f", text, in)
			if err != nil {
				continue
			}
			for _, out := range []subtitle.Format{subtitle.ASS, subtitle.SSA} {
				var buf bytes.Buffer
				if err := subtitle.Encode(&buf, d, out, subtitle.EncodeOptions{}); err != nil {
					continue // negative times, which Encode refuses
				}
				back, _, err := subtitle.ReadText("back", buf.String(), out)
				if err != nil {
					t.Fatalf("%v → %v: output does not read: %v\n%s", in, out, err, buf.String())
				}
				if len(back.Cues) != len(d.Cues) {
					t.Fatalf("%v → %v: %d cues read back, %d written\n%s", in, out, len(back.Cues), len(d.Cues), buf.String())
				}
			}
		}
	})
}

// TestReadCROnlyLines: a script whose lines end in a lone "\r" (as old Mac
// tools wrote them) reads line by line, as libass reads it, with each
// event's line counted.
func TestReadCROnlyLines(t *testing.T) {
	d, _ := formattest.Decode(t, "testdata/cr.ssa", subtitle.SSA, subtitle.ReadOptions{})
	want := []string{"[First line|] / [second line|]", "[Next|i @Bob][ cue|@Bob]"}
	if len(d.Cues) != len(want) {
		t.Fatalf("%d cues, want %d", len(d.Cues), len(want))
	}
	for i, c := range d.Cues {
		if got := cueString(c); got != want[i] {
			t.Errorf("cue %d: %s, want %s", i+1, got, want[i])
		}
	}
	if d.Cues[1].Start != 4*time.Second || d.Cues[1].End != 6*time.Second {
		t.Errorf("cue 2 at %v–%v, want 4s–6s", d.Cues[1].Start, d.Cues[1].End)
	}
	b, err := os.ReadFile("testdata/cr.ssa")
	if err != nil {
		t.Fatal(err)
	}
	_, _, src, err := subtitle.ReadTextSources("testdata/cr.ssa", string(b), subtitle.SSA)
	if err != nil {
		t.Fatal(err)
	}
	if len(src) != 2 || src[0].Line != 12 || src[1].Line != 13 {
		t.Errorf("Dialogue lines %+v, want 12 and 13", src)
	}
}
