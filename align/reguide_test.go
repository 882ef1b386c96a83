package align

import (
	"math"
	"testing"

	"github.com/subkit-dev/subkit/audio"
)

// A guide that drifted 60 s late over the middle units is brought back
// between the two sure units around them, the middle units spread by the
// length of their references; units outside the anchors keep the old
// guide moved by the nearest anchor's offset.
func TestReguide(t *testing.T) {
	ref := func(frames int) []float32 { return make([]float32, frames*audio.MelBands) }
	refs := [][]float32{ref(100), ref(100), ref(100), ref(300), ref(100), ref(100)}
	old := [][2]float64{{0, 1}, {10, 11}, {80, 81}, {90, 93}, {100, 101}, {110, 111}}
	fits := []Fit{
		{Start: 0.5, End: 1.5, Confidence: 0.2},
		{Start: 10, End: 11, Confidence: 0.9},  // anchor
		{Start: 70, End: 71, Confidence: 0.1},  // lost: the band was around 80
		{Start: 80, End: 83, Confidence: 0.05}, // lost
		{Start: 19, End: 20, Confidence: 0.8},  // anchor
		{Start: 120, End: 121, Confidence: 0.3},
	}
	g := reguide(fits, refs, old)
	want := [][2]float64{
		{0, 1},   // old, moved by anchor 1's offset (0)
		{10, 11}, // anchor
		{11, 13}, // 100 of the 400 frames between 11 and 19
		{13, 19}, // the other 300
		{19, 20}, // anchor
		{29, 30}, // old 110–111 moved by anchor 4's offset (19 − 100)
	}
	for i := range want {
		if math.Abs(g[i][0]-want[i][0]) > 1e-9 || math.Abs(g[i][1]-want[i][1]) > 1e-9 {
			t.Errorf("unit %d: guide %v, want %v", i, g[i], want[i])
		}
	}
	// No sure unit: the old guide stands.
	for i := range fits {
		fits[i].Confidence = 0.1
	}
	if g := reguide(fits, refs, old); &g[0] != &old[0] {
		t.Errorf("no anchors: guide %v, want the old one", g)
	}
}
