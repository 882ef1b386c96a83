package align

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/subkit-dev/subkit/audio"
	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/internal/longtest"
)

// longSpokenTrack speaks syncLines rounds times over (about 40 s a
// round), with pauses of 0.4-1.6 s between the lines, in noise snr dB
// under the speech; it returns the features, each line's start and end,
// and the texts.
func longSpokenTrack(t *testing.T, rounds int, snr float64) (*audio.Features, []Cue, []string) {
	bin := extcheck.RequireTool(t, "espeak-ng")
	rng := rand.New(rand.NewPCG(5, 9))
	clips := make([][]float32, len(syncLines))
	rate := 0
	for i, l := range syncLines {
		clips[i], rate = speak(t, bin, "en-us", l)
	}
	var x []float32
	var truth []Cue
	var texts []string
	for k := 0; k < rounds; k++ {
		for i, s := range clips {
			x = append(x, make([]float32, int((0.4+1.2*rng.Float64())*float64(rate)))...)
			start := float64(len(x)) / float64(rate)
			x = append(x, s...)
			truth = append(truth, Cue{Start: start, End: float64(len(x)) / float64(rate)})
			texts = append(texts, syncLines[i])
		}
	}
	x = append(x, make([]float32, rate)...)
	addNoiseFrom(x, snr, rng)
	return audio.AnalyzeSamples(x, rate), truth, texts
}

// A drift of 0.05 % (in no list of rates) over two minutes of spoken
// lines is found to 0.01 %, and the offset to 20 ms, by what is said; a
// frame rate change over the same lines keeps its listed rate exactly
// (with SUBKIT_LONG only: TestSyncOffsetAndRate checks listed rates).
func TestSyncSmallDrift(t *testing.T) {
	f, truth, texts := longSpokenTrack(t, 3, 20)
	spans := syncSpans(f)
	for _, tc := range []struct {
		name   string
		k, d   float64
		listed bool
	}{
		{"drift", 1.0005, 1.5, false},
		{"fps", 25 / 23.976, -0.7, true},
	} {
		if tc.listed && !longtest.On() {
			continue
		}
		syncBack(t, tc.name, f, spans, truth, texts, tc.k, tc.d, tc.listed, 1e-4)
	}
}

// finishMap replaces a rate the anchors clearly contradict (a drift
// beside a listed rate) and keeps one they cannot tell from the fitted.
func TestFinishMapRate(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	for _, tc := range []struct {
		drift, noise float64
		want         float64
	}{
		{1.0004, 0.003, 1.0004}, // 0.04 % over 200 s: 80 ms, told
		{1.00002, 0.01, 1},      // 4 ms over the file: not told from 1
	} {
		var an []anchor
		for i := 0; i < 40; i++ {
			x := 5 * float64(i)
			an = append(an, anchor{x: x, y: tc.drift*x + 0.3 + tc.noise*rng.NormFloat64(), w: 1})
		}
		r, b := finishMap(an, 40, 1, 0.3)
		if math.Abs(r-tc.want) > 5e-5 || math.Abs(b-0.3) > 0.01 {
			t.Errorf("drift %.5f: rate %.6f offset %.3f, want %.5f and 0.300", tc.drift, r, b, tc.want)
		}
	}
}
