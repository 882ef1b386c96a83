package align

import (
	"math"
	"slices"

	"github.com/subkit-dev/subkit/audio"
)

// Whether the spoken references model the recording's voice at all is
// told by a null model: each caption's stretch of the recording is
// matched, by the same moves as the search (a reference frame held or
// skipped at a cost), once to its own reference and once to that
// reference reversed in time (the same sounds, so the same spectra and
// the same length, in the opposite order). Where the references model the
// voice, the order of their sounds is the order of the recording's and the
// reference fits clearly better than its reversal; where they do not (a
// voice or a language the synthesizer does not speak like), neither order
// fits and the two cost nearly the same.

// orderFits sets each fit's Order: 1 − (cost of its own reference) ÷
// (cost of the reference reversed), a frame, on the first pass's frames x
// (step seconds each) and references rc. A unit the search gave fewer than
// two frames, or no reference, gets NaN.
func orderFits(fits []Fit, x []float32, rc [][]float32, step float64, p ContentParams) {
	T := len(x) / dims
	parallel(len(fits), func(u int) {
		a := min(T, int(fits[u].Start/step))
		b := min(T, int(math.Ceil(fits[u].End/step)))
		fits[u].Order = math.NaN()
		if b-a < 2 || len(rc[u]) == 0 {
			return
		}
		seg := x[a*dims : b*dims]
		own := dtwCost(seg, rc[u], p.Stay, p.Skip)
		null := dtwCost(seg, reversed(rc[u]), p.Stay, p.Skip)
		if own < math.Inf(1) && null > 0 && null < math.Inf(1) {
			fits[u].Order = 1 - own/null
		}
	})
}

// VoiceFit is how well the references model the recording's voice: the
// mean of the fits' Order over the captions with one, weighted by their
// length (see orderFits); NaN when none has. About 0.2–0.3 for English
// voices with en-us references, 0.1–0.15 for Mandarin voices with
// cmn-latn-pinyin ones, 0.5 for espeak-ng's own voice reading as the
// references do, and under 0.07 where the references are of another kind
// (see VoiceFloor).
func VoiceFit(fits []Fit) float64 {
	var sum, w float64
	for _, f := range fits {
		if math.IsNaN(f.Order) || f.End <= f.Start {
			continue
		}
		sum += (f.End - f.Start) * f.Order
		w += f.End - f.Start
	}
	if w == 0 {
		return math.NaN()
	}
	return sum / w
}

// VoiceFloor is the VoiceFit under which the references are taken not to
// model the voice: the captions are then placed by sound alone. Real
// Mandarin voices with their own references fit 0.056–0.149 (the lowest:
// other speakers under a sung music bed), English 0.21–0.28; references of
// another language's voice (en-us on Mandarin speech) fit 0.028. A floor
// at 0.085, between the right and the wrong Mandarin voice on the first
// tracks measured, sent two tracks of other speakers to the sound-only
// placement and lost their lines; 0.04 sits between another language and
// the worst real fit seen.
const VoiceFloor = 0.04

// reversed is a reference's feature rows in the opposite order with their
// deltas negated: the reference of the same sounds spoken backwards.
func reversed(r []float32) []float32 {
	n := len(r) / dims
	out := make([]float32, len(r))
	for k := 0; k < n; k++ {
		src := r[k*dims : (k+1)*dims]
		dst := out[(n-1-k)*dims : (n-k)*dims]
		copy(dst[:ceps], src[:ceps])
		for j := ceps; j < dims; j++ {
			dst[j] = -src[j]
		}
	}
	return out
}

// dtwCost is the least mean cost a frame of matching the frames x to the
// reference r in order, from its first or second frame to its last or the
// one before, each frame of x taking one reference frame: the one it took
// before (stay), the next, or the one after that (skip). It is +Inf when
// x is too short for r.
func dtwCost(x, r []float32, stay, skip float64) float64 {
	n, m := len(x)/dims, len(r)/dims
	inf := math.Inf(1)
	if n == 0 || m == 0 {
		return inf
	}
	prev, cur := make([]float64, m), make([]float64, m)
	for j := range prev {
		prev[j] = inf
	}
	for j := 0; j < min(2, m); j++ {
		prev[j] = dist(r[j*dims:(j+1)*dims], x[:dims])
	}
	for t := 1; t < n; t++ {
		xt := x[t*dims : (t+1)*dims]
		for j := 0; j < m; j++ {
			best := prev[j] + stay
			if j >= 1 {
				best = math.Min(best, prev[j-1])
			}
			if j >= 2 {
				best = math.Min(best, prev[j-2]+skip)
			}
			if best < inf {
				best += dist(r[j*dims:(j+1)*dims], xt)
			}
			cur[j] = best
		}
		prev, cur = cur, prev
	}
	end := prev[m-1]
	if m >= 2 {
		end = math.Min(end, prev[m-2])
	}
	return end / float64(n)
}

// sampleSeconds is about how much of the recording the voices are tried
// on (see chooseVoice), and sampleUnits the fewest captions.
const (
	sampleSeconds = 120.0
	sampleUnits   = 8
)

// chooseVoice tries the references of each voice on the recording's first
// captions (those the sound-only placement guide puts in about the first
// sampleSeconds, at least sampleUnits of them) and tells which fits the
// voice best by VoiceFit: 0 for refs, k for alts[k-1]; ties go to the
// first. refs are the first voice's references of every caption (left as
// they are); alts speak texts. A voice that cannot be spoken or aligned
// is passed over.
func chooseVoice(f *audio.Features, refs [][]float32, texts []string, guide [][2]float64, alts []func([]string) ([][]float32, error), p ContentParams) int {
	k, end := sampleOf(f, guide)
	sub := sliceFeatures(f, int(math.Ceil(end/f.Step)))
	fitOf := func(r [][]float32) float64 {
		fits, err := Content(sub, r, guide[:k], p)
		if err != nil {
			return math.NaN()
		}
		return VoiceFit(fits)
	}
	first := make([][]float32, k)
	for i := range first {
		first[i] = slices.Clone(refs[i])
	}
	best, bestFit := 0, fitOf(first)
	for i, alt := range alts {
		r, err := alt(texts[:k])
		if err != nil || len(r) != k {
			continue
		}
		if v := fitOf(r); v > bestFit || math.IsNaN(bestFit) && !math.IsNaN(v) {
			best, bestFit = i+1, v
		}
	}
	return best
}

// sampleOf is how many of the first captions, by the sound-only placement
// guide, the voices are tried on (those in about the first sampleSeconds,
// at least sampleUnits), and where that part of the recording ends, in
// seconds (mid-pause after the last).
func sampleOf(f *audio.Features, guide [][2]float64) (k int, end float64) {
	n := len(guide)
	k = min(n, sampleUnits)
	for k < n && guide[k][1] <= sampleSeconds {
		k++
	}
	end = f.Seconds()
	if k < n {
		end = math.Min(end, (guide[k-1][1]+guide[k][0])/2)
	}
	return k, end
}

// sliceFeatures is the first T frames of f.
func sliceFeatures(f *audio.Features, T int) *audio.Features {
	T = min(T, f.Frames())
	return &audio.Features{
		Step:     f.Step,
		Score:    f.Score[:T],
		Level:    f.Level[:T],
		Flatness: f.Flatness[:min(T, len(f.Flatness))],
		Sub:      f.Sub[:min(T*audio.SubFrames, len(f.Sub))],
		Mel:      f.Mel[:min(T*audio.MelBands, len(f.Mel))],
	}
}
