package srt

import (
	"strings"
	"testing"

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
