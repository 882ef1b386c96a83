package align

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/internal/longtest"
)

// speechLike makes spans of speech: lines of 1-5 s with pauses between
// them, and word gaps inside; the lines are the truth captions.
func speechLike(seed uint64, lines int, lead float64) (spans []Span, truth []Cue) {
	rng := rand.New(rand.NewPCG(seed, 11))
	t := lead
	for i := 0; i < lines; i++ {
		d := 1 + 4*rng.Float64()
		start := t
		for t < start+d {
			w := 0.15 + 0.4*rng.Float64()
			spans = append(spans, Span{Start: t, End: math.Min(t+w, start+d), Strength: 4})
			t = math.Min(t+w, start+d) + 0.01 + 0.05*rng.Float64()
		}
		truth = append(truth, Cue{Start: start, End: spans[len(spans)-1].End})
		t = spans[len(spans)-1].End + 0.15 + 1.2*rng.Float64()
	}
	return spans, truth
}

// Captions shifted by +3.2 s and stretched by 25/23.976 are put back
// within 20 ms and 0.01 % of the rate. 100 lines are about 6 minutes of
// speech; the long run takes 400 (25 minutes).
func TestSyncOffsetAndRate(t *testing.T) {
	spans, truth := speechLike(1, longtest.Pick(100, 400), 5)
	k := 25 / 23.976
	bad := make([]Cue, len(truth))
	for i, c := range truth {
		bad[i] = Cue{Start: c.Start*k + 3.2, End: c.End*k + 3.2}
	}
	r, err := Sync(bad, spans, SyncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(r.Rate*k-1) > 1e-4 {
		t.Errorf("rate %.6f, want %.6f", r.Rate, 1/k)
	}
	worst := 0.0
	for i, c := range bad {
		worst = math.Max(worst, math.Abs(r.Map(i, c.Start)-truth[i].Start))
	}
	if worst > 0.02 {
		t.Errorf("a start is %.0f ms from the truth after sync", worst*1000)
	}
	if r.Confidence < 0.9 {
		t.Errorf("confidence %.2f, want 0.9 or more", r.Confidence)
	}
}

// A rate not in the list (a 0.3 % drift) is found by the refit.
func TestSyncDrift(t *testing.T) {
	spans, truth := speechLike(2, longtest.Pick(100, 300), 2)
	bad := make([]Cue, len(truth))
	for i, c := range truth {
		bad[i] = Cue{Start: c.Start*1.003 - 1.1, End: c.End*1.003 - 1.1}
	}
	r, err := Sync(bad, spans, SyncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range bad {
		if d := math.Abs(r.Map(i, c.Start) - truth[i].Start); d > 0.02 {
			t.Fatalf("caption %d is %.0f ms from the truth after sync (rate %.5f offset %.3f)", i, d*1000, r.Rate, r.Offset)
		}
	}
}

// Captions of other speech (another seed) get a low confidence.
func TestSyncUnrelatedIsUnsure(t *testing.T) {
	n := longtest.Pick(100, 300)
	spans, _ := speechLike(3, n, 2)
	_, other := speechLike(4, n, 2)
	r, err := Sync(other, spans, SyncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Confidence > 0.3 {
		t.Errorf("confidence %.2f for unrelated captions, want under 0.3", r.Confidence)
	}
}

// With Split, a file whose second half is 7 s later (an advert cut from
// the video) gets two offsets, and the change at the right caption.
func TestSyncSplit(t *testing.T) {
	n := longtest.Pick(100, 200)
	spans, truth := speechLike(5, n, 2)
	bad := make([]Cue, len(truth))
	for i, c := range truth {
		off := 1.5
		if i >= n*3/5 {
			off = 8.5
		}
		bad[i] = Cue{Start: c.Start + off, End: c.End + off}
	}
	r, err := Sync(bad, spans, SyncOptions{Split: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Parts) != 2 {
		t.Fatalf("%d parts, want 2: %+v", len(r.Parts), r.Parts)
	}
	for i, c := range bad {
		if d := math.Abs(r.Map(i, c.Start) - truth[i].Start); d > 0.02 {
			t.Errorf("caption %d is %.0f ms from the truth after sync; parts %+v, rate %.5f", i, d*1000, r.Parts, r.Rate)
		}
	}
}

func TestSyncResultTimingMap(t *testing.T) {
	ms := func(n int64) time.Duration { return time.Duration(n) * time.Millisecond }
	one := &SyncResult{Rate: 25 / 23.976, Offset: 3.2, Parts: []SyncPart{{From: 0, To: 3, Offset: 3.2}}}
	if got := one.TimingMap(nil)(ms(10000)); got != ms(13627) {
		t.Errorf("one part: 10 s maps to %v, want 13.627 s", got)
	}
	// Two parts: captions from the third (starting at 20 s) are 5 s later.
	two := &SyncResult{Rate: 1, Offset: 1, Parts: []SyncPart{{From: 0, To: 2, Offset: 1}, {From: 2, To: 4, Offset: 6}}}
	m := two.TimingMap([]time.Duration{ms(1000), ms(5000), ms(20000), ms(30000)})
	for in, want := range map[time.Duration]time.Duration{ms(1000): ms(2000), ms(19999): ms(20999), ms(20000): ms(26000), ms(30000): ms(36000)} {
		if got := m(in); got != want {
			t.Errorf("two parts: %v maps to %v, want %v", in, got, want)
		}
	}
}
