package align

import (
	"math"
	"slices"

	"github.com/subkit-dev/subkit/audio"
	"github.com/subkit-dev/subkit/timing"
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
				best = min(best, prev[j-1])
			}
			if j >= 2 {
				best = min(best, prev[j-2]+skip)
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
		end = min(end, prev[m-2])
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
// voice best by VoiceFit (its index in voices; ties go to the first), and
// that voice's references of those captions. voices speak texts; the first
// is the default: its failing is an error, another voice that cannot be
// spoken or aligned is passed over. Only the first captions are spoken, so
// a caller can have the voice it keeps speak the rest.
func chooseVoice(f *audio.Features, texts []string, guide [][2]float64, voices []func([]string) ([][]float32, error), p ContentParams) (int, [][]float32, error) {
	k, end := sampleOf(f, guide)
	sub := sliceFeatures(f, int(math.Ceil(end/f.Step)))
	fitOf := func(r [][]float32) float64 {
		// Content takes over its references' slice, not their rows.
		fits, err := Content(sub, slices.Clone(r), guide[:k], p)
		if err != nil {
			return math.NaN()
		}
		return VoiceFit(fits)
	}
	first, err := voices[0](texts[:k])
	if err != nil {
		return 0, nil, err
	}
	best, bestRefs, bestFit := 0, first, fitOf(first)
	for i, alt := range voices[1:] {
		r, err := alt(texts[:k])
		if err != nil || len(r) != k {
			continue
		}
		if v := fitOf(r); v > bestFit || math.IsNaN(bestFit) && !math.IsNaN(v) {
			best, bestRefs, bestFit = i+1, r, v
		}
	}
	return best, bestRefs, nil
}

// GuessSeconds is how much of a recording's beginning GuessVoice needs.
const GuessSeconds = 1.5 * sampleSeconds

// GuessVoice tells which of voices (speaking texts as Options.Reference
// and Options.Alternatives do, the first being the default) Captions will
// most likely choose for a recording of the given seconds whose first
// GuessSeconds or more f holds: the choice is made as Captions makes it,
// on the estimate by text alone instead of the placement by sound. A
// caller can have the rest of the captions spoken in that voice while the
// whole recording is still being analysed.
func GuessVoice(lines []timing.Line, f *audio.Features, to timing.Options, seconds float64, voices []func([]string) ([][]float32, error)) (int, error) {
	to = estimateOptions(to, seconds)
	est, err := timing.Estimate(lines, to)
	if err != nil {
		return 0, err
	}
	guide := make([][2]float64, len(est.Captions))
	for i, c := range est.Captions {
		guide[i] = [2]float64{c.Start.Seconds(), c.End.Seconds()}
	}
	voice, _, err := chooseVoice(f, captionTexts(est, to), guide, voices, ContentParams{})
	return voice, err
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
