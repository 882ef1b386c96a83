package align

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/subkit-dev/subkit/audio"
	"github.com/subkit-dev/subkit/internal/longtest"
)

// voiceOverBed makes lines of a voice-like sound (a harmonic tone at a
// gliding pitch, syllables 150-300 ms long with short dips between) with
// pauses of 0.3-1.5 s, over a held organ-like chord that changes every 3 s
// and never stops, bedDB under the voice. It returns the samples at 16 kHz
// and each line's start and end.
func voiceOverBed(seed uint64, lines int, bedDB float64) ([]float32, []Cue) {
	const rate = 16000
	rng := rand.New(rand.NewPCG(seed, 3))
	truth, t := bedLines(rng, lines)
	n := int((t + 1) * rate)
	voice := make([]float64, n)
	for _, c := range truth {
		f0 := 140 + 80*rng.Float64()
		for s := c.Start; s < c.End; {
			syl := math.Min(0.15+0.15*rng.Float64(), c.End-s)
			a, b := int(s*rate), int((s+syl)*rate)
			var ph float64
			for i := a; i < b; i++ {
				x := float64(i-a) / float64(b-a)
				env := math.Sin(math.Pi * math.Min(1, x*1.6)) // a quick rise, a slower fall
				f := f0 * (1 + 0.1*x)
				ph += 2 * math.Pi * f / rate
				var v float64
				for h := 1; h <= 12; h++ {
					v += math.Sin(float64(h)*ph) / float64(h)
				}
				voice[i] = env * v
			}
			s += syl + 0.02 + 0.04*rng.Float64()
		}
	}
	chords := [][]float64{{130.8, 164.8, 196.0}, {110.0, 164.8, 220.0}, {87.3, 220.0, 261.6}, {98.0, 246.9, 293.7}}
	bed := make([]float64, n)
	var phase [3]float64
	for i := range bed {
		tt := float64(i) / rate
		vibrato := 1 + 0.003*math.Sin(2*math.Pi*5*tt)
		for j, f := range chords[int(tt/3)%len(chords)] {
			phase[j] += 2 * math.Pi * f * vibrato / rate
			for h := 1; h <= 4; h++ {
				bed[i] += math.Sin(float64(h)*phase[j]) / float64(h*h)
			}
		}
	}
	power := func(x []float64) float64 {
		var p float64
		k := 0
		for _, v := range x {
			if v != 0 {
				p += v * v
				k++
			}
		}
		return p / float64(k)
	}
	g := math.Sqrt(power(voice) / power(bed) * math.Pow(10, -bedDB/10))
	out := make([]float32, n)
	for i := range out {
		out[i] = float32(0.1 * (voice[i] + g*bed[i]))
	}
	return out, truth
}

// bedLines draws the lines of voiceOverBed and the end of the pause after
// the last: their times alone, for a test that needs another recording's
// captions and not its sound.
func bedLines(rng *rand.Rand, lines int) (truth []Cue, end float64) {
	t := 1.0
	for range lines {
		d := 1.2 + 2.5*rng.Float64()
		truth = append(truth, Cue{Start: t, End: t + d})
		t += d + 0.3 + 1.2*rng.Float64()
	}
	return truth, t
}

// Under a held chord 8 dB below the voice, which fills every pause,
// captions that were shifted and stretched are put back within 30 ms of
// each line's start, at the exact rate, with a high confidence; captions
// of another recording get a low one.
func TestSyncOverMusicBed(t *testing.T) {
	x, truth := voiceOverBed(1, 24, 8)
	f := audio.AnalyzeSamples(x, 16000)
	var spans []Span
	for _, s := range audio.Detect(f, audio.VADOptions{}) {
		spans = append(spans, Span{Start: s.Start, End: s.End})
	}
	k := 25 / 23.976
	bad := make([]Cue, len(truth))
	for i, c := range truth {
		bad[i] = Cue{Start: c.Start*k + 2.5, End: c.End*k + 2.5}
	}
	worstOf := func(r *SyncResult) float64 {
		w := 0.0
		for i, c := range bad {
			w = math.Max(w, math.Abs(r.Map(i, c.Start)-truth[i].Start))
		}
		return w
	}
	r, err := Sync(bad, spans, SyncOptions{Features: f})
	if err != nil {
		t.Fatal(err)
	}
	if r.Rate*k-1 > 1e-6 || r.Rate*k-1 < -1e-6 {
		t.Errorf("rate %.6f, want %.6f", r.Rate, 1/k)
	}
	if w := worstOf(r); w > 0.03 {
		t.Errorf("a start is %.0f ms from the truth after sync", w*1000)
	}
	if r.Confidence < 0.9 {
		t.Errorf("confidence %.2f, want 0.9 or more", r.Confidence)
	}
	// Captions of other lines are refused: no better than chance.
	other, _ := bedLines(rand.New(rand.NewPCG(7, 3)), 24)
	if r, err := Sync(other, spans, SyncOptions{Features: f}); err == nil && r.Confidence >= 0.5 {
		t.Errorf("captions of another recording: confidence %.2f, want under 0.5", r.Confidence)
	}
	if !longtest.On() {
		return
	}
	if r0, err := Sync(bad, spans, SyncOptions{}); err == nil {
		t.Logf("from the spans alone: worst start %.0f ms off, rate %.6f", worstOf(r0)*1000, r0.Rate)
	}
}

// The onset finder places the start of each line within 25 ms when asked
// near it, and finds no rise of 6 dB in the middle of the held bed alone.
func TestOnsetFinder(t *testing.T) {
	x, truth := voiceOverBed(2, 12, 8)
	o := newOnsetFinder(audio.AnalyzeSamples(x, 16000))
	for i, c := range truth {
		on, rise := o.near(c.Start+0.1, 0.25)
		if math.Abs(on-c.Start) > 0.025 || rise < minRise {
			t.Errorf("line %d at %.3f s: onset %.3f s, rise %.1f dB", i+1, c.Start, on, rise)
		}
	}
}
