package align

import (
	"math"
	"math/rand/v2"
	"testing"
)

// A made recording of feature rows: the same stretch of "speech" said
// twice, once in clear sound and once in a second half whose features
// are all shifted and squeezed (a bed or another room changes every
// cepstrum's mean and spread). Normalised over the whole, the second
// copy is far from the first (and from a reference made of it); after
// localNormalise it is close, and each feature keeps the mean and spread
// it had over the whole recording.
func TestLocalNormalise(t *testing.T) {
	const T, n, reach = 4000, 300, 150
	rng := rand.New(rand.NewPCG(5, 9))
	speech := make([]float32, n*dims)
	for i := range speech {
		speech[i] = float32(rng.NormFloat64())
	}
	x := make([]float32, T*dims)
	for i := range x {
		x[i] = float32(rng.NormFloat64())
	}
	copy(x[500*dims:], speech)
	copy(x[3000*dims:], speech)
	shift := make([]float64, dims)
	for k := range shift {
		shift[k] = 2 * rng.NormFloat64()
	}
	for i := T / 2 * dims; i < len(x); i++ {
		x[i] = float32(0.4*float64(x[i]) + shift[i%dims])
	}
	gap := func(x []float32) float64 {
		var d float64
		for j := 0; j < n; j++ {
			d += dist(x[(500+j)*dims:(501+j)*dims], x[(3000+j)*dims:(3001+j)*dims])
		}
		return d / n
	}
	stats := func(x []float32, k int) (m, sd float64) {
		for t := 0; t < T; t++ {
			m += float64(x[t*dims+k])
		}
		m /= T
		for t := 0; t < T; t++ {
			d := float64(x[t*dims+k]) - m
			sd += d * d
		}
		return m, math.Sqrt(sd / T)
	}
	before := gap(x)
	var m0, s0 [dims]float64
	for k := range dims {
		m0[k], s0[k] = stats(x, k)
	}
	localNormalise(x, reach)
	after := gap(x)
	t.Logf("the copies' distance: %.3f before, %.3f after", before, after)
	if before < 1 || after > before/10 {
		t.Errorf("the two copies' distance: %.3f before, %.3f after; want it cut tenfold", before, after)
	}
	for k := range dims {
		if m, s := stats(x, k); math.Abs(m-m0[k]) > 0.1*s0[k] || math.Abs(s/s0[k]-1) > 0.1 {
			t.Errorf("feature %d: mean %.3f spread %.3f after, %.3f %.3f before", k, m, s, m0[k], s0[k])
		}
	}
	// Nothing to do for no frames or no reach.
	localNormalise(nil, reach)
	y := append([]float32(nil), x[:4*dims]...)
	localNormalise(y, 0)
	for i := range y {
		if y[i] != x[i] {
			t.Fatalf("reach 0 changed the rows: %v, was %v", y, x[:4*dims])
		}
	}
}

// localNormalise against the sums worked out anew for each frame, at the
// ends (a window cut short) and inside.
func TestLocalNormaliseWindows(t *testing.T) {
	const T, reach = 50, 4
	rng := rand.New(rand.NewPCG(2, 2))
	x := make([]float32, T*dims)
	for i := range x {
		x[i] = float32(rng.NormFloat64()*3 + float64(i%dims))
	}
	orig := append([]float32(nil), x...)
	localNormalise(x, reach)
	meanSD := func(k, a, b int) (float64, float64) {
		var s, q float64
		for t := a; t < b; t++ {
			v := float64(orig[t*dims+k])
			s += v
			q += v * v
		}
		m := s / float64(b-a)
		return m, math.Sqrt(q/float64(b-a) - m*m)
	}
	for k := range dims {
		gm, gs := meanSD(k, 0, T)
		for _, tt := range []int{0, 1, 3, 4, 5, 25, 45, 46, 49} {
			m, sd := meanSD(k, max(0, tt-reach), min(T, tt+reach+1))
			want := (float64(orig[tt*dims+k])-m)/sd*gs + gm
			if got := float64(x[tt*dims+k]); math.Abs(got-want) > 1e-4*math.Max(1, math.Abs(want)) {
				t.Errorf("feature %d frame %d: %.5f, want %.5f", k, tt, got, want)
			}
		}
	}
}
