package audio

import "math"

// MelBands is how many log-mel band energies Features keeps a frame, for
// comparing what is said (see Features.Mel).
const MelBands = 40

// The mel bands span the same frequencies at every sample rate (16 kHz
// recordings and 22.05 kHz synthesized speech compare band by band).
const (
	melLow  = 100.0
	melHigh = 7600.0
)

// melFilter is one triangular band over FFT bins [from, from+len(w)).
type melFilter struct {
	from int
	w    []float64
}

func hzToMel(f float64) float64 { return 2595 * math.Log10(1+f/700) }
func melToHz(m float64) float64 { return 700 * (math.Pow(10, m/2595) - 1) }

// melFilters builds MelBands triangular filters, equally spaced in mel
// from melLow to melHigh (capped below half the rate), over the bins of
// an n-point FFT at rate. Each is normalised to unit area, so a band's
// value is a mean power over its bins and does not depend on n.
func melFilters(n, rate int) []melFilter {
	binHz := float64(rate) / float64(n)
	high := math.Min(melHigh, 0.48*float64(rate))
	lo, hi := hzToMel(melLow), hzToMel(high)
	edge := make([]float64, MelBands+2)
	for i := range edge {
		edge[i] = melToHz(lo + (hi-lo)*float64(i)/float64(MelBands+1))
	}
	fs := make([]melFilter, MelBands)
	for b := range fs {
		l, c, r := edge[b], edge[b+1], edge[b+2]
		from := int(math.Ceil(l / binHz))
		to := int(math.Floor(r/binHz)) + 1
		if to <= from {
			to = from + 1
		}
		w := make([]float64, to-from)
		var sum float64
		for k := range w {
			f := float64(from+k) * binHz
			var v float64
			if f <= c {
				v = (f - l) / (c - l)
			} else {
				v = (r - f) / (r - c)
			}
			w[k] = math.Max(v, 0)
			sum += w[k]
		}
		if sum == 0 {
			// A band narrower than a bin: its nearest bin.
			w[0], sum = 1, 1
		}
		for k := range w {
			w[k] /= sum
		}
		fs[b] = melFilter{from: from, w: w}
	}
	return fs
}

// appendMel appends the natural log of each band's mean power, the power
// spectrum normalised by norm.
func appendMel(out []float32, fs []melFilter, power []float64, norm float64) []float32 {
	for _, f := range fs {
		var e float64
		for k, w := range f.w {
			if j := f.from + k; j < len(power) {
				e += w * power[j]
			}
		}
		out = append(out, float32(math.Log(e/norm+1e-10)))
	}
	return out
}

// LogMel computes only the Mel rows of samples held in memory (a short
// synthesized reference, say): the same frames, window and bands as
// Analyze, without the noise tracking. It returns MelBands values a frame.
func LogMel(samples []float32, rate int) []float32 {
	a := newAnalyzer(rate)
	a.samples, a.total = samples, int64(len(samples)) // read, never written
	n := (len(samples) + a.hop - 1) / a.hop
	out := make([]float32, 0, n*MelBands)
	for t := range n {
		a.spectrum(int64(t))
		out = appendMel(out, a.mel, a.power, a.powerNorm())
	}
	return out
}

// MelBandAbove is the first mel band whose centre is at or above hz (at
// rates of 16 kHz and up, where the bands span melLow to melHigh), or
// MelBands when none is.
func MelBandAbove(hz float64) int {
	lo, hi := hzToMel(melLow), hzToMel(melHigh)
	for b := 0; b < MelBands; b++ {
		if melToHz(lo+(hi-lo)*float64(b+1)/float64(MelBands+1)) >= hz {
			return b
		}
	}
	return MelBands
}
