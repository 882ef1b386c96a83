package srt

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
)

// Text that SRT players read as codes is written as it is (SRT has no
// escape) and reported as a loss, once a kind, with its cue count.
func TestMisreadReported(t *testing.T) {
	cue := func(text string) subtitle.Cue {
		return subtitle.Cue{Lines: []subtitle.Line{{{Text: text}}}}
	}
	d := &subtitle.Document{Cues: []subtitle.Cue{
		cue(`saved to C:\new\home`),
		cue(`a hard\hspace`),
		cue(`set {\i1} by hand`),
		cue(`{Y:i} MicroDVD`),
		cue(`plain text, a lone \ and {braces}`),
		cue(`{y} and \x are no codes`),
		cue(`both: C:\new {\b1}`),
	}}
	got := strings.Join(subtitle.Losses(d, subtitle.SRT), "\n")
	for _, want := range []string{
		`text players read as codes (\N, \n, \h: a line break or a space) in 3 cues`,
		`text players hide as codes ({\...}, {Y:...}) in 3 cues`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("losses:\n%s\nwant a line %q", got, want)
		}
	}
	if n := strings.Count(got, "\n") + 1; got == "" || n != 2 {
		t.Errorf("losses:\n%s\nwant exactly 2 lines", got)
	}
	var b strings.Builder
	if err := subtitle.Encode(&b, d, subtitle.SRT, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `saved to C:\new\home`) {
		t.Errorf("the text is not written as it is:\n%s", b.String())
	}
}

// A line of text that the reader would take for a timing line is written
// with "->" for its "-->", and Losses says so: read back (by subkit and
// by ffmpeg), the cue keeps its place and all its lines.
func TestTimingLikeText(t *testing.T) {
	d := &subtitle.Document{Cues: []subtitle.Cue{
		{Start: time.Second, End: 2 * time.Second, Lines: []subtitle.Line{{{Text: "the log says"}}, {{Text: "00:00:05,000 --> 00:00:06,000"}}}},
		{Start: 3 * time.Second, End: 4 * time.Second, Lines: []subtitle.Line{{{Text: "00:00:07,000 -", Bold: true}, {Text: "-> 00:00:08,000"}}}},
		{Start: 5 * time.Second, End: 6 * time.Second, Lines: []subtitle.Line{{{Text: "a --> b is text"}}}},
	}}
	got := strings.Join(subtitle.Losses(d, subtitle.SRT), "\n")
	if want := `text lines that read as timing lines ("-->" written as "->") in 2 cues`; got != want {
		t.Errorf("losses:\n%s\nwant %q", got, want)
	}
	var b strings.Builder
	if err := subtitle.Encode(&b, d, subtitle.SRT, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	back, ws, err := readSRT("back.srt", b.String())
	if err != nil || len(back.Cues) != 3 {
		t.Fatalf("read back %d cues, %v, warnings %v:\n%s", len(back.Cues), err, ws, b.String())
	}
	wants := []string{"the log says\n00:00:05,000 -> 00:00:06,000", "00:00:07,000 -> 00:00:08,000", "a --> b is text"}
	for i, c := range back.Cues {
		if got := strings.Join(c.PlainLines(), "\n"); got != wants[i] {
			t.Errorf("cue %d reads back %q, want %q", i+1, got, wants[i])
		}
	}
	file := filepath.Join(t.TempDir(), "arrows.srt")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ff := extcheck.FFmpeg(t, file, "srt")
	if len(ff) != 3 {
		t.Fatalf("ffmpeg reads %d cues, want 3: %v", len(ff), ff)
	}
	for i, c := range ff {
		if got := extcheck.Plain(c.Text); got != wants[i] {
			t.Errorf("ffmpeg reads cue %d as %q, want %q", i+1, got, wants[i])
		}
	}
}
