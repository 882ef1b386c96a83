package align

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// scene is speech made up for a test: units of known weight spoken at a
// jittered rate as runs of word spans, pauses between them, and noise.
type scene struct {
	units  []Unit
	spans  []Span
	starts []float64 // each unit's true start
}

// makeScene speaks n units at about 4.5 units a second (each ±15 %), with
// word gaps of 10-40 ms inside and pauses of 100 ms to 1.2 s between (one
// of 60 ms), weak noise blips in the long pauses, and, with music, a
// minute of faint spans (music the detector half took for speech) in the
// middle.
func makeScene(seed uint64, n int, music bool) scene {
	rng := rand.New(rand.NewPCG(seed, 3))
	var sc scene
	t := 3.0
	for i := 0; i < n; i++ {
		w := float64(2 + rng.IntN(20))
		pause := 0.1 + 1.1*rng.Float64()
		if i == n/3 {
			pause = 0.06
		}
		nominal := 0.4
		if i == 0 {
			pause, nominal = 0, 0
		}
		if music && i == n/2 {
			// A minute of music: spans of 0.3-2 s with short breaks.
			m := t + 1
			for m < t+61 {
				d := 0.3 + 1.7*rng.Float64()
				sc.spans = append(sc.spans, Span{Start: m, End: m + d, Strength: 0.5})
				m += d + 0.05 + 0.2*rng.Float64()
			}
			t = m + 1
		} else if pause > 0.8 {
			// A noise blip in the pause.
			b := t + pause/2
			sc.spans = append(sc.spans, Span{Start: b, End: b + 0.04, Strength: 0.2})
		}
		t += pause
		sc.units = append(sc.units, Unit{Weight: w, Pause: nominal})
		sc.starts = append(sc.starts, t)
		end := t + w/4.5*(1+0.3*(rng.Float64()-0.5))
		for t < end {
			d := math.Min(0.1+0.3*rng.Float64(), end-t)
			sc.spans = append(sc.spans, Span{Start: t, End: t + d, Strength: 4})
			t += d
			if t < end {
				t += 0.01 + 0.03*rng.Float64()
			}
		}
	}
	sortSpans(sc.spans)
	return sc
}

func sortSpans(s []Span) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].Start < s[j-1].Start; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func checkStarts(t *testing.T, sc scene, r *Result) {
	t.Helper()
	bad := 0
	for u, pl := range r.Units {
		if math.Abs(pl.Start-sc.starts[u]) > 1e-9 {
			bad++
			if bad <= 5 {
				t.Errorf("unit %d starts at %.3f, want %.3f", u, pl.Start, sc.starts[u])
			}
		}
	}
	if bad > 5 {
		t.Errorf("... %d units misplaced in all", bad)
	}
}

// Every unit lands on its own first word, the 60 ms pause and the noise
// blips notwithstanding, and the rate is measured.
func TestAssignSynthetic(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		sc := makeScene(seed, 150, false)
		r, err := Assign(sc.units, sc.spans, Params{})
		if err != nil {
			t.Fatal(err)
		}
		checkStarts(t, sc, r)
		if math.Abs(r.Rate/4.5-1) > 0.1 {
			t.Errorf("seed %d: rate %.2f, want about 4.5", seed, r.Rate)
		}
	}
}

// A minute of faint music taken for speech in the middle is left out.
func TestAssignSkipsMusic(t *testing.T) {
	sc := makeScene(4, 120, true)
	r, err := Assign(sc.units, sc.spans, Params{})
	if err != nil {
		t.Fatal(err)
	}
	checkStarts(t, sc, r)
	if r.Skipped < 30 {
		t.Errorf("%d spans left out, want the minute of music (30 or more)", r.Skipped)
	}
}

// Fewer spans than units is an error that says so; spans out of order
// are refused.
func TestAssignTooLittleSpeech(t *testing.T) {
	units := []Unit{{Weight: 5}, {Weight: 5, Pause: 0.4}, {Weight: 5, Pause: 0.4}}
	spans := []Span{{Start: 1, End: 3, Strength: 4}, {Start: 4, End: 5, Strength: 4}}
	if _, err := Assign(units, spans, Params{}); !errors.Is(err, ErrTooLittleSpeech) {
		t.Fatalf("got %v, want ErrTooLittleSpeech", err)
	}
	if _, err := Assign(units, []Span{{Start: 2, End: 3}, {Start: 1, End: 1.5}, {Start: 4, End: 5}}, Params{}); err == nil {
		t.Fatal("spans out of order were taken")
	}
}

func BenchmarkAssignHour(b *testing.B) {
	// About an hour: 1,600 units of some 2 s, and a minute of music.
	sc := makeScene(9, 1600, true)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Assign(sc.units, sc.spans, Params{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestFastLog(t *testing.T) {
	for _, x := range []float64{1e-3, 0.02, 0.5, 0.7071, 1, 1.4142, 1.5, 2, 3.3, 17, 1234.5, 1e6} {
		if d := math.Abs(fastLog(x) - math.Log(x)); d > 1e-6 {
			t.Errorf("fastLog(%g) = %.9f, want %.9f", x, fastLog(x), math.Log(x))
		}
	}
}

// A transcript's confidence is the higher of its captions' mean and its
// contrast as a share of ContrastFull; placed by sound alone (no fits) it
// is 1, and where the references do not model the voice (BySound) or the
// order was not measured, the mean of its captions'.
func TestResultConfidence(t *testing.T) {
	if got := (&Result{}).Confidence(); got != 1 {
		t.Errorf("no fits: confidence %v, want 1", got)
	}
	nan := math.NaN()
	r := &Result{Fits: []Fit{
		{Start: 0, End: 1, Confidence: 0.2, Order: 0.3, NullOrder: 0.05},
		{Start: 1, End: 4, Confidence: 0.05, Order: 0.2, NullOrder: 0.05},
		{Start: 4, End: 5, Confidence: 0.05, Order: nan, NullOrder: 0}, // not measured
	}}
	// Voice fit (1·0.3 + 3·0.2)/4 less the reversed text's (1·0.05 + 3·0.05)/4,
	// over the mean 0.1.
	want := ((1*0.3+3*0.2)/4 - 0.05) / ContrastFull
	if got := r.Confidence(); math.Abs(got-want) > 1e-12 {
		t.Errorf("by contrast: confidence %v, want %v", got, want)
	}
	r.Fits[0].Order, r.Fits[0].NullOrder = 0, 0.9 // fits worse than the reversed text
	if got := r.Confidence(); math.Abs(got-0.1) > 1e-12 {
		t.Errorf("contrast under 0: confidence %v, want the mean 0.1", got)
	}
	r.Fits[0].Order, r.Fits[0].NullOrder = 0.3, 0.05
	r.BySound = true
	if got := r.Confidence(); math.Abs(got-0.1) > 1e-12 {
		t.Errorf("by sound: confidence %v, want the mean 0.1", got)
	}
	r.BySound = false
	for i := range r.Fits {
		r.Fits[i].Order = nan
	}
	if got := r.Confidence(); math.Abs(got-0.1) > 1e-12 {
		t.Errorf("order not measured: confidence %v, want the mean 0.1", got)
	}
}
