package timing

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

var zhRules = FixRules{CPS: 9, Min: 834 * time.Millisecond, Max: 7 * time.Second, Gap: 80 * time.Millisecond, CloseGap: 480 * time.Millisecond}

// cleanFile is 30 well-timed captions of 10 characters: 2 s on, 1 s off.
func cleanFile() []FixItem {
	var items []FixItem
	for i := 0; i < 30; i++ {
		s := msd(int64(i) * 3000)
		items = append(items, FixItem{Start: s, End: s + 2*time.Second, Chars: 10})
	}
	return items
}

func TestFixRepairsPlantedProblems(t *testing.T) {
	items := cleanFile()
	planted := map[int]string{}                          // caption number → what Fix must say
	items[4].End = items[4].Start + 300*time.Millisecond // a flash
	planted[5] = "lengthened"
	items[9].End = items[10].Start + 500*time.Millisecond // overlaps the next
	planted[10] = "overlap removed"
	items[14].End = items[15].Start - 200*time.Millisecond // a 5-frame gap
	planted[15] = "small gap closed"
	items[19].End = items[19].Start + 900*time.Millisecond // 10 characters in 0.9 s
	items[19].Chars = 20                                   // and now 20: 22 cps
	planted[20] = "lengthened"
	items[24].End = items[24].Start + 900*time.Millisecond
	items[25].Start = items[24].End + time.Second // room after 25 is there
	planted[25] = "lengthened"
	fixed, changes, problems := Fix(items, zhRules)
	if len(problems) != 0 {
		t.Errorf("problems left: %+v", problems)
	}
	got := map[int]string{}
	for _, c := range changes {
		got[c.Caption] = c.What
		if c.NewStart != c.OldStart {
			t.Errorf("caption %d: start moved without MoveStarts", c.Caption)
		}
	}
	for n, what := range planted {
		if !strings.Contains(got[n], what) {
			t.Errorf("caption %d: change %q, want %q", n, got[n], what)
		}
	}
	for n := range got {
		if _, ok := planted[n]; !ok {
			t.Errorf("caption %d changed (%s) but nothing was planted there", n, got[n])
		}
	}
	for i := range fixed {
		if i > 0 && fixed[i].Start < fixed[i-1].End+zhRules.Gap {
			t.Errorf("captions %d and %d closer than the gap", i, i+1)
		}
	}
}

func TestFixReportsWhatItCannot(t *testing.T) {
	// 30 characters between two captions 1.5 s apart: no room to read them.
	items := []FixItem{
		{Start: 0, End: time.Second, Chars: 5},
		{Start: msd(1080), End: msd(2000), Chars: 30},
		{Start: msd(2080), End: msd(4000), Chars: 5},
	}
	_, _, problems := Fix(items, zhRules)
	if len(problems) != 1 || problems[0].Caption != 2 || !strings.Contains(problems[0].Message, "over 9") {
		t.Fatalf("problems %+v", problems)
	}
	// With MoveStarts there is still no room: the neighbours are tight.
	_, _, problems = Fix(items, FixRules{CPS: 9, Min: zhRules.Min, Max: zhRules.Max, Gap: zhRules.Gap, MoveStarts: true})
	if len(problems) != 1 {
		t.Fatalf("problems %+v", problems)
	}
	// Room before it: MoveStarts uses it.
	items[0].End, items[0].Chars = 200*time.Millisecond, 1
	items[1].Chars = 15
	fixed, changes, problems := Fix(items, FixRules{CPS: 9, Min: 100 * time.Millisecond, Max: zhRules.Max, Gap: zhRules.Gap, MoveStarts: true})
	if len(problems) != 0 || fixed[1].Start >= msd(1080) || !strings.Contains(changes[len(changes)-1].What, "started earlier") {
		t.Errorf("fixed %+v changes %+v problems %+v", fixed, changes, problems)
	}
}

func TestFixShortensOverMax(t *testing.T) {
	fixed, changes, _ := Fix([]FixItem{{Start: 0, End: 9 * time.Second, Chars: 10}}, zhRules)
	if fixed[0].End != 7*time.Second || changes[0].What != "shortened to the maximum" {
		t.Errorf("%+v %+v", fixed, changes)
	}
}

// A flash lengthened to the minimum can leave a gap that flickers: it is
// closed too. A gap whose closing would break Max is a problem, and a
// caption whose times end where they began is no change.
func TestFixGapAfterLengthening(t *testing.T) {
	items := []FixItem{
		{Start: 0, End: msd(300), Chars: 2},
		{Start: msd(1100), End: msd(3000), Chars: 5},
		{Start: msd(3200), End: msd(11000), Chars: 5},
	}
	fixed, changes, problems := Fix(items, zhRules)
	if fixed[0].End != msd(1020) || changes[0].What != "lengthened, small gap closed" {
		t.Errorf("caption 1: %+v, changes %+v", fixed[0], changes)
	}
	if fixed[1].End != msd(3120) {
		t.Errorf("caption 2 ends %v, want the gap closed", fixed[1].End)
	}
	if fixed[2].End != msd(10200) || len(changes) != 3 || changes[2].What != "shortened to the maximum" {
		t.Errorf("caption 3: %+v, changes %+v", fixed[2], changes)
	}
	items = []FixItem{
		{Start: 0, End: msd(6900), Chars: 5},
		{Start: msd(7100), End: msd(9000), Chars: 5},
	}
	// Closing this gap would take the caption over Max: it ends before the
	// gap flickers instead, as it has time to spare.
	fixed, changes, problems = Fix(items, zhRules)
	if len(changes) != 1 || changes[0].What != "flickering gap widened" || fixed[0].End != msd(6619) {
		t.Errorf("changes %+v, fixed %+v", changes, fixed)
	}
	if len(problems) != 0 {
		t.Errorf("problems %+v", problems)
	}
	// With no time to spare it is left, and reported.
	items[0].Chars = 62 // 6.889 s at 9 characters a second
	fixed, changes, problems = Fix(items, zhRules)
	if len(changes) != 0 || fixed[0] != items[0] {
		t.Errorf("changes %+v, fixed %+v", changes, fixed)
	}
	if len(problems) != 1 || problems[0].Caption != 1 || !strings.Contains(problems[0].Message, "flickers") {
		t.Errorf("problems %+v", problems)
	}
}

// A caption already too short is not shortened to open a gap: the gap is
// left and reported, with what would repair it.
func TestFixDoesNotShortenAShortCaption(t *testing.T) {
	items := []FixItem{
		{Start: 0, End: msd(300), Chars: 2},          // a flash, 30 ms before the next
		{Start: msd(330), End: msd(3000), Chars: 10}, // the next
	}
	fixed, changes, problems := Fix(items, zhRules)
	if fixed[0] != items[0] || len(changes) != 0 {
		t.Errorf("fixed %+v, changes %+v", fixed, changes)
	}
	var msgs []string
	for _, p := range problems {
		if p.Caption != 1 || p.Hint != HintMerge {
			t.Errorf("problem %+v", p)
		}
		msgs = append(msgs, p.Message)
	}
	if len(problems) != 2 || !strings.Contains(msgs[0], "under the minimum") || !strings.Contains(msgs[1], "under the minimum gap") {
		t.Errorf("problems %q", msgs)
	}
	// With time before it, starting earlier would repair both: the hint
	// says so, and --move-starts does it.
	items[0].Start, items[0].End, items[1].Start = msd(2000), msd(2300), msd(2330)
	items = append([]FixItem{{Start: 0, End: msd(900), Chars: 2}}, items...)
	_, _, problems = Fix(items, zhRules)
	if len(problems) == 0 || problems[0].Caption != 2 || problems[0].Hint != HintMoveStarts {
		t.Errorf("problems %+v", problems)
	}
	m := zhRules
	m.MoveStarts = true
	fixed, changes, problems = Fix(items, m)
	if len(problems) != 0 || fixed[1].End != msd(2250) || fixed[1].End-fixed[1].Start != m.Min {
		t.Errorf("fixed %+v, changes %+v, problems %+v", fixed, changes, problems)
	}
}

// A caption that reads too fast and overlaps the next is not cut to the
// next caption's start: that would make it faster still.
func TestFixDoesNotMakeAFastCaptionFaster(t *testing.T) {
	items := []FixItem{
		{Start: msd(1000), End: msd(2000), Chars: 24}, // 24 characters a second
		{Start: msd(1900), End: msd(4000), Chars: 5},
	}
	fixed, changes, problems := Fix(items, zhRules)
	if fixed[0] != items[0] || len(changes) != 0 {
		t.Errorf("fixed %+v, changes %+v", fixed, changes)
	}
	if len(problems) != 2 || !strings.Contains(problems[0].Message, "reads at 24.0") || !strings.Contains(problems[1].Message, "overlaps the next caption by 0.1s") {
		t.Errorf("problems %+v", problems)
	}
	if problems[0].Hint != HintMoveStarts {
		t.Errorf("hint %q, want --move-starts: there is a second free before it", problems[0].Hint)
	}
}

// A caption over Max is cut to Max only when it stays readable, and every
// rule a change repairs is named.
func TestFixMaxAndGapNamed(t *testing.T) {
	items := []FixItem{
		{Start: 0, End: msd(9000), Chars: 10},
		{Start: msd(8980), End: msd(10000), Chars: 5},
	}
	_, changes, _ := Fix(items, zhRules)
	if len(changes) != 1 || changes[0].What != "overlap removed, shortened to the maximum" {
		t.Errorf("changes %+v", changes)
	}
	items[0].Chars = 70 // needs 7.778 s at 9 characters a second
	fixed, changes, problems := Fix(items, zhRules)
	if fixed[0].End != msd(7778) || len(changes) != 1 || changes[0].What != "overlap removed, shortened as far as it stays readable" {
		t.Errorf("fixed %+v, changes %+v", fixed, changes)
	}
	if len(problems) != 1 || !strings.Contains(problems[0].Message, "over the maximum") || problems[0].Hint != "" {
		t.Errorf("problems %+v", problems)
	}
}

// TestFixNeverWorse: over random tracks and rules, no caption breaks any
// rule by more after Fix than before (a rule it kept, it still keeps),
// starts move only with MoveStarts and only earlier, the order is kept,
// and a second Fix has nothing to do.
func TestFixNeverWorse(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 1))
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	for trial := 0; trial < 3000; trial++ {
		r := FixRules{MoveStarts: rng.IntN(2) == 0}
		if rng.IntN(5) > 0 {
			r.CPS = []float64{9, 12, 17, 20}[rng.IntN(4)]
		}
		if rng.IntN(5) > 0 {
			r.Min = ms(500 + rng.IntN(1000))
		}
		if rng.IntN(5) > 0 {
			r.Max = ms(3000 + rng.IntN(5000))
		}
		if rng.IntN(5) > 0 {
			r.Gap = ms(rng.IntN(200))
		}
		if rng.IntN(3) > 0 {
			r.CloseGap = r.Gap + ms(rng.IntN(600))
		}
		n := 1 + rng.IntN(30)
		items := make([]FixItem, n)
		t0 := ms(rng.IntN(3000))
		for i := range items {
			t0 += ms(rng.IntN(2500)) - ms(200*rng.IntN(2))
			t0 = max(t0, 0)
			items[i] = FixItem{Start: t0, End: t0 + ms(rng.IntN(9000)), Chars: float64(rng.IntN(90))}
			if rng.IntN(6) == 0 {
				items[i].End = t0 + ms(rng.IntN(400))
			}
		}
		for i := 1; i < n; i++ {
			if items[i].Start < items[i-1].Start {
				items[i].Start = items[i-1].Start
			}
		}
		fixed, _, problems := Fix(items, r)
		before, after := ruleFaults(items, r), ruleFaults(fixed, r)
		for i := range items {
			for rule, b := range before[i] {
				if a := after[i][rule]; a > b+1e-9 {
					t.Fatalf("trial %d %+v: caption %d breaks %s by %g, was %g\nbefore %+v\nafter  %+v", trial, r, i+1, rule, a, b, items, fixed)
				}
			}
			if fixed[i].Start != items[i].Start && (!r.MoveStarts || fixed[i].Start > items[i].Start) {
				t.Fatalf("trial %d: caption %d start %v -> %v", trial, i+1, items[i].Start, fixed[i].Start)
			}
			if i > 0 && fixed[i].Start < fixed[i-1].Start {
				t.Fatalf("trial %d %+v: caption %d starts before caption %d\n%+v\n%+v", trial, r, i+1, i, items[i-1:i+1], fixed[i-1:i+1])
			}
		}
		// Every caption with a fault left is reported, and only those.
		reported := map[int]bool{}
		for _, p := range problems {
			reported[p.Caption] = true
		}
		for i, fs := range after {
			faulty := false
			for _, v := range fs {
				faulty = faulty || v > 1e-9
			}
			if faulty != reported[i+1] {
				t.Fatalf("trial %d %+v: caption %d has faults %v, reported %v\n%+v", trial, r, i+1, fs, reported[i+1], fixed)
			}
		}
		again, changes, _ := Fix(fixed, r)
		if len(changes) != 0 {
			t.Fatalf("trial %d %+v: a second Fix changes %+v\nfirst  %+v\nsecond %+v", trial, r, changes, fixed, again)
		}
	}
}

// ruleFaults measures, independently of Fix, how far each caption is
// from each rule: seconds under Min, characters a second over CPS, seconds
// over Max, seconds under Gap to the next caption (overlaps included), and
// 1 when the gap after it flickers.
func ruleFaults(items []FixItem, r FixRules) []map[string]float64 {
	out := make([]map[string]float64, len(items))
	for i, c := range items {
		d := (c.End - c.Start).Seconds()
		m := map[string]float64{}
		if r.Min > 0 {
			m["min"] = max(0, r.Min.Seconds()-d)
		}
		if r.Max > 0 {
			m["max"] = max(0, d-r.Max.Seconds())
		}
		if r.CPS > 0 && c.Chars > 0 {
			if d <= 0 {
				m["cps"] = math.Inf(1)
			} else {
				m["cps"] = max(0, c.Chars/d-r.CPS)
			}
		}
		if i+1 < len(items) {
			g := (items[i+1].Start - c.End).Seconds()
			m["gap"] = max(0, r.Gap.Seconds()-g)
			if r.CloseGap > 0 && g > r.Gap.Seconds() && g <= r.CloseGap.Seconds() {
				m["flicker"] = 1
			}
		}
		out[i] = m
	}
	return out
}
