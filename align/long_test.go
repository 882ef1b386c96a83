package align

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/subkit-dev/subkit/audio"
	"github.com/subkit-dev/subkit/espeak"
	"github.com/subkit-dev/subkit/internal/extcheck"
)

// A made recording of feature rows: the same stretch of "speech" said
// twice, once in clear sound and once in a second half whose features
// are all shifted and squeezed (a bed or another room changes every
// cepstrum's mean and spread). Normalised over the whole, the second
// copy is far from the first (and from a reference made of it); after
// localNormalise it is close, and each feature keeps the mean and spread
// it had over the whole recording.
func TestLocalNormalise(t *testing.T) {
	const T, n, reach = 4000, 300, 150
	rng := rand.New(rand.NewPCG(5, 9))
	speech := make([]float32, n*dims)
	for i := range speech {
		speech[i] = float32(rng.NormFloat64())
	}
	x := make([]float32, T*dims)
	for i := range x {
		x[i] = float32(rng.NormFloat64())
	}
	copy(x[500*dims:], speech)
	copy(x[3000*dims:], speech)
	shift := make([]float64, dims)
	for k := range shift {
		shift[k] = 2 * rng.NormFloat64()
	}
	for i := T / 2 * dims; i < len(x); i++ {
		x[i] = float32(0.4*float64(x[i]) + shift[i%dims])
	}
	gap := func(x []float32) float64 {
		var d float64
		for j := 0; j < n; j++ {
			d += dist(x[(500+j)*dims:(501+j)*dims], x[(3000+j)*dims:(3001+j)*dims])
		}
		return d / n
	}
	stats := func(x []float32, k int) (m, sd float64) {
		for t := 0; t < T; t++ {
			m += float64(x[t*dims+k])
		}
		m /= T
		for t := 0; t < T; t++ {
			d := float64(x[t*dims+k]) - m
			sd += d * d
		}
		return m, math.Sqrt(sd / T)
	}
	before := gap(x)
	var m0, s0 [dims]float64
	for k := range dims {
		m0[k], s0[k] = stats(x, k)
	}
	localNormalise(x, reach)
	after := gap(x)
	t.Logf("the copies' distance: %.3f before, %.3f after", before, after)
	if before < 1 || after > before/10 {
		t.Errorf("the two copies' distance: %.3f before, %.3f after; want it cut tenfold", before, after)
	}
	for k := range dims {
		if m, s := stats(x, k); math.Abs(m-m0[k]) > 0.1*s0[k] || math.Abs(s/s0[k]-1) > 0.1 {
			t.Errorf("feature %d: mean %.3f spread %.3f after, %.3f %.3f before", k, m, s, m0[k], s0[k])
		}
	}
	// Nothing to do for no frames or no reach.
	localNormalise(nil, reach)
	y := append([]float32(nil), x[:4*dims]...)
	localNormalise(y, 0)
	for i := range y {
		if y[i] != x[i] {
			t.Fatalf("reach 0 changed the rows: %v, was %v", y, x[:4*dims])
		}
	}
}

// localNormalise against the sums worked out anew for each frame, at the
// ends (a window cut short) and inside.
func TestLocalNormaliseWindows(t *testing.T) {
	const T, reach = 50, 4
	rng := rand.New(rand.NewPCG(2, 2))
	x := make([]float32, T*dims)
	for i := range x {
		x[i] = float32(rng.NormFloat64()*3 + float64(i%dims))
	}
	orig := append([]float32(nil), x...)
	localNormalise(x, reach)
	meanSD := func(k, a, b int) (float64, float64) {
		var s, q float64
		for t := a; t < b; t++ {
			v := float64(orig[t*dims+k])
			s += v
			q += v * v
		}
		m := s / float64(b-a)
		return m, math.Sqrt(q/float64(b-a) - m*m)
	}
	for k := range dims {
		gm, gs := meanSD(k, 0, T)
		for _, tt := range []int{0, 1, 3, 4, 5, 25, 45, 46, 49} {
			m, sd := meanSD(k, max(0, tt-reach), min(T, tt+reach+1))
			want := (float64(orig[tt*dims+k])-m)/sd*gs + gm
			if got := float64(x[tt*dims+k]); math.Abs(got-want) > 1e-4*math.Max(1, math.Abs(want)) {
				t.Errorf("feature %d frame %d: %.5f, want %.5f", k, tt, got, want)
			}
		}
	}
}

// A stretch of a long recording's placement lost (its captions placed
// seconds late, as the last search does where its guide is far off, with
// no confidence) is searched again between the sure captions around it
// and put back on the words; a placement that is not lost is left as it
// is, and so is a lost one the search again does not match better.
func TestSearchLost(t *testing.T) {
	extcheck.RequireTool(t, "espeak-ng")
	texts := []string{
		"The quick brown fox jumps over the lazy dog.", "Pack my box with five dozen liquor jugs.",
		"How vexingly quick daft zebras jump.", "Sphinx of black quartz, judge my vow.",
		"The five boxing wizards jump quickly.", "Jackdaws love my big sphinx of quartz.",
		"Waltz, bad nymph, for quick jigs vex.", "Bright vixens jump; dozy fowl quack.",
		"Quick wafting zephyrs vex bold Jim.", "The job requires extra pluck and zeal.",
		"Few quips galvanized the mock jury box.", "A wizard's job is to vex chumps quickly in fog.",
		"We promptly judged antique ivory buckles for the prize.", "Crazy Fredrick bought many very exquisite opal jewels.",
		"Sixty zippers were quickly picked from the woven jute bag.", "Jumping far, the quick frog vexed two lazy hounds.",
	}
	w, err := espeak.Speak(context.Background(), "en-us", texts)
	if err != nil {
		t.Fatal(err)
	}
	pauses := []float64{1}
	for range texts {
		pauses = append(pauses, 1.2)
	}
	x, starts := recording(espeak.Rate, w, pauses)
	addNoise(x, 20, 3)
	f := audio.AnalyzeSamples(x, espeak.Rate)
	p := ContentDefaults.withDefaults()
	rec := newRecFeatures(f, p)
	rx := rec.references(references(w))
	right, err := rec.search(rx, nil, p, false)
	if err != nil {
		t.Fatal(err)
	}
	checkFits(t, right, starts, 0.06)
	for i := range right {
		right[i].Confidence = 1
	}
	// Lines 3 to 13 placed 2.5 s late, on the next line's words and the
	// pause before it, with no confidence and a poor match (a stretch
	// longer than the 2·lostSpan+1 captions its confidence is averaged
	// over).
	lost := func(match float64) []Fit {
		fits := slices.Clone(right)
		for i := 2; i < 13; i++ {
			fits[i].Start += 2.5
			fits[i].End += 2.5
			fits[i].Confidence, fits[i].Match = 0, match
		}
		return fits
	}
	got := rec.searchLost(rx, lost(-1), p)
	checkFits(t, got, starts, 0.06)
	same := func(a, b []Fit) bool {
		return slices.EqualFunc(a, b, func(a, b Fit) bool {
			return a.Start == b.Start && a.End == b.End && a.Confidence == b.Confidence && a.Match == b.Match
		})
	}
	for _, i := range []int{0, 1, 13, 14, 15} {
		if !same(got[i:i+1], right[i:i+1]) {
			t.Errorf("sure line %d moved: %+v, was %+v", i+1, got[i], right[i])
		}
	}
	// Nothing lost: nothing searched again.
	if got := rec.searchLost(rx, slices.Clone(right), p); !same(got, right) {
		t.Errorf("a placement with no lost stretch changed")
	}
	// Lost, but matching better than the search finds again: kept.
	kept := lost(10)
	if got := rec.searchLost(rx, slices.Clone(kept), p); !same(got, kept) {
		t.Errorf("a lost stretch was replaced by a placement matching worse")
	}
}
