package audio

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// FeatureSeconds says beforehand what the features' Seconds will be, for
// lengths either side of whole frames and at several rates.
func TestFeatureSeconds(t *testing.T) {
	for _, rate := range []int{8000, 16000, 22050, 44100} {
		for _, n := range []int{1, 159, 160, 161, rate - 1, rate, rate + 7, 3*rate + rate/3} {
			x := make([]float32, n)
			f := AnalyzeSamples(x, rate)
			if got, want := FeatureSeconds(int64(n), rate), f.Seconds(); got != want {
				t.Errorf("rate %d, %d samples: FeatureSeconds %v, Analyze's Seconds %v", rate, n, got, want)
			}
		}
	}
	if got := FeatureSeconds(0, 16000); got != 0 {
		t.Errorf("no samples: %v, want 0", got)
	}
}

// A WAV file's stream knows its length before it is read, and its
// features, made in room reserved for them, are those of the samples
// analysed in memory; a header that claims more than the file holds is
// not believed.
func TestStreamSamplesAndReservedAnalysis(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	x := synth(16000, 7.3, randomBursts(rng, 7.3), 15, true, 8)
	path := filepath.Join(t.TempDir(), "a.wav")
	writeWAV(t, path, x, 16000)
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, ok := s.Samples()
	if !ok || n != int64(len(x)) {
		t.Fatalf("Samples() = %d, %v; want %d, true", n, ok, len(x))
	}
	got, err := Analyze(s)
	if err != nil {
		t.Fatal(err)
	}
	// The file holds 16-bit samples: analyse those.
	w, _ := Open(context.Background(), path)
	defer w.Close()
	q, err := ReadAll(w)
	if err != nil {
		t.Fatal(err)
	}
	want := AnalyzeSamples(q, 16000)
	if got.Seconds() != FeatureSeconds(n, 16000) || got.Frames() != want.Frames() {
		t.Fatalf("%d frames (%v s), want %d (%v s)", got.Frames(), got.Seconds(), want.Frames(), FeatureSeconds(n, 16000))
	}
	for i := range want.Mel {
		if got.Mel[i] != want.Mel[i] {
			t.Fatalf("mel value %d: %g, want %g", i, got.Mel[i], want.Mel[i])
		}
	}
	for i := range want.Score {
		if got.Score[i] != want.Score[i] || got.Sub[i] != want.Sub[i] {
			t.Fatalf("frame %d differs", i)
		}
	}
	if cap(got.Mel) != len(got.Mel) {
		t.Errorf("mel rows: capacity %d for %d values; the room reserved should fit exactly", cap(got.Mel), len(got.Mel))
	}

	// A header that claims twice the data the file has.
	b := wavBytes(wavePCM, 0, 16000, 1, 16, [][]float64{{0.1}, {0.2}, {0.3}, {0.4}})
	b[len(b)-8-4] = 16 // the data chunk's size: 16 bytes, not 8
	cut := filepath.Join(t.TempDir(), "cut.wav")
	writeFile(t, cut, b)
	c, err := Open(context.Background(), cut)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if n, ok := c.Samples(); ok {
		t.Errorf("a header claiming more than the file: Samples() = %d, true; want false", n)
	}
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
