package align

import (
	"math/rand/v2"
	"testing"
)

// The costs worked out ahead are frameCost's (and flat's, for a unit's
// frame) for every cell of every state's band, over several blocks, and a
// search stopped early leaves nothing waiting.
func TestCellCosts(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	vec := func(n int) []float32 {
		v := make([]float32, n)
		for i := range v {
			v[i] = float32(rng.NormFloat64())
		}
		return v
	}
	const T = 6000
	x, bg, flat := vec(T*dims), vec(dims), vec(T)
	var refs [][]float32
	for u := range 80 {
		refs = append(refs, vec((u%7)*dims)) // some units with nothing to say
	}
	st := buildStates(refs)
	S := st.n()
	lo, hi, off := make([]int, S), make([]int, S), make([]int, S+1)
	for s := range S {
		lo[s] = rng.IntN(T / 2)
		hi[s] = lo[s] + rng.IntN(T/2)
		if s%11 == 0 {
			hi[s] = lo[s] // an empty band
		}
		off[s+1] = off[s] + hi[s] - lo[s]
	}
	if off[S] < 3*costBlock {
		t.Fatalf("%d cells: the test wants several blocks", off[S])
	}
	c := startCosts(st, x, bg, flat, lo, hi, off, 1.5)
	for s := range S {
		row := c.row(s)
		if len(row) != hi[s]-lo[s] {
			t.Fatalf("state %d: %d costs for %d frames", s, len(row), hi[s]-lo[s])
		}
		for t0 := lo[s]; t0 < hi[s]; t0++ {
			want := frameCost(st.vec[s], x[t0*dims:(t0+1)*dims], bg, 1.5)
			if st.vec[s] != nil {
				want += float64(flat[t0])
			}
			if got := row[t0-lo[s]]; got != want {
				t.Fatalf("state %d frame %d: cost %v, want %v", s, t0, got, want)
			}
		}
	}
	c.stop()
	c = startCosts(st, x, bg, flat, lo, hi, off, 1.5)
	c.row(0)
	c.stop()
	if _, ok := <-c.ready; ok {
		for range c.ready {
		}
	}
}
