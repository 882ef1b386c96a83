package align

import (
	"fmt"
	"math"
	"slices"
)

// Sync methods, as SyncResult.Method gives them.
const (
	// MethodContent: the captions were placed by what is said in them
	// (Content), and the map checked, or fitted, against the speech
	// onsets where it put them.
	MethodContent = "content"
	// MethodOnsets: caption starts were matched with speech onsets only.
	MethodOnsets = "onsets"
)

// anchor pairs a caption start in the file (x) with where its speech
// starts in the recording (y); w is how much it counts.
type anchor struct{ x, y, w float64 }

// contentAnchors pair each caption's start with the speech onset where
// it begins: the onset the match finds within onsetReach of where Content
// starts the caption (the detector places onsets to 2.5 ms, Content to a
// frame and less surely), else Content's start itself, at a third of the
// weight. Captions Content is not sure of (under minAnchorConfidence) are
// left out; the others count alike, as how well the words match says
// nothing of how finely the onset is placed.
//
// Ends are not used: files hold captions on after the voice stops (by a
// reading-time rule), and on real voices Content's ends scatter twice as
// widely as its starts. Nor are the word onsets inside a caption: the
// file gives no time for them.
func contentAnchors(cues []Cue, fits []Fit, match matcher) []anchor {
	var an []anchor
	for i, c := range cues {
		ft := fits[i]
		if ft.Confidence < minAnchorConfidence || ft.End <= ft.Start {
			continue
		}
		if on, ok := match(ft.Start, onsetReach); ok {
			an = append(an, anchor{x: c.Start, y: on, w: 1})
		} else {
			an = append(an, anchor{x: c.Start, y: ft.Start, w: 1.0 / 3})
		}
	}
	return an
}

// minAnchorConfidence is the least confidence of a caption whose start
// is used (Mandarin lines score 0.1 to 0.4 where they are right).
const minAnchorConfidence = 0.1

// onsetReach is how near, in seconds, an onset must be to where Content
// starts a caption to be taken for its start.
const onsetReach = 0.06

// robustLine is a robust fit of y = rate x + offset.
type robustLine struct {
	rate, offset float64
	// rateErr is the rate's standard error (0 when it was not fitted,
	// or the anchors are too few or too close together to tell one);
	// scale is the robust spread of the residuals.
	rateErr, scale float64
	// kept is how many anchors keep some weight.
	kept int
	// cost is the weighted sum of the squared residuals in units of
	// tukeyC spreads, each at most 1.
	cost float64
}

// Tukey's biweight: an anchor further than tukeyC robust spreads from the
// line counts for nothing; minScale is the least spread assumed.
const (
	tukeyC   = 4.685
	minScale = 0.006
)

// fitRobust fits the anchors by iteratively reweighted least squares with
// Tukey's biweight, from rate r0 (kept when fitRate is false); the
// first offset is the median of the anchors'. The first round's spread is
// the residuals' own, so anchors all far off (an onset fit with the wrong
// rate) are pulled in before the spread narrows.
func fitRobust(an []anchor, r0 float64, fitRate bool) robustLine {
	f := robustLine{rate: r0}
	d := make([]float64, len(an))
	for i, a := range an {
		d[i] = a.y - r0*a.x
	}
	if len(d) > 0 {
		f.offset = median(d)
	}
	w := make([]float64, len(an))
	abs := make([]float64, len(an))
	weigh := func() {
		for i, a := range an {
			abs[i] = math.Abs(a.y - (f.rate*a.x + f.offset))
		}
		f.scale = math.Max(1.4826*median(slices.Clone(abs)), minScale)
		for i, a := range an {
			w[i] = 0
			if u := abs[i] / (tukeyC * f.scale); u < 1 {
				w[i] = a.w * (1 - u*u) * (1 - u*u)
			}
		}
	}
	for iter := 0; iter < 50; iter++ {
		weigh()
		r, b, ok := weightedLine(an, w, f.rate, fitRate)
		if !ok {
			break
		}
		done := math.Abs(r-f.rate) < 1e-9 && math.Abs(b-f.offset) < 1e-6
		f.rate, f.offset = r, b
		if done {
			break
		}
	}
	weigh()
	var ss, sw float64
	for i, a := range an {
		if w[i] > 0 {
			f.kept++
		}
		u := abs[i] / (tukeyC * f.scale)
		f.cost += a.w * math.Min(u*u, 1)
		ss += w[i] * abs[i] * abs[i]
		sw += w[i]
	}
	if fitRate {
		f.rateErr = rateError(an, w, ss, sw)
	}
	return f
}

// weightedLine is the weighted least-squares line through the anchors
// (only its offset when fitRate is false, the rate r kept); ok is false
// when the weights leave too little to fit.
func weightedLine(an []anchor, w []float64, r float64, fitRate bool) (rate, offset float64, ok bool) {
	var sw, sx, sy float64
	for i, a := range an {
		sw += w[i]
		sx += w[i] * a.x
		sy += w[i] * a.y
	}
	if sw == 0 {
		return r, 0, false
	}
	mx, my := sx/sw, sy/sw
	if fitRate {
		var sxy, sxx float64
		for i, a := range an {
			sxy += w[i] * (a.x - mx) * (a.y - my)
			sxx += w[i] * (a.x - mx) * (a.x - mx)
		}
		if sxx > 0 && sxy > 0 {
			r = sxy / sxx
		}
	}
	return r, my - r*mx, true
}

// rateError is the standard error of the fitted rate: the residuals'
// weighted variance (ss over the weights' sum sw, less the two fitted
// values) over the weighted spread of the anchors' times. It is 0 when
// fewer than minRatePairs anchors keep weight or they cover less than
// minRateSpan seconds.
func rateError(an []anchor, w []float64, ss, sw float64) float64 {
	var sx float64
	n := 0
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, a := range an {
		sx += w[i] * a.x
		if w[i] > 0 {
			n++
			lo, hi = math.Min(lo, a.x), math.Max(hi, a.x)
		}
	}
	if n < minRatePairs || hi-lo < minRateSpan {
		return 0
	}
	mx := sx / sw
	var sxx float64
	for i, a := range an {
		sxx += w[i] * (a.x - mx) * (a.x - mx)
	}
	if sxx == 0 {
		return 0
	}
	return math.Sqrt(ss/math.Max(1, sw-2)) / math.Sqrt(sxx)
}

// snapZ is how many standard errors a fitted rate may lie from a rate of
// Rates (or 1) and still be put on it: a file is far more often played at
// its own speed or at another frame rate than drifting.
const snapZ = 3

// contentMap fits the map to the anchors of n captions, from the onset
// fit's rate r0: the rate free, then put on the nearest rate of Rates
// when that lies within snapZ standard errors of it, and the offset
// fitted again at the rate chosen. With too few anchors to tell a rate,
// r0 is kept. It fails when under half the captions keep weight.
func contentMap(an []anchor, n int, r0 float64) (robustLine, error) {
	free := fitRobust(an, r0, true)
	if free.kept < max(minContentStarts, (n+1)/2) {
		return free, fmt.Errorf("the match agrees on only %d of %d caption starts", free.kept, n)
	}
	if free.rateErr == 0 {
		// Too few anchors, or too close together, to tell a rate: the
		// onset fit's (which weighs the listed rates) is kept.
		return fitRobust(an, r0, false), nil
	}
	best, bestZ := 0.0, math.Inf(1)
	for _, c := range Rates {
		if z := math.Abs(free.rate-c) / free.rateErr; z < bestZ {
			best, bestZ = c, z
		}
	}
	if bestZ > snapZ {
		return free, nil
	}
	return fitRobust(an, best, false), nil
}

// minContentStarts is the least number of caption starts (and at least
// half of them) the content match must agree on for its map to be taken.
const minContentStarts = 3

// syncContent speaks the captions' texts, places them by Content (guided
// by where the onset fit, rate and offset, maps them), fits a map to the
// caption starts found (see contentAnchors, contentMap) and returns it,
// or the onset fit when that does as well, with how many starts agree.
func syncContent(cues []Cue, match matcher, o SyncOptions, rate, offset float64) (float64, float64, int, error) {
	if len(o.Texts) != len(cues) {
		return 0, 0, 0, fmt.Errorf("%d texts for %d captions", len(o.Texts), len(cues))
	}
	refs, err := o.Reference(o.Texts)
	if err != nil {
		return 0, 0, 0, err
	}
	if len(refs) != len(cues) {
		return 0, 0, 0, fmt.Errorf("the texts were spoken as %d references for %d captions", len(refs), len(cues))
	}
	end := o.Features.Seconds()
	guide := make([][2]float64, len(cues))
	for i, c := range cues {
		a := math.Min(math.Max(rate*c.Start+offset, 0), end)
		b := math.Min(math.Max(rate*c.End+offset, a), end)
		guide[i] = [2]float64{a, b}
	}
	cp := o.Content
	if cp.Reach == 0 {
		cp.Reach = syncReach
	}
	fits, err := Content(o.Features, refs, guide, cp)
	if err != nil {
		return 0, 0, 0, err
	}
	sure := 0
	for _, ft := range fits {
		if ft.Confidence >= sureAnchor {
			sure++
		}
	}
	if 2*sure < len(cues) {
		return 0, 0, 0, fmt.Errorf("the words match too poorly to judge (sure of %d of %d captions)", sure, len(cues))
	}
	an := contentAnchors(cues, fits, match)
	m, err := contentMap(an, len(cues), rate)
	if err != nil {
		return 0, 0, 0, err
	}
	// The onset fit stands unless the content fit puts clearly more of
	// the anchors close to it: where both do, the onset fit (from more
	// starts, matched with onsets alone) is as good on real voices or
	// better, and Content's starts move Mandarin offsets by 10-20 ms.
	was, now := closeAnchors(an, rate, offset), closeAnchors(an, m.rate, m.offset)
	n := m.kept
	if now < was+max(1, len(cues)/10) {
		m.rate, m.offset, n = rate, offset, was
	}
	r, b := finishMap(an, len(cues), m.rate, m.offset)
	return r, b, n, nil
}

// finishMap checks the rate of the map chosen (rate, offset) against the
// anchors: the rate fitted freely to them replaces it when it lies more
// than snapZ standard errors away and moves the captions, over the
// anchors' span, by more than three times their spread (at least 10 ms;
// a short file's starts cannot tell rates closer than that apart); it is
// put on a listed rate within snapZ standard errors, if any, and the
// offset fitted robustly to the anchors at that rate. Otherwise, or with
// under half the captions keeping weight, the map is kept.
func finishMap(an []anchor, n int, rate, offset float64) (float64, float64) {
	free := fitRobust(an, rate, true)
	if free.kept < max(minContentStarts, (n+1)/2) {
		return rate, offset
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, a := range an {
		lo, hi = math.Min(lo, a.x), math.Max(hi, a.x)
	}
	moved := math.Abs(free.rate-rate) * (hi - lo)
	if free.rateErr > 0 && math.Abs(free.rate-rate) > snapZ*free.rateErr && moved > 3*math.Max(free.scale, 0.01) {
		rate = free.rate
		best, bestZ := 0.0, math.Inf(1)
		for _, c := range Rates {
			if z := math.Abs(free.rate-c) / free.rateErr; z < bestZ {
				best, bestZ = c, z
			}
		}
		if bestZ <= snapZ {
			rate = best
		}
	} else {
		return rate, offset
	}
	f := fitRobust(an, rate, false)
	if f.kept < max(minContentStarts, (n+1)/2) {
		return rate, offset
	}
	return rate, f.offset
}

// closeAnchors counts the anchors that lie within closeWithin of the
// map.
func closeAnchors(an []anchor, rate, offset float64) int {
	k := 0
	for _, a := range an {
		if math.Abs(a.y-(rate*a.x+offset)) <= closeWithin {
			k++
		}
	}
	return k
}

// syncReach is how far (in seconds) Content looks either side of where
// the onset fit puts a caption on recordings too long to search whole:
// a rate 0.1 % off (1 against 1000/1001, the listed rates nearest each
// other) moves the ends of an hour 1.8 s from the middle.
const syncReach = 5.0

// sureAnchor is the confidence Content must have in at least half the
// captions for its fit to be weighed at all (Mandarin lines under a bed,
// and speech full of fillers, score lower).
const sureAnchor = 0.5
