package align

import (
	"errors"
	"math"
	"math/cmplx"
	"slices"
	"sort"
	"time"

	"github.com/subkit-dev/subkit/audio"
	"github.com/subkit-dev/subkit/internal/dsp"
	"github.com/subkit-dev/subkit/timing"
)

// Cue is a caption's times in seconds, as the file to sync has them.
type Cue struct{ Start, End float64 }

// Rates are the speed changes Sync tries first: none, and the usual frame
// rate conversions (PAL speed-up and its reverse, 24 and 30 fps film and
// video against their NTSC 1000/1001 rates).
var Rates = []float64{
	1,
	25 / 23.976, 23.976 / 25,
	25.0 / 24, 24.0 / 25,
	24 / 23.976, 23.976 / 24,
	30 / 29.97, 29.97 / 30,
	25 / 29.97, 29.97 / 25,
}

// SyncOptions tune Sync. The zero value means the defaults.
type SyncOptions struct {
	// MaxOffset bounds the offset searched, in seconds. Zero: the length
	// of the audio.
	MaxOffset float64
	// Split finds a separate offset for each part of the file (as when
	// adverts were cut from the video, or a reel change moved the rest).
	Split bool
	// MinPart is the least number of captions a part may have with Split.
	MinPart int
	// Features, when given, are the analysed audio the spans were found
	// in: caption starts are then also matched with the rises in its
	// energy, which music under the speech does not hide.
	Features *audio.Features
	// Texts and Reference, when both are set (and Features), check the
	// onset fit by what is said: Reference speaks the texts (one a
	// caption, as Options.Reference does), Content finds where each is
	// said near where the onset fit puts it, and a robust fit to the
	// onsets at those places replaces the onset fit when it lands
	// clearly more caption starts on them (see syncContent). Without
	// them, when speaking fails or the words match too poorly, the
	// onsets alone are used (SyncResult.Method and Why say which and
	// why). Split uses the onsets alone.
	Texts     []string
	Reference func(texts []string) ([][]float32, error)
	// Content tunes the content match.
	Content ContentParams
}

// SyncPart is one part of a split result: captions From..To-1 (in the
// file's order) move by Offset, after the rate.
type SyncPart struct {
	From, To int
	Offset   float64
}

// SyncResult maps the file's times onto the audio's: new = Rate × old +
// Offset (per part with Split).
type SyncResult struct {
	Rate, Offset float64
	Parts        []SyncPart
	// Confidence is the share of caption starts that land on a speech
	// onset (within MatchWindow) beyond what chance would give, 0 to 1.
	Confidence float64
	// Matched is how many caption starts land on an onset.
	Matched int
	// Method is MethodContent or MethodOnsets; Why, for onsets, says
	// why the captions' text was not used (empty when none was given).
	Method, Why string
	// Anchors is, with MethodContent, how many caption starts placed
	// by what is said agree with the map.
	Anchors int
}

// MatchWindow is how near a caption start must land to a speech onset to
// count as matched.
const MatchWindow = 0.1

// syncStep is the resolution of the coarse search, in seconds.
const syncStep = 0.02

// ErrNoSpeech means there is no speech in the audio to sync to.
var ErrNoSpeech = errors.New("no speech found in the audio")

// Sync finds the rate and offset that put the cues on the speech.
//
// For each rate in Rates the caption on/off signal, stretched by that
// rate, is cross-correlated with the speech on/off signal (20 ms steps,
// by FFT); the rate and offset with the highest correlation are kept.
// Then each caption start is matched with the nearest speech onset and
// the rate and offset are refitted by least squares, three times with a
// narrowing window and outliers left out, so rates not in the list are
// found too. With Split, each part of the file gets its own offset.
// With Texts and Reference the result is checked, and mended, by what is
// said (see SyncOptions).
func Sync(cues []Cue, spans []Span, o SyncOptions) (*SyncResult, error) {
	if len(cues) == 0 {
		return nil, errors.New("no captions to sync")
	}
	if len(spans) == 0 {
		return nil, ErrNoSpeech
	}
	if o.MinPart == 0 {
		o.MinPart = 8
	}
	audioEnd := spans[len(spans)-1].End + 1
	maxOff := o.MaxOffset
	if maxOff == 0 {
		maxOff = audioEnd
	}
	onsets := speechOnsets(spans)
	speech := activity(func(yield func(a, b float64)) {
		for _, s := range spans {
			yield(s.Start, s.End)
		}
	}, audioEnd)
	rate, offset := coarse(cues, speech, maxOff)
	match := onsetMatcher(onsets)
	best := fitRates(cues, match, rate, offset)
	if o.Features != nil && closeShare(best) < tryEnergyBelow {
		// Where a music bed fills the pauses or lines follow each other
		// without one, the spans give few onsets; the rises in the
		// energy give one for nearly every line. Starting from the
		// spans' fit, the energy's wins when clearly more starts agree
		// with it (so it is not tried when most already do).
		em := newOnsetFinder(o.Features).matcher()
		if e := fitRates(cues, em, best.rate, best.offset); closeShare(e) > closeShare(best)+energyWins {
			best, match = e, em
		}
	}
	rate, offset = best.rate, best.offset
	res := &SyncResult{Rate: rate, Offset: offset, Method: MethodOnsets}
	if !o.Split && o.Reference != nil && o.Features != nil {
		if r, b, n, err := syncContent(cues, match, o, rate, offset); err != nil {
			res.Why = err.Error()
		} else {
			rate, offset = r, b
			res.Rate, res.Offset, res.Method, res.Anchors = r, b, MethodContent, n
		}
	}
	if o.Split {
		res.Parts = splitParts(cues, onsets, match, rate, offset, o.MinPart)
	} else {
		res.Parts = []SyncPart{{From: 0, To: len(cues), Offset: offset}}
	}
	res.Matched, res.Confidence = confidence(cues, match, res)
	return res, nil
}

// The energy's onsets are tried when under tryEnergyBelow of the caption
// starts lie close to the spans' fit (see closeShare), and taken when
// energyWins more of them lie close to theirs.
const (
	tryEnergyBelow = 0.8
	energyWins     = 0.2
)

// Map returns where the result puts a time of caption i.
func (r *SyncResult) Map(i int, t float64) float64 {
	off := r.Offset
	for _, p := range r.Parts {
		if i >= p.From && i < p.To {
			off = p.Offset
		}
	}
	return r.Rate*t + off
}

// speechOnsets are the starts of speech after a pause (spans closer than
// 0.15 s are one).
func speechOnsets(spans []Span) []float64 {
	var on []float64
	for i, s := range spans {
		if i == 0 || s.Start-spans[i-1].End >= 0.15 {
			on = append(on, s.Start)
		}
	}
	return on
}

// activity is a ±1 signal at syncStep over [0, end): +1 inside the
// intervals, -1 outside, less its mean.
func activity(each func(func(a, b float64)), end float64) []float64 {
	n := int(math.Ceil(end / syncStep))
	x := make([]float64, n)
	for i := range x {
		x[i] = -1
	}
	each(func(a, b float64) {
		for i := max(0, int(a/syncStep)); i < min(n, int(math.Ceil(b/syncStep))); i++ {
			x[i] = 1
		}
	})
	var m float64
	for _, v := range x {
		m += v
	}
	m /= float64(n)
	for i := range x {
		x[i] -= m
	}
	return x
}

// coarse is the best rate from Rates and offset by cross-correlation.
func coarse(cues []Cue, speech []float64, maxOff float64) (rate, offset float64) {
	capEnd := cues[len(cues)-1].End + 1
	n := 1
	for n < 2*(len(speech)+int(capEnd*1.3/syncStep)+2) {
		n <<= 1
	}
	f := dsp.NewFFT(n)
	sr, si := make([]float64, n), make([]float64, n)
	copy(sr, speech)
	f.Transform(sr, si)
	best := math.Inf(-1)
	cr, ci := make([]float64, n), make([]float64, n)
	for _, r := range Rates {
		caps := activity(func(yield func(a, b float64)) {
			for _, c := range cues {
				yield(c.Start*r, c.End*r)
			}
		}, capEnd*r)
		clear(cr)
		clear(ci)
		copy(cr, caps)
		f.Transform(cr, ci)
		// corr[k] = Σ speech[t+k] caps[t]: S × conj(C), inverse by the
		// forward transform of the conjugate.
		for i := 0; i < n; i++ {
			p := complex(sr[i], si[i]) * cmplx.Conj(complex(cr[i], ci[i]))
			cr[i], ci[i] = real(p), -imag(p)
		}
		f.Transform(cr, ci)
		for k := 0; k < n; k++ {
			lag := k
			if k > n/2 {
				lag = k - n
			}
			off := float64(lag) * syncStep
			if math.Abs(off) > maxOff {
				continue
			}
			if v := cr[k] / float64(n); v > best {
				best, rate, offset = v, r, off
			}
		}
	}
	return rate, offset
}

// matcher finds the speech onset nearest time t, within win seconds.
type matcher func(t, win float64) (float64, bool)

func onsetMatcher(onsets []float64) matcher {
	return func(t, win float64) (float64, bool) { return nearest(onsets, t, win) }
}

// fit is a refit's outcome: the map, the pairs of caption start and onset
// it kept, and how well they agree.
type fit struct {
	rate, offset float64
	xs, ys       []float64
	// spread is the median distance of the kept pairs from the map;
	// rateErr the standard error of the rate (0 when it was not fitted).
	spread, rateErr float64
	// n is the number of captions.
	n int
}

// refine fits rate and offset to the caption starts matched with speech
// onsets by least squares, narrowing the window each round and leaving out
// pairs far from the fit. With fitRate false only the offset is fitted.
func refine(cues []Cue, match matcher, rate, offset float64, fitRate bool) fit {
	f := fit{rate: rate, offset: offset, n: len(cues)}
	for _, win := range []float64{0.5, 0.25, 0.12} {
		var xs, ys []float64
		for _, c := range cues {
			if on, ok := match(f.rate*c.Start+f.offset, win); ok {
				xs = append(xs, c.Start)
				ys = append(ys, on)
			}
		}
		if len(xs) < 2 {
			return f
		}
		r, b := fitLine(xs, ys, f.rate, fitRate)
		// Leave out the pairs far from the fit and fit again.
		res := make([]float64, len(xs))
		for i := range xs {
			res[i] = math.Abs(ys[i] - (r*xs[i] + b))
		}
		lim := math.Max(3*1.4826*median(slices.Clone(res)), 0.01)
		var kx, ky []float64
		for i := range xs {
			if res[i] <= lim {
				kx = append(kx, xs[i])
				ky = append(ky, ys[i])
			}
		}
		if len(kx) >= 2 {
			r, b = fitLine(kx, ky, r, fitRate)
		}
		f.rate, f.offset, f.xs, f.ys = r, b, kx, ky
	}
	f.measure(fitRate)
	return f
}

// fitRates refines the map from rate and offset. A rate fitted to the
// matched starts is put on 1 or a rate of Rates when that lies within its
// uncertainty. Otherwise it is weighed against the best of the rates the
// coarse search cannot tell apart (1 and the 1000/1001 ones, each with
// its own offset): a file is far more often played at its own speed or at
// another frame rate than drifting, and a few wrong matches (lines that
// run into each other, a music bed) tilt a fitted rate, so the fitted rate
// is kept only when it moves the captions from the listed one by more than
// three times the matches' spread and more starts agree with it or they
// agree much more closely. With too few matched starts to fit a rate the best of those
// rates is taken.
func fitRates(cues []Cue, match matcher, rate, offset float64) fit {
	free := refine(cues, match, rate, offset, true)
	if free.rateErr != 0 && free.snapRate() {
		return free
	}
	listed := listedRates(cues, match, rate, offset, free)
	if free.rateErr == 0 {
		return listed
	}
	if !tied(free, listed, cues) && (closeShare(free) > closeShare(listed)+oneCue(cues) || closeShare(free) >= closeShare(listed) && free.spread < listed.spread-0.005) {
		return free
	}
	return listed
}

// listedRates is the best fit with a rate of Rates near rate, each with
// only the offset fitted: the one
// whose starts agree most closely; but the first in Rates that comes near
// it (one start fewer, 10 ms more spread), or that moves the captions from
// it by less than three times the matches' spread over the file, is taken
// instead, 1 first: a file that plays at its own speed is the most common,
// and a few starts cannot tell 1 from 1.001 on real voices.
func listedRates(cues []Cue, match matcher, rate, offset float64, free fit) fit {
	// The rates pivot about the middle caption, where the coarse search's
	// offset fits best.
	tm := cues[len(cues)/2].Start
	var fits []fit
	top := fit{spread: math.Inf(1)}
	for _, r := range Rates {
		if math.Abs(r/rate-1) > 0.003 {
			continue
		}
		f := refine(cues, match, r, offset+(rate-r)*tm, false)
		fits = append(fits, f)
		if closeShare(f) > closeShare(top) || closeShare(f) == closeShare(top) && f.spread < top.spread {
			top = f
		}
	}
	if len(fits) == 0 {
		return free
	}
	for _, f := range fits {
		near := closeShare(f) >= closeShare(top)-oneCue(cues) && f.spread <= top.spread+0.01
		if near || tied(f, top, cues) {
			return f
		}
	}
	return top
}

// tied tells whether the rates of a and b move the captions apart, over
// the file, by less than three times b's spread (taken as at least 10
// ms): over a short file the matches cannot tell two such rates apart.
func tied(a, b fit, cues []Cue) bool {
	span := cues[len(cues)-1].Start - cues[0].Start
	return math.Abs(a.rate-b.rate)*span < 3*math.Max(b.spread, 0.01)
}

// oneCue is one caption's share of the captions (a hair more, so that a
// share compared with it is not lost to rounding).
func oneCue(cues []Cue) float64 { return 1.01 / float64(len(cues)) }

// minRatePairs is how many matched starts a rate is fitted from, and
// minRateSpan how many seconds of the file they must cover; with fewer the
// rate is kept.
const (
	minRatePairs = 8
	minRateSpan  = 20.0
)

// canFitRate tells whether matched starts at xs (in order) are enough,
// and spread far enough, to fit a rate from.
func canFitRate(xs []float64) bool {
	return len(xs) >= minRatePairs && xs[len(xs)-1]-xs[0] >= minRateSpan
}

// fitLine fits y = r x + b, or only b (r kept) when fitRate is false or
// the pairs are too few or too close together to tell a rate.
func fitLine(xs, ys []float64, r float64, fitRate bool) (float64, float64) {
	if fitRate && canFitRate(xs) {
		return lineFit(xs, ys)
	}
	var s float64
	for i := range xs {
		s += ys[i] - r*xs[i]
	}
	return r, s / float64(len(xs))
}

// measure sets the spread and, when the rate was fitted, its standard
// error.
func (f *fit) measure(fitRate bool) {
	n := len(f.xs)
	if n == 0 {
		f.spread = math.Inf(1)
		return
	}
	res := make([]float64, n)
	var ss float64
	for i := range f.xs {
		d := f.ys[i] - (f.rate*f.xs[i] + f.offset)
		res[i] = math.Abs(d)
		ss += d * d
	}
	f.spread = median(res)
	if !fitRate || !canFitRate(f.xs) {
		return
	}
	var mx, sxx float64
	for _, x := range f.xs {
		mx += x
	}
	mx /= float64(n)
	for _, x := range f.xs {
		sxx += (x - mx) * (x - mx)
	}
	if sxx > 0 {
		f.rateErr = math.Sqrt(ss/float64(max(1, n-2))) / math.Sqrt(sxx)
	}
}

// snapRate puts a fitted rate on 1 or a rate of Rates when that lies
// within the fit's uncertainty (a frame rate change is far more likely
// than a drift that happens to be near one), refits the offset and says
// whether it did.
func (f *fit) snapRate() bool {
	if f.rateErr == 0 {
		return false
	}
	tol := math.Min(2*f.rateErr, 2e-4)
	best, bestD := 0.0, math.Inf(1)
	for _, c := range Rates {
		if d := math.Abs(f.rate - c); d <= tol && d < bestD {
			best, bestD = c, d
		}
	}
	if best == 0 {
		return false
	}
	f.rate = best
	_, f.offset = fitLine(f.xs, f.ys, best, false)
	return true
}

func lineFit(xs, ys []float64) (a, b float64) {
	n := float64(len(xs))
	var mx, my float64
	for i := range xs {
		mx += xs[i]
		my += ys[i]
	}
	mx /= n
	my /= n
	var sxy, sxx float64
	for i := range xs {
		sxy += (xs[i] - mx) * (ys[i] - my)
		sxx += (xs[i] - mx) * (xs[i] - mx)
	}
	if sxx == 0 {
		return 1, my - mx
	}
	a = sxy / sxx
	return a, my - a*mx
}

// nearest is the onset nearest t, if within win.
func nearest(onsets []float64, t, win float64) (float64, bool) {
	i := sort.SearchFloat64s(onsets, t)
	best, ok := 0.0, false
	for _, j := range []int{i - 1, i} {
		if j >= 0 && j < len(onsets) && math.Abs(onsets[j]-t) <= win && (!ok || math.Abs(onsets[j]-t) < math.Abs(best-t)) {
			best, ok = onsets[j], true
		}
	}
	return best, ok
}

// confidence counts the caption starts that land within MatchWindow of an
// onset and compares the share with chance: the share of times spread
// evenly over the captions' span that land as near one.
func confidence(cues []Cue, match matcher, r *SyncResult) (int, float64) {
	matched := 0
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, c := range cues {
		t := r.Map(i, c.Start)
		lo, hi = math.Min(lo, t), math.Max(hi, t)
		if _, ok := match(t, MatchWindow); ok {
			matched++
		}
	}
	const probes = 400
	hits := 0
	for k := range probes {
		if _, ok := match(lo+(hi-lo)*(float64(k)+0.5)/probes, MatchWindow); ok {
			hits++
		}
	}
	chance := float64(hits) / probes
	share := float64(matched) / float64(len(cues))
	if chance >= 1 || len(cues) < 2 {
		return matched, 0
	}
	return matched, math.Max(0, (share-chance)/(1-chance))
}

// splitParts finds where the offset changes: each window of captions gets
// its best offset (rate fixed), runs of windows with one offset become
// parts, and each part's offset is refitted. The change between two parts
// is put at the caption where the second part's offset starts matching
// better than the first's.
func splitParts(cues []Cue, onsets []float64, match matcher, rate, offset float64, minPart int) []SyncPart {
	n := len(cues)
	if n < 2*minPart {
		return []SyncPart{{From: 0, To: n, Offset: offset}}
	}
	type win struct {
		from, to int
		off      float64
	}
	var wins []win
	for from := 0; from < n; from += minPart {
		to := min(n, from+minPart)
		if n-to < minPart/2 {
			to = n
		}
		part := cues[from:to]
		off := partOffset(part, onsets, rate, offset)
		off = refine(part, match, rate, off, false).offset
		wins = append(wins, win{from, to, off})
		if to == n {
			break
		}
	}
	// Join neighbouring windows whose offsets agree.
	var parts []SyncPart
	for _, w := range wins {
		if len(parts) > 0 && math.Abs(parts[len(parts)-1].Offset-w.off) < 0.25 {
			parts[len(parts)-1].To = w.to
			continue
		}
		parts = append(parts, SyncPart{From: w.from, To: w.to, Offset: w.off})
	}
	// Refit each part, then move each border to the caption where the
	// next part's offset starts to fit better.
	for i := range parts {
		parts[i].Offset = refine(cues[parts[i].From:parts[i].To], match, rate, parts[i].Offset, false).offset
	}
	for i := 1; i < len(parts); i++ {
		a, b := &parts[i-1], &parts[i]
		lo, hi := max(a.From+1, b.From-minPart), min(b.To-1, b.From+minPart)
		bestK, bestScore := b.From, math.Inf(-1)
		for k := lo; k <= hi; k++ {
			score := 0
			for j := lo - 1; j < hi+1 && j < n; j++ {
				if j < 0 {
					continue
				}
				off := a.Offset
				if j >= k {
					off = b.Offset
				}
				if _, ok := nearest(onsets, rate*cues[j].Start+off, MatchWindow); ok {
					score++
				}
			}
			if float64(score) > bestScore {
				bestScore, bestK = float64(score), k
			}
		}
		a.To, b.From = bestK, bestK
	}
	return parts
}

// PartReach is how far (in seconds) a part's offset may be from the
// whole file's with Split.
const PartReach = 300.0

// partOffset is the offset, within PartReach of offset, that lands the most
// caption starts of a window on speech onsets: each pairing of a start
// with an onset proposes one, and the proposal matching most wins.
func partOffset(cues []Cue, onsets []float64, rate, offset float64) float64 {
	best, bestN := offset, -1
	for _, c := range cues {
		t := rate * c.Start
		lo := sort.SearchFloat64s(onsets, t+offset-PartReach)
		for _, on := range onsets[lo:] {
			if on > t+offset+PartReach {
				break
			}
			off := on - t
			n := 0
			for _, d := range cues {
				if _, ok := nearest(onsets, rate*d.Start+off, MatchWindow); ok {
					n++
				}
			}
			if n > bestN || n == bestN && math.Abs(off-offset) < math.Abs(best-offset) {
				best, bestN = off, n
			}
		}
	}
	return best
}

// TimingMap is the result as a timing.Map for the file whose cues start
// at starts, in whole milliseconds: the rate about 0, then the offset of the part each time falls
// in (a part begins at its first cue's start), to whole milliseconds.
func (r *SyncResult) TimingMap(starts []time.Duration) timing.Map {
	m := timing.Scale(r.Rate, 0)
	if len(r.Parts) <= 1 {
		return m.Then(timing.Shift(seconds(r.Offset)))
	}
	type cut struct{ at, off time.Duration }
	var cuts []cut
	for _, p := range r.Parts {
		at := time.Duration(math.MinInt64)
		if p.From > 0 && p.From < len(starts) {
			at = starts[p.From]
		}
		cuts = append(cuts, cut{at, seconds(p.Offset)})
	}
	return func(t time.Duration) time.Duration {
		off := cuts[0].off
		for _, c := range cuts {
			if t >= c.at {
				off = c.off
			}
		}
		return m(t) + off
	}
}

func seconds(s float64) time.Duration {
	return time.Duration(math.Round(s*1000)) * time.Millisecond
}

// closeWithin is how near, in seconds, a matched start must lie to a
// fit's map to count as close.
const closeWithin = 0.04

// closeShare is the share of all captions whose start lies within
// closeWithin of the fit's map.
func closeShare(f fit) float64 {
	k := 0
	for i := range f.xs {
		if math.Abs(f.ys[i]-(f.rate*f.xs[i]+f.offset)) <= closeWithin {
			k++
		}
	}
	return float64(k) / float64(max(1, f.n))
}
