package timing

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// A Map moves a time: the core of every retiming. Maps work in whole
// milliseconds with rounding (half away from zero), so that a reference
// point lands exactly where it was told.
type Map func(time.Duration) time.Duration

// Then returns the map that applies m, then n.
func (m Map) Then(n Map) Map {
	return func(t time.Duration) time.Duration { return n(m(t)) }
}

// Shift moves every time by d (negative: earlier).
func Shift(d time.Duration) Map {
	d = d.Round(time.Millisecond)
	return func(t time.Duration) time.Duration { return t + d }
}

// Scale stretches times around anchor by factor f: anchor stays, a time
// one second after it moves to f seconds after it.
func Scale(f float64, anchor time.Duration) Map {
	a := anchor.Milliseconds()
	return func(t time.Duration) time.Duration {
		ms := a + int64(math.Round(float64(t.Milliseconds()-a)*f))
		return time.Duration(ms) * time.Millisecond
	}
}

// Rate is a frame rate as an exact fraction: 24000/1001 for 23.976.
type Rate struct{ Num, Den int64 }

func (r Rate) String() string {
	if r.Den == 1 {
		return strconv.FormatInt(r.Num, 10)
	}
	return fmt.Sprintf("%d/%d", r.Num, r.Den)
}

// ParseRate reads a frame rate: 23.976, 29.97 and 59.94 (and 47.952,
// 119.88) mean the NTSC rates N×1000/1001; whole numbers, other decimals
// and exact ratios ("24000/1001") are taken as written.
func ParseRate(s string) (Rate, error) {
	s = strings.TrimSpace(s)
	bad := fmt.Errorf("bad frame rate %q: want 25, 23.976, 29.97 or a ratio like 24000/1001", s)
	if num, den, ok := strings.Cut(s, "/"); ok {
		n, err1 := strconv.ParseInt(num, 10, 64)
		d, err2 := strconv.ParseInt(den, 10, 64)
		if err1 != nil || err2 != nil || n <= 0 || d <= 0 || n > 1e9 || d > 1e9 {
			return Rate{}, bad
		}
		return Rate{n, d}.reduced(), nil
	}
	switch s {
	case "23.976", "23.98":
		return Rate{24000, 1001}, nil
	case "29.97":
		return Rate{30000, 1001}, nil
	case "47.952":
		return Rate{48000, 1001}, nil
	case "59.94":
		return Rate{60000, 1001}, nil
	case "119.88":
		return Rate{120000, 1001}, nil
	}
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || len(frac) > 6 || !isDigits(whole) || frac != "" && !isDigits(frac) {
		return Rate{}, bad
	}
	den := int64(1)
	for range frac {
		den *= 10
	}
	num, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil || num <= 0 || num/den > 1000 {
		return Rate{}, bad
	}
	return Rate{num, den}.reduced(), nil
}

func (r Rate) reduced() Rate {
	a, b := r.Num, r.Den
	for b != 0 {
		a, b = b, a%b
	}
	return Rate{r.Num / a, r.Den / a}
}

// ParseFPS reads FROM:TO ("25:23.976").
func ParseFPS(s string) (from, to Rate, err error) {
	a, b, ok := strings.Cut(s, ":")
	if !ok {
		return Rate{}, Rate{}, fmt.Errorf("bad frame rate change %q: want FROM:TO, like 25:23.976", s)
	}
	if from, err = ParseRate(a); err != nil {
		return
	}
	to, err = ParseRate(b)
	return
}

// FPS converts times made for a release at one frame rate to one at
// another: the same frame numbers at the new rate. A file made for 25 fps
// played at 23.976 fps gets every time times 25/23.976.
func FPS(from, to Rate) Map {
	num := from.Num * to.Den
	den := from.Den * to.Num
	return func(t time.Duration) time.Duration {
		return time.Duration(divRound(t.Milliseconds()*num, den)) * time.Millisecond
	}
}

// divRound divides rounding half away from zero.
func divRound(a, b int64) int64 {
	if b < 0 {
		a, b = -a, -b
	}
	if a >= 0 {
		return (a + b/2) / b
	}
	return -((-a + b/2) / b)
}

// Point is a reference point for Sync: the time Old should become New.
type Point struct{ Old, New time.Duration }

// Sync makes a map from reference points: one point shifts; two make the
// linear map through both; more make a piecewise-linear map between
// consecutive points, extrapolated at either end from the nearest pair.
// Points are sorted by Old; two with the same Old are an error.
func Sync(points []Point) (Map, error) {
	if len(points) == 0 {
		return nil, fmt.Errorf("no reference points")
	}
	ps := append([]Point(nil), points...)
	for i := range ps {
		ps[i].Old = ps[i].Old.Round(time.Millisecond)
		ps[i].New = ps[i].New.Round(time.Millisecond)
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].Old < ps[j].Old })
	for i := 1; i < len(ps); i++ {
		if ps[i].Old == ps[i-1].Old {
			return nil, fmt.Errorf("two reference points at %s", FormatDuration(ps[i].Old))
		}
	}
	if len(ps) == 1 {
		return Shift(ps[0].New - ps[0].Old), nil
	}
	return func(t time.Duration) time.Duration {
		// The segment t falls in, or the nearest one at the ends.
		k := sort.Search(len(ps), func(i int) bool { return ps[i].Old > t })
		k = min(max(k, 1), len(ps)-1)
		a, b := ps[k-1], ps[k]
		o1, n1 := a.Old.Milliseconds(), a.New.Milliseconds()
		o2, n2 := b.Old.Milliseconds(), b.New.Milliseconds()
		ms := n1 + divRound((t.Milliseconds()-o1)*(n2-n1), o2-o1)
		return time.Duration(ms) * time.Millisecond
	}, nil
}

// Interval is what a retiming moves: a caption's start and end and the
// inline times inside it (karaoke timestamps).
type Interval struct {
	Start, End time.Duration
	Inline     []time.Duration
}

// RetimeOptions limit and police a retiming.
type RetimeOptions struct {
	// Window limits the change to intervals that start in [From, To).
	Window   bool
	From, To time.Duration
	// DropNegative drops intervals that end at or before 0 after the map;
	// without it they are kept at 0 (and reported either way).
	DropNegative bool
}

// RetimeReport says what Retime had to do beyond the map. Indexes are
// into the input.
type RetimeReport struct {
	Clamped []int // started before 0: moved to start at 0
	Before0 []int // wholly before 0: dropped with DropNegative, else kept at 0
	Dropped bool  // whether Before0 were dropped
}

// Retime applies m to the intervals (all of them, or those starting in
// the window) and returns the new intervals in order: no time is
// negative; an interval whose end would come before its start ends at
// its start.
func Retime(items []Interval, m Map, o RetimeOptions) ([]Interval, RetimeReport) {
	var rep RetimeReport
	out := make([]Interval, 0, len(items))
	for i, it := range items {
		if o.Window && (it.Start < o.From || it.Start >= o.To) {
			out = append(out, it)
			continue
		}
		n := Interval{Start: m(it.Start), End: m(it.End)}
		for _, t := range it.Inline {
			n.Inline = append(n.Inline, max(m(t), 0))
		}
		if n.End < n.Start {
			n.End = n.Start
		}
		switch {
		case n.End <= 0 && it.End > it.Start || n.End < 0:
			rep.Before0 = append(rep.Before0, i)
			if o.DropNegative {
				rep.Dropped = true
				continue
			}
			n.Start, n.End = 0, 0
		case n.Start < 0:
			rep.Clamped = append(rep.Clamped, i)
			n.Start = 0
		}
		out = append(out, n)
	}
	return out, rep
}

// SyncPoint is a --sync OLD=NEW argument: OLD is a time, or #N, the start
// of caption N (Cue > 0).
type SyncPoint struct {
	Cue      int
	Old, New time.Duration
}

// ParseSyncPoint reads OLD=NEW, where OLD is a duration or #N and NEW a
// duration (see ParseDuration).
func ParseSyncPoint(s string) (SyncPoint, error) {
	old, nw, ok := strings.Cut(s, "=")
	if !ok {
		return SyncPoint{}, fmt.Errorf("bad sync point %q: want OLD=NEW, like 00:01:02.500=00:01:03.000 or #12=1:03", s)
	}
	var p SyncPoint
	var err error
	if n, found := strings.CutPrefix(strings.TrimSpace(old), "#"); found {
		p.Cue, err = strconv.Atoi(n)
		if err != nil || p.Cue < 1 {
			return SyncPoint{}, fmt.Errorf("bad sync point %q: #N numbers a caption from 1", s)
		}
	} else if p.Old, err = ParseDuration(old); err != nil {
		return SyncPoint{}, fmt.Errorf("bad sync point %q: %v", s, err)
	}
	if p.New, err = ParseDuration(nw); err != nil {
		return SyncPoint{}, fmt.Errorf("bad sync point %q: %v", s, err)
	}
	return p, nil
}
