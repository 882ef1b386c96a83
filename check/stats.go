package check

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/timing"
)

// Stats sum up what a track looks like.
type Stats struct {
	Captions int
	// Span runs from the first caption's start to the last end;
	// OnScreen is the time at least one caption is shown.
	Span, OnScreen time.Duration
	// CPS is the reading speed of the captions with text and a positive
	// duration, in characters a second. Duration and Gap are in seconds;
	// a gap is from one caption's end to the next one's start, and an
	// overlap is a gap of 0 (Overlaps counts them).
	CPS, Duration, Gap Dist
	Overlaps           int
	// Limit is the reading speed the captions are measured against, in
	// Unit ("cps" or "wpm"), 0 when the limits have none.
	Limit float64
	Unit  string
	// Worst are the five fastest captions to read, fastest first.
	Worst []Caption
}

// Dist is a distribution: its count, least, median, 90th percentile and
// largest values (percentiles interpolate between the nearest values),
// and a histogram: Counts[0] counts values under Edges[0], Counts[i]
// those from Edges[i-1] up to Edges[i], and the last those from the last
// edge up.
type Dist struct {
	N                     int
	Min, Median, P90, Max float64
	Edges                 []float64
	Counts                []int
}

// Caption is one caption's reading speed.
type Caption struct {
	Caption    int // from 1
	Start, End time.Duration
	// Speed is in the Stats' Unit; CPS is characters a second whatever
	// the unit.
	Speed, CPS float64
	Text       string
}

// Speeds returns each caption's reading speed against l: in words a
// minute when l counts words (WPM set, CPS not), else characters a
// second. A caption with no text or no duration has speed 0.
func Speeds(d *subtitle.Document, l Limits) (speeds []Caption, limit float64, unit string) {
	unit, limit = "cps", l.CPS
	if l.CPS == 0 && l.WPM > 0 {
		unit, limit = "wpm", l.WPM
	}
	speeds = make([]Caption, len(d.Cues))
	for i, c := range d.Cues {
		text := timing.CaptionText(c.PlainLines(), l.CJK)
		s := Caption{Caption: i + 1, Start: c.Start, End: c.End, Text: text}
		if dur := c.End - c.Start; dur > 0 && strings.TrimSpace(text) != "" {
			s.CPS = timing.ReadingChars(text, l.CJK) / dur.Seconds()
			s.Speed = s.CPS
			if unit == "wpm" {
				s.Speed = float64(Words(text)) / dur.Minutes()
			}
		}
		speeds[i] = s
	}
	return speeds, limit, unit
}

// Measure returns d's statistics, reading speed against l.
func Measure(d *subtitle.Document, l Limits) Stats {
	s := Stats{Captions: len(d.Cues)}
	speeds, limit, unit := Speeds(d, l)
	s.Limit, s.Unit = limit, unit
	if len(d.Cues) == 0 {
		return s
	}
	first, last := d.Cues[0].Start, d.Cues[0].End
	type iv struct{ a, b time.Duration }
	var ivs []iv
	var cps, durs, gaps []float64
	for i, c := range d.Cues {
		first, last = min(first, c.Start), max(last, c.End)
		if c.End > c.Start {
			ivs = append(ivs, iv{c.Start, c.End})
		}
		durs = append(durs, max(c.End-c.Start, 0).Seconds())
		if speeds[i].CPS > 0 {
			cps = append(cps, speeds[i].CPS)
		}
		if i > 0 {
			g := c.Start - d.Cues[i-1].End
			if g < 0 {
				s.Overlaps++
				g = 0
			}
			gaps = append(gaps, g.Seconds())
		}
	}
	s.Span = last - first
	sort.Slice(ivs, func(i, j int) bool { return ivs[i].a < ivs[j].a })
	var end time.Duration = -1 << 62
	for _, v := range ivs {
		if v.a > end {
			s.OnScreen += v.b - v.a
			end = v.b
		} else if v.b > end {
			s.OnScreen += v.b - end
			end = v.b
		}
	}
	cpsLimit := l.CPS
	if cpsLimit == 0 {
		cpsLimit = 15
	}
	s.CPS = dist(cps, []float64{cpsLimit * 0.5, cpsLimit * 0.75, cpsLimit * 0.9, cpsLimit, cpsLimit * 1.25})
	s.Duration = dist(durs, []float64{1, 2, 3, 4, 5, 6, 7})
	gapEdges := []float64{0.25, 0.5, 1, 2, 5}
	if l.Gap > 0 && l.Gap.Seconds() < gapEdges[0] {
		gapEdges = append([]float64{l.Gap.Seconds()}, gapEdges...)
	}
	s.Gap = dist(gaps, gapEdges)
	worst := append([]Caption(nil), speeds...)
	sort.SliceStable(worst, func(i, j int) bool { return worst[i].Speed > worst[j].Speed })
	for _, w := range worst {
		if len(s.Worst) == 5 || w.Speed == 0 {
			break
		}
		s.Worst = append(s.Worst, w)
	}
	return s
}

func dist(v []float64, edges []float64) Dist {
	d := Dist{N: len(v), Edges: edges, Counts: make([]int, len(edges)+1)}
	if len(v) == 0 {
		return d
	}
	sort.Float64s(v)
	d.Min, d.Max = v[0], v[len(v)-1]
	d.Median, d.P90 = percentile(v, 0.5), percentile(v, 0.9)
	for _, x := range v {
		d.Counts[sort.Search(len(edges), func(i int) bool { return edges[i] > x })]++
	}
	return d
}

// percentile of sorted v, interpolating between the nearest ranks.
func percentile(v []float64, p float64) float64 {
	pos := p * float64(len(v)-1)
	i := int(math.Floor(pos))
	if i+1 >= len(v) {
		return v[len(v)-1]
	}
	return v[i] + (pos-float64(i))*(v[i+1]-v[i])
}
