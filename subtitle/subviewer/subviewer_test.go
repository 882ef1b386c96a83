package subviewer

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/formattest"
)

func ms(n int64) time.Duration { return time.Duration(n) * time.Millisecond }

func TestRead(t *testing.T) {
	d, info := formattest.Decode(t, "testdata/de.sub", Format, subtitle.ReadOptions{})
	if len(info.Warnings) > 0 {
		t.Fatalf("warnings %v", info.Warnings)
	}
	want := []subtitle.Cue{
		{Start: ms(1500), End: ms(4000), Lines: subtitle.Text("Guten Tag.", "Wie geht's?")},
		{Start: ms(5250), End: ms(7000), Lines: subtitle.Text("Übersetzung")},
		{Start: ms(3723040), End: ms(3725990), Lines: subtitle.Text("最后", "一句")},
	}
	if !reflect.DeepEqual(d.Cues, want) || d.Title != "Ein Film" {
		t.Fatalf("title %q\ngot  %+v\nwant %+v", d.Title, d.Cues, want)
	}
	// A .sub is MicroDVD or SubViewer by its content.
	formattest.Detects(t, "testdata/de.sub", Format)
	if f := subtitle.Detect([]byte("00:00:01.00,00:00:02.00\nhi\n")); f != Format {
		t.Errorf("Detect without a header = %v", f)
	}
}

func TestReadProblems(t *testing.T) {
	d, ws, err := read("in.sub", "[INFORMATION]\n[DELAY]25\n[SUBTITLE]\n00:00:01.00,00:00:02.00\nA[BR]b\n\n00:00:03,00:00:04\nlost\n\n00:00:05.00,00:00:06.00\nlast\nsecond line\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Cues) != 2 || len(ws) != 2 || ws[0].Line != 2 || ws[1].Line != 7 || len(d.Cues[1].Lines) != 2 || len(d.Cues[0].Lines) != 2 {
		t.Fatalf("cues %+v warnings %v", d.Cues, ws)
	}
	_, _, err = read("in.sub", "{1}{2}microdvd\n")
	formattest.SyntaxError(t, err, 1)
}

func TestWrite(t *testing.T) {
	d := &subtitle.Document{Title: "A\ntitle", Cues: []subtitle.Cue{
		{Start: ms(1004), End: ms(2995), Lines: []subtitle.Line{{{Text: "one", Italic: true}}, {{Text: "two"}}}},
		{Start: ms(100*3600*1000 + 5), End: ms(100*3600*1000 + 1000), Lines: subtitle.Text("late")},
	}}
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, d, Format, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	want := "[INFORMATION]\n[TITLE]A title\n[AUTHOR]\n[SOURCE]\n[PRG]\n[FILEPATH]\n[DELAY]0\n[CD TRACK]0\n[COMMENT]\n[END INFORMATION]\n[SUBTITLE]\n[COLF]&HFFFFFF,[STYLE]no,[SIZE]18,[FONT]Arial\n" +
		"00:00:01.00,00:00:03.00\none[br]two\n\n100:00:00.01,100:00:01.00\nlate\n\n"
	if buf.String() != want {
		t.Errorf("got  %q\nwant %q", buf.String(), want)
	}
	if l := strings.Join(subtitle.Losses(d, Format), "; "); l != "italics in 1 cue" {
		t.Errorf("losses %q", l)
	}
}

func randomDoc(rng *rand.Rand) *subtitle.Document {
	words := []string{"hello", "大家好", "Grüße", "a, b", "[x]", "00:00:01.00"}
	d := &subtitle.Document{}
	at := ms(rng.Int64N(10000) * 10)
	for i := 0; i < 1+rng.IntN(10); i++ {
		c := subtitle.Cue{Start: at, End: at + ms(10+rng.Int64N(500)*10)}
		for l := 0; l < 1+rng.IntN(2); l++ {
			c.Lines = append(c.Lines, subtitle.Line{{Text: words[rng.IntN(len(words))] + " " + words[rng.IntN(len(words))]}})
		}
		d.Cues = append(d.Cues, c)
		at = c.End + ms(rng.Int64N(360000)*10)
	}
	return d
}

// TestRoundTrip: whole centiseconds come back exactly.
func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 3))
	for n := 0; n < 200; n++ {
		d := randomDoc(rng)
		formattest.RoundTrip(t, d, Format, subtitle.EncodeOptions{CRLF: n%2 == 0})
	}
}

// TestIndependentReaders: ffmpeg's SubViewer demuxer and aeidon read our
// output and a hand-written file as we do.
func TestIndependentReaders(t *testing.T) {
	ours := formattest.WriteTemp(t, "ours.sub", randomDoc(rand.New(rand.NewPCG(4, 4))), Format, subtitle.EncodeOptions{})
	files := []string{ours, "testdata/de.sub"}
	aeidon := extcheck.Aeidon(t, "SUBVIEWER2", 0, files...)
	for i, file := range files {
		want := formattest.Expected(t, file, Format)
		formattest.Agree(t, "ffmpeg", file, extcheck.FFmpeg(t, file, "subviewer"), want, 0)
		formattest.Agree(t, "aeidon", file, aeidon[i], want, 0)
	}
}

// FuzzReadSubViewer reads arbitrary text as SubViewer 2: no panic,
// errors only as positioned ParseErrors, and what is read writes back and
// reads back the same.
func FuzzReadSubViewer(f *testing.F) {
	formattest.AddFiles(f, "testdata/de.sub")
	f.Add("[SUBTITLE]\n00:00:01.00,00:00:02.00\na[Br]b[br]\r\nc\n\n99:59:59.99,100:00:00.00\n")
	f.Fuzz(func(t *testing.T, text string) {
		formattest.ReadWriteRead(t, Format, "fuzz.sub", text)
	})
}
