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
