package align

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/audio"
	"github.com/subkit-dev/subkit/timing"
)

// CaptionTexts, given the features' length beforehand, gives the texts
// Captions asks the reference for, long lines cut into several captions
// included; for another length the cut may differ, and is then that of
// Captions for audio of that length.
func TestCaptionTexts(t *testing.T) {
	long := strings.Repeat("and then the committee met again to talk it over ", 6)
	lines := []timing.Line{{Text: "Hello there.", Num: 1}, {Text: long, Num: 2}, {Text: "The end.", Num: 3}}
	prof := timing.ProfileFor("en")
	to := timing.Options{Profile: prof, Rules: timing.DefaultRules(prof)}
	for _, seconds := range []float64{20, 60, 240} {
		f := audio.AnalyzeSamples(make([]float32, int(seconds*16000)), 16000)
		want, err := CaptionTexts(lines, to, f.Seconds())
		if err != nil {
			t.Fatal(err)
		}
		if len(want) < 4 {
			t.Fatalf("%v s: %d captions, want the long line cut: %q", seconds, len(want), want)
		}
		var got []string
		stop := errors.New("stop")
		_, _, err = Captions(lines, f, Options{Timing: to, Reference: func(texts []string) ([][]float32, error) {
			got = texts
			return nil, stop
		}})
		if !errors.Is(err, stop) {
			t.Fatalf("%v s: Captions: %v, want the reference's error", seconds, err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%v s: Captions spoke %q, CaptionTexts gave %q", seconds, got, want)
		}
	}
}
