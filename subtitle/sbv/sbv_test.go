package sbv

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/formattest"
)

func ms(n int64) time.Duration { return time.Duration(n) * time.Millisecond }

// TestReadYouTube reads a file shaped as YouTube's editor downloads it: a
// space at the end of a broken line, "[Music]", ">>" speaker changes,
// hours from one digit, no line end after the last line.
func TestReadYouTube(t *testing.T) {
	d, info := formattest.Decode(t, "testdata/youtube.sbv", Format, subtitle.ReadOptions{})
	if len(info.Warnings) > 0 {
		t.Fatalf("warnings %v", info.Warnings)
	}
	want := []subtitle.Cue{
		{Start: ms(480), End: ms(4020), Lines: subtitle.Text("welcome back everyone today we are going", "to look at caption formats")},
		{Start: ms(4020), End: ms(9300), Lines: subtitle.Text("[Music]")},
		{Start: ms(9300), End: ms(13500), Lines: subtitle.Text("so the first thing you notice is that", "every cue has two lines at most")},
		{Start: ms(3598900), End: ms(3602150), Lines: subtitle.Text(">> and it runs past the hour")},
		{Start: ms(3602150), End: ms(3602200), Lines: subtitle.Text("it's short")},
	}
	if !reflect.DeepEqual(d.Cues, want) {
		t.Fatalf("got  %+v\nwant %+v", d.Cues, want)
	}
	// Detected by content too, under another name.
	formattest.Detects(t, "testdata/youtube.sbv", Format)
}

func TestWrite(t *testing.T) {
	d := &subtitle.Document{Cues: []subtitle.Cue{
		{Start: ms(1500), End: ms(3000), Lines: []subtitle.Line{{{Text: "大家好，", Italic: true}, {Text: "这里是"}}, {{Text: " second "}}}},
		{Start: ms(36000000 + 61001), End: ms(36000000 + 62002), Lines: subtitle.Text("ten hours")},
	}}
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, d, Format, subtitle.EncodeOptions{CRLF: true}); err != nil {
		t.Fatal(err)
	}
	want := "0:00:01.500,0:00:03.000\r\n大家好，这里是\r\nsecond\r\n\r\n10:01:01.001,10:01:02.002\r\nten hours\r\n"
	if buf.String() != want {
		t.Errorf("got %q\nwant %q", buf.String(), want)
	}
	if l := strings.Join(subtitle.Losses(d, Format), "; "); l != "italics in 1 cue" {
		t.Errorf("losses %q", l)
	}
}

func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"hello", "大家好", "a, b", "0:00:01.000,0:00:02.000", "[Music]", ">>", "&amp;"}
	for n := 0; n < 200; n++ {
		d := &subtitle.Document{}
		at := ms(rng.Int64N(10000))
		for i := 0; i < 1+rng.IntN(10); i++ {
			c := subtitle.Cue{Start: at, End: at + ms(1+rng.Int64N(5000))}
			for l := 0; l < rng.IntN(3); l++ {
				c.Lines = append(c.Lines, subtitle.Line{{Text: words[rng.IntN(len(words))] + " " + words[rng.IntN(len(words))]}})
			}
			d.Cues = append(d.Cues, c)
			at = c.End + ms(rng.Int64N(100*3600*1000))
		}
		formattest.RoundTrip(t, d, Format, subtitle.EncodeOptions{})
	}
}

func TestBadInput(t *testing.T) {
	d, ws, err := read("in.sbv", "0:00:01.000,0:00:02.000\nok\n\n0:00:03.000;0:00:04.000\nlost?\n\n0:00:05.000,0:00:06.000\nlast\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Cues) != 2 || len(ws) != 1 || ws[0].Line != 4 || !strings.Contains(ws[0].Message, "block skipped") {
		t.Fatalf("cues %+v warnings %v", d.Cues, ws)
	}
	_, _, err = read("in.sbv", "hello\nworld\n")
	if pe := formattest.SyntaxError(t, err, 1); pe.File != "in.sbv" {
		t.Fatalf("error names %q", pe.File)
	}
	for _, bad := range []string{"0:0:01.000,0:00:02.000", "0:00:61.000,0:00:02.000", "0:00:01.0000,0:00:02.000", "0:00:01,0:00:02"} {
		if _, _, ok := parseTiming(bad); ok {
			t.Errorf("parseTiming(%q) ok", bad)
		}
	}
}

// FuzzReadSBV reads arbitrary text as SBV: no panic, errors only as
// positioned ParseErrors, and what is read writes back and reads back the
// same.
func FuzzReadSBV(f *testing.F) {
	formattest.AddFiles(f, "testdata/youtube.sbv")
	f.Add("0:00:01.000,0:00:02.000\r\na\rb\n\n\n0:00:03.5,0:00:04.25\n")
	f.Fuzz(func(t *testing.T, text string) {
		formattest.ReadWriteRead(t, Format, "fuzz.sbv", text)
	})
}
