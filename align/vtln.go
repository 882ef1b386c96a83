package align

import (
	"math"

	"github.com/subkit-dev/subkit/audio"
)

// A synthesizer speaks with one voice, espeak-ng's Mandarin a man's. A
// woman's or a child's vocal tract is shorter and puts every formant
// higher, by about 10–25%, so the same vowel lies elsewhere on the
// frequency scale and its cepstra differ from the reference's. Vocal-tract
// length normalisation undoes that: the references' frequency scale is
// stretched by a factor (audio.WarpMel), the one that fits the recording's
// voice best among a few, chosen per recording as the voice is (see
// chooseVoice) by VoiceFit on its first captions.

// Warps are the frequency-scale factors chooseWarp tries, the first (no
// warp) kept on a tie.
var Warps = []float64{1, 1.1}

// chooseWarp tells which of Warps fits the recording's voice best: the
// references of the captions the sound-only placement guide puts in about
// the first sampleSeconds (at least sampleUnits) are warped by each and
// placed by Content on that part of the recording, and the warp whose
// placement has the highest VoiceFit wins. refs are left as they are.
func chooseWarp(f *audio.Features, refs [][]float32, guide [][2]float64, p ContentParams) float64 {
	if len(refs) == 0 || len(guide) != len(refs) {
		return 1
	}
	k, end := sampleOf(f, guide)
	sub := sliceFeatures(f, int(math.Ceil(end/f.Step)))
	best, bestFit := 1.0, math.NaN()
	for _, a := range Warps {
		r := make([][]float32, k)
		for i := range r {
			r[i] = audio.WarpMel(refs[i], a)
			if a == 1 {
				r[i] = append([]float32(nil), refs[i]...) // Content takes refs over
			}
		}
		fits, err := Content(sub, r, guide[:k], p)
		if err != nil {
			continue
		}
		if v := VoiceFit(fits); v > bestFit || math.IsNaN(bestFit) && !math.IsNaN(v) {
			best, bestFit = a, v
		}
	}
	return best
}

// warpAll warps every reference by a (in place of the old rows).
func warpAll(refs [][]float32, a float64) {
	if a == 1 {
		return
	}
	parallel(len(refs), func(i int) { refs[i] = audio.WarpMel(refs[i], a) })
}
