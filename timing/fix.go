package timing

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// FixRules are what Fix repairs captions to: a reading speed ceiling and
// the duration and gap rules of a style guide. Zero means not enforced.
type FixRules struct {
	CPS      float64       // reading speed ceiling, in ReadingChars a second
	Min, Max time.Duration // caption duration
	Gap      time.Duration // least gap between captions
	// CloseGap: a gap this small or smaller (but over Gap) is closed to Gap
	// by lengthening the caption before it, to stop the picture flickering.
	CloseGap time.Duration
	// MoveStarts lets Fix start a caption earlier (into the free time
	// before it) when lengthening its end is not enough.
	MoveStarts bool
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
}

// Fix repairs caption timing by reading speed and the rules: it removes
// overlaps (ending the earlier caption Gap before the next), closes gaps
// up to CloseGap, lengthens a caption that is too short or reads too fast
// into the free time after it (never past the next start minus Gap),
// shortens one over Max, and starts a caption earlier only with
// MoveStarts. Starts never move otherwise, and the order is kept. What it
// cannot repair for want of room is returned as problems, with numbers.
func Fix(items []FixItem, r FixRules) ([]FixItem, []Change, []Problem) {
	out := append([]FixItem(nil), items...)
	var changes []Change
	for i := range out {
		c := &out[i]
		old := *c
		var what []string
		next := time.Duration(-1) // latest end the next caption allows
		if i+1 < len(out) {
			next = out[i+1].Start - r.Gap
		}
		// Overlaps and too-small gaps: end Gap before the next.
		if next >= 0 && c.End > next {
			if c.End > out[i+1].Start {
				what = append(what, "overlap removed")
			} else {
				what = append(what, "gap widened to the minimum")
			}
			c.End = max(next, c.Start)
		}
		// Too short or too fast to read: lengthen into the free time after it.
		need := r.Min
		if r.CPS > 0 && c.Chars > 0 {
			// Rounded up: a caption exactly at the ceiling is not over it.
			need = max(need, time.Duration(math.Ceil(c.Chars/r.CPS*1000))*time.Millisecond)
		}
		if r.Max > 0 && need > r.Max {
			need = r.Max
		}
		if c.End-c.Start < need {
			want := c.Start + need
			if next >= 0 && want > next {
				want = max(next, c.End)
			}
			if want > c.End {
				c.End = want
				what = append(what, "lengthened")
			}
			if r.MoveStarts && c.End-c.Start < need {
				earliest := time.Duration(0)
				if i > 0 {
					earliest = out[i-1].End + r.Gap
				}
				if s := max(earliest, c.End-need); s < c.Start {
					c.Start = s
					what = append(what, "started earlier")
				}
			}
		}
		if r.Max > 0 && c.End-c.Start > r.Max {
			c.End = c.Start + r.Max
			what = append(what, "shortened")
		}
		// A gap that makes the picture flicker is closed, after the
		// lengthening (which may have made one), unless that would take the
		// caption over Max: then it is left and reported.
		if closable(c.End, next, r) && (r.Max == 0 || next-c.Start <= r.Max) {
			c.End = next
			what = append(what, "small gap closed")
		}
		if c.Start == old.Start && c.End == old.End {
			what = nil
		}
		if len(what) > 0 {
			changes = append(changes, Change{Caption: i + 1, What: strings.Join(what, ", "), OldStart: old.Start, OldEnd: old.End, NewStart: c.Start, NewEnd: c.End})
		}
	}
	var problems []Problem
	for i, c := range out {
		d := c.End - c.Start
		add := func(format string, a ...any) {
			problems = append(problems, Problem{Caption: i + 1, Start: c.Start, End: c.End, Message: fmt.Sprintf(format, a...)})
		}
		if r.Min > 0 && d < r.Min {
			add("lasts %s, under the minimum %s, and there is no room to lengthen it", durSeconds(d), durSeconds(r.Min))
		}
		if r.CPS > 0 && d > 0 && c.Chars/d.Seconds() > r.CPS+1e-9 {
			add("reads at %.1f characters a second, over %g, and there is no room to lengthen it", c.Chars/d.Seconds(), r.CPS)
		}
		if i+1 < len(out) && out[i+1].Start < c.End+r.Gap {
			add("the next caption starts %s after it ends, under the minimum gap %s", durSeconds(out[i+1].Start-c.End), durSeconds(r.Gap))
		} else if i+1 < len(out) && closable(c.End, out[i+1].Start-r.Gap, r) {
			add("the gap of %s after it flickers, and closing it would make the caption longer than %s", durSeconds(out[i+1].Start-c.End), durSeconds(r.Max))
		}
	}
	return out, changes, problems
}

// closable reports whether a caption ending at end leaves a gap small
// enough to close before next (the latest end the next caption allows).
func closable(end, next time.Duration, r FixRules) bool {
	return next >= 0 && r.CloseGap > 0 && end < next && next-end <= r.CloseGap-r.Gap
}

// durSeconds writes a length of time as check does: 0.267s, 7s. Points in
// time are written with FormatDuration.
func durSeconds(d time.Duration) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", d.Seconds()), "0"), ".") + "s"
}
