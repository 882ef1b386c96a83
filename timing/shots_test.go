package timing

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func TestRateFramesExact(t *testing.T) {
	for _, r := range []Rate{{24000, 1001}, {30000, 1001}, {25, 1}, {24, 1}, {60000, 1001}} {
		// An hour and more: a frame's time maps back to the frame, and
		// whole blocks of Num frames land on whole seconds, with no drift.
		hour := r.Num * 3600 / r.Den
		for _, n := range []int64{0, 1, 2, 11, 12, 1000, hour - 1, hour, hour + 7, 10 * hour} {
			if got := r.Frame(r.Time(n)); got != n {
				t.Errorf("%v: Frame(Time(%d)) = %d", r, n, got)
			}
		}
		if got, want := r.Time(r.Num*37), time.Duration(r.Den*37)*time.Second; got != want {
			t.Errorf("%v: Time(%d) = %v, want %v", r, r.Num*37, got, want)
		}
		// A time rounded to the millisecond (what SRT keeps) still names
		// its frame.
		for n := int64(0); n < 5000; n += 37 {
			if got := r.Frame(r.Time(n).Round(time.Millisecond)); got != n {
				t.Errorf("%v: frame %d rounded to ms reads back as %d", r, n, got)
			}
		}
	}
	// 29.97: frame 100 is 100*1001/30000 s = 3.336666... s.
	if got := (Rate{30000, 1001}).Time(100); got != 3336666667 {
		t.Errorf("Time(100) at 29.97 = %d ns", got)
	}
	if got := (Rate{24, 1}).Frame(-time.Second); got != -24 {
		t.Errorf("Frame(-1s) = %d", got)
	}
}

func TestRateOf(t *testing.T) {
	for fps, want := range map[float64]Rate{
		23.976: {24000, 1001}, 23.976023976: {24000, 1001}, 29.97: {30000, 1001}, 59.94: {60000, 1001},
		25: {25, 1}, 24: {24, 1}, 12.5: {25, 2}, 30: {30, 1},
	} {
		if got := RateOf(fps); got != want {
			t.Errorf("RateOf(%v) = %v, want %v", fps, got, want)
		}
	}
}

var netflixShots = ShotRules{Window: 12, EndBefore: 2}

func TestShotMiss(t *testing.T) {
	r := Rate{24, 1}
	s := Shots{Rate: r, Cuts: []int64{240, 300, 1000}}
	at := func(f int64) time.Duration { return r.Time(f).Round(time.Millisecond) }
	cases := []struct {
		frame  int64
		end    bool
		miss   bool
		target int64
	}{
		{240, false, false, 0},  // on the cut
		{228, false, true, 240}, // 12 before: in the window
		{227, false, false, 0},  // 13 before: outside
		{252, false, true, 240}, // 12 after
		{253, false, false, 0},  // 13 after
		{238, true, false, 0},   // an end 2 frames before: its place
		{240, true, true, 238},  // an end on the cut is 2 frames late
		{239, true, true, 238},
		{251, true, true, 238},
		{298, true, false, 0},   // 2 before the next cut, though also near 240? (58 away: no)
		{270, false, true, 0},   // 30 from both: no
		{288, false, true, 300}, // nearer 300
		{1012, true, true, 998},
		{1013, true, false, 0}, // 13 frames after the cut
	}
	for _, c := range cases {
		m, ok := s.Miss(at(c.frame), c.end, netflixShots)
		want := c.miss && c.target != 0
		if ok != want || ok && m.Target != c.target {
			t.Errorf("frame %d end=%v: miss %v target %d, want miss %v target %d", c.frame, c.end, ok, m.Target, want, c.target)
		}
	}
	if _, ok := s.Miss(at(228), false, ShotRules{}); ok {
		t.Error("window 0 still checks")
	}
}

func TestShotMissCloseCuts(t *testing.T) {
	// Two cuts 6 frames apart: a start on either is on a cut.
	r := Rate{25, 1}
	s := Shots{Rate: r, Cuts: []int64{100, 106}}
	for _, f := range []int64{100, 106} {
		if m, ok := s.Miss(r.Time(f), false, netflixShots); ok {
			t.Errorf("start on cut %d reported: %+v", f, m)
		}
	}
	if _, ok := s.Miss(r.Time(104), true, netflixShots); ok {
		t.Error("an end 2 frames before the second cut reported")
	}
}

// snapCase is a caption at frames, and where it should be after Fix.
type snapCase struct {
	start, end       int64
	wantS, wantE     int64
	chars            float64
	wantProblemShots bool
}

func TestFixSnapsToShots(t *testing.T) {
	r := Rate{24000, 1001}
	cuts := []int64{100, 400, 700, 1000, 1300}
	at := func(f int64) time.Duration { return r.Time(f).Round(time.Millisecond) }
	rules := FixRules{Min: 834 * time.Millisecond, Max: 7 * time.Second, Gap: 83 * time.Millisecond, CloseGap: 500 * time.Millisecond, CPS: 17,
		Shots: Shots{Rate: r, Cuts: cuts}, ShotRules: netflixShots}
	cases := []snapCase{
		{start: 5, end: 60, wantS: 5, wantE: 60},                                   // far from any cut
		{start: 105, end: 200, wantS: 100, wantE: 200},                             // starts 5 after: earlier onto it
		{start: 250, end: 405, wantS: 250, wantE: 398},                             // ends 5 after a cut: 2 frames before it
		{start: 690, end: 850, wantS: 700, wantE: 850},                             // starts 10 before: later onto it
		{start: 900, end: 992, wantS: 900, wantE: 998},                             // ends 8 before: lengthened to 2 before
		{start: 1003, end: 1030, wantS: 1000, wantE: 1030},                         // with the end before it, closed up by Fix first: a pair
		{start: 1292, end: 1318, wantS: 1292, wantE: 1318, wantProblemShots: true}, // onto the cut would leave 18 frames, under the minimum
	}
	items := make([]FixItem, len(cases))
	for i, c := range cases {
		items[i] = FixItem{Start: at(c.start), End: at(c.end), Chars: c.chars}
	}
	out, changes, problems := Fix(items, rules)
	for i, c := range cases {
		if out[i].Start != at(c.wantS) || out[i].End != at(c.wantE) {
			t.Errorf("caption %d: frames %d-%d became %d-%d, want %d-%d", i+1, c.start, c.end,
				r.Frame(out[i].Start), r.Frame(out[i].End), c.wantS, c.wantE)
		}
		shotProblem := false
		for _, p := range problems {
			if p.Caption == i+1 && strings.Contains(p.Message, "shot change") {
				shotProblem = true
			}
		}
		if shotProblem != c.wantProblemShots {
			t.Errorf("caption %d: shot problem %v, want %v (%v)", i+1, shotProblem, c.wantProblemShots, problems)
		}
	}
	for _, ch := range changes {
		if !strings.Contains(ch.What, "shot change") {
			t.Errorf("change without shot: %+v", ch)
		}
	}
	if len(changes) != 5 {
		t.Errorf("%d changes, want 5: %+v", len(changes), changes)
	}
}

func TestFixSnapsPairOnOneCut(t *testing.T) {
	// One caption ends 3 frames after the cut, the next starts 5 after
	// it: neither may move alone (the end alone opens a gap of 7 frames
	// that flickers; the start alone overlaps), together they do.
	r := Rate{24, 1}
	at := func(f int64) time.Duration { return r.Time(f).Round(time.Millisecond) }
	rules := FixRules{Min: 834 * time.Millisecond, Gap: 83 * time.Millisecond, CloseGap: 500 * time.Millisecond,
		Shots: Shots{Rate: r, Cuts: []int64{200}}, ShotRules: netflixShots}
	items := []FixItem{{Start: at(100), End: at(203)}, {Start: at(205), End: at(300)}}
	out, _, problems := Fix(items, rules)
	if out[0].End != at(198) || out[1].Start != at(200) {
		t.Errorf("got ends %d, start %d; want 198, 200", r.Frame(out[0].End), r.Frame(out[1].Start))
	}
	if len(problems) != 0 {
		t.Errorf("problems: %v", problems)
	}
}

// TestFixShotsNeverWorse: on random captions and cuts, snapping leaves no
// caption worse on any other rule than Fix without shots leaves it, and
// leaves no more misses than there were.
func TestFixShotsNeverWorse(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	r := Rate{24000, 1001}
	fewer := 0
	for trial := 0; trial < 300; trial++ {
		var items []FixItem
		f := int64(rng.IntN(30))
		for range 2 + rng.IntN(12) {
			f += int64(rng.IntN(20)) - 3
			n := int64(5 + rng.IntN(120))
			items = append(items, FixItem{Start: r.Time(f).Round(time.Millisecond), End: r.Time(f + n).Round(time.Millisecond), Chars: float64(rng.IntN(40))})
			f += n
		}
		var cuts []int64
		for c := int64(rng.IntN(40)); c < f+20; c += int64(3 + rng.IntN(90)) {
			cuts = append(cuts, c+1)
		}
		rules := FixRules{Min: 834 * time.Millisecond, Max: 7 * time.Second, Gap: 83 * time.Millisecond, CloseGap: 500 * time.Millisecond, CPS: 17}
		plain, _, _ := Fix(items, rules)
		rules.Shots, rules.ShotRules = Shots{Rate: r, Cuts: cuts}, netflixShots
		snapped, _, _ := Fix(items, rules)
		misses := func(xs []FixItem) (n int) {
			for _, x := range xs {
				for _, end := range []bool{false, true} {
					t := x.Start
					if end {
						t = x.End
					}
					if _, ok := rules.Shots.Miss(t, end, netflixShots); ok {
						n++
					}
				}
			}
			return n
		}
		if a, b := misses(snapped), misses(plain); a > b {
			t.Fatalf("trial %d: %d misses after snapping, %d before", trial, a, b)
		} else if a < b {
			fewer++
		}
		for i := range items {
			before := rules.fixer(plain, i).before
			after := rules.fixer(snapped, i).before
			if after.worse(before) {
				t.Fatalf("trial %d caption %d: %+v -> %+v: faults %+v became %+v", trial, i+1, plain[i], snapped[i], before, after)
			}
			if i > 0 && snapped[i].Start < snapped[i-1].Start && plain[i].Start >= plain[i-1].Start {
				t.Fatalf("trial %d: order changed at %d", trial, i+1)
			}
		}
	}
	if fewer < 100 {
		t.Errorf("snapping helped in %d of 300 trials only", fewer)
	}
}
