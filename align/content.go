package align

import (
	"cmp"
	"errors"
	"iter"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/subkit-dev/subkit/audio"
)

// ContentParams tune Content. The zero value means the defaults.
type ContentParams struct {
	// Coarse is how many feature frames make one step of the first pass.
	Coarse int
	// Stay and Skip are the costs of holding a frame of the spoken
	// reference for one more step (the speaker is slower there) and of
	// skipping one (faster), against the cost of a frame's distance.
	Stay, Skip float64
	// GapCap is the most a frame costs as pause: anything as unlike the
	// reference as this (music, a cough) may go between lines.
	GapCap float64
	// Reach is how far, in seconds, the first pass looks either side of
	// the guide on recordings too long to search whole.
	Reach float64
	// Voice is what a frame costs as pause for each unit of the speech
	// detector's Score over it (up to 3): sound that is clearly speech is
	// dear to leave out between lines.
	Voice float64
	// Flat is what a frame costs more as speech when its level lacks the
	// rise and fall of syllables (see modulation): none at flatDepth dB
	// of swing or more, all of Flat at none.
	Flat float64
	// Refine is how far, in seconds, the second pass looks either side of
	// the first.
	Refine float64
	// Inner is what a frame costs more as a pause inside a unit (a
	// speaker's pause between words the synthesizer runs together) than as
	// a pause between units.
	Inner float64
	// Null also runs the first pass with every reference reversed in
	// time, for Fit.NullOrder (see Contrast); only the transcript's
	// confidence needs it, so trials (the voice, the warp) and sync leave
	// it off and save a search.
	Null bool
}

// ContentDefaults are the defaults of ContentParams.
var ContentDefaults = ContentParams{Coarse: 4, Stay: 0.4, Skip: 0.3, GapCap: 1.5, Reach: 20, Refine: 0.5, Voice: 0.2, Flat: 0.5, Inner: 0.5}

func (p ContentParams) withDefaults() ContentParams {
	d := ContentDefaults
	p.Coarse = cmp.Or(p.Coarse, d.Coarse)
	p.Stay = cmp.Or(p.Stay, d.Stay)
	p.Skip = cmp.Or(p.Skip, d.Skip)
	p.GapCap = cmp.Or(p.GapCap, d.GapCap)
	p.Reach = cmp.Or(p.Reach, d.Reach)
	p.Refine = cmp.Or(p.Refine, d.Refine)
	p.Voice = cmp.Or(p.Voice, d.Voice)
	p.Flat = cmp.Or(p.Flat, d.Flat)
	p.Inner = cmp.Or(p.Inner, d.Inner)
	return p
}

// Fit is where Content put a unit, in seconds, and how sure it is.
type Fit struct {
	Start, End float64
	// Confidence is 0 to 1: how much better the unit's stretch of audio
	// matches its spoken reference than it matches a pause, and how
	// nearly as well as speech in general, in any order, matches it. A
	// line that is not in the recording scores near 0.
	Confidence float64
	// Match is the mean per-frame margin behind Confidence.
	Match float64
	// Excess is how much worse, a frame, the reference matches than the
	// best of any reference frames in no order.
	Excess float64
	// Order is how much better the unit's stretch matches its reference
	// than the reference reversed in time: 1 − own cost ÷ reversed cost
	// (see VoiceFit); NaN when not measured.
	Order float64
	// NullOrder is Order as the same search gets it with the reference
	// reversed in time, a text never spoken (see nullOrders); NaN when not
	// measured.
	NullOrder float64
	// Lead is how far, in seconds, Start was moved back over a
	// hesitation before the unit's words (see leadIn); 0 for none.
	Lead float64
}

// ErrNoReference means Content was given nothing to compare with.
var ErrNoReference = errors.New("no spoken reference to align")

// Content places units (captions) on the audio by what is said in them.
// refs[i] is the log-mel spectrum of unit i spoken by a synthesizer
// (audio.MelBands values a frame, at the same frame step as f); it is
// adapted to the recording (each band brought to the recording's speech
// level, the recording's background added), and the two are compared as
// normalised cepstra with their deltas. A left-to-right Viterbi search
// over pause, unit 1, pause, unit 2, …, pause, each unit's reference
// frames taken in order (held or skipped at a cost, so the pace may
// change) and each pause skippable, finds the cheapest path: first on
// Coarse frames at a time, then frame by frame near that path. A first
// coarse search finds the speaker's pace against the synthesizer's, and
// the references are stretched to it before the search proper.
//
// Sound the speech detector scores well above its surroundings costs
// more as pause (Voice), and sound without the rise and fall of syllables
// costs more as speech (Flat), so music sits between lines.
//
// Content takes refs over: on return each of its rows is gone (nil).
//
// guide, when not nil, gives a rough start and end for each unit; on a
// recording too long to search whole the first pass looks within Reach
// of it.
func Content(f *audio.Features, refs [][]float32, guide [][2]float64, p ContentParams) ([]Fit, error) {
	p = p.withDefaults()
	T := f.Frames()
	if T == 0 || len(refs) == 0 || len(f.Mel) < T*audio.MelBands {
		return nil, ErrNoReference
	}
	rec := newRecFeatures(f, p)
	if long(f, refs, p) {
		// Each stretch of a long recording normalised as if on its own
		// (see localNormalise).
		localNormalise(rec.x, int(localReach/rec.step))
		rec.long = true
	}
	// A first pass on the references as spoken finds the speaker's pace
	// against the synthesizer's (the median over the units placed with
	// confidence); the references are then stretched to it and the
	// alignment run again.
	pre := p
	if long(f, refs, p) {
		pre.Coarse = 2 * p.Coarse // the pace needs no finer search
		// At twice the step it can look twice as far from the guide for
		// the same work: its sure captions guide the last search (see
		// reguide), and the sound-only placement can be a minute off.
		pre.Reach = 2 * p.Reach
	}
	fits, err := rec.align(refs, guide, pre, true)
	if err != nil {
		return nil, err
	}
	var ratios []float64
	for i, ft := range fits {
		if n := len(refs[i]) / audio.MelBands; n > 0 && ft.Confidence > 0.5 {
			ratios = append(ratios, (ft.End-ft.Start)/(float64(n)*f.Step))
		}
	}
	if len(ratios) == 0 {
		return rec.align(refs, guide, p, false)
	}
	r := math.Min(2, math.Max(0.5, median(ratios)))
	for i, ref := range refs {
		refs[i] = stretch(ref, r) // in place: an hour's references are 100 MB
	}
	if guide != nil && long(f, refs, p) {
		guide = reguide(fits, refs, guide)
	}
	return rec.align(refs, guide, p, false)
}

// reguide is the guide for the last search of a long recording, from the
// first pass's fits: a unit placed with confidence keeps its place; the
// units between two such anchors are spread over the time between them by
// the length of their references. The sound-only placement the first pass
// was guided by can drift by a minute over a music bed or a long music
// passage, further than the band around it reaches, and the search then
// stays lost for minutes; the anchors around such a stretch bring the
// band back to it. Units before the first anchor or after the last keep
// the old guide moved by that anchor's offset from it.
func reguide(fits []Fit, refs [][]float32, old [][2]float64) [][2]float64 {
	n := len(fits)
	var anchors []int
	for i, ft := range fits {
		if ft.Confidence > 0.5 {
			anchors = append(anchors, i)
		}
	}
	if len(anchors) == 0 || len(old) != n {
		return old
	}
	cum := make([]float64, n+1) // reference frames before unit i
	for i := range n {
		cum[i+1] = cum[i] + float64(len(refs[i])/audio.MelBands)
	}
	g := make([][2]float64, n)
	first, last := anchors[0], anchors[len(anchors)-1]
	for i := 0; i < first; i++ {
		d := fits[first].Start - old[first][0]
		g[i] = [2]float64{old[i][0] + d, old[i][1] + d}
	}
	for i := last + 1; i < n; i++ {
		d := fits[last].Start - old[last][0]
		g[i] = [2]float64{old[i][0] + d, old[i][1] + d}
	}
	for k, a := range anchors {
		g[a] = [2]float64{fits[a].Start, fits[a].End}
		if k+1 == len(anchors) {
			break
		}
		b := anchors[k+1]
		from, to := fits[a].End, fits[b].Start
		span := cum[b] - cum[a+1]
		for i := a + 1; i < b; i++ {
			s, e := from, to
			if span > 0 && to > from {
				s = from + (to-from)*(cum[i]-cum[a+1])/span
				e = from + (to-from)*(cum[i+1]-cum[a+1])/span
			}
			g[i] = [2]float64{s, e}
		}
	}
	return g
}

// stretch resamples log-mel rows to r times as many frames, linearly.
func stretch(mel []float32, r float64) []float32 {
	const B = audio.MelBands
	n := len(mel) / B
	m := int(math.Round(float64(n) * r))
	if n == 0 || m == n {
		return mel
	}
	m = max(m, 1)
	out := make([]float32, m*B)
	for j := 0; j < m; j++ {
		pos := (float64(j)+0.5)/r - 0.5
		i := int(math.Floor(pos))
		w := float32(pos - float64(i))
		i0, i1 := min(max(i, 0), n-1), min(max(i+1, 0), n-1)
		for b := 0; b < B; b++ {
			out[j*B+b] = (1-w)*mel[i0*B+b] + w*mel[i1*B+b]
		}
	}
	return out
}

// maxCells is the most states × frames the first pass searches whole;
// longer recordings are searched within Reach of the guide.
const maxCells = 6e7

// long tells whether the first pass on f and refs is over maxCells.
func long(f *audio.Features, refs [][]float32, p ContentParams) bool {
	n := 0
	for _, r := range refs {
		n += len(r) / audio.MelBands
	}
	return float64(n/p.Coarse)*float64(f.Frames()/p.Coarse) > maxCells
}

// align runs the search on the references (first pass only, or both).
// On a long recording the last search then searches again, wider, the
// stretches where it lost the words (see searchLost).
func (rec *recFeatures) align(refs [][]float32, guide [][2]float64, p ContentParams, coarseOnly bool) ([]Fit, error) {
	rx := rec.references(refs)
	if !coarseOnly {
		// The last search: the log-mel rows are not needed any more, and
		// an hour's are some 100 MB.
		clear(refs)
	}
	fits, err := rec.search(rx, guide, p, coarseOnly)
	if err == nil && !coarseOnly && rec.long {
		fits = rec.searchLost(rx, fits, p)
	}
	return fits, err
}

// search runs the search on references already adapted to the recording
// (rec.references).
func (rec *recFeatures) search(rx [][]float32, guide [][2]float64, p ContentParams, coarseOnly bool) ([]Fit, error) {
	T := len(rec.x) / dims
	x, bg, voice, flat := rec.x, rec.bg, rec.voice, rec.flat
	flatC := coarsen1(flat, p.Coarse)
	voiceC := coarsen1(voice, p.Coarse)
	// The first pass, on averages of Coarse frames.
	c := p.Coarse
	xc := coarsen(x, c)
	rc := make([][]float32, len(rx))
	parallel(len(rx), func(i int) { rc[i] = coarsen(rx[i], c) })
	cs := buildStates(rc)
	Tc := len(xc) / dims
	lo, hi := make([]int, cs.n()), make([]int, cs.n())
	if guide == nil || float64(cs.n())*float64(Tc) <= maxCells {
		for s := range lo {
			lo[s], hi[s] = 0, Tc
		}
	} else {
		guideBand(cs, guide, rec.step*float64(c), p.Reach, Tc, lo, hi)
	}
	path := viterbi(cs, xc, bg, voiceC, flatC, lo, hi, p)
	if path == nil {
		return nil, errors.New("no alignment found")
	}
	var null []float64
	if p.Null && !coarseOnly {
		null = nullOrders(rc, xc, bg, voiceC, flatC, lo, hi, p)
	}
	coarseFits := func() []Fit { return fitsFrom(path, cs, xc, rc, bg, voiceC, rec.step*float64(c), p) }
	if coarseOnly {
		return coarseFits(), nil
	}
	// The second pass, frame by frame within Refine of the first.
	fs := buildStates(rx)
	lo, hi = make([]int, fs.n()), make([]int, fs.n())
	first, last := occupancy(path, cs.n())
	r := int(math.Ceil(p.Refine / rec.step))
	for u := range rx {
		for k := 0; k < fs.size[u]; k++ {
			s := fs.start[u] + k
			cst := cs.start[u] + k/c
			lo[s] = first[cst]*c - r
			hi[s] = (last[cst]+1)*c + r
		}
		g := fs.start[u] - 1
		lo[g] = first[cs.start[u]-1]*c - r
		hi[g] = (last[cs.start[u]-1]+1)*c + r
	}
	end := fs.n() - 1
	lo[end] = first[cs.n()-1]*c - r
	hi[end] = T
	monotone(lo, hi, T)
	fine := viterbi(fs, x, bg, voice, flat, lo, hi, p)
	if fine == nil {
		fits := coarseFits()
		orderFits(fits, xc, rc, rec.step*float64(c), p)
		setNull(fits, null)
		return fits, nil
	}
	fits := fitsFrom(fine, fs, x, rx, bg, voice, rec.step, p)
	orderFits(fits, xc, rc, rec.step*float64(c), p)
	setNull(fits, null)
	leadIn(fits, fine, fs, x, rec.step)
	return fits, nil
}

// ceps is how many cepstra a frame keeps (c0..c8), and dims the size
// of a feature vector: those and their deltas.
const (
	ceps = 9
	dims = 2 * ceps
)

// recFeatures is what Content compares the references with, worked out
// once for both of its passes.
type recFeatures struct {
	step float64
	// x is the recording's normalised cepstra and their deltas, dims a
	// frame, and bg the feature vector of its background.
	x, bg []float32
	// noise and speech are the mean band powers of the quietest fifth of
	// the frames and of the loudest 30%.
	noise, speech []float64
	// mean and sd normalise cepstra (the recording's own), dscale the
	// deltas; sm and ss are the mean and spread of the normalised
	// cepstra of the recording's louder half (its speech, mostly).
	mean, sd, dscale, sm, ss []float64
	dct                      []float64
	// voice is what each frame costs more as pause, flat as speech.
	voice, flat []float32
	// long is set on a recording too long to search whole (see
	// searchLost).
	long bool
}

func newRecFeatures(f *audio.Features, p ContentParams) *recFeatures {
	const B = audio.MelBands
	T := f.Frames()
	mel := f.Mel[:T*B]
	rec := &recFeatures{step: f.Step, dct: dctTable()}
	order := byPower(T, func(t int) []float32 { return mel[t*B : (t+1)*B] })
	mel = floorMel(mel, bandMean(mel, order[T-max(1, T*3/10):]))
	rec.noise = bandMean(mel, order[:max(1, T/5)])
	rec.speech = bandMean(mel, order[T-max(1, T*3/10):])
	x := cepstraLeveled(mel, rec.noise, levelGain(mel, rec.noise, rec.speech), rec.dct)
	rec.mean, rec.sd = statsOf(rowsOf(nil, ceps, x))
	rec.norm(x)
	rec.x, rec.dscale = withDeltas(x, nil)
	rec.sm, rec.ss = statsOf(rowsOf(order[T/2:], dims, rec.x))
	lb := make([]float32, B)
	for b := range lb {
		lb[b] = float32(math.Log(rec.noise[b] + 1e-10))
	}
	bc := cepstra(lb, nil, nil, rec.dct)
	rec.norm(bc)
	rec.bg = make([]float32, dims)
	copy(rec.bg, bc)
	rec.voice = voiceEvidence(f, p.Voice)
	// Sound without the rise and fall of syllables costs more as speech.
	// So does sound whose spectrum keeps its shape: speech changes it
	// with every vowel and consonant, an orchestra or a held chord does
	// not (see shapeChange). Either lack is enough.
	rec.flat = modulation(f)
	shape := shapeChange(rec.x)
	for t, m := range rec.flat {
		lack := math.Max(0, flatDepth-float64(m)) / flatDepth
		lack = math.Max(lack, math.Max(0, shapeFull-float64(shape[t]))/shapeFull)
		rec.flat[t] = float32(p.Flat * lack)
	}
	return rec
}

// shapeChange is, for each frame, how much the spectrum's shape varies
// over the half second either side: the variance of the normalised
// cepstra c1..c3 (tilt and the broad formant pattern) over those frames,
// averaged. Speech swings between vowels, fricatives and closures several
// times a second; sustained music changes its shape far less. The
// cepstra are normalised over the whole recording, so this is relative to
// how much the recording varies overall.
func shapeChange(x []float32) []float32 {
	T := len(x) / dims
	out := make([]float32, T)
	s1 := make([]float64, T+1)
	s2 := make([]float64, T+1)
	const reach = 50 // frames either side
	for k := 1; k <= shapeCeps; k++ {
		for t := 0; t < T; t++ {
			v := float64(x[t*dims+k])
			s1[t+1] = s1[t] + v
			s2[t+1] = s2[t] + v*v
		}
		for t := range out {
			a, b := max(0, t-reach), min(T, t+reach+1)
			n := float64(b - a)
			m := (s1[b] - s1[a]) / n
			out[t] += float32(math.Max(0, (s2[b]-s2[a])/n-m*m) / shapeCeps)
		}
	}
	return out
}

// norm normalises cepstra by the recording's mean and spread.
func (rec *recFeatures) norm(c []float32) {
	for i := range c {
		k := i % ceps
		c[i] = float32((float64(c[i]) - rec.mean[k]) / rec.sd[k])
	}
}

// references turns the references' log-mel rows into feature vectors
// like the recording's: each band brought to the recording's speech
// level (against the references' loudest half) with its background
// added, then cepstra normalised as the recording's are and brought to
// the mean and spread of its louder half, as a synthesizer's spectrum is
// sharper than a voice in a room, and deltas.
func (rec *recFeatures) references(refs [][]float32) [][]float32 {
	const B = audio.MelBands
	// Frame t of the references, all taken in order, is row(t).
	first := make([]int, len(refs)+1)
	for i, r := range refs {
		first[i+1] = first[i] + len(r)/B
	}
	n := first[len(refs)]
	row := func(t int) []float32 {
		i := sort.Search(len(refs), func(i int) bool { return first[i+1] > t })
		k := t - first[i]
		return refs[i][k*B : (k+1)*B]
	}
	var refLevel []float64
	if n > 0 {
		refLevel = bandMeanOf(row, byPower(n, row)[n/2:])
	}
	gain := make([]float64, B)
	for b := range gain {
		s := math.Max(rec.speech[b]-rec.noise[b], 0.1*rec.speech[b])
		if refLevel != nil && refLevel[b] > 0 {
			gain[b] = s / refLevel[b]
		}
	}
	rc := make([][]float32, len(refs))
	parallel(len(refs), func(i int) {
		rc[i] = cepstra(refs[i], gain, rec.noise, rec.dct)
		rec.norm(rc[i])
	})
	rm, rs := statsOf(rowsOf(nil, ceps, rc...))
	rx := make([][]float32, len(refs))
	parallel(len(rc), func(i int) {
		c := rc[i]
		for j := range c {
			k := j % ceps
			c[j] = float32((float64(c[j])-rm[k])/rs[k]*rec.ss[k] + rec.sm[k])
		}
		rx[i], _ = withDeltas(c, rec.dscale)
		rc[i] = nil
	})
	return rx
}

// parallel calls fn(0) … fn(n-1) on up to GOMAXPROCS goroutines, each
// taking the next index as it comes free, and returns when all are done.
// fn must write only what belongs to its index.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// byPower is frames 0..n-1 from the quietest to the loudest, row(t)
// being frame t's log-mel row.
func byPower(n int, row func(t int) []float32) []int {
	pow := make([]float64, n)
	order := make([]int, n)
	for t := range order {
		order[t] = t
		for _, v := range row(t) {
			pow[t] += math.Exp(float64(v))
		}
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(pow[a], pow[b]) })
	return order
}

// statsOf is the mean and spread of the first ceps values of the rows.
func statsOf(rows iter.Seq[[]float32]) (mean, sd []float64) {
	mean, sd = make([]float64, ceps), make([]float64, ceps)
	cnt := 0
	for r := range rows {
		cnt++
		for k := 0; k < ceps; k++ {
			mean[k] += float64(r[k])
		}
	}
	for k := range mean {
		mean[k] /= float64(max(cnt, 1))
	}
	for r := range rows {
		for k := 0; k < ceps; k++ {
			d := float64(r[k]) - mean[k]
			sd[k] += d * d
		}
	}
	for k := range sd {
		sd[k] = math.Sqrt(sd[k]/float64(max(cnt, 1))) + 1e-6
	}
	return mean, sd
}

// rowsOf gives the rows of width w of each of vs in turn, or with at,
// the rows at those indices of vs[0].
func rowsOf(at []int, w int, vs ...[]float32) iter.Seq[[]float32] {
	return func(yield func([]float32) bool) {
		if at != nil {
			for _, t := range at {
				if !yield(vs[0][t*w : (t+1)*w]) {
					return
				}
			}
			return
		}
		for _, v := range vs {
			for t := 0; t < len(v)/w; t++ {
				if !yield(v[t*w : (t+1)*w]) {
					return
				}
			}
		}
	}
}

// bandMean is the mean power of each band of the log-mel rows over the
// frames given.
func bandMean(mel []float32, frames []int) []float64 {
	const B = audio.MelBands
	return bandMeanOf(func(t int) []float32 { return mel[t*B : (t+1)*B] }, frames)
}

// bandMeanOf is bandMean of the rows row(t).
func bandMeanOf(row func(t int) []float32, frames []int) []float64 {
	m := make([]float64, audio.MelBands)
	for _, t := range frames {
		for b, v := range row(t)[:len(m)] {
			m[b] += math.Exp(float64(v))
		}
	}
	for b := range m {
		m[b] /= float64(max(1, len(frames)))
	}
	return m
}

func dctTable() []float64 {
	const B = audio.MelBands
	d := make([]float64, ceps*B)
	for k := 0; k < ceps; k++ {
		for b := 0; b < B; b++ {
			d[k*B+b] = math.Cos(math.Pi * float64(k) * (float64(b) + 0.5) / B)
		}
	}
	return d
}

// cepstraChunk is how many rows cepstra works out on one goroutine.
const cepstraChunk = 8192

// cepstra computes c0..c8 of each log-mel row; with gain, each band's
// power is first scaled by gain and noise added.
func cepstra(mel []float32, gain, noise []float64, dct []float64) []float32 {
	const B = audio.MelBands
	T := len(mel) / B
	out := make([]float32, T*ceps)
	if T >= 2*cepstraChunk {
		// A long recording: its rows a chunk at a time on every core.
		parallel((T+cepstraChunk-1)/cepstraChunk, func(i int) {
			a, b := i*cepstraChunk, min(T, (i+1)*cepstraChunk)
			copy(out[a*ceps:b*ceps], cepstra(mel[a*B:b*B], gain, noise, dct))
		})
		return out
	}
	row := make([]float64, B)
	for t := 0; t < T; t++ {
		for b := 0; b < B; b++ {
			v := float64(mel[t*B+b])
			if gain != nil {
				v = math.Log(gain[b]*math.Exp(v) + noise[b] + 1e-10)
			}
			row[b] = v
		}
		rowCepstra(out[t*ceps:(t+1)*ceps], row, dct)
	}
	return out
}

// rowCepstra writes the cepstra c0..c8 of one row of log-mel values to out.
func rowCepstra(out []float32, row, dct []float64) {
	B := len(row)
	for k := range out {
		var s float64
		for b, v := range row {
			s += dct[k*B+b] * v
		}
		out[k] = float32(s / float64(B))
	}
}

// Levelling: a stretch where the speech is quieter than the recording's
// speech level (another speaker, further from the microphone, another
// room) is brought up to it, so the references, made as loud as the
// recording's speech, match it there too. The level of speech around a
// frame is the levelRank-th share of the levels of the half-second blocks
// within levelReach seconds (a block's level: the mean power of its
// loudest 30% of frames); what is over the background is scaled, up to
// levelMax times, and the background is left as it is. Blocks whose
// speech is under levelFloor times the background are not speech to
// level.
const (
	levelBlock = 50 // frames
	levelReach = 5.0
	levelRank  = 0.75
	levelMax   = 16.0
	levelFloor = 4.0
)

// levelGain is the factor each frame's power over the background is
// scaled by (see Levelling), or nil when every frame's is 1.
func levelGain(mel []float32, noise, speech []float64) []float32 {
	const B = audio.MelBands
	T := len(mel) / B
	var N, S float64
	for b := range noise {
		N += noise[b]
		S += speech[b]
	}
	nb := (T + levelBlock - 1) / levelBlock
	if nb == 0 || S <= N {
		return nil
	}
	block := make([]float64, nb)
	pow := make([]float64, 0, levelBlock)
	for j := range block {
		pow = pow[:0]
		for t := j * levelBlock; t < min(T, (j+1)*levelBlock); t++ {
			var p float64
			for _, v := range mel[t*B : (t+1)*B] {
				p += math.Exp(float64(v))
			}
			pow = append(pow, p)
		}
		slices.Sort(pow)
		top := pow[len(pow)-max(1, len(pow)*3/10):]
		for _, p := range top {
			block[j] += p / float64(len(top))
		}
	}
	reach := int(levelReach / 0.5)
	gain := make([]float64, nb)
	win := make([]float64, 0, 2*reach+1)
	any := false
	for j := range gain {
		win = append(win[:0], block[max(0, j-reach):min(nb, j+reach+1)]...)
		slices.Sort(win)
		local := win[min(len(win)-1, int(levelRank*float64(len(win))))]
		gain[j] = 1
		if local > levelFloor*N && local < S {
			gain[j] = math.Min(levelMax, (S-N)/(local-N))
			any = true
		}
	}
	if !any {
		return nil
	}
	// Each frame's gain, linear between the blocks' middles.
	out := make([]float32, T)
	for t := range out {
		pos := (float64(t)+0.5)/levelBlock - 0.5
		j := int(math.Floor(pos))
		w := pos - float64(j)
		a, b := gain[min(max(j, 0), nb-1)], gain[min(max(j+1, 0), nb-1)]
		out[t] = float32((1-w)*a + w*b)
	}
	return out
}

// cepstraLeveled is cepstra of the log-mel rows with each frame's power
// over the background noise scaled by fg[t] (nil: as they are).
func cepstraLeveled(mel []float32, noise []float64, fg []float32, dct []float64) []float32 {
	if fg == nil {
		return cepstra(mel, nil, nil, dct)
	}
	const B = audio.MelBands
	T := len(mel) / B
	out := make([]float32, T*ceps)
	row := make([]float64, B)
	for t := 0; t < T; t++ {
		g := float64(fg[t])
		for b := 0; b < B; b++ {
			v := float64(mel[t*B+b])
			if e := math.Exp(v) - noise[b]; g != 1 && e > 0 {
				v = math.Log(noise[b] + g*e)
			}
			row[b] = v
		}
		rowCepstra(out[t*ceps:(t+1)*ceps], row, dct)
	}
	return out
}

// deltaReach is the half-width of the delta regression, in frames, and
// deltaWeight the weight of a delta against its cepstrum.
const (
	deltaReach  = 4
	deltaWeight = 0.5
)

// withDeltas returns rows of dims: each frame's cepstra and their slope
// over ±deltaReach frames (ends held), each slope divided by scale[k]
// (nil: computed so the slopes have a spread of deltaWeight, and
// returned).
func withDeltas(c []float32, scale []float64) ([]float32, []float64) {
	T := len(c) / ceps
	out := make([]float32, T*dims)
	for t := 0; t < T; t++ {
		copy(out[t*dims:], c[t*ceps:(t+1)*ceps])
		for k := 0; k < ceps; k++ {
			var s float64
			for j := 1; j <= deltaReach; j++ {
				a := min(T-1, t+j)
				b := max(0, t-j)
				s += float64(j) * float64(c[a*ceps+k]-c[b*ceps+k])
			}
			out[t*dims+ceps+k] = float32(s)
		}
	}
	if scale == nil {
		scale = make([]float64, ceps)
		for k := range scale {
			var q float64
			for t := 0; t < T; t++ {
				v := float64(out[t*dims+ceps+k])
				q += v * v
			}
			scale[k] = math.Sqrt(q/float64(max(T, 1)))/deltaWeight + 1e-9
		}
	}
	for t := 0; t < T; t++ {
		for k := 0; k < ceps; k++ {
			out[t*dims+ceps+k] = float32(float64(out[t*dims+ceps+k]) / scale[k])
		}
	}
	return out, scale
}

// Voice evidence: a frame's detector score over the voiceBase-th
// percentile of the scores within voiceReach seconds of it (computed a
// quarter second at a time), so a stretch of music or a bed under the
// speech, which keeps the score up all through, gives little.
const (
	voiceBase  = 30
	voiceReach = 3.0
	flatDepth  = 4.0
	// shapeFull is the shapeChange at and over which sound is taken for
	// speech as far as its shape goes; the speech of our real-voice tracks
	// (under music beds too) has 0.6 to 1.7, pauses under a bed 0.2 to
	// 0.6, an orchestral passage 0.2 to 0.4.
	shapeFull = 0.6
	shapeCeps = 3
)

func voiceEvidence(f *audio.Features, weight float64) []float32 {
	T := f.Frames()
	out := make([]float32, T)
	block := max(1, int(0.25/f.Step))
	reach := int(voiceReach / f.Step)
	var win []float32
	for a := 0; a < T; a += block {
		lo, hi := max(0, a-reach), min(T, a+block+reach)
		win = append(win[:0], f.Score[lo:hi]...)
		slices.Sort(win)
		base := float64(win[len(win)*voiceBase/100])
		for t := a; t < min(T, a+block); t++ {
			out[t] = float32(weight * math.Min(3, math.Max(0, float64(f.Score[t])-base)))
		}
	}
	return out
}

// coarsen1 averages each run of c values.
func coarsen1(x []float32, c int) []float32 {
	n := (len(x) + c - 1) / c
	out := make([]float32, n)
	for i := range out {
		a, b := i*c, min(len(x), (i+1)*c)
		var s float32
		for _, v := range x[a:b] {
			s += v
		}
		out[i] = s / float32(b-a)
	}
	return out
}

// coarsen averages each run of c frames (the last may be shorter).
func coarsen(x []float32, c int) []float32 {
	T := len(x) / dims
	n := (T + c - 1) / c
	out := make([]float32, n*dims)
	for i := 0; i < n; i++ {
		a, b := i*c, min(T, (i+1)*c)
		o := out[i*dims : (i+1)*dims]
		for t := a; t < b; t++ {
			for k, v := range x[t*dims : (t+1)*dims] {
				o[k] += v
			}
		}
		for k := range o {
			o[k] /= float32(b - a)
		}
	}
	return out
}

// states is the left-to-right chain: pause, unit 0's frames, pause, unit
// 1's frames, …, pause. start[u] is unit u's first state, size[u] its
// number of states; vec[s] is a reference frame's features, nil for a
// pause, or empty for a frame of a unit with nothing to say (costing
// GapCap).
type states struct {
	vec   [][]float32
	start []int
	size  []int
	unit  []int32 // the unit of each state, -1 for a pause
}

func (s *states) n() int { return len(s.vec) }

// emptyStates is how many states a unit with no reference gets.
const emptyStates = 3

func buildStates(refs [][]float32) *states {
	st := &states{}
	add := func(v []float32, u int) {
		st.vec = append(st.vec, v)
		st.unit = append(st.unit, int32(u))
	}
	open := make([]float32, 0) // not nil: a unit frame with no reference
	for u, r := range refs {
		add(nil, -1)
		st.start = append(st.start, len(st.vec))
		n := len(r) / dims
		if n == 0 {
			for k := 0; k < emptyStates; k++ {
				add(open, u)
			}
			st.size = append(st.size, emptyStates)
			continue
		}
		for k := 0; k < n; k++ {
			add(r[k*dims:(k+1)*dims], u)
		}
		st.size = append(st.size, n)
	}
	add(nil, -1)
	return st
}

// frameCost is the cost of frame xt in state vector v (nil: a pause,
// against the background bg, capped at gapCap; empty: gapCap).
func frameCost(v, xt, bg []float32, gapCap float64) float64 {
	if v == nil {
		return min(dist(bg, xt), gapCap)
	}
	if len(v) == 0 {
		return gapCap
	}
	return dist(v, xt)
}

func dist(a, b []float32) float64 {
	var s float32
	b = b[:len(a)]
	for i, v := range a {
		d := v - b[i]
		s += d * d
	}
	return float64(s) / dims
}

// viterbi finds the cheapest path through st over the frames x, state s
// allowed at frames [lo[s], hi[s]). It returns the state of every frame,
// or nil when no path fits the band.
func viterbi(st *states, x, bg, voice, flat []float32, lo, hi []int, p ContentParams) []int32 {
	S := st.n()
	T := len(x) / dims
	inf := math.Inf(1)
	off := make([]int, S+1)
	for s := 0; s < S; s++ {
		off[s+1] = off[s] + max(0, hi[s]-lo[s])
	}
	bp := make([]uint8, (off[S]+3)/4) // the move into each cell, 2 bits a cell
	gap := make([]float64, T)         // each frame's cost as a pause
	for t := range gap {
		gap[t] = frameCost(nil, x[t*dims:(t+1)*dims], bg, p.GapCap) + float64(voice[t])
	}
	costs := startCosts(st, x, bg, flat, lo, hi, off, p.GapCap)
	defer costs.stop()
	rows := [3][]float64{}
	rowLo := [3]int{}
	var cur, prev1, prev2 []float64
	get := func(row []float64, rlo, t int) float64 {
		if row == nil || t < rlo || t >= rlo+len(row) {
			return inf
		}
		return row[t-rlo]
	}
	for s := 0; s < S; s++ {
		slot := s % 3
		w := max(0, hi[s]-lo[s])
		if cap(rows[slot]) < w {
			rows[slot] = make([]float64, w)
		}
		cur = rows[slot][:w]
		rowLo[slot] = lo[s]
		l1, l2 := 0, 0
		if s >= 1 {
			prev1, l1 = rows[(s-1)%3][:max(0, hi[s-1]-lo[s-1])], rowLo[(s-1)%3]
		}
		if s >= 2 {
			prev2, l2 = rows[(s-2)%3][:max(0, hi[s-2]-lo[s-2])], rowLo[(s-2)%3]
		}
		v := st.vec[s]
		pause := v == nil
		stay, skip := p.Stay, p.Skip
		if pause {
			stay = 0
		} else if s >= 2 && st.vec[s-1] == nil {
			skip = 0 // the pause before a unit may be left out
		}
		inner := !pause && len(v) > 0
		ds := costs.row(s)
		for t := lo[s]; t < hi[s]; t++ {
			best, arg := inf, uint8(0)
			// A held frame of a unit may be a pause between its words:
			// the cost of a pause there, and Inner more.
			var held float64 = inf
			d := ds[t-lo[s]]
			if t == 0 {
				if s <= 1 {
					best = 0
				}
			} else {
				if t-1 >= lo[s] {
					best = cur[t-1-lo[s]] + stay
					if inner {
						held = best + min(d, gap[t]+p.Inner)
					}
				}
				if s >= 1 {
					if c := get(prev1, l1, t-1); c < best {
						best, arg = c, 1
					}
				}
				if s >= 2 {
					if c := get(prev2, l2, t-1) + skip; c < best {
						best, arg = c, 2
					}
				}
			}
			if best < inf {
				best += d
				if pause {
					best += float64(voice[t])
				}
			}
			if held < best {
				best, arg = held, 0
			}
			cur[t-lo[s]] = best
			if i := off[s] + t - lo[s]; arg != 0 {
				bp[i>>2] |= arg << (i & 3 * 2)
			}
		}
	}
	// End in the last pause or the last unit's last frame.
	end, best := -1, inf
	for _, s := range []int{S - 1, S - 2} {
		if s < 0 || T-1 < lo[s] || T-1 >= hi[s] {
			continue
		}
		c := rows[s%3][T-1-lo[s]]
		if c < best {
			end, best = s, c
		}
	}
	if end < 0 {
		return nil
	}
	path := make([]int32, T)
	s := end
	for t := T - 1; t >= 0; t-- {
		path[t] = int32(s)
		i := off[s] + t - lo[s]
		s -= int(bp[i>>2] >> (i & 3 * 2) & 3)
	}
	return path
}

// occupancy gives each state's first and last frame on path; a state the
// path skipped gets the frame where it was passed.
func occupancy(path []int32, S int) (first, last []int) {
	first, last = make([]int, S), make([]int, S)
	for s := range first {
		first[s] = -1
	}
	for t, s := range path {
		if first[s] < 0 {
			first[s] = t
		}
		last[s] = t
	}
	next := len(path)
	for s := S - 1; s >= 0; s-- {
		if first[s] < 0 {
			first[s], last[s] = next, next-1
			if first[s] >= len(path) {
				first[s], last[s] = len(path)-1, len(path)-1
			}
			if last[s] < first[s] {
				last[s] = first[s]
			}
		}
		next = first[s]
	}
	return first, last
}

// monotone makes the band's bounds non-decreasing and inside [0, T).
func monotone(lo, hi []int, T int) {
	for s := range lo {
		lo[s] = min(max(lo[s], 0), T-1)
		if s > 0 {
			lo[s] = max(lo[s], lo[s-1])
		}
	}
	for s := len(hi) - 1; s >= 0; s-- {
		hi[s] = max(min(hi[s], T), 1)
		if s < len(hi)-1 {
			hi[s] = min(hi[s], hi[s+1])
		}
		hi[s] = max(hi[s], lo[s]+1)
	}
	hi[0] = max(hi[0], 1)
	lo[0] = 0
	hi[len(hi)-1] = T
}

// guideBand sets each state's band to within reach seconds of where the
// guide puts it (the units' frames spread evenly over their guided span).
func guideBand(st *states, guide [][2]float64, step, reach float64, T int, lo, hi []int) {
	r := int(reach / step)
	at := func(sec float64) int { return int(sec / step) }
	prevEnd := 0
	for u := range st.start {
		a, b := at(guide[u][0]), at(guide[u][1])
		b = max(b, a+1)
		g := st.start[u] - 1
		lo[g], hi[g] = prevEnd-r, a+r
		for k := 0; k < st.size[u]; k++ {
			c := a + (b-a)*k/st.size[u]
			lo[st.start[u]+k], hi[st.start[u]+k] = c-r, c+r
		}
		prevEnd = b
	}
	lo[st.n()-1], hi[st.n()-1] = prevEnd-r, T
	monotone(lo, hi, T)
}

// fitsFrom reads each unit's start, end and confidence off a path.
func fitsFrom(path []int32, st *states, x []float32, rx [][]float32, bg, voice []float32, step float64, p ContentParams) []Fit {
	n := len(st.start)
	fits := make([]Fit, n)
	first, last := occupancy(path, st.n())
	pool := freePool(rx)
	parallel(n, func(u int) {
		a := first[st.start[u]]
		b := last[st.start[u]+st.size[u]-1]
		for k := 0; k < st.size[u]; k++ {
			a = min(a, first[st.start[u]+k])
			b = max(b, last[st.start[u]+k])
		}
		var margin, excess float64
		var frames int
		for t := a; t <= b && t < len(path); t++ {
			s := path[t]
			if st.unit[s] != int32(u) || len(st.vec[s]) == 0 {
				continue
			}
			xt := x[t*dims : (t+1)*dims]
			d := frameCost(st.vec[s], xt, bg, p.GapCap)
			margin += frameCost(nil, xt, bg, p.GapCap) + float64(voice[t]) - d
			free := math.Inf(1)
			for _, v := range pool {
				free = min(free, dist(v, xt))
			}
			excess += d - free
			frames++
		}
		if frames > 0 {
			margin /= float64(frames)
			excess /= float64(frames)
		}
		fits[u] = Fit{
			Start:      float64(a) * step,
			End:        float64(b+1) * step,
			Match:      margin,
			Excess:     excess,
			Order:      math.NaN(),
			Confidence: math.Min(clamp01(margin/marginFull), clamp01((excessNone-excess)/(excessNone-excessFull))),
		}
	})
	return fits
}

// freePool is up to poolSize reference frames, evenly taken from all
// references: a model of speech in general, in no order.
const poolSize = 192

func freePool(rx [][]float32) [][]float32 {
	total := 0
	for _, r := range rx {
		total += len(r) / dims
	}
	step := max(1, total/poolSize)
	var pool [][]float32
	k := 0
	for _, r := range rx {
		for i := 0; i < len(r)/dims; i++ {
			if k%step == 0 {
				pool = append(pool, r[i*dims:(i+1)*dims])
			}
			k++
		}
	}
	return pool
}

// A unit's confidence is the lower of two: its margin over pause
// (marginFull and more: sure), and its excess over speech in no order
// (excessFull or less: sure; excessNone or more: not at all). The reference
// of the words spoken matches about 0.2 to 0.3 over the free match, that
// of other words 0.5 to 1.
const (
	marginFull = 0.3
	excessFull = 0.3
	excessNone = 0.6
)

func clamp01(v float64) float64 { return math.Max(0, math.Min(1, v)) }

// modulation is, for each frame, the depth in dB of the syllable-rate
// (about 2.5 to 10 Hz) swings of the speech band's level over the half
// second either side: speech rises and falls with every syllable; held
// notes, strings and pads do not.
func modulation(f *audio.Features) []float32 {
	T := f.Frames()
	lv := make([]float64, T+1) // prefix sums of Level
	for t := 0; t < T; t++ {
		lv[t+1] = lv[t] + float64(f.Level[t])
	}
	mean := func(a, b int) float64 {
		a, b = max(a, 0), min(b, T)
		return (lv[b] - lv[a]) / float64(max(1, b-a))
	}
	bp := make([]float64, T+1) // prefix sums of the band-passed level squared
	for t := 0; t < T; t++ {
		d := mean(t-2, t+3) - mean(t-20, t+20)
		bp[t+1] = bp[t] + d*d
	}
	out := make([]float32, T)
	for t := range out {
		a, b := max(0, t-50), min(T, t+51)
		out[t] = float32(math.Sqrt((bp[b] - bp[a]) / float64(b-a)))
	}
	return out
}

// melFloorDB is how far under the speech's mean band power a log-mel value
// is floored: about the range a voice spans across the bands. A band the
// recording leaves empty (a bed with nothing above 3 kHz, a telephone
// line) would otherwise sit tens of dB under everything else and weigh
// more in the cepstra than the bands where voice and music differ.
const melFloorDB = 40

// floorMel is mel (log band powers, MelBands a frame) with every value
// raised to at least melFloorDB under the mean of speech's band powers
// (linear). mel is copied, not changed: the features are shared.
func floorMel(mel []float32, speech []float64) []float32 {
	var m float64
	for _, v := range speech {
		m += v / float64(len(speech))
	}
	fl := float32(math.Log(m * math.Pow(10, -melFloorDB/10.0)))
	out := make([]float32, len(mel))
	for i, v := range mel {
		out[i] = max(v, fl)
	}
	return out
}
