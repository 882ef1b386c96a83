package align

import "math"

// A long recording is rarely one condition from end to end: a studio
// stretch, a stretch under a music bed, another room or another speaker.
// Content normalises a recording's features once, over the whole of it
// (newRecFeatures), which on a short recording is its one condition; on
// a long one that normalisation fits none of its stretches, and the
// references, adapted to the whole, match the stretches under a bed or in
// another room worse than they match pauses or the same words said
// elsewhere in clearer sound. So on a recording too long to search whole
// (long), each feature is also brought, over the localReach seconds
// either side of each frame, to the mean and spread it has over the
// whole recording: each stretch is then compared with the references as
// if it had been normalised on its own, as a short recording is.
//
// On the real Mandarin hour (all Mandarin tracks of our three sets,
// joined) this takes lines within 100 ms from 33.9% to 39.0%; 10 s gave
// 37.7%, 30 s 37.5%, 90 s 32.9% (see docs/align.md).
const localReach = 20.0 // seconds

// localNormalise brings each of the dims features of each frame of x to
// the mean and spread the feature has over the whole of x, by the mean
// and spread it has over the reach frames either side of the frame. It
// keeps only 2·reach+1 values aside: an hour's features are not copied.
func localNormalise(x []float32, reach int) {
	T := len(x) / dims
	if T == 0 || reach <= 0 {
		return
	}
	spread := func(sum, sq float64, n int) (float64, float64) {
		m := sum / float64(n)
		return m, math.Sqrt(math.Max(sq/float64(n)-m*m, 1e-12))
	}
	w := 2*reach + 1
	orig := make([]float64, w) // frame t's value is orig[t%w] while in the window
	for k := 0; k < dims; k++ {
		var gsum, gsq float64
		for t := 0; t < T; t++ {
			v := float64(x[t*dims+k])
			gsum += v
			gsq += v * v
		}
		gm, gs := spread(gsum, gsq, T)
		// The window [a, b) around frame t, its sums kept as it slides.
		var sum, sq float64
		a, b := 0, 0
		for t := 0; t < T; t++ {
			for ; a < t-reach; a++ { // out before in: they share a slot
				v := orig[a%w]
				sum -= v
				sq -= v * v
			}
			for ; b < min(T, t+reach+1); b++ {
				v := float64(x[b*dims+k])
				orig[b%w] = v
				sum += v
				sq += v * v
			}
			m, sd := spread(sum, sq, b-a)
			x[t*dims+k] = float32((orig[t%w]-m)/sd*gs + gm)
		}
	}
}

// On a long recording the last search looks only within Reach of a guide
// (reguide) drawn from the pace pass's sure captions, and where that guide
// is far off the search cannot reach the words: it lays the captions on
// whatever matches least badly inside its band, and their confidence
// collapses, not on one caption but on every caption of the stretch.
// (On the real Mandarin hour, captions placed seconds to minutes off have
// a mean confidence under 0.08 over the nine around them; placed right,
// nearly all above.) So the last search's placement is read back: each
// stretch whose confidence has collapsed (lostBelow, averaged over
// lostSpan captions either side) is searched again between the sure
// captions around it (sureAbove, as reguide's anchors), whole where it is
// short enough (as a short recording is) and else within twice Reach of
// where it was; the new placement is kept when its captions match the
// recording better than pause by more, on average, than the old ones did
// (Fit.Match: the confidence also weighs the references against speech in
// no order, drawn from the references searched, which a part of the
// transcript draws differently).
const (
	lostSpan  = 4
	lostBelow = 0.08
	sureAbove = 0.5
)

// searchLost searches again the stretches of fits, the last search's
// placement of rx on rec, whose confidence has collapsed, and returns the
// fits with those it placed better replaced.
func (rec *recFeatures) searchLost(rx [][]float32, fits []Fit, p ContentParams) []Fit {
	n := len(fits)
	T := len(rec.x) / dims
	if n != len(rx) || T == 0 {
		return fits
	}
	mean := spanMeans(fits, lostSpan)
	q := p
	q.Reach = 2 * p.Reach
	q.Null = false // NullOrder is kept from the first search
	for k := 0; k < n; {
		if mean[k] >= lostBelow {
			k++
			continue
		}
		e := k
		for e < n && mean[e] < lostBelow {
			e++
		}
		a, b := lostBounds(fits, k, e)
		k = max(b, e)
		fa, fb := 0, T
		if a >= 0 {
			fa = min(T, int(math.Ceil(fits[a].End/rec.step)))
		}
		if b < n {
			fb = max(0, int(fits[b].Start/rec.step))
		}
		if b-a < 2 || fb-fa < 2*p.Coarse {
			continue
		}
		off := float64(fa) * rec.step
		guide := make([][2]float64, b-a-1)
		for i := range guide {
			ft := fits[a+1+i]
			guide[i] = [2]float64{max(0, ft.Start-off), max(0, ft.End-off)}
		}
		sub := *rec
		sub.x, sub.voice, sub.flat = rec.x[fa*dims:fb*dims], rec.voice[fa:fb], rec.flat[fa:fb]
		sub.long = false
		again, err := sub.search(rx[a+1:b], guide, q, false)
		if err != nil || meanMatch(again) <= meanMatch(fits[a+1:b]) {
			continue
		}
		for i, ft := range again {
			old := fits[a+1+i]
			ft.Start += off
			ft.End += off
			ft.NullOrder = old.NullOrder
			fits[a+1+i] = ft
		}
	}
	return fits
}

// lostBounds are the sure captions around the lost stretch [k, e) of
// fits: the last before k and the first from e on with at least
// sureAbove confidence (−1 and len(fits) where there is none).
func lostBounds(fits []Fit, k, e int) (a, b int) {
	a = k - 1
	for a >= 0 && fits[a].Confidence < sureAbove {
		a--
	}
	b = e
	for b < len(fits) && fits[b].Confidence < sureAbove {
		b++
	}
	return a, b
}

// spanMeans is, for each fit, the mean confidence of the fits up to
// reach either side of it.
func spanMeans(fits []Fit, reach int) []float64 {
	n := len(fits)
	sum := make([]float64, n+1)
	for i, ft := range fits {
		sum[i+1] = sum[i] + ft.Confidence
	}
	out := make([]float64, n)
	for i := range out {
		a, b := max(0, i-reach), min(n, i+reach+1)
		out[i] = (sum[b] - sum[a]) / float64(b-a)
	}
	return out
}

// meanMatch is the mean of the fits' Match.
func meanMatch(fits []Fit) float64 {
	if len(fits) == 0 {
		return 0
	}
	var s float64
	for _, ft := range fits {
		s += ft.Match
	}
	return s / float64(len(fits))
}
