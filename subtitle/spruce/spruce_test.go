package spruce

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/formattest"
	_ "github.com/subkit-dev/subkit/subtitle/stl"
)

func ms(n int64) time.Duration { return time.Duration(n) * time.Millisecond }

// TestRead reads a file with DVD Studio Pro's head of directives,
// styles, a placement change and 25 fps frames.
func TestRead(t *testing.T) {
	d, info := formattest.Decode(t, "testdata/dvdsp.stl", Format, subtitle.ReadOptions{})
	if len(info.Warnings) > 0 {
		t.Fatalf("warnings %v", info.Warnings)
	}
	want := []subtitle.Cue{
		{Start: ms(1000), End: ms(3480), Lines: subtitle.Text("Bonjour à tous,", "bienvenue.")},
		{Start: ms(4000), End: ms(5960), Lines: []subtitle.Line{{{Text: "En italique", Italic: true}, {Text: " et normal"}}}},
		{Start: ms(6200), End: ms(8000), Align: 8, Lines: []subtitle.Line{{{Text: "En haut", Bold: true}}}},
		{Start: ms(3723160), End: ms(3725000), Lines: subtitle.Text("Fin 2^3")},
	}
	if !reflect.DeepEqual(d.Cues, want) {
		t.Fatalf("got  %+v\nwant %+v", d.Cues, want)
	}
}

// TestTellsEBU: a .stl file is EBU STL or Spruce STL by its content.
func TestTellsEBU(t *testing.T) {
	ebu := make([]byte, 1024+128)
	copy(ebu, "850STL25.01")
	for i := 11; i < 1024; i++ {
		ebu[i] = ' '
	}
	if f := subtitle.Detect(ebu); f != subtitle.STL {
		t.Errorf("EBU STL detected as %v", f)
	}
	formattest.Detects(t, "testdata/dvdsp.stl", Format)
	_, info, _ := subtitle.Prepare("x.stl", ebu, subtitle.ReadOptions{})
	if info.Format != subtitle.STL {
		t.Errorf("x.stl of EBU bytes prepared as %v", info.Format)
	}
}

func TestReadProblems(t *testing.T) {
	d, ws, err := read("in.stl", "$VertAlign = Center\n$HorzAlign = Left\n00:00:01:00 , 00:00:02:00 , a\n00:00:03:25 , 00:00:04:00 , bad frame\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Cues) != 1 || d.Cues[0].Align != 4 || len(ws) != 1 || ws[0].Line != 4 {
		t.Fatalf("cues %+v warnings %v", d.Cues, ws)
	}
	_, _, err = read("in.stl", "hello\n")
	formattest.SyntaxError(t, err, 1)
}

func TestWrite(t *testing.T) {
	d := &subtitle.Document{Cues: []subtitle.Cue{
		{Start: ms(1019), End: ms(2021), Lines: []subtitle.Line{{{Text: "a|b ^Ix", Italic: true}, {Text: " plain"}}, {{Text: "bold", Bold: true}}}},
		{Start: ms(3000), End: ms(4000), Align: 7, Lines: subtitle.Text("top left")},
		{Start: ms(5000), End: ms(6000), Lines: subtitle.Text("back")},
	}}
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, d, Format, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	_, body, _ := strings.Cut(buf.String(), "//Subtitles\n")
	want := "00:00:01:00 , 00:00:02:01 , ^Ia¦b ˆIx^I plain|^Bbold^B\n$HorzAlign      = Left\n$VertAlign      = Top\n00:00:03:00 , 00:00:04:00 , top left\n$HorzAlign      = Center\n$VertAlign      = Bottom\n00:00:05:00 , 00:00:06:00 , back\n"
	if body != want {
		t.Errorf("got  %q\nwant %q", body, want)
	}
}

func randomDoc(rng *rand.Rand) *subtitle.Document {
	words := []string{"hello", "大家好", "à, b", "2^3", "(x)"}
	d := &subtitle.Document{}
	at := ms(rng.Int64N(1000) * 40)
	for i := 0; i < 1+rng.IntN(10); i++ {
		c := subtitle.Cue{Start: at, End: at + ms(40+rng.Int64N(200)*40), Align: []int{0, 0, 8, 4, 9}[rng.IntN(5)]}
		for l := 0; l < 1+rng.IntN(2); l++ {
			var line subtitle.Line
			for k := 0; k < 1+rng.IntN(3); k++ {
				s := subtitle.Span{Text: words[rng.IntN(len(words))], Italic: rng.IntN(3) == 0, Bold: rng.IntN(4) == 0, Underline: rng.IntN(5) == 0}
				if n := len(line); n > 0 && line[n-1].Italic == s.Italic && line[n-1].Bold == s.Bold && line[n-1].Underline == s.Underline {
					line[n-1].Text += " " + s.Text
					continue
				}
				line = append(line, s)
			}
			c.Lines = append(c.Lines, line)
		}
		d.Cues = append(d.Cues, c)
		at = c.End + ms(rng.Int64N(90000)*40)
	}
	return d
}

// TestRoundTrip: whole frames, styles and placement come back exactly.
func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for n := 0; n < 200; n++ {
		d := randomDoc(rng)
		formattest.RoundTrip(t, d, Format, subtitle.EncodeOptions{})
	}
}

var spruceCodes = regexp.MustCompile(`\^[IBUibu]`)

// TestFFmpegReads: ffmpeg's Spruce STL demuxer reads the same timecode
// fields and text from our output and from a DVD Studio Pro style file.
// ffmpeg takes the last field for centiseconds where DVD Studio Pro and
// subkit take 25 fps frames (ffmpeg shows 00:00:03:12 at 3.120 s, subkit
// at 3.480 s), so its times are turned back into fields before comparing;
// it keeps ^I, ^B, ^U as text, which is dropped.
func TestFFmpegReads(t *testing.T) {
	ours := formattest.WriteTemp(t, "ours.stl", randomDoc(rand.New(rand.NewPCG(5, 5))), Format, subtitle.EncodeOptions{})
	asFrames := func(ms int64) int64 { // ffmpeg's centiseconds as the frame field they came from, at 25 fps
		return ms/1000*1000 + (ms%1000)/10*40
	}
	for _, file := range []string{ours, "testdata/dvdsp.stl"} {
		var got []extcheck.Cue
		for _, c := range extcheck.FFmpeg(t, file, "stl") {
			c.StartMs, c.EndMs = asFrames(c.StartMs), asFrames(c.EndMs)
			c.Text = spruceCodes.ReplaceAllString(c.Text, "")
			got = append(got, c)
		}
		formattest.Agree(t, "ffmpeg", file, got, formattest.Expected(t, file, Format), 0)
	}
}

// FuzzReadSpruce reads arbitrary text as Spruce STL: no panic, errors
// only as positioned ParseErrors, and what is read writes back and reads
// back the same.
func FuzzReadSpruce(f *testing.F) {
	formattest.AddFiles(f, "testdata/dvdsp.stl")
	f.Add("$Italic = TRUE\r\n00:00:01:00,00:00:02:00,^ia|^b^Ub^\n$HorzAlign = right\n$VertAlign = center\n100:00:00:24 , 00:00:00:00 , x")
	f.Fuzz(func(t *testing.T, text string) {
		formattest.ReadWriteRead(t, Format, "fuzz.stl", text)
	})
}

// TestReadBadAlign: a $HorzAlign or $VertAlign value that is none of the
// three is read as Center or Bottom, with a warning naming its line.
func TestReadBadAlign(t *testing.T) {
	d, ws, err := read("in.stl", "$VertAlign = Middle\n$HorzAlign = Centre\n00:00:01:00 , 00:00:02:00 , a\n")
	if err != nil || len(d.Cues) != 1 || d.Cues[0].Align != 0 {
		t.Fatal(err, d)
	}
	var got []string
	for _, w := range ws {
		got = append(got, w.String())
	}
	want := `line 1: $VertAlign "Middle" is not Bottom, Center or Top: read as Bottom; line 2: $HorzAlign "Centre" is not Left, Center or Right: read as Center`
	if strings.Join(got, "; ") != want {
		t.Errorf("warnings %q, want %q", got, want)
	}
}
