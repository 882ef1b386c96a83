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

// references are the log-mel rows of lines espeak.Speak spoke, as
// espeak.LogMel gives them.
func references(w [][]float32) [][]float32 {
	out := make([][]float32, len(w))
	for i, x := range w {
		out[i] = audio.LogMel(x, espeak.Rate)
	}
	return out
}

// recording lays pieces out after the pauses given (seconds; one more
// pause than pieces ends it) and returns the samples and each piece's
// start.
func recording(rate int, pieces [][]float32, pauses []float64) ([]float32, []float64) {
	var x []float32
	var starts []float64
	for i, p := range pieces {
		x = append(x, make([]float32, int(pauses[i]*float64(rate)))...)
		starts = append(starts, float64(len(x))/float64(rate))
		x = append(x, p...)
	}
	return append(x, make([]float32, int(pauses[len(pieces)]*float64(rate)))...), starts
}

func power(x []float32) float64 {
	var p float64
	for _, v := range x {
		p += float64(v) * float64(v)
	}
	return p / float64(max(1, len(x)))
}

// addNoise adds white noise db under x's power.
func addNoise(x []float32, db float64, seed uint64) {
	g := math.Sqrt(power(x) / math.Pow(10, db/10))
	rng := rand.New(rand.NewPCG(seed, 1))
	for i := range x {
		x[i] += float32(g * rng.NormFloat64())
	}
}

// melody is a tune of plucked notes with harmonics, a note every 0.3 s,
// at the power given.
func melody(rate int, n int, pow float64, seed uint64) []float32 {
	rng := rand.New(rand.NewPCG(seed, 7))
	x := make([]float32, n)
	note := int(0.3 * float64(rate))
	scale := []float64{220, 247, 262, 294, 330, 349, 392, 440, 494, 523}
	for at := 0; at < n; at += note {
		f := scale[rng.IntN(len(scale))]
		for i := at; i < min(n, at+2*note); i++ {
			tt := float64(i-at) / float64(rate)
			env := math.Exp(-tt * 3)
			var v float64
			for h := 1.0; h <= 4; h++ {
				v += math.Sin(2*math.Pi*f*h*tt) / h
			}
			x[i] += float32(env * v)
		}
	}
	g := math.Sqrt(pow / power(x))
	for i := range x {
		x[i] *= float32(g)
	}
	return x
}

func checkFits(t *testing.T, fits []Fit, starts []float64, tol float64) {
	t.Helper()
	if len(fits) != len(starts) {
		t.Fatalf("%d fits for %d lines", len(fits), len(starts))
	}
	for i, f := range fits {
		if d := f.Start - starts[i]; math.Abs(d) > tol {
			t.Errorf("line %d placed at %.3f s, spoken at %.3f s (%+.0f ms)", i+1, f.Start, starts[i], d*1000)
		}
	}
}

// Lines spoken over a melody of plucked notes 12 dB under the speech are
// placed on the speech, not on the notes between the lines.
func TestContentUnderMelody(t *testing.T) {
	extcheck.RequireTool(t, "espeak-ng")
	texts := []string{"The quick brown fox jumps over the lazy dog.", "Pack my box with five dozen liquor jugs.", "How vexingly quick daft zebras jump."}
	w, err := espeak.Speak(context.Background(), "en-us", texts)
	if err != nil {
		t.Fatal(err)
	}
	x, starts := recording(espeak.Rate, w, []float64{2.5, 1.8, 3, 2})
	bed := melody(espeak.Rate, len(x), power(x)/math.Pow(10, 1.2), 1)
	for i := range x {
		x[i] += bed[i]
	}
	f := audio.AnalyzeSamples(x, espeak.Rate)
	fits, err := Content(f, references(w), nil, ContentParams{})
	if err != nil {
		t.Fatal(err)
	}
	checkFits(t, fits, starts, 0.06)
}

// Two lines said with no pause between them are told apart by what is
// said: the second starts where its first word does.
func TestContentNoPause(t *testing.T) {
	extcheck.RequireTool(t, "espeak-ng")
	texts := []string{"大家好，这里是最佳拍档", "今天我们聊一聊人工智能的未来"}
	w, err := espeak.Speak(context.Background(), espeak.Voice("zh"), texts)
	if err != nil {
		t.Fatal(err)
	}
	x, starts := recording(espeak.Rate, w, []float64{1, 0, 1})
	addNoise(x, 20, 2)
	f := audio.AnalyzeSamples(x, espeak.Rate)
	fits, err := Content(f, references(w), nil, ContentParams{})
	if err != nil {
		t.Fatal(err)
	}
	checkFits(t, fits, starts, 0.06)
}

// A speaker slower than the reference throughout (espeak at 110 words a
// minute against its default 175) is followed: the references are
// stretched to the pace found, and each line still lands on its start.
func TestContentSlowSpeaker(t *testing.T) {
	bin := extcheck.RequireTool(t, "espeak-ng")
	texts := []string{"Printing, then, for our purpose, may be considered as the art of making books.", "It is worth mention in passing that the earliest book was printed in Germany.", "They are the finest in the world."}
	var pieces [][]float32
	for _, s := range texts {
		x, _ := speakArgs(t, bin, "-v", "en-us", "-s", "110", s)
		pieces = append(pieces, x)
	}
	x, starts := recording(espeak.Rate, pieces, []float64{1.2, 0.4, 0.3, 1})
	addNoise(x, 20, 3)
	f := audio.AnalyzeSamples(x, espeak.Rate)
	refs, err := espeak.LogMel(context.Background(), "en-us", texts) // at espeak's own pace
	if err != nil {
		t.Fatal(err)
	}
	fits, err := Content(f, refs, nil, ContentParams{})
	if err != nil {
		t.Fatal(err)
	}
	checkFits(t, fits, starts, 0.06)
}

// Of a transcript with two lines that are not in the recording, those
// two get the lowest confidence, under 0.5, and every spoken line more.
func TestContentConfidenceUnspoken(t *testing.T) {
	extcheck.RequireTool(t, "espeak-ng")
	texts := []string{
		"The quick brown fox jumps over the lazy dog.",
		"Seven silver swans swam silently seaward.",
		"Pack my box with five dozen liquor jugs.",
		"How vexingly quick daft zebras jump.",
		"A wizard's job is to vex chumps quickly in fog.",
		"Nobody expected the committee to approve the budget.",
	}
	spoken := []int{0, 2, 3, 5}
	w, err := espeak.Speak(context.Background(), "en-us", texts)
	if err != nil {
		t.Fatal(err)
	}
	var pieces [][]float32
	for _, i := range spoken {
		pieces = append(pieces, w[i])
	}
	x, _ := recording(espeak.Rate, pieces, []float64{1, 0.8, 1.2, 0.7, 1})
	addNoise(x, 20, 4)
	f := audio.AnalyzeSamples(x, espeak.Rate)
	fits, err := Content(f, references(w), nil, ContentParams{})
	if err != nil {
		t.Fatal(err)
	}
	for i, ft := range fits {
		unspoken := i == 1 || i == 4
		if unspoken && ft.Confidence >= 0.5 || !unspoken && ft.Confidence < 0.5 {
			t.Errorf("line %d (spoken: %v): confidence %.2f", i+1, !unspoken, ft.Confidence)
		}
	}
}
