package align

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"sort"
)

// Span is a stretch of speech the detector found, in seconds.
type Span struct {
	Start, End float64
	// Strength is how clearly the detector heard speech in it (its peak
	// score over the detection threshold): leaving out a strong span as
	// noise costs more than a faint one.
	Strength float64
}

// Unit is a caption to place: its spoken length in weight units (see
// timing.Weight) and the nominal pause before it in seconds (see the
// timing.Pause constants; 0 for the first).
type Unit struct {
	Weight float64
	Pause  float64
}

// Params is the model the alignment scores placements with. The zero
// value means the defaults; Rate and the pause scales are fitted to the
// audio unless given.
type Params struct {
	// Rate is the speaking rate in weight units a second of speech
	// (pauses excluded). Zero: fitted.
	Rate float64
	// DurSigma is the spread of a unit's speech time around Weight/Rate,
	// as the standard deviation of its natural log. Zero: fitted.
	DurSigma float64
	// InnerPause is the mean pause inside a unit, in seconds (pauses inside
	// are taken as exponentially distributed). Zero: fitted.
	InnerPause float64
	// PauseSigma is the spread of a pause between units around its nominal
	// length, as the standard deviation of its natural log.
	PauseSigma float64
	// SkipCost and SkipPerSecond price a stretch left out as noise:
	// SkipCost × Strength² + SkipPerSecond × Strength × its length (the
	// Strength at least 0.1), so faint stretches, however many, are cheap
	// to leave out and a clear one is dear.
	SkipCost, SkipPerSecond float64
	// Passes is how many times the model is refitted to the alignment.
	Passes int
}

// Defaults for Params.
var Defaults = Params{DurSigma: 0.3, InnerPause: 0.08, PauseSigma: 0.9, SkipCost: 0.3, SkipPerSecond: 0.5, Passes: 2}

func (p Params) withDefaults() Params {
	d := Defaults
	p.DurSigma = cmp.Or(p.DurSigma, d.DurSigma)
	p.PauseSigma = cmp.Or(p.PauseSigma, d.PauseSigma)
	p.SkipCost = cmp.Or(p.SkipCost, d.SkipCost)
	p.SkipPerSecond = cmp.Or(p.SkipPerSecond, d.SkipPerSecond)
	p.Passes = cmp.Or(p.Passes, d.Passes)
	return p
}

// Placement is where Assign put a unit: the spans From..To-1, and their
// first start and last end in seconds.
type Placement struct {
	From, To   int
	Start, End float64
}

// Result is an alignment.
type Result struct {
	Units []Placement
	// Rate is the fitted speaking rate, InnerPause the fitted mean pause
	// inside a unit, PauseScale the fitted ratio of real to nominal pauses
	// between units.
	Rate, InnerPause, PauseScale, DurSigma float64
	// Skipped is how many spans were left out as noise.
	Skipped int
	// Cost is the alignment's total cost (lower is better) and MeanCost
	// that per unit.
	Cost, MeanCost float64
	// Fits, when the captions were placed by what is said (Content), are
	// where each went and how sure the placement is.
	Fits []Fit
	// Voice is which voice's references were used (0: Options.Reference,
	// k: Options.Alternatives[k-1]), and VoiceFit how well they model the
	// recording's voice (see VoiceFit; NaN when not measured, 0 without
	// Options.Reference). Under VoiceFloor the captions were placed by
	// sound alone, and BySound is set.
	Voice    int
	VoiceFit float64
	BySound  bool
	// Warp is the factor the references' frequency scale was stretched by
	// to fit the speaker (see chooseWarp and Options.FitWarp); 1 for none,
	// 0 when not tried.
	Warp float64
}

// ErrTooLittleSpeech means there are fewer stretches of speech than units.
var ErrTooLittleSpeech = errors.New("too little speech found in the audio for the transcript")

// Assign places units, in order, on spans of speech, in order, by dynamic
// programming: each unit takes one or more whole consecutive spans, and
// spans may be left out as noise (music, a cough) between and around the
// units. A placement is scored by
//
//   - each unit's speech time against Weight/Rate (log-normal),
//   - each pause inside a unit (exponential, mean InnerPause),
//   - each pause between units against its nominal Pause (log-normal),
//   - each span left out (SkipCost + SkipPerSecond × its length),
//
// and the cheapest is taken. The rate and pause scales are then refitted
// to the placement and the alignment run again (Passes times in all).
func Assign(units []Unit, spans []Span, p Params) (*Result, error) {
	if len(units) == 0 {
		return nil, errors.New("no units to place")
	}
	if len(spans) < len(units) {
		return nil, fmt.Errorf("%w: %d stretches of speech for %d captions", ErrTooLittleSpeech, len(spans), len(units))
	}
	for i, s := range spans {
		if !(s.End >= s.Start) || i > 0 && s.Start < spans[i-1].End {
			return nil, fmt.Errorf("span %d (%.3f-%.3f s) is out of order", i, s.Start, s.End)
		}
	}
	fitRate := p.Rate == 0
	fitInner := p.InnerPause == 0
	m := model{Params: p, scale: 1, fitSigma: p.DurSigma == 0}
	p = p.withDefaults()
	m.Params = p
	if fitRate {
		var w, t float64
		for _, u := range units {
			w += u.Weight
		}
		for _, s := range spans {
			t += s.End - s.Start
		}
		m.Rate = w / math.Max(t, 1e-3)
	}
	if fitInner {
		m.InnerPause = Defaults.InnerPause
	}
	// The first two passes place the units on coarse spans (the spans with
	// pauses under CoarseGap closed), each unit's end searched widely, then
	// with the model refitted within a minute of that; the later passes place them on the
	// spans as found, each unit's end near where the pass before put it.
	coarse, back := mergeSpans(spans, CoarseGap)
	var res *Result
	for pass := 0; pass < 2 && len(coarse) >= len(units); pass++ {
		var lo, hi []int
		if res == nil {
			lo, hi = wideBand(units, coarse)
		} else {
			// The refitted model, within a minute either way of the first.
			m.refit(units, spans, res, fitRate, fitInner)
			lo, hi = nearBand(res, coarse, 60)
		}
		r, err := m.run(units, coarse, lo, hi, 3)
		if err != nil {
			break
		}
		for i := range r.Units {
			pl := &r.Units[i]
			pl.From, pl.To = back[pl.From], back[pl.To]
		}
		res = r
	}
	for pass := 0; pass < p.Passes; pass++ {
		var lo, hi []int
		if res == nil {
			lo, hi = wideBand(units, spans)
		} else {
			m.refit(units, spans, res, fitRate, fitInner)
			lo, hi = nearBand(res, spans, NearReach)
		}
		r, err := m.run(units, spans, lo, hi, 2.5)
		if err != nil {
			return nil, err
		}
		res = r
	}
	res.Rate, res.InnerPause, res.PauseScale, res.DurSigma = m.Rate, m.InnerPause, m.scale, m.DurSigma
	return res, nil
}

type model struct {
	Params
	scale    float64 // real pauses between units / nominal
	fitSigma bool
}

// refit sets the rate, the mean inner pause and the pause scale from an
// alignment: medians, so a few misplaced units do not pull them.
func (m *model) refit(units []Unit, spans []Span, r *Result, fitRate, fitInner bool) {
	var rates, inner, ratios []float64
	for i, pl := range r.Units {
		t := unitTime(spans, pl.From, pl.To)
		for k := pl.From + 1; k < pl.To; k++ {
			inner = append(inner, gapOf(spans, k))
		}
		if t > 0 {
			rates = append(rates, units[i].Weight/t)
		}
		if i > 0 && units[i].Pause > 0 {
			g := spans[pl.From].Start - spans[pl.From-1].End
			ratios = append(ratios, g/units[i].Pause)
		}
	}
	if fitRate && len(rates) > 0 {
		// The rate that makes the median unit's time right.
		m.Rate = median(rates)
	}
	if m.fitSigma && len(rates) > 8 {
		// The spread of the units' log times, from their median absolute
		// deviation (robust to a few misplaced units).
		dev := make([]float64, len(rates))
		for i, r := range rates {
			dev[i] = math.Abs(math.Log(r / m.Rate))
		}
		m.DurSigma = math.Min(0.6, math.Max(0.1, 1.4826*median(dev)))
	}
	if fitInner && len(inner) > 0 {
		var s float64
		for _, g := range inner {
			s += g
		}
		m.InnerPause = math.Max(0.01, s/float64(len(inner)))
	}
	if len(ratios) > 0 {
		m.scale = math.Min(4, math.Max(0.25, median(ratios)))
	}
}

func median(x []float64) float64 {
	s := append([]float64(nil), x...)
	sort.Float64s(s)
	return s[len(s)/2]
}

// CoarseGap is the least pause that separates spans in the first, coarse
// pass; NearReach how far (in seconds) a later pass looks from where the
// pass before ended each unit.
const (
	CoarseGap = 0.05
	NearReach = 6.0
)

// mergeSpans closes the pauses shorter than gap. back[i] is the first
// original span of merged span i, back[len] = len(spans).
func mergeSpans(spans []Span, gap float64) ([]Span, []int) {
	var out []Span
	var back []int
	for i, s := range spans {
		if len(out) > 0 && s.Start-out[len(out)-1].End < gap {
			out[len(out)-1].End = s.End
			out[len(out)-1].Strength = math.Max(out[len(out)-1].Strength, s.Strength)
			continue
		}
		out = append(out, s)
		back = append(back, i)
	}
	return out, append(back, len(spans))
}

// wideBand lets each unit end anywhere within a tenth of the speech time
// (at least a minute and a half of it) of where its share of the weight
// puts it, so that long stretches of noise taken for speech do not push
// the answer out of reach.
func wideBand(units []Unit, spans []Span) (lo, hi []int) {
	n, ns := len(units), len(spans)
	speech := make([]float64, ns)
	t := 0.0
	for k, s := range spans {
		t += s.End - s.Start
		speech[k] = t
	}
	band := math.Min(180, math.Max(90, t/10))
	wsum := 0.0
	for _, u := range units {
		wsum += u.Weight
	}
	lo, hi = make([]int, n), make([]int, n)
	cum := 0.0
	for u := range units {
		cum += units[u].Weight
		at := cum / wsum * t
		lo[u] = sort.SearchFloat64s(speech, at-band)
		hi[u] = sort.SearchFloat64s(speech, at+band) + 1
	}
	return lo, hi
}

// nearBand lets each unit end at the spans that end within reach seconds
// of where r ended it.
func nearBand(r *Result, spans []Span, reach float64) (lo, hi []int) {
	n := len(r.Units)
	lo, hi = make([]int, n), make([]int, n)
	for u, pl := range r.Units {
		lo[u] = sort.Search(len(spans), func(k int) bool { return spans[k].End >= pl.End-reach })
		hi[u] = sort.Search(len(spans), func(k int) bool { return spans[k].End > pl.End+reach })
	}
	return lo, hi
}

// run is one dynamic programme over the units and spans, unit u ending at
// a span in [lo[u], hi[u]) and taking at most stretch times its expected
// speech time.
func (m *model) run(units []Unit, spans []Span, lo, hi []int, stretch float64) (*Result, error) {
	n, ns := len(units), len(spans)
	// Prefix sums over spans: speech time, inner-pause cost, skip cost.
	speech := make([]float64, ns)
	inner := make([]float64, ns+1) // inner[k]: cost of the pauses before spans 1..k-1 taken as inner
	skip := make([]float64, ns+1)
	lnInner := math.Log(m.InnerPause)
	lnGap := make([]float64, ns) // log of the pause before each span
	for k := 1; k < ns; k++ {
		lnGap[k] = math.Log(math.Max(gapOf(spans, k), 0.01))
	}
	for k, s := range spans {
		// speech[k]: the time from span 0's start to span k's, less the
		// pauses over PauseFloor beyond it (see unitTime).
		if k > 0 {
			speech[k] = speech[k-1] + (s.Start - spans[k-1].Start) - math.Max(0, gapOf(spans, k)-PauseFloor)
		}
		st := math.Max(0.1, s.Strength)
		skip[k+1] = skip[k] + st*(st*m.SkipCost+m.SkipPerSecond*(s.End-s.Start))
		inner[k+1] = inner[k]
		if k > 0 {
			inner[k+1] += gapOf(spans, k)/m.InnerPause + lnInner
		}
	}
	for u := range units {
		lo[u] = max(lo[u], u)
		hi[u] = min(hi[u], ns-(n-1-u))
		if u > 0 {
			lo[u] = max(lo[u], lo[u-1]+1)
		}
	}
	for u := n - 2; u >= 0; u-- {
		hi[u] = min(hi[u], hi[u+1]-1)
	}
	for u := range units {
		if lo[u] >= hi[u] {
			return nil, fmt.Errorf("%w: no room for caption %d", ErrTooLittleSpeech, u+1)
		}
	}
	inf := math.Inf(1)
	// F[u][k-lo[u]]: cost of units 0..u with unit u ending at span k.
	// G[u][k-lo[u]]: least cost of units 0..u with every span up to k used
	// or left out. from[u][...]: the first span of unit u.
	F := make([][]float64, n)
	G := make([][]float64, n)
	from := make([][]int32, n)
	gArg := make([][]int32, n) // where the last unit ended, for G
	for u := range units {
		w := hi[u] - lo[u]
		F[u] = make([]float64, w)
		G[u] = make([]float64, w)
		from[u] = make([]int32, w)
		gArg[u] = make([]int32, w)
	}
	// gPrev(u, k): G of unit u-1 at span k (k may be -1: nothing yet).
	gPrev := func(u, k int) float64 {
		if u == 0 {
			return skip[k+1]
		}
		if k < lo[u-1] {
			return inf
		}
		if k >= hi[u-1] {
			return G[u-1][hi[u-1]-1-lo[u-1]] + skip[k+1] - skip[hi[u-1]]
		}
		return G[u-1][k-lo[u-1]]
	}
	sigma2 := 2 * m.DurSigma * m.DurSigma
	psigma2 := 2 * m.PauseSigma * m.PauseSigma
	lnPS := math.Log(m.PauseSigma * math.Sqrt(2*math.Pi))
	for u, un := range units {
		want := math.Max(un.Weight/m.Rate, 0.05)
		lnWant := math.Log(want)
		nominal := math.Max(un.Pause*m.scale, 0.03)
		lnNominal := math.Log(nominal)
		for k := lo[u]; k < hi[u]; k++ {
			best, arg := inf, int32(-1)
			for j := k; j >= u; j-- {
				t := speech[k] - speech[j] + spans[k].End - spans[k].Start
				if t > stretch*want+0.5 {
					break
				}
				prev := gPrev(u, j-1)
				if prev == inf {
					continue
				}
				c := prev + inner[k+1] - inner[j+1]
				if u > 0 && j > 0 {
					lg := lnGap[j] - lnNominal
					c += lnGap[j] + lnPS + lg*lg/psigma2
				}
				if c >= best {
					continue // the duration's cost can only add
				}
				d := fastLog(math.Max(t, 0.02)) - lnWant
				if c += d * d / sigma2; c < best {
					best, arg = c, int32(j)
				}
			}
			F[u][k-lo[u]] = best
			from[u][k-lo[u]] = arg
			g, ga := best, int32(k)
			if k > lo[u] {
				if alt := G[u][k-1-lo[u]] + skip[k+1] - skip[k]; alt < g {
					g, ga = alt, gArg[u][k-1-lo[u]]
				}
			}
			G[u][k-lo[u]] = g
			gArg[u][k-lo[u]] = ga
		}
	}
	last := n - 1
	bestEnd, bestCost := -1, inf
	for k := lo[last]; k < hi[last]; k++ {
		c := F[last][k-lo[last]] + skip[ns] - skip[k+1]
		if c < bestCost {
			bestCost, bestEnd = c, k
		}
	}
	if bestEnd < 0 {
		return nil, fmt.Errorf("%w: no placement found", ErrTooLittleSpeech)
	}
	res := &Result{Units: make([]Placement, n), Cost: bestCost, MeanCost: bestCost / float64(n)}
	used := 0
	k := bestEnd
	for u := last; u >= 0; u-- {
		j := int(from[u][k-lo[u]])
		res.Units[u] = Placement{From: j, To: k + 1, Start: spans[j].Start, End: spans[k].End}
		used += k + 1 - j
		if u > 0 {
			// The previous unit ended where G of u-1 at j-1 says.
			k = int(gArgAt(gArg, lo, hi, u-1, j-1))
		}
	}
	res.Skipped = ns - used
	return res, nil
}

func gArgAt(gArg [][]int32, lo, hi []int, u, k int) int32 {
	if k >= hi[u] {
		k = hi[u] - 1
	}
	return gArg[u][k-lo[u]]
}

// PauseFloor: a unit's time is its span less the part of each pause
// inside it that is longer than this. Short pauses are the gaps between
// words and the quiet parts of speech that noise hides, and count as
// speech; long ones are pauses for breath or effect, and do not.
const PauseFloor = 0.2

// unitTime is the time a unit on spans [from, to) takes to say.
func unitTime(spans []Span, from, to int) float64 {
	t := spans[to-1].End - spans[from].Start
	for k := from + 1; k < to; k++ {
		t -= math.Max(0, gapOf(spans, k)-PauseFloor)
	}
	return t
}

// fastLog is the natural log of a positive x to about 1e-6: the exponent
// of its float64 form times ln 2, and the log of its mantissa m in
// [1, 2) from the series 2·atanh((m-1)/(m+1)).
func fastLog(x float64) float64 {
	b := math.Float64bits(x)
	e := int((b>>52)&0x7ff) - 1023
	m := math.Float64frombits(b&^(0x7ff<<52) | 1023<<52)
	if m > math.Sqrt2 {
		m /= 2
		e++
	}
	s := (m - 1) / (m + 1)
	s2 := s * s
	return float64(e)*math.Ln2 + 2*s*(1+s2*(1.0/3+s2*(1.0/5+s2*(1.0/7+s2*(1.0/9+s2/11)))))
}

// gapOf is the pause before span k.
func gapOf(spans []Span, k int) float64 { return spans[k].Start - spans[k-1].End }
