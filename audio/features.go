package audio

import (
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/subkit-dev/subkit/internal/dsp"
)

// SubFrames is how many energy sub-blocks each frame has, for finding
// speech onsets and offsets finer than a frame.
const SubFrames = 4

// Frame sizes: a hop of 10 ms and a Hann window of 25 ms.
const (
	hopsPerSecond = 100
	windowHops    = 2.5
)

// The speech band the detector looks at.
const (
	bandLow  = 150.0
	bandHigh = 6000.0
)

// Noise tracking: the noise in each frequency bin is the least smoothed
// power in a window of blocks around the frame (minimum statistics), times
// noiseBias, which makes the minimum of noise-only power about its mean.
const (
	noiseBlock  = 20  // frames a block
	noiseReach  = 7   // blocks each side: a window of 3 s
	noiseSmooth = 0.7 // recursive smoothing of power before the minimum
	noiseBias   = 2.5
	noiseWarmup = 8 // frames smoothed before the minimum is taken
)

// A sound in a frequency bin that has not risen in the sustainReach
// frames before a frame, or will not fall in the sustainReach frames
// after it (a held or decaying note, a chord, a hum), is taken as
// background there, not speech, whose harmonics move from bin to bin as
// the pitch does and stop at each closure: the floor is at least
// sustainFactor times the higher of the least smoothed power before and
// the least after.
const (
	sustainBlock  = 5
	sustainReach  = 25
	sustainFactor = 1.0
)

// Features are what the analysis keeps of the audio: some fifty numbers
// for every 10 ms frame, so an hour of audio takes about 70 MB however it
// was stored.
type Features struct {
	// Step is the time between frames, in seconds (10 ms, or the nearest
	// whole number of samples to it).
	Step float64
	// Score is how far the frame's spectrum stands above the noise, each
	// frequency bin of the speech band measured against its own noise
	// level (so coloured noise is as flat as white): the natural log of
	// the mean over bins of power/noise. Noise alone is about 0; speech at
	// 10 dB SNR is mostly above 1.
	Score []float32
	// Level is the frame's energy in the speech band, in dB below full
	// scale.
	Level []float32
	// Flatness is the spectral flatness of the noise-normalized spectrum
	// in the speech band (geometric over arithmetic mean, 0 to 1): about
	// 0.56 for noise, lower for the harmonics of voices and music.
	Flatness []float32
	// Sub is the energy of the pre-emphasized signal in SubFrames equal
	// sub-blocks of each frame, in dB: frame i's are Sub[i*SubFrames:].
	Sub []float32
	// Mel is the natural log of the mean power in MelBands bands, equally
	// spaced in mel from 100 Hz to 7.6 kHz (or just under half the sample
	// rate): frame i's are Mel[i*MelBands:]. The power spectrum is divided
	// by the window's power gain but not by its length, so a full-scale
	// sine is about 3.4 at 16 kHz and ln(551/400) more at 22.05 kHz (a
	// constant per rate, which align.Content's level matching takes
	// out). It says what is being said, where Score says only that
	// something is.
	Mel []float32
}

// Frames is the number of frames.
func (f *Features) Frames() int { return len(f.Score) }

// Seconds is the length of the audio the features cover.
func (f *Features) Seconds() float64 { return float64(len(f.Score)) * f.Step }

// FeatureSeconds is what Seconds will be for the features of n samples
// at rate: the length of a whole number of frames, the last one partly
// past the end.
func FeatureSeconds(n int64, rate int) float64 {
	if rate <= 0 || n <= 0 {
		return 0
	}
	hop := int64(math.Round(float64(rate) / hopsPerSecond))
	frames := (n + hop - 1) / hop
	return float64(frames) * (float64(hop) / float64(rate))
}

// Analyze reads src to its end and computes its features frame by frame;
// only the features are kept.
func Analyze(src Source) (*Features, error) {
	rate := src.Rate()
	if rate < 1000 {
		return nil, fmt.Errorf("sample rate %d Hz is too low", rate)
	}
	a := newAnalyzer(rate)
	if s, ok := src.(interface{ Samples() (int64, bool) }); ok {
		if n, ok := s.Samples(); ok && n > 0 {
			// The features' length is known: they are made in place,
			// not grown and copied as they come.
			a.reserve(n)
		}
	}
	buf := make([]float32, 1<<15)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			a.push(buf[:n])
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	a.finish()
	return a.out, nil
}

// AnalyzeSamples computes the features of samples held in memory (tests,
// short clips).
func AnalyzeSamples(samples []float32, rate int) *Features {
	a := newAnalyzer(rate)
	a.push(samples)
	a.finish()
	return a.out
}

type analyzer struct {
	rate, hop, win int
	fft            *dsp.RealFFT
	window         []float64
	lo, hi         int // band bins [lo, hi)

	// samples not yet consumed; samples[0] is sample number base
	samples []float32
	base    int64
	total   int64 // samples pushed
	next    int64 // next frame to compute

	frame []float64
	power []float64
	mel   []melFilter

	// noise tracking
	smooth   []float64
	blockMin [][]float64 // ring of block minima, slot b % len
	curMin   []float64
	pending  [][]float64 // ring of band spectra awaiting their noise
	levels   []float32   // per frame, kept for scoring later
	scored   int         // frames scored
	noise    []float64
	// sustained sounds: the least smoothed power of each sustainBlock
	// frames, in a ring, and the running one
	sustain     [][]float64
	curSustain  []float64
	sustained   int // sustain blocks stored
	floor       []float64
	floorKey    int // the sustain block the floor was computed for
	floorNoise  int // and the noise block
	scoredBlock int
	started     bool // smoothing has begun, at the first whole frame
	blocks      int  // blocks whose minimum is stored
	warm        int  // frames smoothed

	out *Features
}

func newAnalyzer(rate int) *analyzer {
	hop := int(math.Round(float64(rate) / hopsPerSecond))
	win := int(math.Round(float64(hop) * windowHops))
	n := 1
	for n < win {
		n <<= 1
	}
	a := &analyzer{rate: rate, hop: hop, win: win, fft: dsp.NewRealFFT(n)}
	a.window = make([]float64, win)
	for i := range a.window {
		a.window[i] = 0.5 - 0.5*math.Cos(2*math.Pi*(float64(i)+0.5)/float64(win))
	}
	binHz := float64(rate) / float64(n)
	a.lo = max(1, int(math.Ceil(bandLow/binHz)))
	a.hi = min(n/2, int(math.Floor(math.Min(bandHigh, 0.45*float64(rate))/binHz))+1)
	nb := a.hi - a.lo
	a.frame = make([]float64, n)
	a.power = make([]float64, n/2+1)
	a.mel = melFilters(n, rate)
	a.smooth = make([]float64, nb)
	a.curMin = make([]float64, nb)
	for i := range a.curMin {
		a.curMin[i] = math.Inf(1)
	}
	a.blockMin = make([][]float64, 2*noiseReach+2)
	for i := range a.blockMin {
		a.blockMin[i] = make([]float64, nb)
	}
	a.pending = make([][]float64, (noiseReach+3)*noiseBlock)
	for i := range a.pending {
		a.pending[i] = make([]float64, nb)
	}
	a.sustain = make([][]float64, len(a.pending)/sustainBlock)
	for i := range a.sustain {
		a.sustain[i] = make([]float64, nb)
	}
	a.curSustain = make([]float64, nb)
	for i := range a.curSustain {
		a.curSustain[i] = math.Inf(1)
	}
	a.floor = make([]float64, nb)
	a.noise = make([]float64, nb)
	a.out = &Features{Step: float64(hop) / float64(rate)}
	return a
}

// reserve makes room in the features for n samples' frames.
func (a *analyzer) reserve(n int64) {
	frames := int((n + int64(a.hop) - 1) / int64(a.hop))
	o := a.out
	o.Score = make([]float32, 0, frames)
	o.Level = make([]float32, 0, frames)
	o.Flatness = make([]float32, 0, frames)
	o.Sub = make([]float32, 0, frames*SubFrames)
	o.Mel = make([]float32, 0, frames*MelBands)
	a.levels = make([]float32, 0, frames)
}

func (a *analyzer) push(s []float32) {
	// Sub-block energies of the pre-emphasized signal, hop by hop, are
	// computed as the samples come; spectra need the window around each
	// frame's centre.
	a.samples = append(a.samples, s...)
	a.total += int64(len(s))
	for a.frameEnd(a.next) <= a.total {
		a.computeFrame(a.next)
		a.next++
	}
	// Drop what no later frame needs.
	keep := a.frameStart(a.next) - a.base
	if keep > 0 && keep > int64(len(a.samples)/2) {
		a.samples = append(a.samples[:0], a.samples[keep:]...)
		a.base += keep
	}
}

func (a *analyzer) frameStart(t int64) int64 {
	return t*int64(a.hop) + int64(a.hop/2) - int64(a.win/2)
}

func (a *analyzer) frameEnd(t int64) int64 { return a.frameStart(t) + int64(a.win) }

func (a *analyzer) finish() {
	for a.next*int64(a.hop) < a.total {
		a.computeFrame(a.next)
		a.next++
	}
	// Score the frames still waiting for the noise of blocks to come.
	a.scoreUpTo(int(a.next), true)
}

func (a *analyzer) at(i int64) float64 {
	if i < a.base || i-a.base >= int64(len(a.samples)) {
		return 0
	}
	return float64(a.samples[i-a.base])
}

// span returns samples [from, to) as a slice of the buffer when they are
// all in it, else nil.
func (a *analyzer) span(from, to int64) []float32 {
	if from < a.base || to-a.base > int64(len(a.samples)) {
		return nil
	}
	return a.samples[from-a.base : to-a.base]
}

func (a *analyzer) computeFrame(t int64) {
	// Pre-emphasized energy of the hop's sub-blocks.
	h0 := t * int64(a.hop)
	sub := a.hop / SubFrames
	prev := a.at(h0 - 1)
	for k := 0; k < SubFrames; k++ {
		from := h0 + int64(k*sub)
		to := from + int64(sub)
		if k == SubFrames-1 {
			to = h0 + int64(a.hop)
		}
		var e float64
		if x := a.span(from, to); x != nil {
			p := float32(prev)
			var e32 float32
			for _, v := range x {
				d := v - 0.95*p
				e32 += d * d
				p = v
			}
			e, prev = float64(e32), float64(p)
		} else {
			for i := from; i < to; i++ {
				x := a.at(i)
				d := x - 0.95*prev
				e += d * d
				prev = x
			}
		}
		a.out.Sub = append(a.out.Sub, float32(10*math.Log10(e/float64(to-from)+1e-12)))
	}
	a.spectrum(t)
	band := a.power[a.lo:a.hi]
	var e float64
	for _, p := range band {
		e += p
	}
	norm := a.powerNorm()
	a.levels = append(a.levels, float32(10*math.Log10(e/norm/float64(a.win)+1e-12)))
	a.out.Mel = appendMel(a.out.Mel, a.mel, a.power, norm)

	slot := int(t % int64(len(a.pending)))
	copy(a.pending[slot], band)
	// A frame whose window runs past either end of the audio is partly
	// zeros: it does not count towards the noise minimum.
	st := a.frameStart(t)
	whole := st >= 0 && st+int64(a.win) <= a.total
	for i, p := range band {
		if !a.started {
			a.smooth[i] = p
		} else {
			a.smooth[i] = noiseSmooth*a.smooth[i] + (1-noiseSmooth)*p
		}
		if whole && a.warm >= noiseWarmup && a.smooth[i] < a.curMin[i] {
			a.curMin[i] = a.smooth[i]
		}
		if a.smooth[i] < a.curSustain[i] {
			a.curSustain[i] = a.smooth[i]
		}
	}
	a.started = a.started || whole
	if (t+1)%sustainBlock == 0 {
		sb := int(t / sustainBlock)
		copy(a.sustain[sb%len(a.sustain)], a.curSustain)
		for i := range a.curSustain {
			a.curSustain[i] = math.Inf(1)
		}
		a.sustained = sb + 1
	}
	if a.started {
		a.warm++
	}
	if (t+1)%noiseBlock == 0 {
		b := int(t / noiseBlock)
		copy(a.blockMin[b%len(a.blockMin)], a.curMin)
		a.blocks = b + 1
		for i := range a.curMin {
			a.curMin[i] = math.Inf(1)
		}
		// Block b-noiseReach now has all its neighbours.
		a.scoreUpTo((b-noiseReach+1)*noiseBlock, false)
	}
}

// hannPowerGain is the Hann window's mean power: a power spectrum divided
// by the window's length times this puts a full-scale sine at about 0 dB.
const hannPowerGain = 0.375

func (a *analyzer) powerNorm() float64 { return float64(a.win) * hannPowerGain }

// spectrum computes frame t's windowed power spectrum into a.power (the
// samples outside the audio taken as zeros).
func (a *analyzer) spectrum(t int64) {
	st := a.frameStart(t)
	if x := a.span(st, st+int64(a.win)); x != nil {
		for i, v := range x {
			a.frame[i] = float64(v) * a.window[i]
		}
	} else {
		for i := 0; i < a.win; i++ {
			a.frame[i] = a.at(st+int64(i)) * a.window[i]
		}
	}
	clear(a.frame[a.win:])
	a.fft.Power(a.frame, a.power)
}

// scoreUpTo scores frames up to (not including) frame end, block by block.
func (a *analyzer) scoreUpTo(end int, final bool) {
	done := a.blocks // blocks whose minimum is stored
	for a.scored < end {
		b := a.scored / noiseBlock
		for i := range a.noise {
			a.noise[i] = math.Inf(1)
		}
		for nb := b - noiseReach; nb <= b+noiseReach; nb++ {
			if nb < 0 || nb >= done {
				continue
			}
			m := a.blockMin[nb%len(a.blockMin)]
			for i, v := range m {
				if v < a.noise[i] {
					a.noise[i] = v
				}
			}
		}
		if final && b >= done {
			// The last, partial block: its running minimum counts too.
			for i, v := range a.curMin {
				if v < a.noise[i] {
					a.noise[i] = v
				}
			}
		}
		if math.IsInf(a.noise[0], 1) {
			// Too little audio for a minimum: the smoothed power will do.
			copy(a.noise, a.smooth)
		}
		last := min((b+1)*noiseBlock, end)
		a.scoredBlock = b
		a.floorKey = -1
		for t := a.scored; t < last; t++ {
			a.scoreFrame(t)
		}
		a.scored = last
	}
}

func (a *analyzer) scoreFrame(t int) {
	p := a.pending[t%len(a.pending)]
	// The floor: the noise, or a sound sustained through the frames around
	// this one (a held note, a hum), whichever is higher. The window moves
	// a sustain block at a time, so the floor is computed once a block.
	if key := t / sustainBlock; key != a.floorKey || a.floorNoise != a.scoredBlock {
		a.floorKey, a.floorNoise = key, a.scoredBlock
		for i, n := range a.noise {
			a.floor[i] = n * noiseBias
		}
		lo := max(0, t-sustainReach) / sustainBlock
		hi := min((t+sustainReach)/sustainBlock, a.sustained-1)
		if hi-lo >= 2*sustainReach/sustainBlock-1 {
			// The least power before the frame (its own block included)
			// and after it, each over half the window; the floor is the
			// higher of the two, so a sound that has not risen in the
			// half window before (a decaying note) or will not fall in
			// the half window after (a note held on) is background.
			for i := range a.floor {
				past := a.sustain[lo%len(a.sustain)][i]
				for b := lo + 1; b <= key; b++ {
					if v := a.sustain[b%len(a.sustain)][i]; v < past {
						past = v
					}
				}
				next := a.sustain[key%len(a.sustain)][i]
				for b := key + 1; b <= hi; b++ {
					if v := a.sustain[b%len(a.sustain)][i]; v < next {
						next = v
					}
				}
				if m := sustainFactor * max(past, next); m > a.floor[i] {
					a.floor[i] = m
				}
			}
		}
	}
	var ratioSum, logSum float64
	prod := 1.0
	for i, v := range p {
		g := v/(a.floor[i]+1e-20) + 1e-9
		ratioSum += g
		prod *= g
		if i&15 == 15 {
			// a product of 16 ratios stays well inside float64's range
			logSum += math.Log(prod)
			prod = 1
		}
	}
	logSum += math.Log(prod)
	nb := float64(len(p))
	mean := ratioSum / nb
	a.out.Score = append(a.out.Score, float32(math.Log(mean)))
	a.out.Level = append(a.out.Level, a.levels[t])
	a.out.Flatness = append(a.out.Flatness, float32(math.Exp(logSum/nb)/mean))
}
