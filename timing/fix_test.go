package timing

import (
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
	if fixed[0].End != 7*time.Second || changes[0].What != "shortened" {
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
	if fixed[2].End != msd(10200) || len(changes) != 3 || changes[2].What != "shortened" {
		t.Errorf("caption 3: %+v, changes %+v", fixed[2], changes)
	}
	items = []FixItem{
		{Start: 0, End: msd(6900), Chars: 5},
		{Start: msd(7100), End: msd(9000), Chars: 5},
	}
	fixed, changes, problems = Fix(items, zhRules)
	if len(changes) != 0 || fixed[0] != items[0] {
		t.Errorf("changes %+v, fixed %+v", changes, fixed)
	}
	if len(problems) != 1 || problems[0].Caption != 1 || !strings.Contains(problems[0].Message, "flickers") {
		t.Errorf("problems %+v", problems)
	}
}
