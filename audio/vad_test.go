package audio

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/subkit-dev/subkit/internal/longtest"
)

// burst is a stretch of a voice-like signal: a harmonic complex whose
// pitch glides around 140 Hz (by a fifth either way, as intonation does),
// with a syllable rhythm near 4 Hz 20 dB deep (vowels and the closures between
// them). A pitch held still for long is what the
// detector takes for a note, not a voice.
type burst struct{ start, end float64 }

// synth makes rate-Hz audio of the bursts in white or pink noise, the
// bursts' power snr dB over the noise's.
func synth(rate int, seconds float64, bursts []burst, snr float64, pink bool, seed uint64) []float32 {
	rng := rand.New(rand.NewPCG(seed, 7))
	n := int(seconds * float64(rate))
	x := make([]float64, n)
	for _, b := range bursts {
		var phase float64
		// whole syllables, so the burst starts and ends at a vowel
		syl := math.Max(1, math.Round(4*(b.end-b.start))) / (b.end - b.start)
		for i := int(b.start * float64(rate)); i < int(b.end*float64(rate)) && i < n; i++ {
			t := float64(i) / float64(rate)
			env := 0.55 + 0.45*math.Cos(2*math.Pi*syl*(t-b.start))
			phase += 2 * math.Pi * 140 * (1 + 0.3*math.Sin(2*math.Pi*1.5*(t-b.start))) / float64(rate)
			var v float64
			for h := 1; h <= 20; h++ {
				v += math.Sin(float64(h)*phase) / float64(h)
			}
			x[i] = 0.1 * env * v
		}
	}
	var ps, count float64
	for _, v := range x {
		if v != 0 {
			ps += v * v
			count++
		}
	}
	ps /= math.Max(count, 1)
	noise := make([]float64, n)
	var b0, b1, b2 float64 // Paul Kellet's pink filter (economy)
	var pn float64
	for i := range noise {
		w := rng.NormFloat64()
		if pink {
			b0 = 0.99765*b0 + w*0.0990460
			b1 = 0.96300*b1 + w*0.2965164
			b2 = 0.57000*b2 + w*1.0526913
			w = b0 + b1 + b2 + w*0.1848
		}
		noise[i] = w
		pn += w * w
	}
	pn /= float64(n)
	g := math.Sqrt(ps / pn / math.Pow(10, snr/10))
	if count == 0 {
		g = 0.01
	}
	out := make([]float32, n)
	for i := range out {
		out[i] = float32(x[i] + g*noise[i])
	}
	return out
}

func randomBursts(rng *rand.Rand, seconds float64) []burst {
	var bs []burst
	t := 0.7
	for {
		d := 0.3 + 1.5*rng.Float64()
		if t+d > seconds-0.5 {
			return bs
		}
		bs = append(bs, burst{t, t + d})
		t += d + 0.12 + 0.8*rng.Float64()
	}
}

// Onsets and offsets of voice-like bursts in noise are found within two
// and a half frames (25 ms: the window is 25 ms long), at 20 and 10 dB SNR,
// in white and pink noise, at 16 and 44.1 kHz.
func TestDetectBursts(t *testing.T) {
	t.Parallel()
	secs := longtest.Pick(15.0, 30.0)
	for _, c := range []struct {
		rate int
		snr  float64
		pink bool
	}{{16000, 20, false}, {16000, 10, true}, {44100, 10, false}, {16000, 10, false}} {
		rng := rand.New(rand.NewPCG(uint64(c.rate)+uint64(c.snr), 1))
		bursts := randomBursts(rng, secs)
		f := AnalyzeSamples(synth(c.rate, secs, bursts, c.snr, c.pink, 3), c.rate)
		segs := Detect(f, VADOptions{})
		// Every burst's onset and offset is a segment's, and no segment
		// lies outside the bursts.
		for _, b := range bursts {
			var on, off = math.Inf(1), math.Inf(1)
			for _, s := range segs {
				on = math.Min(on, math.Abs(s.Start-b.start))
				off = math.Min(off, math.Abs(s.End-b.end))
			}
			if on > 0.025 || off > 0.025 {
				t.Errorf("%d Hz, %g dB, pink %v: burst %.3f-%.3f: nearest onset %.0f ms off, offset %.0f ms off",
					c.rate, c.snr, c.pink, b.start, b.end, on*1000, off*1000)
			}
		}
		for _, s := range segs {
			inside := false
			for _, b := range bursts {
				if s.End > b.start-0.025 && s.Start < b.end+0.025 {
					inside = true
				}
			}
			if !inside {
				t.Errorf("%d Hz, %g dB: segment %.3f-%.3f is in the noise", c.rate, c.snr, s.Start, s.End)
			}
		}
	}
}

// Noise alone, white or pink, at any level, is not speech.
func TestDetectNoiseAlone(t *testing.T) {
	t.Parallel()
	secs := longtest.Pick(30.0, 60.0)
	for _, pink := range []bool{false, true} {
		f := AnalyzeSamples(synth(16000, secs, nil, 0, pink, 5), 16000)
		if segs := Detect(f, VADOptions{}); len(segs) > 0 {
			t.Errorf("pink %v: %d segments in noise alone, the first %.3f-%.3f", pink, len(segs), segs[0].Start, segs[0].End)
		}
	}
}

// The features of a stream read in pieces are those of the whole.
func TestAnalyzeStreamed(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	x := synth(16000, 8, randomBursts(rng, 8), 15, false, 4)
	whole := AnalyzeSamples(x, 16000)
	a := newAnalyzer(16000)
	for i := 0; i < len(x); {
		n := min(len(x)-i, 1+rng.IntN(3000))
		a.push(x[i : i+n])
		i += n
	}
	a.finish()
	got := a.out
	if got.Frames() != whole.Frames() || got.Frames() != 800 {
		t.Fatalf("%d frames streamed, %d whole, want 800", got.Frames(), whole.Frames())
	}
	for i := range whole.Score {
		if got.Score[i] != whole.Score[i] || got.Level[i] != whole.Level[i] {
			t.Fatalf("frame %d: streamed score %g level %g, whole %g %g", i, got.Score[i], got.Level[i], whole.Score[i], whole.Level[i])
		}
	}
}

func BenchmarkAnalyzeMinute(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	x := synth(16000, 60, randomBursts(rng, 60), 10, true, 2)
	b.SetBytes(int64(2 * len(x)))
	b.ResetTimer()
	for b.Loop() {
		AnalyzeSamples(x, 16000)
	}
}

// Audio too short for a noise estimate, or empty, is analysed without
// failing: every sample length from none to a few blocks.
func TestAnalyzeShort(t *testing.T) {
	x := synth(16000, 2, []burst{{0.2, 0.9}}, 20, false, 6)
	for _, n := range []int{0, 1, 159, 160, 161, 400, 3200, 16000, 32000} {
		f := AnalyzeSamples(x[:n], 16000)
		want := (n + 159) / 160
		if f.Frames() != want || len(f.Sub) != SubFrames*want || len(f.Level) != want {
			t.Errorf("%d samples: %d frames, %d sub-blocks, %d levels; want %d frames", n, f.Frames(), len(f.Sub), len(f.Level), want)
		}
		for _, v := range f.Score {
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				t.Fatalf("%d samples: score %g", n, v)
			}
		}
		Detect(f, VADOptions{})
	}
}
