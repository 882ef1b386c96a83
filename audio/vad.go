package audio

import (
	"math"
	"sort"
)

// VADOptions tune Detect. The zero value means the defaults.
type VADOptions struct {
	// High is the Score a run of frames must reach somewhere to be
	// speech; Low is the Score it must stay above (hysteresis).
	High, Low float64
	// MinSpeech drops runs shorter than this many seconds.
	MinSpeech float64
	// Rise is how many dB over the noise the pre-emphasized sub-block
	// energy must rise to mark an onset (and fall to within, an offset).
	Rise float64
}

// DefaultVAD is what Detect uses for zero fields.
var DefaultVAD = VADOptions{High: 1.2, Low: 0.55, MinSpeech: 0.03, Rise: 3}

// WithDefaults returns o with its zero fields set from DefaultVAD.
func (o VADOptions) WithDefaults() VADOptions {
	d := DefaultVAD
	if o.High == 0 {
		o.High = d.High
	}
	if o.Low == 0 {
		o.Low = d.Low
	}
	if o.MinSpeech == 0 {
		o.MinSpeech = d.MinSpeech
	}
	if o.Rise == 0 {
		o.Rise = d.Rise
	}
	return o
}

// Segment is a stretch of speech.
type Segment struct {
	// Start and End are in seconds, refined to a sub-block (2.5 ms).
	Start, End float64
	// From and To are its frames, [From, To).
	From, To int
	// Peak is its highest Score; Mean its mean Score.
	Peak, Mean float64
	// FirstHigh and LastHigh are its first and last frames whose Score
	// reaches High.
	FirstHigh, LastHigh int
	// Flatness is its mean spectral flatness.
	Flatness float64
}

// Detect finds the stretches of speech in the features: runs of frames
// whose Score stays above Low and somewhere reaches High. Each run's start
// and end are then refined with the sub-block energies: the onset is the
// first sub-block, near the run's first frame, that rises Rise dB over the
// noise of the pause before it, and the offset the last one that stands
// that far over the noise of the pause after.
func Detect(f *Features, o VADOptions) []Segment {
	o = o.WithDefaults()
	n := f.Frames()
	var segs []Segment
	minFrames := int(math.Ceil(o.MinSpeech / f.Step))
	for i := 0; i < n; {
		if float64(f.Score[i]) <= o.Low {
			i++
			continue
		}
		j := i
		peak, sum, flat := math.Inf(-1), 0.0, 0.0
		firstHigh, lastHigh := -1, -1
		for j < n && float64(f.Score[j]) > o.Low {
			v := float64(f.Score[j])
			peak = math.Max(peak, v)
			if v >= o.High {
				if firstHigh < 0 {
					firstHigh = j
				}
				lastHigh = j
			}
			sum += v
			flat += float64(f.Flatness[j])
			j++
		}
		if peak >= o.High && j-i >= minFrames {
			segs = append(segs, Segment{From: i, To: j, Peak: peak, Mean: sum / float64(j-i), Flatness: flat / float64(j-i),
				FirstHigh: firstHigh, LastHigh: lastHigh})
		}
		i = j
	}
	for k := range segs {
		refine(f, segs, k, o.Rise)
	}
	return segs
}

// refine sets a segment's Start and End from the sub-block energies.
func refine(f *Features, segs []Segment, k int, rise float64) {
	s := &segs[k]
	step := f.Step / SubFrames
	// Without a clear rise in the sub-blocks near the run's edges (noise
	// as loud in their band as the voice), the edges are put halfway
	// between the run's and its first and last clear frames.
	s.Start = float64(s.From+s.FirstHigh) / 2 * f.Step
	s.End = float64(s.To+s.LastHigh+1) / 2 * f.Step
	// Noise before: the pause back to the previous segment (at most 0.5 s).
	lo := 0
	if k > 0 {
		lo = segs[k-1].To
	}
	lo = max(lo, s.From-50)
	if before, ok := pauseLevel(f, lo, s.From-1); ok {
		thr := before + rise
		// From two frames before the run's first to three after it, the
		// first sub-block above the threshold with another in the 7.5 ms
		// after it (voiced speech comes in pulses of the pitch period, so
		// sub-blocks in between may be quiet).
		from := max(lo*SubFrames, (s.From-2)*SubFrames)
		to := min(len(f.Sub)-1, (s.From+3)*SubFrames)
		for b := from; b < to; b++ {
			if float64(f.Sub[b]) > thr && above(f.Sub, b+1, b+SubFrames, thr) {
				s.Start = float64(b) * step
				break
			}
		}
	}
	hi := f.Frames()
	if k+1 < len(segs) {
		hi = segs[k+1].From
	}
	hi = min(hi, s.To+50)
	if after, ok := pauseLevel(f, s.To+1, hi); ok {
		thr := after + rise
		from := max(0, (s.To-3)*SubFrames)
		to := min(hi*SubFrames, (s.To+2)*SubFrames, len(f.Sub)) - 1
		for b := to; b > from; b-- {
			if float64(f.Sub[b]) > thr && above(f.Sub, b-SubFrames+1, b, thr) {
				s.End = float64(b+1) * step
				break
			}
		}
	}
	if s.End <= s.Start {
		s.End = s.Start + step
	}
}

// above reports whether any of sub[a:b] is over thr.
func above(sub []float32, a, b int, thr float64) bool {
	for i := max(a, 0); i < min(b, len(sub)); i++ {
		if float64(sub[i]) > thr {
			return true
		}
	}
	return false
}

// pauseLevel is the median sub-block energy of frames [a, b), leaving out
// the frame next to each end; false when there are too few.
func pauseLevel(f *Features, a, b int) (float64, bool) {
	a++
	b--
	if b-a < 2 {
		return 0, false
	}
	v := make([]float64, 0, (b-a)*SubFrames)
	for _, x := range f.Sub[a*SubFrames : b*SubFrames] {
		v = append(v, float64(x))
	}
	sort.Float64s(v)
	return v[len(v)/2], true
}
