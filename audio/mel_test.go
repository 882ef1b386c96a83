package audio

import (
	"math"
	"math/rand/v2"
	"testing"
)

// LogMel gives the same rows as Analyze, frame for frame, at a rate whose
// hop is not a power of two and for a length that is not a whole number
// of hops.
func TestLogMelMatchesAnalyze(t *testing.T) {
	for _, rate := range []int{16000, 22050} {
		rng := rand.New(rand.NewPCG(uint64(rate), 1))
		x := make([]float32, rate*2+137)
		for i := range x {
			x[i] = float32(0.3*math.Sin(2*math.Pi*440*float64(i)/float64(rate)) + 0.05*rng.NormFloat64())
		}
		got, want := LogMel(x, rate), AnalyzeSamples(x, rate).Mel
		if len(got) != len(want) {
			t.Fatalf("%d Hz: LogMel gives %d values, Analyze %d", rate, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%d Hz: frame %d band %d: LogMel %v, Analyze %v", rate, i/MelBands, i%MelBands, got[i], want[i])
			}
		}
	}
}

// A full-scale 1 kHz sine is loudest in the band around 1 kHz at 16 and
// 22.05 kHz alike, and its value there grows with the window's length
// (the power spectrum is normalised by the window's gain, not its
// length): ln(551/400) more at 22.05 kHz than at 16 kHz.
func TestLogMelSine(t *testing.T) {
	peak := map[int]float64{}
	for _, rate := range []int{16000, 22050} {
		x := make([]float32, rate)
		for i := range x {
			x[i] = float32(math.Sin(2 * math.Pi * 1000 * float64(i) / float64(rate)))
		}
		mel := LogMel(x, rate)
		row := mel[50*MelBands : 51*MelBands]
		top := 0
		for b, v := range row {
			if v > row[top] {
				top = b
			}
		}
		lo, hi := hzToMel(melLow), hzToMel(math.Min(melHigh, 0.48*float64(rate)))
		centre := melToHz(lo + (hi-lo)*float64(top+1)/float64(MelBands+1))
		if math.Abs(centre-1000) > 100 {
			t.Errorf("%d Hz: loudest band %d, centred at %.0f Hz", rate, top, centre)
		}
		peak[rate] = float64(row[top])
	}
	if d, want := peak[22050]-peak[16000], math.Log(551.0/400); math.Abs(d-want) > 0.05 {
		t.Errorf("the 1 kHz band at 22.05 kHz is %.3f over that at 16 kHz, want %.3f", d, want)
	}
}

// MelBandAbove is the band a tone at its centre falls in most: a tone just
// above the frequency asked for peaks in that band or the next, one well
// under it in an earlier band.
func TestMelBandAbove(t *testing.T) {
	const rate = 16000
	peak := func(hz float64) int {
		x := make([]float32, rate/2)
		for i := range x {
			x[i] = float32(0.5 * math.Sin(2*math.Pi*hz*float64(i)/rate))
		}
		mel := LogMel(x, rate)
		row := mel[10*MelBands : 11*MelBands]
		best := 0
		for b, v := range row {
			if v > row[best] {
				best = b
			}
		}
		return best
	}
	b := MelBandAbove(3000)
	if b <= 0 || b >= MelBands {
		t.Fatalf("MelBandAbove(3000) = %d", b)
	}
	if p := peak(3050); p != b && p != b+1 {
		t.Errorf("a 3050 Hz tone peaks in band %d, MelBandAbove(3000) = %d", p, b)
	}
	if p := peak(2500); p >= b {
		t.Errorf("a 2500 Hz tone peaks in band %d, not under %d", p, b)
	}
	if got := MelBandAbove(20000); got != MelBands {
		t.Errorf("MelBandAbove(20000) = %d, want %d", got, MelBands)
	}
}
