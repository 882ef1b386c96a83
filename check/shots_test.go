package check

import (
	"testing"
	"time"

	"github.com/subkit-dev/subkit/guide"
	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/timing"
)

// TestShotChange plants captions near cuts at 29.97 fps: only those whose
// start or end is within the window (15 frames at 30000/1001 for
// Netflix's 12 at 24) and off its place are found, each once, with how
// many frames it is off.
func TestShotChange(t *testing.T) {
	r := timing.Rate{Num: 30000, Den: 1001}
	at := func(f int64) time.Duration { return r.Time(f).Round(time.Millisecond) }
	shots := timing.Shots{Rate: r, Cuts: []int64{300, 600, 900, 1200}}
	type cap struct {
		start, end int64
		want       []float64 // frames off: start's, then end's
	}
	caps := []cap{
		{30, 120, nil},               // far from every cut
		{300, 450, nil},              // starts on a cut
		{500, 598, nil},              // ends 2 frames before one
		{606, 700, []float64{6}},     // starts 6 after
		{750, 904, []float64{6}},     // ends 4 after: 6 past its place
		{1000, 1185, []float64{-13}}, // ends 15 before the cut: 13 before its place
		{1215, 1300, []float64{15}},  // starts 15 after, the edge of the window
		{1316, 1400, nil},            // 116 after: outside
	}
	d := &subtitle.Document{}
	for _, c := range caps {
		d.Cues = append(d.Cues, subtitle.Cue{Start: at(c.start), End: at(c.end), Lines: subtitle.Text("text")})
	}
	p, err := guide.Lookup("netflix-en")
	if err != nil {
		t.Fatal(err)
	}
	l := For(p, Options{Shots: shots})
	if l.ShotRules.Window != 15 || l.ShotRules.EndBefore != 2 {
		t.Fatalf("rules at 29.97: %+v", l.ShotRules)
	}
	// The gap's 2 frames are the video's too (67 ms, not 24 fps's 83),
	// unless FPS says.
	if l.Gap != 67*time.Millisecond || For(p, Options{Shots: shots, FPS: 24}).Gap != 83*time.Millisecond {
		t.Errorf("gap at 29.97: %v", l.Gap)
	}
	got := map[int][]float64{}
	for _, f := range Check(d, l, nil) {
		if f.Rule != RuleShotChange {
			continue
		}
		if f.Unit != "frames" || f.Message == "" || f.Start != d.Cues[f.Caption-1].Start {
			t.Errorf("finding %+v", f)
		}
		got[f.Caption] = append(got[f.Caption], f.Value)
	}
	for i, c := range caps {
		if len(got[i+1]) != len(c.want) || len(c.want) > 0 && got[i+1][0] != c.want[0] {
			t.Errorf("caption %d (frames %d-%d): found %v, want %v", i+1, c.start, c.end, got[i+1], c.want)
		}
	}
	// Without shots the rule is not checked.
	for _, f := range Check(d, For(p, Options{}), nil) {
		if f.Rule == RuleShotChange {
			t.Errorf("found without shots: %+v", f)
		}
	}
	// BBC ends on the cut itself: caption 3 (2 frames before) is now a
	// miss, and an end on the cut is not.
	b, _ := guide.Lookup("bbc")
	lb := For(b, Options{Shots: shots})
	if lb.ShotRules.EndBefore != 0 || lb.ShotRules.Window != 14 {
		t.Fatalf("bbc at 29.97: %+v", lb.ShotRules)
	}
	d.Cues[4].End = at(900)
	n := map[int]int{}
	for _, f := range Check(d, lb, nil) {
		if f.Rule == RuleShotChange {
			n[f.Caption]++
		}
	}
	if n[3] != 1 || n[5] != 0 {
		t.Errorf("bbc findings by caption: %v", n)
	}
}
