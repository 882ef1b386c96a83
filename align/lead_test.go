package align

import (
	"context"
	"math"
	"testing"

	"github.com/subkit-dev/subkit/audio"
	"github.com/subkit-dev/subkit/espeak"
	"github.com/subkit-dev/subkit/internal/extcheck"
)

// hum is a held, voiced hum standing for a speaker's "um": a pitch near
// 110 Hz with a slow waver, its harmonics falling off fast as a nasal
// murmur's do, faded in and out over 40 ms, at the power given.
func hum(rate int, seconds, pow float64) []float32 {
	n := int(seconds * float64(rate))
	x := make([]float32, n)
	var phase float64
	for i := range x {
		tt := float64(i) / float64(rate)
		f0 := 110 * (1 + 0.03*math.Sin(2*math.Pi*3*tt))
		phase += 2 * math.Pi * f0 / float64(rate)
		var v float64
		for h := 1.0; h <= 12; h++ {
			v += math.Sin(h*phase) / (h * h)
		}
		env := math.Min(1, math.Min(tt, seconds-tt)/0.04)
		x[i] = float32(env * v)
	}
	g := math.Sqrt(pow / power(x))
	for i := range x {
		x[i] *= float32(g)
	}
	return x
}

// hesitant lays out two lines, the second after a hum of humSec seconds
// and a short pause; with bedHum, the same hum sounds in the pauses
// before too, as a held note of a bed would. It returns the samples, the
// texts and where the hum starts.
func hesitant(t *testing.T, humSec float64, bedHum bool) ([]float32, [][]float32, float64) {
	t.Helper()
	texts := []string{"Hello there, this is the first line of the two.", "um this is me talking really slowly"}
	w, err := espeak.Speak(context.Background(), "en-us", texts)
	if err != nil {
		t.Fatal(err)
	}
	r := espeak.Rate
	hp := power(w[1]) / math.Pow(10, 0.8) // 8 dB under the words
	sil := func(s float64) []float32 { return make([]float32, int(s*float64(r))) }
	var x []float32
	add := func(p []float32) { x = append(x, p...) }
	if bedHum {
		add(sil(0.3))
		add(hum(r, humSec, hp))
		add(sil(0.4))
	} else {
		add(sil(1.2))
	}
	add(w[0])
	add(sil(0.4))
	if bedHum {
		add(hum(r, humSec, hp))
		add(sil(0.3))
		add(hum(r, humSec, hp))
	} else {
		add(sil(0.3 + 2*humSec))
	}
	add(sil(0.5))
	at := float64(len(x)) / float64(r)
	add(hum(r, humSec, hp))
	add(sil(0.12))
	add(w[1])
	add(sil(1))
	addNoise(x, 35, 3)
	return x, w, at
}

// A line whose "um" is a held hum half a second long starts where the hum
// does, not at the words after it.
func TestLeadInHum(t *testing.T) {
	extcheck.RequireTool(t, "espeak-ng")
	for _, sec := range []float64{0.4, 0.7} {
		x, w, at := hesitant(t, sec, false)
		f := audio.AnalyzeSamples(x, espeak.Rate)
		fits, err := Content(f, references(w), nil, ContentParams{})
		if err != nil {
			t.Fatal(err)
		}
		if d := fits[1].Start - at; math.Abs(d) > 0.06 {
			t.Errorf("hum of %.1f s at %.3f s: the line starts at %.3f s (%+.0f ms; lead-in %.3f s)", sec, at, fits[1].Start, d*1000, fits[1].Lead)
		}
	}
}

// The same hum, when it also sounds in the pauses before (a held note of
// a bed, not the speaker), is left in the pause: the line starts at its
// words.
func TestLeadInNotABed(t *testing.T) {
	extcheck.RequireTool(t, "espeak-ng")
	x, w, at := hesitant(t, 0.5, true)
	f := audio.AnalyzeSamples(x, espeak.Rate)
	fits, err := Content(f, references(w), nil, ContentParams{})
	if err != nil {
		t.Fatal(err)
	}
	words := at + 0.5 + 0.12
	if fits[1].Lead != 0 || math.Abs(fits[1].Start-words) > 0.3 {
		t.Errorf("line placed at %.3f s with a lead-in of %.3f s; its words start at %.3f s, the hum at %.3f s", fits[1].Start, fits[1].Lead, words, at)
	}
}

// A line whose first word is drawn out (espeak-ng's "and" at a third of
// the pace, 12 dB softer) and followed by a 0.4 s pause starts where that
// word does. The search places this one by itself (it is espeak-ng's own
// voice, slowed); the test guards that the lead-in, looking before it,
// leaves it there.
func TestLeadInDrawnOutWord(t *testing.T) {
	bin := extcheck.RequireTool(t, "espeak-ng")
	texts := []string{"Hello there, this is the first line of the two.", "and here is some more of it, thanks"}
	w, err := espeak.Speak(context.Background(), "en-us", texts)
	if err != nil {
		t.Fatal(err)
	}
	slow, rate := speakArgs(t, bin, "-v", "en-us", "-s", "60", "and")
	rest, _ := speakArgs(t, bin, "-v", "en-us", "here is some more of it, thanks")
	if rate != espeak.Rate {
		t.Fatalf("espeak-ng speaks at %d Hz, want %d", rate, espeak.Rate)
	}
	sil := func(s float64) []float32 { return make([]float32, int(s*float64(rate))) }
	x := append(sil(1), w[0]...)
	x = append(x, sil(1.5)...)
	at := float64(len(x)) / float64(rate)
	for i := range slow {
		slow[i] *= 0.25 // 12 dB under the words
	}
	x = append(x, slow...)
	x = append(x, sil(0.4)...)
	x = append(x, rest...)
	x = append(x, sil(1)...)
	addNoise(x, 35, 5)
	f := audio.AnalyzeSamples(x, rate)
	fits, err := Content(f, references(w), nil, ContentParams{})
	if err != nil {
		t.Fatal(err)
	}
	if d := fits[1].Start - at; math.Abs(d) > 0.06 {
		t.Errorf("a drawn-out \"and\" (%.2f s) at %.3f s: the line starts at %.3f s (%+.0f ms; lead-in %.3f s)", float64(len(slow))/float64(rate), at, fits[1].Start, d*1000, fits[1].Lead)
	}
}
