package timing

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"slices"
	"time"
)

// The rest of Rate: frames as exact times, for shot changes.

// Valid reports a positive rate.
func (r Rate) Valid() bool { return r.Num > 0 && r.Den > 0 }

// FPS is the rate as frames a second.
func (r Rate) FPS() float64 { return float64(r.Num) / float64(r.Den) }

// Time is when frame n starts: n·Den/Num seconds, to the nanosecond
// (rounded half away from zero).
func (r Rate) Time(n int64) time.Duration {
	x := new(big.Int).Mul(big.NewInt(n), big.NewInt(r.Den*1e9))
	return time.Duration(bigDivRound(x, big.NewInt(r.Num)))
}

// Frame is the frame nearest to t: t·Num/Den rounded.
func (r Rate) Frame(t time.Duration) int64 {
	x := new(big.Int).Mul(big.NewInt(int64(t)), big.NewInt(r.Num))
	return bigDivRound(x, big.NewInt(r.Den*1e9))
}

// bigDivRound is x/d rounded half away from zero, for d > 0.
func bigDivRound(x, d *big.Int) int64 {
	h := new(big.Int).Rsh(d, 1)
	if x.Sign() < 0 {
		h.Neg(h)
	}
	q := new(big.Int).Quo(new(big.Int).Add(x, h), d)
	if !q.IsInt64() {
		if q.Sign() < 0 {
			return math.MinInt64
		}
		return math.MaxInt64
	}
	return q.Int64()
}

// RateOf is the exact rate a frames-a-second number stands for: a whole
// number, an NTSC rate (23.976 for 24000/1001, to 0.01 frames a second),
// or else the number to the thousandth.
func RateOf(fps float64) Rate {
	if n := math.Round(fps); math.Abs(fps-n) < 1e-6 && n >= 1 {
		return Rate{int64(n), 1}
	}
	if n := math.Round(fps * 1.001); n >= 1 && math.Abs(fps-n*1000/1001) < 0.005 {
		return Rate{int64(n) * 1000, 1001}
	}
	n := int64(math.Round(fps * 1000))
	if n < 1 {
		n = 1
	}
	return Rate{n, 1000}.reduced()
}

// Shots are the shot changes (cuts) of a video: the frame each new shot
// starts on, counted from 0 at Rate.
type Shots struct {
	Rate Rate
	Cuts []int64 // ascending, no repeats
}

// ShotsAt turns cut times into Shots at rate r: each at its nearest
// frame, sorted, repeats and cuts before frame 1 dropped.
func ShotsAt(times []time.Duration, r Rate) Shots {
	s := Shots{Rate: r}
	for _, t := range times {
		if f := r.Frame(t); f > 0 {
			s.Cuts = append(s.Cuts, f)
		}
	}
	slices.Sort(s.Cuts)
	s.Cuts = slices.Compact(s.Cuts)
	return s
}

// Times are the cuts as times.
func (s Shots) Times() []time.Duration {
	out := make([]time.Duration, len(s.Cuts))
	for i, c := range s.Cuts {
		out[i] = s.Rate.Time(c)
	}
	return out
}

// ShotRules say how captions sit on shot changes, in frames at the
// video's rate.
type ShotRules struct {
	// Window: a start or end this many frames or fewer from a cut belongs
	// on it. 0 turns the rule off.
	Window int
	// EndBefore: an end near a cut goes this many frames before it (2 for
	// Netflix, whose captions then leave its 2-frame gap before one that
	// starts on the cut; 0 ends on the shot's last frame).
	EndBefore int
}

// ShotMiss is a caption start or end near a cut but not on its place.
type ShotMiss struct {
	End    bool  // the end, not the start
	Frame  int64 // the frame the time falls on
	Cut    int64 // the cut it is near
	Target int64 // the frame it belongs on: Cut, or Cut-EndBefore for an end
}

// Off is how many frames the time is from its place: negative when before.
func (m ShotMiss) Off() int64 { return m.Frame - m.Target }

// nearest returns the cut nearest frame f within w frames, preferring
// the earlier of two as near.
func (s Shots) nearest(f int64, w int) (int64, bool) {
	i, _ := slices.BinarySearch(s.Cuts, f)
	best, ok := int64(0), false
	for _, j := range []int{i - 1, i} {
		if j < 0 || j >= len(s.Cuts) {
			continue
		}
		d := abs64(s.Cuts[j] - f)
		if d <= int64(w) && (!ok || d < abs64(best-f)) {
			best, ok = s.Cuts[j], true
		}
	}
	return best, ok
}

// onAny reports whether frame f is on a cut's place (cut+shift) for a
// cut within w frames of it.
func (s Shots) onAny(f int64, w int, shift int64) bool {
	i, _ := slices.BinarySearch(s.Cuts, f-int64(w))
	for ; i < len(s.Cuts) && s.Cuts[i] <= f+int64(w); i++ {
		if s.Cuts[i]+shift == f {
			return true
		}
	}
	return false
}

// Miss reports where t, a caption's start (end false) or end, breaks the
// rules: within Window frames of a cut but not on it (a start) or
// EndBefore frames before it (an end).
func (s Shots) Miss(t time.Duration, end bool, r ShotRules) (ShotMiss, bool) {
	if r.Window <= 0 || !s.Rate.Valid() || len(s.Cuts) == 0 {
		return ShotMiss{}, false
	}
	f := s.Rate.Frame(t)
	shift := int64(0)
	if end {
		shift = -int64(r.EndBefore)
	}
	if s.onAny(f, r.Window, shift) {
		return ShotMiss{}, false
	}
	cut, ok := s.nearest(f, r.Window)
	if !ok {
		return ShotMiss{}, false
	}
	return ShotMiss{End: end, Frame: f, Cut: cut, Target: cut + shift}, true
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// ErrNoRate is returned for cut frames given without a frame rate.
var ErrNoRate = errors.New("cut given in frames, but no frame rate is known")

// snapShots moves the starts and ends of captions near a cut onto it,
// each move only when it makes no caption worse on any rule Fix keeps
// (see faults). It returns the captions' moves as what they did, and the
// misses it left.
func snapShots(out []FixItem, r FixRules, s Shots, sr ShotRules) (moved map[int][]string, left []Problem) {
	moved = map[int][]string{}
	target := func(i int, end bool) (time.Duration, bool) {
		t := out[i].Start
		if end {
			t = out[i].End
		}
		m, ok := s.Miss(t, end, sr)
		if !ok {
			return 0, false
		}
		return s.Rate.Time(m.Target).Round(time.Millisecond), true
	}
	// try applies a set of moves when no caption they touch gets worse.
	try := func(moves map[int]FixItem) bool {
		lo, hi := len(out), -1
		for i := range moves {
			lo, hi = min(lo, i), max(hi, i)
		}
		cand := slices.Clone(out[max(0, lo-2):min(len(out), hi+3)])
		off := max(0, lo-2)
		for i, it := range moves {
			if it.End <= it.Start {
				return false
			}
			cand[i-off] = it
		}
		for j := 1; j < len(cand); j++ {
			if cand[j].Start < cand[j-1].Start && out[off+j].Start >= out[off+j-1].Start {
				return false // the order changes
			}
		}
		for j := max(0, lo-1); j <= min(len(out)-1, hi+1); j++ {
			before := r.fixer(out[off:off+len(cand)], j-off).before
			after := r.fixer(cand, j-off).before
			if after.worse(before) {
				return false
			}
		}
		for i, it := range moves {
			old := out[i]
			out[i] = it
			if it.Start != old.Start {
				moved[i] = append(moved[i], "start on the shot change")
			}
			if it.End != old.End {
				moved[i] = append(moved[i], fmt.Sprintf("end %s the shot change", endWord(sr.EndBefore)))
			}
		}
		return true
	}
	for pass := 0; pass < 3; pass++ {
		changed := false
		for i := range out {
			ts, okS := target(i, false)
			te, okE := target(i, true)
			if !okS && !okE {
				continue
			}
			it := out[i]
			switch {
			case okS && okE && try(map[int]FixItem{i: {Start: ts, End: te, Chars: it.Chars}}):
			case okS && try(map[int]FixItem{i: {Start: ts, End: it.End, Chars: it.Chars}}):
			case okE && try(map[int]FixItem{i: {Start: it.Start, End: te, Chars: it.Chars}}):
			case okE && i+1 < len(out):
				// The end and the next caption's start on the same cut
				// together: each alone may open a flickering gap or an
				// overlap that the other closes.
				tn, okN := target(i+1, false)
				nx := out[i+1]
				if !okN || !try(map[int]FixItem{i: {Start: it.Start, End: te, Chars: it.Chars}, i + 1: {Start: tn, End: nx.End, Chars: nx.Chars}}) {
					continue
				}
			default:
				continue
			}
			changed = true
		}
		if !changed {
			break
		}
	}
	for i, c := range out {
		for _, end := range []bool{false, true} {
			t := c.Start
			if end {
				t = c.End
			}
			if m, ok := s.Miss(t, end, sr); ok {
				left = append(left, Problem{Caption: i + 1, Start: c.Start, End: c.End,
					Message: ShotMessage(m, s.Rate, sr) + ", and moving it there would break another rule"})
			}
		}
	}
	return moved, left
}

func endWord(before int) string {
	switch before {
	case 0:
		return "on"
	case 1:
		return "1 frame before"
	}
	return fmt.Sprintf("%d frames before", before)
}

// ShotMessage says what a miss is: "starts 3 frames after the shot change
// at 0:00:10.427 (frame 250)".
func ShotMessage(m ShotMiss, r Rate, sr ShotRules) string {
	what := "starts"
	if m.End {
		what = "ends"
	}
	off := m.Frame - m.Cut
	rel := "on"
	switch {
	case off < 0:
		rel = fmt.Sprintf("%s before", frames(-off))
	case off > 0:
		rel = fmt.Sprintf("%s after", frames(off))
	}
	want := "on it"
	if m.End {
		want = endWord(sr.EndBefore) + " it"
	}
	return fmt.Sprintf("%s %s the shot change at %s (frame %d at %s fps), not %s", what, rel, FormatDuration(r.Time(m.Cut)), m.Cut, r, want)
}

func frames(n int64) string {
	if n == 1 {
		return "1 frame"
	}
	return fmt.Sprintf("%d frames", n)
}

// SnapCaptions moves the generated captions' starts and ends near a cut
// onto it, as Fix does with r's Shots (r's other rules are kept: no
// caption is made worse on them, and one that breaks them is repaired
// where there is room). It returns what moved and what could not.
func SnapCaptions(caps []Caption, r FixRules) ([]Change, []Problem) {
	items := make([]FixItem, len(caps))
	for i, c := range caps {
		items[i] = FixItem{Start: c.Start, End: c.End}
	}
	out, changes, problems := Fix(items, r)
	for i := range caps {
		caps[i].Start, caps[i].End = out[i].Start, out[i].End
	}
	return changes, problems
}
