// Package dsp holds the signal processing subkit's audio and align packages
// share: a radix-2 FFT.
package dsp

import (
	"math"
	"math/bits"
)

// FFT is an in-place radix-2 complex FFT of one size, with its twiddle
// factors and bit-reversal table computed once.
type FFT struct {
	n   int
	rev []int32
	cos []float64
	sin []float64
}

// NewFFT prepares a transform of n points, a power of two.
func NewFFT(n int) *FFT {
	if n < 2 || n&(n-1) != 0 {
		panic("dsp: FFT size must be a power of two")
	}
	f := &FFT{n: n, rev: make([]int32, n), cos: make([]float64, n/2), sin: make([]float64, n/2)}
	shift := 64 - bits.TrailingZeros(uint(n))
	for i := range f.rev {
		f.rev[i] = int32(bits.Reverse64(uint64(i)) >> shift)
	}
	for i := range f.cos {
		a := -2 * math.Pi * float64(i) / float64(n)
		f.cos[i], f.sin[i] = math.Cos(a), math.Sin(a)
	}
	return f
}

// Transform computes the forward DFT of (re, im) in place.
func (f *FFT) Transform(re, im []float64) {
	n := f.n
	for i := 0; i < n; i++ {
		j := int(f.rev[i])
		if i < j {
			re[i], re[j] = re[j], re[i]
			im[i], im[j] = im[j], im[i]
		}
	}
	for size := 2; size <= n; size <<= 1 {
		half := size >> 1
		step := n / size
		for start := 0; start < n; start += size {
			k := 0
			for j := start; j < start+half; j++ {
				wr, wi := f.cos[k], f.sin[k]
				l := j + half
				tr := re[l]*wr - im[l]*wi
				ti := re[l]*wi + im[l]*wr
				re[l], im[l] = re[j]-tr, im[j]-ti
				re[j] += tr
				im[j] += ti
				k += step
			}
		}
	}
}

// RealFFT computes the power spectrum of n real samples with one complex
// FFT of n/2 points.
type RealFFT struct {
	n    int
	half *FFT
	re   []float64
	im   []float64
	wc   []float64
	ws   []float64
}

// NewRealFFT prepares a real transform of n points, a power of two.
func NewRealFFT(n int) *RealFFT {
	r := &RealFFT{n: n, half: NewFFT(n / 2), re: make([]float64, n/2), im: make([]float64, n/2),
		wc: make([]float64, n/2), ws: make([]float64, n/2)}
	for k := range r.wc {
		a := -2 * math.Pi * float64(k) / float64(n)
		r.wc[k], r.ws[k] = math.Cos(a), math.Sin(a)
	}
	return r
}

// Power writes |X[k]|² for k = 0..n/2 into out (len n/2+1).
func (r *RealFFT) Power(x []float64, out []float64) {
	h := r.n / 2
	for i := 0; i < h; i++ {
		r.re[i], r.im[i] = x[2*i], x[2*i+1]
	}
	r.half.Transform(r.re, r.im)
	// Split the half-size transform Z into the even and odd parts of X.
	out[0] = sq(r.re[0] + r.im[0])
	out[h] = sq(r.re[0] - r.im[0])
	for k := 1; k < h; k++ {
		zr, zi := r.re[k], r.im[k]
		cr, ci := r.re[h-k], -r.im[h-k] // conj(Z[h-k])
		er, ei := (zr+cr)/2, (zi+ci)/2  // even part
		or, oi := (zi-ci)/2, -(zr-cr)/2 // odd part: (Z - conj)/(2i)
		wr, wi := r.wc[k], r.ws[k]
		xr := er + or*wr - oi*wi
		xi := ei + or*wi + oi*wr
		out[k] = xr*xr + xi*xi
	}
}

func sq(x float64) float64 { return x * x }
