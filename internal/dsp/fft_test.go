package dsp

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"
)

func TestFFTMatchesDFT(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{4, 8, 64, 512} {
		x := make([]float64, n)
		for i := range x {
			x[i] = rng.NormFloat64()
		}
		got := make([]float64, n/2+1)
		NewRealFFT(n).Power(x, got)
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

func TestComplexFFTMatchesDFT(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	n := 64
	re, im := make([]float64, n), make([]float64, n)
	x := make([]complex128, n)
	for i := range x {
		x[i] = complex(rng.NormFloat64(), rng.NormFloat64())
		re[i], im[i] = real(x[i]), imag(x[i])
	}
	NewFFT(n).Transform(re, im)
	for k := 0; k < n; k++ {
		var s complex128
		for i, v := range x {
			s += v * cmplx.Exp(complex(0, -2*math.Pi*float64(k*i)/float64(n)))
		}
		if cmplx.Abs(s-complex(re[k], im[k])) > 1e-9 {
			t.Fatalf("bin %d: %v, want %v", k, complex(re[k], im[k]), s)
		}
	}
}
