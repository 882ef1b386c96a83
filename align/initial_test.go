package align

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/subkit-dev/subkit/audio"
	"github.com/subkit-dev/subkit/espeak"
	"github.com/subkit-dev/subkit/internal/extcheck"
)

// A Mandarin line that opens with a fricative (甚, sh) under a held chord
// 6 dB down: a start placed 100 ms late, on the vowel, is moved back to
// the fricative; a line that opens with a vowel (啊) keeps its start, and
// so does a start after a hi-hat stroke in the bed.
func TestSoftInitialUnderChord(t *testing.T) {
	extcheck.RequireTool(t, "espeak-ng")
	w, err := espeak.Speak(context.Background(), espeak.Voice("zh"), []string{"甚至出现交易几乎停滞的情况", "啊这个也能理解啊"})
	if err != nil {
		t.Fatal(err)
	}
	rate := espeak.Rate
	pause := rate
	for _, tc := range []struct {
		name        string
		line        []float32
		hihat       bool
		given, want float64 // seconds after the line's first sound
	}{
		{"fricative", w[0], false, 0.1, 0},
		{"vowel", w[1], false, 0, 0},
		{"hi-hat before a vowel", w[1], true, 0, 0},
	} {
		x := append(make([]float32, 2*pause), tc.line...)
		x = append(x, make([]float32, pause)...)
		bed := chord(rate, len(x), power(tc.line)/math.Pow(10, 0.6))
		for i := range x {
			x[i] += bed[i]
		}
		if tc.hihat {
			// A stroke of high noise 80 ms before the line, gone in 20 ms.
			rng := rand.New(rand.NewPCG(9, 9))
			at := 2*pause - rate*8/100
			g := 4 * math.Sqrt(power(tc.line))
			prev := 0.0
			for i := 0; i < rate/20; i++ {
				v := rng.NormFloat64()
				x[at+i] += float32(g * math.Exp(-float64(i)/float64(rate/200)) * (v - prev) / 2)
				prev = v
			}
		}
		addNoise(x, 40, 10)
		f := audio.AnalyzeSamples(x, rate)
		start := float64(2*pause) / float64(rate)
		got := softInitial(topBands(f), f.Level, f.Step, start+tc.given)
		if d := got - (start + tc.want); math.Abs(d) > 0.03 {
			t.Errorf("%s: start given %.3f s, moved to %.3f s, want %.3f s (%+.0f ms)", tc.name, start+tc.given, got, start+tc.want, d*1000)
		}
	}
}

func TestOpenSyllables(t *testing.T) {
	for lang, want := range map[string]bool{"zh": true, "zh-Hans": true, "cmn": true, "yue-HK": true, "zh_TW": true, "en": false, "ja": false, "": false, "zhx": false} {
		if got := openSyllables(lang); got != want {
			t.Errorf("openSyllables(%q) = %v, want %v", lang, got, want)
		}
	}
}
