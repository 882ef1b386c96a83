package align

import (
	"errors"
	"math"
	"sort"
	"time"

	"github.com/subkit-dev/subkit/audio"
	"github.com/subkit-dev/subkit/timing"
)

// Options tell Captions what it times and how.
type Options struct {
	// Timing is what the estimator takes: profile, rules, segmenter. Its
	// Duration, when zero, is the audio's length; its CPS is not used.
	Timing timing.Options
	// VAD and Params tune the detector and the alignment.
	VAD    audio.VADOptions
	Params Params
	// Reference, when set, speaks the captions' texts (a synthesizer) and
	// returns the log-mel rows of each (see Content); the captions are
	// then placed by what is said, not by where sound starts and stops.
	Reference func(texts []string) ([][]float32, error)
	// Alternatives, when set, speak the texts in other voices the
	// recording may be in (as Reference does); the voice whose references
	// fit the recording's first minutes best (VoiceFit) is used.
	Alternatives []func(texts []string) ([][]float32, error)
	// FitWarp, for a Chinese transcript, also tries the references with
	// their frequency scale warped up (a woman's or a child's voice against
	// the synthesizer's man's) and keeps the better fitting (see
	// chooseWarp). Off by default: one warp for a whole recording of mixed
	// voices loses lines (docs/align-zhvoice.md).
	FitWarp bool
	Content ContentParams

	// Chosen, when set, is told which voice is used (0: Reference, k:
	// Alternatives[k-1]) before that voice speaks every caption: a
	// caller speaking the captions ahead in each voice can stop the
	// others. Until then each voice is asked for the first captions only.
	Chosen func(voice int)
}

// Captions times transcript lines to the speech in the audio features.
//
// With o.Reference set, each caption's text is spoken by it (or by the
// best fitting of o.Alternatives) and the captions are placed by Content,
// by what is said; where the placement by sound alone (below) agrees on
// most captions (clear pauses, no music), its onsets are used (see
// AgreeShare), and where the references do not model the voice at all
// (VoiceFit under VoiceFloor), its placement is. Without, they are placed
// by sound alone:
//
// The lines are cut into captions and weighed by timing.Estimate exactly
// as generate does without audio; the captions are then placed on the
// stretches of speech that audio.Detect finds, by Assign, each caption
// starting at the onset of its first stretch and ending at the offset of
// its last. Last the duration and gap rules are applied by timing.Fix:
// a caption shorter than Min is lengthened into the pause after it, one
// longer than Max is cut, and the gap before the next is kept; starts
// never move.
func Captions(lines []timing.Line, f *audio.Features, o Options) (*timing.Result, *Result, error) {
	to := estimateOptions(o.Timing, f.Seconds())
	est, err := timing.Estimate(lines, to)
	if err != nil {
		return nil, nil, err
	}
	segs := audio.Detect(f, o.VAD)
	vad := o.VAD.WithDefaults()
	spans := make([]Span, len(segs))
	for i, s := range segs {
		spans[i] = Span{Start: s.Start, End: s.End, Strength: 2 * (s.Peak - vad.High)}
	}
	units := make([]Unit, len(est.Captions))
	for i, c := range est.Captions {
		units[i] = Unit{Weight: c.Weight, Pause: c.Pause.Seconds()}
	}
	res, err := Assign(units, spans, o.Params)
	if err != nil && (o.Reference == nil || !errors.Is(err, ErrTooLittleSpeech)) {
		return nil, nil, err
	}
	items := make([]timing.FixItem, len(units))
	if o.Reference != nil {
		texts := captionTexts(est, to)
		var guide [][2]float64
		if res != nil {
			guide = make([][2]float64, len(res.Units))
			for i, pl := range res.Units {
				guide[i] = [2]float64{pl.Start, pl.End}
			}
		} else {
			res = &Result{}
		}
		voice, refs, err := speakReferences(f, texts, guide, o)
		if err != nil {
			return nil, nil, err
		}
		warp := 0.0 // not tried
		if o.FitWarp && guide != nil && openSyllables(o.Timing.Profile.Lang) {
			warp = chooseWarp(f, refs, guide, o.Content)
			warpAll(refs, warp)
		}
		cp := o.Content
		cp.Null = true // for Contrast, in the transcript's confidence
		fits, err := Content(f, refs, guide, cp)
		if err != nil {
			return nil, nil, err
		}
		res.Fits, res.Voice, res.VoiceFit, res.Warp = fits, voice, VoiceFit(fits), warp
		// References that do not model the voice (a voice or language
		// the synthesizer does not speak like) place nothing surely:
		// the placement by sound alone is taken whole.
		unmodelled := guide != nil && res.VoiceFit < VoiceFloor
		res.BySound = unmodelled
		// Where the placement by sound alone agrees with this one on
		// most captions, the recording has clear pauses and no music:
		// its onsets (to 2.5 ms) are taken for every caption but those
		// Content places elsewhere with confidence, and those whose
		// reference matches as if it were the same voice (a soft first
		// sound under noise starts the detector's onset late).
		agree := 0
		for i, ft := range fits {
			if guide != nil && math.Abs(guide[i][0]-ft.Start) <= AgreeReach {
				agree++
			}
		}
		clean := guide != nil && float64(agree) >= AgreeShare*float64(len(fits))
		quiet := heardInPauses(fits, spans) < QuietPauses
		var top []float32
		if openSyllables(o.Timing.Profile.Lang) {
			top = topBands(f)
		}
		for i, ft := range fits {
			if back := bedLead(ft, quiet); back > 0 {
				fits[i].Start += back
				fits[i].Lead -= back
				ft = fits[i]
			}
			st, en := snap(ft.Start, spans, true, SnapReach), snap(ft.End, spans, false, SnapReach)
			if top != nil {
				st = softInitial(top, f.Level, f.Step, st)
			}
			if clean && (math.Abs(guide[i][0]-ft.Start) <= AgreeReach && ft.Confidence < SureConfidence || ft.Confidence < KeepConfidence) {
				st, en = guide[i][0], guide[i][1]
			}
			if en <= st {
				st, en = ft.Start, ft.End
			}
			if unmodelled {
				st, en = guide[i][0], guide[i][1]
			} else if quiet && ft.Confidence < KeepConfidence {
				prevEnd := 0.0
				if i > 0 {
					prevEnd = items[i-1].End.Seconds()
				}
				st = claimOnset(st, prevEnd, spans)
			}
			items[i] = timing.FixItem{Start: msDuration(st), End: msDuration(en)}
		}
	} else {
		for i, pl := range res.Units {
			items[i] = timing.FixItem{Start: msDuration(pl.Start), End: msDuration(pl.End)}
		}
	}
	r := to.Rules
	fixed, _, _ := timing.Fix(items, timing.FixRules{Min: r.Min, Max: r.Max, Gap: r.Gap})
	// Fix does not cut a caption already under Min to keep the gap after
	// it (a repair makes nothing worse); captions being placed keep the
	// gap all the same.
	for i := 0; i+1 < len(fixed); i++ {
		if latest := fixed[i+1].Start - r.Gap; fixed[i].End > latest {
			fixed[i].End = max(latest, fixed[i].Start)
		}
	}
	out := &timing.Result{Rate: res.Rate}
	for i, c := range est.Captions {
		c.Start, c.End = fixed[i].Start, fixed[i].End
		out.Captions = append(out.Captions, c)
	}
	out.Warnings = to.Warnings(out.Captions)
	return out, res, nil
}

// speakReferences speaks the captions' texts with o.Reference, or with
// the one of o.Alternatives that fits the recording best (see
// chooseVoice): the voice's index (0 for o.Reference) and its references.
// o.Chosen is told the voice before it speaks every caption.
func speakReferences(f *audio.Features, texts []string, guide [][2]float64, o Options) (int, [][]float32, error) {
	voices := append([]func([]string) ([][]float32, error){o.Reference}, o.Alternatives...)
	voice := 0
	var sample [][]float32
	if len(voices) > 1 && guide != nil {
		var err error
		if voice, sample, err = chooseVoice(f, texts, guide, voices, o.Content); err != nil {
			return 0, nil, err
		}
	}
	if o.Chosen != nil {
		o.Chosen(voice)
	}
	if len(sample) == len(texts) {
		return voice, sample, nil
	}
	refs, err := voices[voice](texts)
	return voice, refs, err
}

// estimateOptions are the options Captions cuts and weighs the lines
// with, for audio of the given length in seconds.
func estimateOptions(to timing.Options, seconds float64) timing.Options {
	if to.Duration == 0 {
		to.Duration = time.Duration(seconds * float64(time.Second))
	}
	to.Start = 0
	to.CPS = 0
	return to
}

func captionTexts(est *timing.Result, to timing.Options) []string {
	texts := make([]string, len(est.Captions))
	for i, c := range est.Captions {
		texts[i] = c.Text(to.Profile.CJK)
	}
	return texts
}

// CaptionTexts are the texts Captions hands Options.Reference for these
// lines and audio features covering the given seconds (see
// audio.FeatureSeconds): a caller that knows the audio's length before
// its analysis is done can have them spoken meanwhile. Where a line is
// cut into captions depends a little on the length, so the texts must be
// compared with those Captions asks for.
func CaptionTexts(lines []timing.Line, to timing.Options, seconds float64) ([]string, error) {
	to = estimateOptions(to, seconds)
	est, err := timing.Estimate(lines, to)
	if err != nil {
		return nil, err
	}
	return captionTexts(est, to), nil
}

// VoiceSample is about how many of the first captions (the texts
// CaptionTexts gives) the voices are tried on when Options.Alternatives
// are given: those the estimate by text alone puts in the first
// sampleSeconds, at least sampleUnits. Captions counts them on the
// placement by sound, which may give a few more or fewer; a caller can
// have this many spoken in each voice ahead.
func VoiceSample(lines []timing.Line, to timing.Options, seconds float64) (int, error) {
	to = estimateOptions(to, seconds)
	est, err := timing.Estimate(lines, to)
	if err != nil {
		return 0, err
	}
	n := len(est.Captions)
	k := min(n, sampleUnits)
	for k < n && est.Captions[k].End.Seconds() <= sampleSeconds {
		k++
	}
	return k, nil
}

// Confidence is how sure the placement by what is said is that the
// recording says the transcript, 0 to 1: the higher of two measures. One
// is the mean of the captions' Confidence, how well the words match;
// another voice than espeak-ng's scores a right transcript low on it. The
// other is the transcript's Contrast as a share of ContrastFull: whether
// the recording's sounds come in the order of its words, beyond what the
// same search finds for a text never spoken; a wrong transcript scores
// about 0 on it, but so does a right one the search could not follow
// (under a loud music bed). Where the references do not model the voice
// (BySound) the order cannot be heard and only the mean counts. Without
// Fits (placed by sound alone) it is 1.
func (r *Result) Confidence() float64 {
	if len(r.Fits) == 0 {
		return 1
	}
	var sum float64
	for _, f := range r.Fits {
		sum += f.Confidence
	}
	mean := sum / float64(len(r.Fits))
	if c := Contrast(r.Fits); !r.BySound && !math.IsNaN(c) {
		return math.Max(mean, clamp01(c/ContrastFull))
	}
	return mean
}

// UnsureBelow is the confidence under which a caption is not surely
// spoken where it was placed (or at all).
const UnsureBelow = 0.25

func msDuration(sec float64) time.Duration {
	return time.Duration(math.Round(sec*1000)) * time.Millisecond
}

// SnapReach is how near (in seconds) a detected onset or offset must be
// to a caption's start or end, as Content placed it a frame at a time,
// to move it there: the detector places them to 2.5 ms.
const SnapReach = 0.04

// snap moves t to the nearest start (or end) of a span within reach.
func snap(t float64, spans []Span, start bool, reach float64) float64 {
	best, bd := t, reach
	i := sort.Search(len(spans), func(k int) bool { return spans[k].End >= t-reach })
	for ; i < len(spans) && spans[i].Start <= t+reach; i++ {
		v := spans[i].End
		if start {
			v = spans[i].Start
		}
		if d := math.Abs(v - t); d <= bd {
			best, bd = v, d
		}
	}
	return best
}

// A recording is taken as clear (pauses between lines, no music) when
// the placement by sound alone (Assign) starts at least AgreeShare of the
// captions within AgreeReach seconds of where Content does. Then Assign's
// placement is used, but for captions Content places elsewhere with at
// least KeepConfidence, and for captions whose confidence is at least
// SureConfidence (their reference matches the recording about as well as
// any reference could), whose own start is kept.
const (
	AgreeReach     = 0.4
	AgreeShare     = 0.75
	KeepConfidence = 0.6
	SureConfidence = 0.95
)
