package audio

import "math"

// WarpMel returns log-mel rows (MelBands values a frame) as a voice whose
// frequency scale is alpha times this one's would have them: what lies at
// f in mel lies at alpha·f in the result. A shorter vocal tract (a woman's,
// a child's) puts every formant higher than a man's, by about 1.1–1.3
// (vocal-tract length normalisation). Each band takes the value at its
// centre ÷ alpha, interpolated linearly between band centres in mel and
// held at the edges. alpha 1 returns mel itself.
func WarpMel(mel []float32, alpha float64) []float32 {
	if alpha == 1 || alpha <= 0 {
		return mel
	}
	src, w := warpTable(alpha)
	out := make([]float32, len(mel))
	for t := 0; t+MelBands <= len(mel); t += MelBands {
		row := mel[t : t+MelBands]
		for b := range MelBands {
			i := src[b]
			out[t+b] = (1-w[b])*row[i] + w[b]*row[min(i+1, MelBands-1)]
		}
	}
	return out
}

// warpTable gives, for each band of the warped rows, the band below the
// frequency it takes its value from and the weight of the band above.
func warpTable(alpha float64) ([]int, []float32) {
	lo, hi := hzToMel(melLow), hzToMel(melHigh)
	step := (hi - lo) / float64(MelBands+1)
	src := make([]int, MelBands)
	w := make([]float32, MelBands)
	for b := range MelBands {
		f := melToHz(lo+step*float64(b+1)) / alpha
		pos := (hzToMel(f)-lo)/step - 1 // in bands
		pos = math.Max(0, math.Min(float64(MelBands-1), pos))
		i := min(int(pos), MelBands-1)
		src[b], w[b] = i, float32(pos-float64(i))
	}
	return src, w
}
