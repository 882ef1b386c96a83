package align

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/audio"
	"github.com/subkit-dev/subkit/espeak"
	"github.com/subkit-dev/subkit/internal/extcheck"
)

// syncLines are spoken by espeak-ng for the sync tests: ten lines, some
// following each other with a short pause, about 40 s in all.
var syncLines = []string{
	"Printing may be considered as the art of making books by means of movable types.",
	"The Chinese took impressions from wood blocks engraved in relief.",
	"Now, as all books consist principally of types composed to form letterpress,",
	"it is of the first importance that the letter should be fine in form.",
	"The Middle Ages brought calligraphy to perfection.",
	"It was natural therefore that the forms of printed letters should follow it.",
	"The first printers simply followed their handwritten models.",
	"Their letters were designed by men who had the tradition of writing behind them.",
	"No more time is occupied in casting beautiful letters than ugly ones.",
	"And the same is true of setting and printing them.",
}

// spokenTrack speaks the lines with pauses between them (some short) in
// noise snr dB under the speech and returns its features and where each
// line starts and ends.
func spokenTrack(t *testing.T, snr float64) (*audio.Features, []Cue) {
	bin := extcheck.RequireTool(t, "espeak-ng")
	rng := rand.New(rand.NewPCG(3, 7))
	var x []float32
	var truth []Cue
	rate := 0
	for i, l := range syncLines {
		s, r := speak(t, bin, "en-us", l)
		rate = r
		pause := 0.8 + 1.2*rng.Float64()
		if i%4 == 3 {
			pause = 0.15
		}
		x = append(x, make([]float32, int(pause*float64(r)))...)
		start := float64(len(x)) / float64(r)
		x = append(x, s...)
		truth = append(truth, Cue{Start: start, End: float64(len(x)) / float64(r)})
	}
	x = append(x, make([]float32, rate)...)
	addNoiseFrom(x, snr, rng)
	return audio.AnalyzeSamples(x, rate), truth
}

// syncBack spoils truth by rate k and offset d, syncs it by what texts
// say, and reports a method other than MethodContent, a rate off by more
// than rateTol (by anything, for a listed rate) or an offset off by more
// than 20 ms. It returns the result for further checks.
func syncBack(t *testing.T, name string, f *audio.Features, spans []Span, truth []Cue, texts []string, k, d float64, listed bool, rateTol float64) *SyncResult {
	t.Helper()
	bad := make([]Cue, len(truth))
	for i, c := range truth {
		bad[i] = Cue{Start: c.Start*k + d, End: c.End*k + d}
	}
	r, err := Sync(bad, spans, SyncOptions{Features: f, Texts: texts, Reference: speakEnglish})
	if err != nil {
		t.Fatal(name, err)
	}
	if r.Method != MethodContent {
		t.Errorf("%s: method %q (%s), want %q", name, r.Method, r.Why, MethodContent)
	}
	if e := math.Abs(r.Rate*k - 1); e > rateTol || listed && e > 1e-9 {
		t.Errorf("%s: rate %.6f, want %.6f", name, r.Rate, 1/k)
	}
	if e := math.Abs(r.Offset + d/k); e > 0.02 {
		t.Errorf("%s: offset %.3f s, want %.3f s", name, r.Offset, -d/k)
	}
	return r
}

func syncSpans(f *audio.Features) []Span {
	var spans []Span
	for _, s := range audio.Detect(f, audio.VADOptions{}) {
		spans = append(spans, Span{Start: s.Start, End: s.End})
	}
	return spans
}

func speakEnglish(texts []string) ([][]float32, error) {
	return espeak.LogMel(context.Background(), "en-us", texts)
}

// Spoken lines under 15 dB of noise, their captions spoilt by a frame
// rate change and an offset, and by a drift in no list, are put back by
// what is said: the offset within 20 ms, a listed rate exactly. A drift
// in no list (0.3 %, which the onsets alone put on 1 here) is found to
// 0.05 %: over 45 s, onsets placed to 10-20 ms cannot tell it closer.
func TestSyncByContent(t *testing.T) {
	f, truth := spokenTrack(t, 15)
	spans := syncSpans(f)
	texts := syncLines
	for _, tc := range []struct {
		name   string
		k, d   float64
		listed bool
	}{
		{"fps", 25 / 23.976, 3.2, true},
		{"shift", 1, -0.4, true},
		{"drift", 1.003, 2, false},
	} {
		r := syncBack(t, tc.name, f, spans, truth, texts, tc.k, tc.d, tc.listed, 5e-4)
		if r.Anchors < len(truth)/2 {
			t.Errorf("%s: %d anchors for %d captions", tc.name, r.Anchors, len(truth))
		}
	}
}

// When the text cannot be spoken, Sync matches the onsets alone and says
// why; the captions are put back all the same.
func TestSyncContentFallback(t *testing.T) {
	f, truth := spokenTrack(t, 20)
	spans := syncSpans(f)
	bad := make([]Cue, len(truth))
	for i, c := range truth {
		bad[i] = Cue{Start: c.Start - 0.4, End: c.End - 0.4}
	}
	mute := func([]string) ([][]float32, error) { return nil, errors.New("no voice for xx") }
	r, err := Sync(bad, spans, SyncOptions{Features: f, Texts: syncLines, Reference: mute})
	if err != nil {
		t.Fatal(err)
	}
	if r.Method != MethodOnsets || !strings.Contains(r.Why, "no voice for xx") {
		t.Errorf("method %q, why %q: want onsets, and the speaker's error", r.Method, r.Why)
	}
	if math.Abs(r.Offset-0.4) > 0.02 || r.Rate != 1 {
		t.Errorf("offset %.3f s, rate %.6f: want 0.400 s, 1", r.Offset, r.Rate)
	}
	// Texts that are not the captions' own (one short): onsets, and why.
	r, err = Sync(bad, spans, SyncOptions{Features: f, Texts: syncLines[1:], Reference: speakEnglish})
	if err != nil {
		t.Fatal(err)
	}
	if r.Method != MethodOnsets || r.Why == "" {
		t.Errorf("method %q, why %q: want onsets and a reason", r.Method, r.Why)
	}
}

// The robust fit keeps to the anchors that agree and lets a wrong one go.
func TestFitRobustOutlier(t *testing.T) {
	var an []anchor
	for i := 0; i < 20; i++ {
		x := float64(i) * 5
		y := 1.0005*x + 0.3 + 0.003*math.Sin(float64(i))
		if i == 7 {
			y += 0.8 // a caption matched to the wrong place
		}
		an = append(an, anchor{x: x, y: y, w: 1})
	}
	f := fitRobust(an, 1, true)
	if math.Abs(f.rate-1.0005) > 2e-5 || math.Abs(f.offset-0.3) > 0.005 {
		t.Errorf("rate %.6f offset %.4f, want 1.000500 and 0.3000", f.rate, f.offset)
	}
	if f.kept != 19 {
		t.Errorf("kept %d anchors, want 19", f.kept)
	}
	m, err := contentMap(an, 20, 1)
	if err != nil {
		t.Fatal(err)
	}
	if m.rate != 1.0005 && math.Abs(m.rate-1.0005) > 2e-5 {
		t.Errorf("map rate %.6f, want the free 1.000500 (no listed rate is near)", m.rate)
	}
}
