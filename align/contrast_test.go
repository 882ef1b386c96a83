package align

import (
	"context"
	"math"
	"testing"

	"github.com/subkit-dev/subkit/audio"
	"github.com/subkit-dev/subkit/espeak"
	"github.com/subkit-dev/subkit/internal/extcheck"
)

// The references of the lines spoken fit in the order of their sounds far
// better than reversed ones searched the same way; those of lines never
// spoken, placed on the same recording where they fit best, no better.
func TestContrastRightAndWrongText(t *testing.T) {
	extcheck.RequireTool(t, "espeak-ng")
	spoken := []string{
		"The quick brown fox jumps over the lazy dog.",
		"Pack my box with five dozen liquor jugs.",
		"How vexingly quick daft zebras jump.",
		"Nobody expected the committee to approve the budget.",
	}
	other := []string{
		"Rain fell on the empty harbour all through the night.",
		"She sold the old bicycle to a neighbour for ten pounds.",
		"Every window in the library faced the river.",
		"The train to the coast leaves at half past seven.",
	}
	w, err := espeak.Speak(context.Background(), "en-us", spoken)
	if err != nil {
		t.Fatal(err)
	}
	x, _ := recording(espeak.Rate, w, []float64{1, 0.8, 1.2, 0.7, 1})
	addNoise(x, 20, 4)
	f := audio.AnalyzeSamples(x, espeak.Rate)
	contrast := func(texts []string) float64 {
		t.Helper()
		r, err := espeak.Speak(context.Background(), "en-us", texts)
		if err != nil {
			t.Fatal(err)
		}
		fits, err := Content(f, references(r), nil, ContentParams{Null: true})
		if err != nil {
			t.Fatal(err)
		}
		for i, ft := range fits {
			if math.IsNaN(ft.NullOrder) {
				t.Errorf("%q: line %d: no null order", texts[0], i+1)
			}
		}
		return Contrast(fits)
	}
	right, wrong := contrast(spoken), contrast(other)
	t.Logf("contrast: lines spoken %.3f, lines never spoken %.3f", right, wrong)
	if !(right > 0.3) {
		t.Errorf("lines spoken: contrast %.3f, want over 0.3", right)
	}
	if !(math.Abs(wrong) < 0.04) {
		t.Errorf("lines never spoken: contrast %.3f, want within 0.04 of 0", wrong)
	}
}
