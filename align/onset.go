package align

import (
	"math"

	"github.com/subkit-dev/subkit/audio"
)

// onsetFinder finds where speech starts near a given time from the
// detector's sub-block energies, for when the speech spans give no onsets
// (a music bed fills the pauses, lines follow each other without one).
type onsetFinder struct {
	sub   []float64 // sub-block energies in dB, smoothed over a frame
	cum   []float64 // cum[i] is the sum of sub[:i]
	sstep float64
}

// nearlyAsStrong is how strong, against the strongest rise near a time, an
// earlier rise must be to be taken for the start of speech instead: a soft
// first syllable before a stressed one.
const nearlyAsStrong = 0.6

func newOnsetFinder(f *audio.Features) *onsetFinder {
	o := &onsetFinder{sstep: f.Step / audio.SubFrames}
	// Power mean over one frame's sub-blocks, centred.
	n := len(f.Sub)
	o.sub = make([]float64, n)
	for i := range f.Sub {
		var p float64
		k := 0
		for j := max(0, i-audio.SubFrames/2); j < min(n, i+audio.SubFrames/2); j++ {
			p += math.Pow(10, float64(f.Sub[j])/10)
			k++
		}
		o.sub[i] = 10 * math.Log10(p/float64(k)+1e-12)
	}
	o.cum = make([]float64, n+1)
	for i, v := range o.sub {
		o.cum[i+1] = o.cum[i] + v
	}
	return o
}

// mean is the mean of sub[a:b] (clipped), NaN when empty.
func (o *onsetFinder) mean(a, b int) float64 {
	a, b = max(0, a), min(len(o.sub), b)
	if a >= b {
		return math.NaN()
	}
	return (o.cum[b] - o.cum[a]) / float64(b-a)
}

// The rise at a sub-block is the mean energy of the riseAfter seconds
// from it over that of the riseBefore seconds up to riseGap before it. The
// onset of a rise is the first sub-block of the run that stands onsetOver
// dB over the energy before it, at most onsetBack seconds before the rise.
const (
	riseBefore = 0.25
	riseAfter  = 0.12
	riseGap    = 0.03
	onsetOver  = 6.0
	onsetBack  = 0.3
)

// near returns the onset of speech near t, within ±win, and how many dB
// the energy rises there. Of the rises in the window (every other
// sub-block) the earliest that is nearlyAsStrong as the strongest is
// taken, at its local peak, and its onset returned.
func (o *onsetFinder) near(t, win float64) (float64, float64) {
	pre, post := int(riseBefore/o.sstep), int(riseAfter/o.sstep)
	gap := int(riseGap / o.sstep)
	lo, hi := int((t-win)/o.sstep), int((t+win)/o.sstep)
	best, bestRise := -1, math.Inf(-1)
	var rises []float64
	from := max(lo, 0)
	for b := from; b <= hi && b < len(o.sub); b += 2 {
		r := o.mean(b, b+post) - o.mean(b-pre, b-gap)
		rises = append(rises, r)
		if r > bestRise {
			best, bestRise = b, r
		}
	}
	if best < 0 {
		return 0, 0
	}
	// The earliest rise nearly as strong as the strongest.
	for i, r := range rises {
		if r >= nearlyAsStrong*bestRise {
			// the local peak of this rise
			for i+1 < len(rises) && rises[i+1] >= r {
				i++
				r = rises[i]
			}
			best, bestRise = from+2*i, r
			break
		}
	}
	floor := o.mean(best-pre, best-gap)
	thr := floor + onsetOver
	// The first sub-block of the run over the threshold that the rise is
	// in: from the rise's middle back while the energy stays over it.
	b := min(best+post/2, len(o.sub)-1)
	for b < best+post && b < len(o.sub)-1 && o.sub[b] < thr {
		b++
	}
	limit := max(0, best-int(onsetBack/o.sstep))
	for b > limit && o.sub[b-1] >= thr {
		b--
	}
	return float64(b) * o.sstep, bestRise
}

// minRise is how many dB the energy must rise at an onset for a caption
// start to be matched with it.
const minRise = 6

// matcher matches times with the onsets near them.
func (o *onsetFinder) matcher() matcher {
	return func(t, win float64) (float64, bool) {
		on, rise := o.near(t, win)
		return on, rise >= minRise
	}
}
