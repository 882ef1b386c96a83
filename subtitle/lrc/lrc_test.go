package lrc

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/formattest"
)

func ms(n int64) time.Duration { return time.Duration(n) * time.Millisecond }

func timed(at int64, text string) subtitle.Span {
	return subtitle.Span{At: ms(at), Timed: true, Text: text}
}

// TestRead reads Chinese lyrics with ID tags, an offset, a repeated line,
// word times, an end marker, two lines at one time and a [length:].
func TestRead(t *testing.T) {
	d, info := formattest.Decode(t, "testdata/zh.lrc", Format, subtitle.ReadOptions{})
	if len(info.Warnings) > 0 {
		t.Fatalf("warnings %v", info.Warnings)
	}
	chorus := subtitle.Line{{Text: "副歌 "}, timed(5000, "重复 "), timed(5800, "的句子")}
	want := []subtitle.Cue{
		{Start: ms(1000), End: ms(4500), Lines: subtitle.Text("第一句歌词")},
		{Start: ms(4500), End: ms(7800), Lines: []subtitle.Line{chorus}},
		{Start: ms(10300), End: ms(13800), Lines: subtitle.Text("第三句", "second line")},
		{Start: ms(13800), End: ms(64500), Lines: subtitle.Text("最后一句")},
		{Start: ms(64500), End: ms(64500 + 5000), Lines: []subtitle.Line{chorus}},
	}
	if !reflect.DeepEqual(d.Cues, want) {
		t.Fatalf("got  %+v\nwant %+v", d.Cues, want)
	}
	if d.Title != "雨的印记" || len(d.Notes) != 3 || d.Notes[0].Text != "ar: 某歌手" {
		t.Errorf("title %q notes %+v", d.Title, d.Notes)
	}
	formattest.Detects(t, "testdata/zh.lrc", Format)
}

func TestLastLineLength(t *testing.T) {
	d, _, err := read("a.lrc", "[00:01.00]a\n[00:02.00]b\n[length: 03:00]\n")
	if err != nil {
		t.Fatal(err)
	}
	if d.Cues[1].End != ms(180000) {
		t.Errorf("last end %v, want [length:]", d.Cues[1].End)
	}
}

func TestWrite(t *testing.T) {
	d := &subtitle.Document{Title: "Song", Notes: []subtitle.Note{{Text: "ar: Someone"}, {Before: 1, Text: "not a tag\nat all"}}, Cues: []subtitle.Cue{
		{Start: ms(1000), End: ms(3000), Lines: []subtitle.Line{{{Text: "one "}, timed(2000, "two")}}},
		{Start: ms(3000), End: ms(4005), Lines: subtitle.Text("a", "b")},
		{Start: ms(6000), End: ms(620000), Lines: subtitle.Text("last")},
	}}
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, d, Format, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	want := "[ti:Song]\n[ar:Someone]\n[00:01.00]one <00:02.00>two\n[00:03.00]a\n[00:03.00]b\n[00:04.005]\n[00:06.00]last\n[10:20.00]\n"
	if buf.String() != want {
		t.Errorf("got  %q\nwant %q", buf.String(), want)
	}
	back, ws, err := read("x.lrc", buf.String())
	if err != nil || len(ws) > 0 {
		t.Fatal(err, ws)
	}
	if !reflect.DeepEqual(back.Cues, d.Cues) {
		t.Errorf("read back %+v", back.Cues)
	}
}

func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	words := []string{"hello", "大家好", "[x]", "a < b", "{y}", "歌"}
	for n := 0; n < 300; n++ {
		d := &subtitle.Document{}
		at := ms(rng.Int64N(10000))
		for i := 0; i < 1+rng.IntN(10); i++ {
			c := subtitle.Cue{Start: at, End: at + ms(1+rng.Int64N(5000))}
			for l := 0; l < 1+rng.IntN(2); l++ {
				line := subtitle.Line{{Text: words[rng.IntN(len(words))]}}
				if rng.IntN(2) == 0 {
					line = append(line, timed(int64(c.Start/time.Millisecond)+rng.Int64N(1000), " "+words[rng.IntN(len(words))]))
				}
				c.Lines = append(c.Lines, line)
			}
			d.Cues = append(d.Cues, c)
			at = c.End
			if rng.IntN(2) == 0 {
				at += ms(rng.Int64N(3600 * 1000))
			}
		}
		formattest.RoundTrip(t, d, Format, subtitle.EncodeOptions{})
	}
}

func TestBadInput(t *testing.T) {
	d, ws, err := read("in.lrc", "[00:01.00]a\nno time here\n[00:02.00]b\n[offset:soon]\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Cues) != 2 || len(ws) != 2 || ws[0].Line != 2 || ws[1].Line != 4 {
		t.Fatalf("cues %+v warnings %v", d.Cues, ws)
	}
	_, _, err = read("in.lrc", "just text\n")
	formattest.SyntaxError(t, err, 1)
}

// TestFFmpegReads gives ffmpeg's LRC demuxer our output and a file
// written by hand: it must read the same starts, ends and text. ffmpeg
// ends a line at the next timed line, as we do, but makes an empty cue of
// an end marker, a zero-length cue of each of two lines at one time, and
// ignores [offset:] and [length:]; those are evened out before comparing.
func TestFFmpegReads(t *testing.T) {
	d := &subtitle.Document{Title: "t", Cues: []subtitle.Cue{
		{Start: ms(1000), End: ms(2500), Lines: subtitle.Text("第一句")},
		{Start: ms(2500), End: ms(4010), Lines: []subtitle.Line{{{Text: "two "}, timed(3000, "words")}}},
		{Start: ms(6000), End: ms(7000), Lines: subtitle.Text("line a", "line b")},
		{Start: ms(61*60*1000 + 5), End: ms(61*60*1000 + 1000), Lines: subtitle.Text("an hour later")},
	}}
	ours := formattest.WriteTemp(t, "ours.lrc", d, Format, subtitle.EncodeOptions{})
	hand := filepath.Join(t.TempDir(), "hand.lrc")
	os.WriteFile(hand, []byte("[ar:x]\n[00:01.20]第一句歌词\n[00:04.70]副歌 <00:05.20>重复\n[00:08.00]\n[00:10.50]第三句\n[00:10.50]second line\n[00:14.00]最后一句\n[00:16.00]\n"), 0o644)
	for _, file := range []string{ours, hand} {
		formattest.Agree(t, "ffmpeg", file, mergeFFmpeg(extcheck.FFmpeg(t, file, "lrc")), formattest.Expected(t, file, Format), 0)
	}
}

// mergeFFmpeg drops ffmpeg's empty cues (our end markers) and joins the
// cues it reads from lines at one time into one.
func mergeFFmpeg(cues []extcheck.Cue) []extcheck.Cue {
	var out []extcheck.Cue
	for _, c := range cues {
		if c.Text == "" {
			continue
		}
		if n := len(out); n > 0 && out[n-1].StartMs == c.StartMs {
			out[n-1].Text += "\n" + c.Text
			out[n-1].EndMs = c.EndMs
			continue
		}
		out = append(out, c)
	}
	return out
}

// FuzzReadLRC reads arbitrary text as LRC: no panic, errors only as
// positioned ParseErrors, and what is read writes back and reads back the
// same.
func FuzzReadLRC(f *testing.F) {
	formattest.AddFiles(f, "testdata/zh.lrc")
	f.Add("[00:01.00]a <00:01.50>b\r[00:01:50][00:03]c\n[offset:-300]\n[length:1:00]\n")
	f.Fuzz(func(t *testing.T, text string) {
		formattest.ReadWriteRead(t, Format, "fuzz.lrc", text)
	})
}
