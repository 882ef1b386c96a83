package audio

import (
	"cmp"
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
	o.High = cmp.Or(o.High, d.High)
	o.Low = cmp.Or(o.Low, d.Low)
	o.MinSpeech = cmp.Or(o.MinSpeech, d.MinSpeech)
	o.Rise = cmp.Or(o.Rise, d.Rise)
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
	segs = dropBeats(segs, n)
	for k := range segs {
		refine(f, segs, k, o.Rise)
	}
	return segs
}

// A beat: segments that start on a steady grid (a drum, a tick, chords
// struck in time) are music. A segment that starts after a pause of
// beatPause frames is dropped when, for some period from beatMin to
// beatMax frames, at least beatHits of the grid points one to beatReach
// periods before and after its start have a segment starting there too
// (within a frame), after such a pause, and as long as this one (within
// beatLen frames): the same sound struck again. Speech starts after a
// pause at irregular times, a few a second, and its stretches differ in
// length: of the 8,927 segments of the benchmark's seed 1 at 10 dB SNR one
// is dropped.
const (
	beatMin   = 25  // 0.25 s: 240 beats a minute
	beatMax   = 200 // 2 s: 30 beats a minute, or a bar
	beatHits  = 5
	beatReach = 3
	beatPause = 5
	beatLen   = 1
)

// dropBeats removes the segments on a beat grid; n is the number of frames.
// The first and last two beats of a passage have too few neighbours on
// one side and stay.
func dropBeats(segs []Segment, n int) []Segment {
	if len(segs) < beatHits+1 {
		return segs
	}
	// at[i+1] is 1 + the index of the segment starting at frame i after
	// a pause, 0 for none (shifted by one so that frame -1 is in range).
	at := make([]int, n+2)
	for k, s := range segs {
		if k == 0 || s.From-segs[k-1].To >= beatPause {
			at[s.From+1] = k + 1
		}
	}
	// again is the index of a segment of about length l starting within a
	// frame of frame i (after a pause), or -1.
	again := func(i, l int) int {
		if i < 0 || i >= n {
			return -1
		}
		for _, k := range at[i : i+3] {
			if k > 0 {
				if m := segs[k-1].To - segs[k-1].From; m-l <= beatLen && l-m <= beatLen {
					return k - 1
				}
			}
		}
		return -1
	}
	drop := make([]bool, len(segs))
	for k, s := range segs {
		if at[s.From+1] != k+1 {
			continue
		}
		l := s.To - s.From
		for p := beatMin; p <= beatMax && !drop[k]; p++ {
			hits := 0
			for j := 1; j <= beatReach; j++ {
				if again(s.From-j*p, l) >= 0 {
					hits++
				}
				if again(s.From+j*p, l) >= 0 {
					hits++
				}
			}
			drop[k] = hits >= beatHits
		}
	}
	keep := segs[:0]
	for k, s := range segs {
		if !drop[k] {
			keep = append(keep, s)
		}
	}
	return keep
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
