package align

import (
	"math"
	"slices"
)

// nullOrders searches the first pass's frames x again with every
// reference reversed in time, in the same band (lo, hi over the states of
// buildStates(rc)), and gives each unit's Order as that search placed its
// reversed reference: 1 − (cost of the reversed reference) ÷ (cost of the
// reference as spoken) on the stretch the reversed one took. NaN where not
// measured.
func nullOrders(rc [][]float32, x, bg, voice, flat []float32, lo, hi []int, p ContentParams) []float64 {
	rev := make([][]float32, len(rc))
	for i, r := range rc {
		rev[i] = reversed(r)
	}
	st := buildStates(rev)
	out := make([]float64, len(rc))
	for i := range out {
		out[i] = math.NaN()
	}
	path := viterbi(st, x, bg, voice, flat, slices.Clone(lo), slices.Clone(hi), p)
	if path == nil {
		return out
	}
	first, last := occupancy(path, st.n())
	T := len(x) / dims
	parallel(len(rc), func(u int) {
		a, b := first[st.start[u]], last[st.start[u]+st.size[u]-1]
		for k := 0; k < st.size[u]; k++ {
			a = min(a, first[st.start[u]+k])
			b = max(b, last[st.start[u]+k])
		}
		b = min(T, b+1)
		if b-a < 2 || len(rc[u]) == 0 {
			return
		}
		seg := x[a*dims : b*dims]
		own := dtwCost(seg, rev[u], p.Stay, p.Skip)
		null := dtwCost(seg, rc[u], p.Stay, p.Skip)
		if own < math.Inf(1) && null > 0 && null < math.Inf(1) {
			out[u] = 1 - own/null
		}
	})
	return out
}

// setNull gives each fit its NullOrder from nullOrders (NaN for none).
func setNull(fits []Fit, null []float64) {
	for i := range fits {
		fits[i].NullOrder = math.NaN()
		if i < len(null) {
			fits[i].NullOrder = null[i]
		}
	}
}

// Contrast tells whether the recording says the transcript at all: how
// much better the references fit the order of the recording's sounds
// (VoiceFit) than a text never spoken does when the same search places it
// where it fits best (the mean NullOrder, the references reversed; taken
// as 0 when under 0). A wrong transcript is placed where it fits best
// too, so its VoiceFit is above 0 (0.03–0.09 on the real voices
// measured), but it is about what the reversed text gets there, and its
// Contrast is about 0 (at most 0.038 measured); the right transcript's is
// 0.03–0.15 on real Mandarin voices (under 0.04 on 3 tracks of 42),
// 0.15–0.3 on English ones and 0.5 or more on espeak-ng's own voice (see
// docs/align.md). NaN when not measured.
func Contrast(fits []Fit) float64 {
	var null, w float64
	for _, f := range fits {
		if math.IsNaN(f.Order) || math.IsNaN(f.NullOrder) || f.End <= f.Start {
			continue
		}
		null += (f.End - f.Start) * f.NullOrder
		w += f.End - f.Start
	}
	if w == 0 {
		return math.NaN()
	}
	return VoiceFit(fits) - math.Max(0, null/w)
}

// ContrastFull is about the Contrast of a transcript read by the voice its
// references are spoken in (espeak-ng's own): a transcript's confidence is
// its Contrast as a share of it, at most 1.
const ContrastFull = 0.5
