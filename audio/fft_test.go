package audio

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"
)

func TestRealFFTMatchesDFT(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{4, 8, 64, 512} {
		x := make([]float64, n)
		for i := range x {
			x[i] = rng.NormFloat64()
		}
		got := make([]float64, n/2+1)
		newRealFFT(n).power(x, got)
		for k := 0; k <= n/2; k++ {
			var s complex128
			for i, v := range x {
				s += complex(v, 0) * cmplx.Exp(complex(0, -2*math.Pi*float64(k*i)/float64(n)))
			}
			want := real(s)*real(s) + imag(s)*imag(s)
			if math.Abs(got[k]-want) > 1e-9*(1+want) {
				t.Fatalf("n=%d bin %d: power %g, want %g", n, k, got[k], want)
			}
		}
	}
}
