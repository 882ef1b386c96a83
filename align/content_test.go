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
	addNoiseFrom(x, db, rand.New(rand.NewPCG(seed, 1)))
}

// addNoiseFrom adds white noise db under x's power, drawn from rng.
func addNoiseFrom(x []float32, db float64, rng *rand.Rand) {
	g := math.Sqrt(power(x) / math.Pow(10, db/10))
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

// chord is a held chord of bowed-string-like tones (harmonics, a slow
// vibrato, a steady level) of n samples at the power given.
func chord(rate int, n int, pow float64) []float32 {
	x := make([]float32, n)
	for _, f := range []float64{196, 247, 294, 392} {
		for i := range x {
			tt := float64(i) / float64(rate)
			ph := 2 * math.Pi * f * (tt + 0.002*math.Sin(2*math.Pi*5*tt))
			for h := 1.0; h <= 6; h++ {
				x[i] += float32(math.Sin(h*ph) / h)
			}
		}
	}
	g := math.Sqrt(pow / power(x))
	for i := range x {
		x[i] *= float32(g)
	}
	return x
}

// A held chord keeps its spectral shape, speech changes it with every
// sound: shapeChange is under shapeFull over the chord and over it on
// the speech, so the chord costs more as speech than the speech does.
func TestShapeChangeChordAgainstSpeech(t *testing.T) {
	extcheck.RequireTool(t, "espeak-ng")
	w, err := espeak.Speak(context.Background(), "en-us", []string{"Printing, then, for our purpose, may be considered as the art of making books by means of movable types."})
	if err != nil {
		t.Fatal(err)
	}
	c := chord(espeak.Rate, 5*espeak.Rate, power(w[0]))
	x := append(append(c, make([]float32, espeak.Rate/2)...), w[0]...)
	addNoise(x, 30, 4)
	f := audio.AnalyzeSamples(x, espeak.Rate)
	rec := newRecFeatures(f, ContentDefaults)
	shape := shapeChange(rec.x)
	mean := func(v []float32, a, b float64) float64 {
		var s float64
		ta, tb := int(a/f.Step), int(b/f.Step)
		for _, u := range v[ta:tb] {
			s += float64(u)
		}
		return s / float64(tb-ta)
	}
	sp := 5.5 + float64(len(w[0]))/espeak.Rate
	if v := mean(shape, 1, 4); v >= shapeFull {
		t.Errorf("shape change over the chord %.2f, want under %.2f", v, shapeFull)
	}
	if v := mean(shape, 6.5, sp-1); v < shapeFull {
		t.Errorf("shape change over the speech %.2f, want %.2f or more", v, shapeFull)
	}
	if fc, fs := mean(rec.flat, 1, 4), mean(rec.flat, 6.5, sp-1); fc < fs+0.2 {
		t.Errorf("the chord costs %.2f more as speech, the speech %.2f: want the chord 0.2 more", fc, fs)
	}
}

// A second speaker 15 dB quieter than the first is brought up to the
// first's level (the pauses stay as they are), and lines of both are
// placed on their starts.
func TestContentQuieterSpeaker(t *testing.T) {
	extcheck.RequireTool(t, "espeak-ng")
	texts := []string{"The quick brown fox jumps over the lazy dog.", "Pack my box with five dozen liquor jugs.", "How vexingly quick daft zebras jump.", "Sphinx of black quartz, judge my vow."}
	w, err := espeak.Speak(context.Background(), "en-us", texts)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range w[2:] {
		for i := range p {
			p[i] *= float32(math.Pow(10, -15.0/20))
		}
	}
	x, starts := recording(espeak.Rate, w, []float64{1, 0.8, 6, 0.8, 1})
	rng := rand.New(rand.NewPCG(5, 1))
	g := math.Sqrt(power(w[2])) / math.Pow(10, 25.0/20)
	for i := range x {
		x[i] += float32(g * rng.NormFloat64())
	}
	f := audio.AnalyzeSamples(x, espeak.Rate)
	rec := newRecFeatures(f, ContentDefaults)
	const B = audio.MelBands
	gain := levelGain(f.Mel[:f.Frames()*B], rec.noise, rec.speech)
	if gain == nil {
		t.Fatal("no gain for a speaker 15 dB quieter")
	}
	at := func(sec float64) float64 { return float64(gain[int(sec/f.Step)]) }
	if v := at(starts[0] + 0.5); v > 1.5 {
		t.Errorf("gain on the louder speaker %.1f, want about 1", v)
	}
	if v := at(starts[3] + 0.5); v < 8 {
		t.Errorf("gain on the quieter speaker %.1f, want about 30 (up to %g)", v, levelMax)
	}
	fits, err := Content(f, references(w), nil, ContentParams{})
	if err != nil {
		t.Fatal(err)
	}
	checkFits(t, fits, starts, 0.06)
}

// A speaker who pauses 0.4 s after the first word of a line ("And, it is …")
// where the synthesizer runs on: the line starts at that first word, not
// after the pause.
func TestContentPauseAfterFirstWord(t *testing.T) {
	bin := extcheck.RequireTool(t, "espeak-ng")
	texts := []string{"Printing may be considered as the art of making books.", "And it is worth mention in passing that the earliest book was printed in Germany."}
	first, _ := speakArgs(t, bin, "-v", "en-us", texts[0])
	and, _ := speakArgs(t, bin, "-v", "en-us", "And")
	rest, _ := speakArgs(t, bin, "-v", "en-us", "it is worth mention in passing that the earliest book was printed in Germany.")
	second := append(append(and, make([]float32, espeak.Rate*2/5)...), rest...)
	x, starts := recording(espeak.Rate, [][]float32{first, second}, []float64{1, 0.7, 1})
	addNoise(x, 20, 6)
	f := audio.AnalyzeSamples(x, espeak.Rate)
	refs, err := espeak.LogMel(context.Background(), "en-us", texts)
	if err != nil {
		t.Fatal(err)
	}
	fits, err := Content(f, refs, nil, ContentParams{})
	if err != nil {
		t.Fatal(err)
	}
	checkFits(t, fits, starts, 0.06)
}
