package timing

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// FixRules are what Fix repairs captions to: a reading speed ceiling and
// the duration and gap rules of a style guide. Zero means not enforced.
type FixRules struct {
	CPS      float64       // reading speed ceiling, in ReadingChars a second
	Min, Max time.Duration // caption duration
	Gap      time.Duration // minimum gap between captions
	// CloseGap: a gap this small or smaller (but over Gap) is closed to Gap
	// by lengthening the caption before it, to stop the picture flickering.
	CloseGap time.Duration
	// MoveStarts lets Fix start a caption earlier (into the free time
	// before it) when lengthening its end is not enough.
	MoveStarts bool
	// Shots, when it has cuts, has a start or end within ShotRules.Window
	// frames of a cut moved onto it (an end to EndBefore frames before
	// it), where that makes no rule worse.
	Shots     Shots
	ShotRules ShotRules
}

// FixItem is a caption as Fix sees it: its times and how many characters
// a viewer reads (ReadingChars of its text).
type FixItem struct {
	Start, End time.Duration
	Chars      float64
}

// Change is one repair Fix made.
type Change struct {
	Caption          int // from 1
	What             string
	OldStart, OldEnd time.Duration
	NewStart, NewEnd time.Duration
}

// Problem is what Fix could not repair.
type Problem struct {
	Caption    int
	Start, End time.Duration
	Message    string
	// Hint says what would repair it: HintMoveStarts or HintMerge, or ""
	// when the caption's own rules are at odds (it needs more time to be
	// read than the maximum allows).
	Hint string
}

// What would repair a Problem that Fix leaves.
const (
	HintMoveStarts = "--move-starts would start it earlier, into the free time before it"
	HintMerge      = "merging it with the caption before or after it would"
)

// Fix repairs caption timing by reading speed and the rules: it removes
// overlaps (ending the earlier caption Gap before the next), closes gaps
// up to CloseGap, lengthens a caption that is too short or reads too fast
// into the free time after it (never past the next start minus Gap),
// shortens one over Max, and starts a caption earlier only with
// MoveStarts. Starts never move otherwise, and the order is kept.
//
// A repair never makes a caption worse on any rule: a caption already too
// short is not shortened to open a gap, a caption is not cut to Max when
// that makes it too fast to read, and no gap is left to flicker that did
// not. What it cannot repair is returned as problems, with numbers and
// what would repair them.
func Fix(items []FixItem, r FixRules) ([]FixItem, []Change, []Problem) {
	out := append([]FixItem(nil), items...)
	var changes []Change
	hints := make([]string, len(out))
	for i := range out {
		c := &out[i]
		old := *c
		f := r.fixer(out, i)
		best := f.choose()
		if !r.MoveStarts && best.left() > 0 {
			// Would starting earlier have repaired more? Then say so.
			// (Starts stay, so what best leaves is what is reported.)
			m := r
			m.MoveStarts = true
			if alt := m.fixer(out, i).choose(); alt.left() < best.left() {
				hints[i] = HintMoveStarts
			} else {
				hints[i] = HintMerge
			}
		}
		c.Start, c.End = best.start, best.end
		if c.Start == old.Start && c.End == old.End {
			continue
		}
		changes = append(changes, Change{Caption: i + 1, What: f.what(best), OldStart: old.Start, OldEnd: old.End, NewStart: c.Start, NewEnd: c.End})
	}
	var shotLeft []Problem
	if len(r.Shots.Cuts) > 0 && r.ShotRules.Window > 0 {
		var moved map[int][]string
		moved, shotLeft = snapShots(out, r, r.Shots, r.ShotRules)
		changes = mergeMoves(changes, moved, items, out)
	}
	var problems []Problem
	for i, c := range out {
		d := c.End - c.Start
		f := r.fixer(out, i)
		m := f.before
		add := func(hint, format string, a ...any) {
			problems = append(problems, Problem{Caption: i + 1, Start: c.Start, End: c.End, Message: fmt.Sprintf(format, a...), Hint: hint})
		}
		// Why it was left: the room is taken, or another rule would break.
		if m.short > 0 {
			add(hints[i], "lasts %s, under the minimum %s, and there is no room to lengthen it", FormatSeconds(d), FormatSeconds(r.Min))
		}
		if m.slow > 0 {
			hint := hints[i]
			if r.Max > 0 && f.needCPS > r.Max {
				hint = "" // no timing can make it readable: it needs fewer words
			}
			if d > 0 {
				add(hint, "reads at %.1f characters a second, over %g, and there is no room to lengthen it", c.Chars/d.Seconds(), r.CPS)
			} else {
				add(hint, "has no time on screen for its %g characters, and there is no room to lengthen it", c.Chars)
			}
		}
		if m.long > 0 {
			add("", "lasts %s, over the maximum %s, and shortening it would make it too fast to read", FormatSeconds(d), FormatSeconds(r.Max))
		}
		if g := out[min(i+1, len(out)-1)].Start - c.End; m.gap > 0 && g < 0 {
			add(hints[i], "overlaps the next caption by %s, and ending it earlier would make it too short or too fast to read", FormatSeconds(-g))
		} else if m.gap > 0 {
			add(hints[i], "the next caption starts %s after it ends, under the minimum gap %s, and ending it earlier would make it too short or too fast to read", FormatSeconds(g), FormatSeconds(r.Gap))
		} else if m.flicker {
			add("", "the gap of %s after it flickers, and closing it would make the caption longer than %s", FormatSeconds(out[i+1].Start-c.End), FormatSeconds(r.Max))
		}
	}
	problems = append(problems, shotLeft...)
	slices.SortStableFunc(problems, func(a, b Problem) int { return cmp.Compare(a.Caption, b.Caption) })
	return out, changes, problems
}

// mergeMoves adds the shot-change moves to the changes, one change a
// caption.
func mergeMoves(changes []Change, moved map[int][]string, items, out []FixItem) []Change {
	for i, what := range moved {
		w := strings.Join(what, ", ")
		j := slices.IndexFunc(changes, func(c Change) bool { return c.Caption == i+1 })
		if j < 0 {
			changes = append(changes, Change{Caption: i + 1, What: w, OldStart: items[i].Start, OldEnd: items[i].End})
			j = len(changes) - 1
		} else {
			changes[j].What += ", " + w
		}
		changes[j].NewStart, changes[j].NewEnd = out[i].Start, out[i].End
	}
	slices.SortFunc(changes, func(a, b Change) int { return cmp.Compare(a.Caption, b.Caption) })
	return changes
}

// forever stands for "no limit" among times.
const forever = time.Duration(math.MaxInt64 / 4)

// fixer chooses new times for one caption, out[i], given the caption
// before it (already repaired) and the one after it (not yet).
type fixer struct {
	r        FixRules
	start    time.Duration // as it is
	end      time.Duration
	prevEnd  time.Duration // the end of the caption before, or -forever
	next     time.Duration // the start of the caption after, or forever
	needMin  time.Duration // the time the minimum asks for
	needCPS  time.Duration // the time its characters need to be read
	earliest time.Duration // the earliest start the caption before allows
	before   faults        // how it breaks the rules as it is
}

// faults is how far a caption is from keeping each rule: 0 where it keeps
// it. A repair may make none of them larger.
type faults struct {
	short time.Duration // under Min
	slow  time.Duration // under the time its characters need
	long  time.Duration // over Max
	gap   time.Duration // under Gap before the next caption (overlaps too)
	// flicker: the gap after it is over Gap but not over CloseGap; the
	// gap before it (prev*) is the caption before's, which moving the
	// start changes.
	flicker     bool
	prevGap     time.Duration
	prevFlicker bool
}

// left counts the rules a caption still breaks, then how far.
func (f faults) left() (n int) {
	for _, d := range []time.Duration{f.short, f.slow, f.long, f.gap, f.prevGap} {
		if d > 0 {
			n++
		}
	}
	if f.flicker {
		n++
	}
	return n
}

func (f faults) total() time.Duration { return f.short + f.slow + f.long + f.gap + f.prevGap }

// worse reports whether a is worse than b on any rule.
func (a faults) worse(b faults) bool {
	return a.short > b.short || a.slow > b.slow || a.long > b.long || a.gap > b.gap || a.prevGap > b.prevGap ||
		a.flicker && !b.flicker || a.prevFlicker && !b.prevFlicker
}

func (r FixRules) fixer(out []FixItem, i int) *fixer {
	c := out[i]
	f := &fixer{r: r, start: c.Start, end: c.End, prevEnd: -forever, next: forever, needMin: r.Min}
	if i > 0 {
		f.prevEnd = out[i-1].End
		f.earliest = max(f.prevEnd, out[i-1].Start) + r.Gap
	}
	if i+1 < len(out) {
		f.next = out[i+1].Start
	}
	if r.CPS > 0 && c.Chars > 0 {
		// Rounded up: a caption exactly at the ceiling is not over it.
		f.needCPS = time.Duration(math.Ceil(c.Chars/r.CPS*1000)) * time.Millisecond
	}
	f.before = f.measure(c.Start, c.End)
	return f
}

func (f *fixer) flickers(gap time.Duration) bool {
	min := f.r.Gap
	if len(f.r.Shots.Cuts) > 0 {
		// Times on frames, each rounded to the millisecond: two frames
		// at 23.976 fps (83.4 ms) come out as 83 or 84 ms. A gap a
		// millisecond over the minimum is the minimum.
		min += time.Millisecond
	}
	return f.r.CloseGap > 0 && gap > min && gap <= f.r.CloseGap
}

func (f *fixer) measure(start, end time.Duration) faults {
	r, d := f.r, end-start
	var m faults
	m.short = max(0, f.needMin-d)
	m.slow = max(0, f.needCPS-d)
	if r.Max > 0 {
		m.long = max(0, d-r.Max)
	}
	if f.next < forever {
		m.gap = max(0, r.Gap-(f.next-end))
		m.flicker = f.flickers(f.next - end)
	}
	if f.prevEnd > -forever {
		m.prevGap = max(0, r.Gap-(start-f.prevEnd))
		m.prevFlicker = f.flickers(start - f.prevEnd)
	}
	return m
}

// choice is a caption's new times and the faults left with them.
type choice struct {
	start, end time.Duration
	faults
}

// choose returns the times that leave the fewest faults without making any
// worse: the caption as it is is always a choice.
func (f *fixer) choose() choice {
	r := f.r
	need := max(f.needMin, f.needCPS)
	if r.Max > 0 {
		need = min(need, r.Max)
	}
	latest := f.next - r.Gap // the latest end the next caption allows
	if f.next == forever {
		latest = forever
	}
	maxEnd := func(start time.Duration) time.Duration {
		if r.Max > 0 {
			return start + r.Max
		}
		return forever
	}
	// The end the rules ask for with the start kept: not past the next
	// caption or Max, at least need long as far as the room allows.
	end := min(f.end, latest, maxEnd(f.start))
	end = max(end, min(f.start+need, latest, maxEnd(f.start)), f.start)
	cands := []choice{}
	try := func(start, end time.Duration) {
		// A gap left that flickers is closed, when that keeps Max;
		// otherwise the end stops short of it.
		if f.next < forever && f.flickers(f.next-end) {
			if latest <= maxEnd(start) {
				cands = append(cands, f.choice(start, latest))
			}
			end = f.next - r.CloseGap - time.Millisecond
		}
		if end >= start {
			cands = append(cands, f.choice(start, end))
		}
	}
	try(f.start, end)
	// Where the rules are at odds, as far toward them as no fault grows:
	// not under the time it needs, not past the next caption or Max
	// unless it is already.
	lo := min(f.end, f.start+max(f.needMin, f.needCPS))
	hi := min(max(f.end, latest), max(f.end, maxEnd(f.start)))
	try(f.start, min(max(end, lo), hi))
	if r.MoveStarts {
		// The end as late as the next caption allows, the start as early
		// as the caption before allows, to give it the time it needs.
		end := min(max(f.end, f.start+need), latest)
		start := min(f.start, max(f.earliest, end-need))
		if start < f.start && f.flickers(start-f.prevEnd) {
			start = f.earliest // close the gap before it instead
		}
		if start < f.start {
			try(start, end)
		}
	}
	best := f.choice(f.start, f.end)
	for _, c := range cands {
		if c.worse(f.before) {
			continue
		}
		if c.left() < best.left() || c.left() == best.left() && c.total() < best.total() {
			best = c
		}
	}
	return best
}

func (f *fixer) choice(start, end time.Duration) choice {
	return choice{start, end, f.measure(start, end)}
}

// what says what a choice repaired, rule by rule.
func (f *fixer) what(c choice) string {
	b := f.before
	var what []string
	if c.gap < b.gap {
		switch {
		case f.end > f.next && c.gap > 0:
			what = append(what, "overlap reduced")
		case f.end > f.next:
			what = append(what, "overlap removed")
		case c.gap > 0:
			what = append(what, "gap widened")
		default:
			what = append(what, "gap widened to the minimum")
		}
	}
	if c.end-c.start > f.end-f.start && (c.short < b.short || c.slow < b.slow) {
		what = append(what, "lengthened")
	}
	if c.start < f.start {
		what = append(what, "started earlier")
	}
	if c.long < b.long && c.long > 0 {
		what = append(what, "shortened as far as it stays readable")
	} else if c.long < b.long {
		what = append(what, "shortened to the maximum")
	}
	if c.end > f.end && c.end == f.next-f.r.Gap && (b.flicker || c.end > f.start+max(f.needMin, f.needCPS)) {
		what = append(what, "small gap closed")
	}
	if b.flicker && !c.flicker && c.end < f.end {
		what = append(what, "flickering gap widened")
	}
	if len(what) == 0 {
		what = append(what, "moved")
	}
	return strings.Join(what, ", ")
}
