package microdvd

import (
	"bytes"
	"math/rand/v2"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/formattest"
)

func ms(n int64) time.Duration { return time.Duration(n) * time.Millisecond }

// TestReadHeader reads a file whose first line says 25 fps, with line and
// caption styles, a color, a "/" italic line and font codes it drops.
func TestReadHeader(t *testing.T) {
	d, info := formattest.Decode(t, "testdata/pl.sub", Format, subtitle.ReadOptions{})
	want := []subtitle.Cue{
		{Start: ms(1000), End: ms(3000), Lines: []subtitle.Line{{{Text: "Dzień dobry!", Italic: true}}, {{Text: "Czerwony", Color: "#ff0000"}}}},
		{Start: ms(4000), End: ms(6000), Lines: []subtitle.Line{{{Text: "Kursywa", Italic: true}}, {{Text: "zwykły"}}}},
		{Start: ms(8000), End: ms(10400), Lines: []subtitle.Line{{{Text: "bold both", Bold: true}}, {{Text: "lines", Bold: true}}}},
		{Start: ms(12000), End: ms(14000), Lines: subtitle.Text("font dropped")},
	}
	if !reflect.DeepEqual(d.Cues, want) {
		t.Fatalf("got  %+v\nwant %+v", d.Cues, want)
	}
	if w := info.Warnings; len(w) != 2 || w[0].Line != 5 || !strings.Contains(w[0].Message, "font") || !strings.Contains(w[1].Message, "size") {
		t.Errorf("warnings %v", w)
	}
	// --fps wins over the file, and says so.
	d, info = formattest.Decode(t, "testdata/pl.sub", Format, subtitle.ReadOptions{FPS: 50})
	if d.Cues[0].Start != ms(500) || len(info.Warnings) != 3 || !strings.Contains(info.Warnings[0].Message, "says 25 fps") {
		t.Errorf("--fps 50: start %v, warnings %v", d.Cues[0].Start, info.Warnings)
	}
}

// TestReadDefault: without a frame rate line, 23.976 fps; --fps changes it.
func TestReadDefault(t *testing.T) {
	d, _ := formattest.Decode(t, "testdata/nofps.sub", Format, subtitle.ReadOptions{})
	if got := []time.Duration{d.Cues[0].End, d.Cues[1].Start, d.Cues[2].End}; !reflect.DeepEqual(got, []time.Duration{ms(2002), ms(3003), ms(41708)}) {
		t.Errorf("at 23.976: %v", got)
	}
	d, _ = formattest.Decode(t, "testdata/nofps.sub", Format, subtitle.ReadOptions{FPS: 24})
	if d.Cues[0].End != ms(2000) {
		t.Errorf("at 24: %v", d.Cues[0].End)
	}
}

func TestReadProblems(t *testing.T) {
	d, ws, err := read("in.sub", "{10}{20}a\nnonsense\n{30}{}open end\n{40}{50}b\n{60}{}last\n", subtitle.ReadOptions{FPS: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Cues) != 4 || d.Cues[1].End != ms(4000) || d.Cues[3].End != ms(9000) || len(ws) != 2 || ws[0].Line != 2 || ws[1].Line != 5 {
		t.Fatalf("cues %+v warnings %v", d.Cues, ws)
	}
	_, _, err = read("in.sub", "Dialogue: hello\n", subtitle.ReadOptions{})
	formattest.SyntaxError(t, err, 1)
}

func TestWrite(t *testing.T) {
	d := &subtitle.Document{Cues: []subtitle.Cue{
		{Start: ms(1000), End: ms(2500), Lines: []subtitle.Line{{{Text: "all italic", Italic: true}}, {{Text: "red", Color: "#ff0000"}, {Text: " too", Color: "#ff0000"}}}},
		{Start: ms(3000), End: ms(4000), Lines: []subtitle.Line{{{Text: "a|b "}, {Text: "part", Bold: true}}, {{Text: "/not italic"}}}},
	}}
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, d, Format, subtitle.EncodeOptions{FPS: 25}); err != nil {
		t.Fatal(err)
	}
	want := "{1}{1}25\n{25}{63}{y:i}all italic|{c:$0000FF}red too\n{75}{100}a¦b part|\u200b/not italic\n"
	if buf.String() != want {
		t.Errorf("got  %q\nwant %q", buf.String(), want)
	}
	buf.Reset()
	subtitle.Encode(&buf, d, Format, subtitle.EncodeOptions{})
	if !strings.HasPrefix(buf.String(), "{1}{1}23.976\n{24}{60}") {
		t.Errorf("default rate: %q", buf.String())
	}
	if l := strings.Join(subtitle.Losses(d, Format), "; "); l != "bold in 1 cue; colors in 1 cue; italics in 1 cue" {
		t.Errorf("losses %q", l)
	}
}

// randomDoc makes captions with whole-line styles, which MicroDVD keeps.
func randomDoc(rng *rand.Rand) *subtitle.Document {
	words := []string{"hello", "大家好", "Zażółć", "a < b", "{x}", "(1)"}
	d := &subtitle.Document{}
	at := ms(rng.Int64N(10000))
	for i := 0; i < 1+rng.IntN(10); i++ {
		c := subtitle.Cue{Start: at, End: at + ms(100+rng.Int64N(5000))}
		for l := 0; l < 1+rng.IntN(2); l++ {
			c.Lines = append(c.Lines, subtitle.Line{{Text: words[rng.IntN(len(words))], Italic: rng.IntN(3) == 0, Bold: rng.IntN(4) == 0}})
		}
		d.Cues = append(d.Cues, c)
		at = c.End + ms(rng.Int64N(3600*1000))
	}
	return d
}

// TestRoundTrip: times come back within half a frame, text and whole-line
// styles exactly, and writing again gives the same bytes.
func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for n := 0; n < 200; n++ {
		d := randomDoc(rng)
		fps := []float64{23.976, 25, 29.97, 30000.0 / 1001}[n%4]
		var buf bytes.Buffer
		if err := subtitle.Encode(&buf, d, Format, subtitle.EncodeOptions{FPS: fps}); err != nil {
			t.Fatal(err)
		}
		back, ws, err := read("x.sub", buf.String(), subtitle.ReadOptions{})
		if err != nil || len(ws) > 0 {
			t.Fatalf("%v %v\n%s", err, ws, buf.String())
		}
		half := time.Duration(float64(time.Second)/fps/2) + time.Millisecond
		for i, c := range d.Cues {
			b := back.Cues[i]
			if (b.Start-c.Start).Abs() > half || (b.End-c.End).Abs() > half || !reflect.DeepEqual(b.Lines, c.Lines) {
				t.Fatalf("cue %d at %v fps: got %+v, want %+v", i, fps, b, c)
			}
		}
		var again bytes.Buffer
		subtitle.Encode(&again, back, Format, subtitle.EncodeOptions{FPS: fps})
		if again.String() != buf.String() {
			t.Fatalf("second write differs:\n%s\n%s", buf.String(), again.String())
		}
	}
}

// TestIndependentReaders gives our output and a hand-written file to
// ffmpeg's MicroDVD demuxer and to aeidon (Gaupol's library): both must
// read the times (to the millisecond ffmpeg rounds to) and the text.
func TestIndependentReaders(t *testing.T) {
	ours := formattest.WriteTemp(t, "ours.sub", randomDoc(rand.New(rand.NewPCG(9, 9))), Format, subtitle.EncodeOptions{FPS: 25})
	for _, file := range []string{ours, "testdata/pl.sub", "testdata/nofps.sub"} {
		want := formattest.Expected(t, file, Format)
		formattest.Agree(t, "ffmpeg", file, extcheck.FFmpeg(t, file, "microdvd"), want, 1)
		formattest.Agree(t, "aeidon", file, extcheck.Aeidon(t, "MICRODVD", DefaultFPS, file)[0], want, 1)
	}
}

// FuzzReadMicroDVD reads arbitrary text as MicroDVD: no panic, errors
// only as positioned ParseErrors; what is read writes, and writing what
// that reads back gives the same bytes.
func FuzzReadMicroDVD(f *testing.F) {
	formattest.AddFiles(f, "testdata/pl.sub", "testdata/nofps.sub")
	f.Add("{1}{1}29.97\r{0}{}/a|{Y:ub}{C:$00ff00}b{y:x}\n{5}{3}{P:1,2}{c:zz}|\n")
	f.Fuzz(func(t *testing.T, text string) {
		d, ok := formattest.Read(t, Format, "fuzz.sub", text)
		if !ok {
			return
		}
		var one, two bytes.Buffer
		if err := subtitle.Encode(&one, d, Format, subtitle.EncodeOptions{}); err != nil {
			if subtitle.Check(d) != nil {
				return
			}
			t.Fatal(err)
		}
		back, _, err := read("fuzz.sub", one.String(), subtitle.ReadOptions{})
		if err != nil {
			t.Fatalf("reading what was written: %v\n%q", err, one.String())
		}
		subtitle.Encode(&two, back, Format, subtitle.EncodeOptions{})
		if one.String() != two.String() {
			t.Fatalf("wrote %q\nthen %q", one.String(), two.String())
		}
	})
}

// TestColors: a line's color is read by csscolor, in any form CSS gives
// it, and written as {c:$BBGGRR}, which ffmpeg reads back; a transparent
// color or one that is none is not written. A {c:} code that is no color
// is a warning naming its line.
func TestColors(t *testing.T) {
	cases := []struct{ in, want string }{
		{"#ff0000", "0000FF"}, {"red", "0000FF"}, {"#F00", "0000FF"}, {"rgb(255,0,0)", "0000FF"},
		{"rgba(0,128,255,0.5)", "FF8000"}, {"DarkOrange", "008CFF"}, {"#0a141e", "1E140A"},
		{"transparent", ""}, {"nocolor", ""},
	}
	d := &subtitle.Document{}
	for i, c := range cases {
		at := ms(int64(2000*i + 1000))
		d.Cues = append(d.Cues, subtitle.Cue{Start: at, End: at + ms(1500), Lines: []subtitle.Line{{{Text: "line " + strconv.Itoa(i), Color: c.in}}}})
	}
	file := formattest.WriteTemp(t, "colors.sub", d, Format, subtitle.EncodeOptions{FPS: 25})
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")[1:]
	if len(lines) != len(cases) {
		t.Fatalf("%d lines:\n%s", len(lines), b)
	}
	for i, c := range cases {
		want := "line " + strconv.Itoa(i)
		if c.want != "" {
			want = "{c:$" + c.want + "}" + want
		}
		if !strings.HasSuffix(lines[i], "}"+want) {
			t.Errorf("%q written as %q, want %q", c.in, lines[i], want)
		}
	}
	ff := extcheck.FFmpeg(t, file, "microdvd")
	if len(ff) != len(cases) {
		t.Fatalf("ffmpeg read %d cues, want %d", len(ff), len(cases))
	}
	for i, c := range cases {
		want := ""
		if c.want != "" {
			want = "#" + strings.ToLower(c.want[4:6]+c.want[2:4]+c.want[0:2])
		}
		if got := extcheck.TextColors(ff[i].Raw); len(got) != 2 || got[1] != [2]string{strconv.Itoa(i), want} {
			t.Errorf("%q: ffmpeg reads %q (%q), want %q", c.in, got, ff[i].Raw, want)
		}
	}
}

func TestReadBadColor(t *testing.T) {
	d, ws, err := read("in.sub", "{10}{20}{c:$0000FF}red\n{30}{40}{c:zz}a\n{50}{60}{C:$12}b\n", subtitle.ReadOptions{FPS: 10})
	if err != nil || len(d.Cues) != 3 {
		t.Fatal(err, d)
	}
	if got := d.Cues[0].Lines[0][0]; got.Color != "#ff0000" || got.Text != "red" {
		t.Errorf("{c:$0000FF}red read as %+v", got)
	}
	if got := d.Cues[1].Lines[0][0]; got.Color != "" || got.Text != "a" {
		t.Errorf("{c:zz}a read as %+v", got)
	}
	if len(ws) != 1 || ws[0].Line != 2 || ws[0].Message != "{c:zz} is not a color ($BBGGRR): ignored (first here)" {
		t.Errorf("warnings %v", ws)
	}
}
