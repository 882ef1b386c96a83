package audio

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/subkit-dev/subkit/internal/longtest"
)

// music makes rate-Hz audio of a plucked-chord phrase with a beat, like
// scripts/make-hard-audio.sh's: a chord every 2 s (C, Am, F, G, four
// notes of six decaying harmonics each) and a 40 ms tick of brown noise
// every half second, its power scaled to power.
func music(rate int, seconds, power float64, seed uint64) []float32 {
	rng := rand.New(rand.NewPCG(seed, 11))
	chords := [][]float64{{130.8, 164.8, 196.0, 261.6}, {110.0, 164.8, 220.0, 261.6},
		{87.3, 220.0, 261.6, 349.2}, {98.0, 246.9, 293.7, 392.0}}
	n := int(seconds * float64(rate))
	x := make([]float64, n)
	var brown float64
	for i := range x {
		t := float64(i) / float64(rate)
		c := chords[int(t/2)%len(chords)]
		since := math.Mod(t, 2)
		var v float64
		for _, f := range c {
			for h := 1; h <= 6; h++ {
				v += math.Sin(2*math.Pi*f*float64(h)*t) * math.Exp(-since*(1.5+0.5*float64(h))) / float64(h)
			}
		}
		if math.Mod(t, 0.5) < 0.04 {
			brown = 0.98*brown + 0.2*rng.NormFloat64()
			v += 2 * brown
		} else {
			brown = 0
		}
		x[i] = v
	}
	var p float64
	for _, v := range x {
		p += v * v
	}
	g := math.Sqrt(power / (p / float64(n)))
	out := make([]float32, n)
	for i := range out {
		out[i] = float32(g * x[i])
	}
	return out
}

// speechSeconds is how much of the segments lies in [from, to).
func speechSeconds(segs []Segment, from, to float64) float64 {
	var s float64
	for _, g := range segs {
		s += math.Max(0, math.Min(g.End, to)-math.Max(g.Start, from))
	}
	return s
}

// Plucked chords with a beat, as loud as a voice and with no voice, are
// hardly ever speech: the notes are held or decaying, and the attacks of
// the chords and ticks that stand out come on a beat grid. 20 s is two
// and a half turns of the four chords; the long run takes 40.
func TestDetectMusicAlone(t *testing.T) {
	t.Parallel()
	secs := longtest.Pick(20.0, 40.0)
	for _, rate := range []int{16000, 44100} {
		f := AnalyzeSamples(music(rate, secs, 0.01, 1), rate)
		segs := Detect(f, VADOptions{})
		if s := speechSeconds(segs, 0, secs); s > secs/10 {
			t.Errorf("%d Hz: %.1f s of %.0f s of music taken for speech in %d segments", rate, s, secs, len(segs))
		}
	}
}

// Voice-like bursts 6 dB over that music are mostly found (their glides
// and closures stand out of the notes), and the music between them mostly
// is not: before the one-sided sustain floor and the beat rule a third of
// it was taken for speech.
func TestDetectVoiceOverMusic(t *testing.T) {
	t.Parallel()
	const rate = 16000
	secs := longtest.Pick(20.0, 40.0)
	rng := rand.New(rand.NewPCG(21, 1))
	bursts := randomBursts(rng, secs)
	voice := synth(rate, secs, bursts, 60, false, 2) // near-silent noise
	var pv float64
	for _, v := range voice {
		pv += float64(v) * float64(v)
	}
	var inside float64
	for _, b := range bursts {
		inside += b.end - b.start
	}
	pv /= inside * rate
	bed := music(rate, secs, pv/4, 3)
	x := make([]float32, len(voice))
	for i := range x {
		x[i] = voice[i] + bed[i]
	}
	segs := Detect(AnalyzeSamples(x, rate), VADOptions{})
	var found, outside float64
	for _, b := range bursts {
		found += speechSeconds(segs, b.start, b.end)
	}
	outside = speechSeconds(segs, 0, secs) - found
	if found < 0.75*inside {
		t.Errorf("%.1f s of %.1f s of voice found over the music", found, inside)
	}
	if outside > 0.2*(secs-inside) {
		t.Errorf("%.1f s of %.1f s of music between the voice taken for speech", outside, secs-inside)
	}
	t.Logf("voice %.1f of %.1f s, music %.1f of %.1f s", found, inside, outside, secs-inside)
}

// dropBeats drops segments struck on a steady grid, but for the first and
// last two (too few neighbours on one side), and keeps irregular ones, and
// ones on the grid that differ in length.
func TestDropBeats(t *testing.T) {
	var segs []Segment
	// A tick every 50 frames from frame 1000 to 1500, 5 frames long.
	for f := 1000; f <= 1500; f += 50 {
		segs = append(segs, Segment{From: f, To: f + 5})
	}
	// Then speech-like stretches at irregular times and lengths.
	rng := rand.New(rand.NewPCG(3, 3))
	for f := 1600; f < 4000; {
		l := 5 + rng.IntN(40)
		segs = append(segs, Segment{From: f, To: f + l})
		f += l + 6 + rng.IntN(40)
	}
	n := len(segs)
	kept := dropBeats(append([]Segment(nil), segs...), 4100)
	for _, s := range kept {
		if s.From >= 1100 && s.From <= 1400 {
			t.Errorf("tick at frame %d kept", s.From)
		}
	}
	if want := n - 7; len(kept) != want {
		t.Errorf("kept %d segments, want %d (all but the 7 inner ticks)", len(kept), want)
	}
	// The same grid with lengths that differ is not a beat.
	segs = segs[:0]
	for k, f := 0, 1000; f <= 1500; k, f = k+1, f+50 {
		segs = append(segs, Segment{From: f, To: f + 5 + 3*k})
	}
	if kept := dropBeats(segs, 4100); len(kept) != 11 {
		t.Errorf("grid of differing lengths: kept %d of 11", len(kept))
	}
}
