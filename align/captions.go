package align

import (
	"math"
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
}

// Captions times transcript lines to the speech in the audio features.
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
	to := o.Timing
	if to.Duration == 0 {
		to.Duration = time.Duration(f.Seconds() * float64(time.Second))
	}
	to.Start = 0
	to.CPS = 0
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
	if err != nil {
		return nil, nil, err
	}
	items := make([]timing.FixItem, len(units))
	for i, pl := range res.Units {
		items[i] = timing.FixItem{Start: msDuration(pl.Start), End: msDuration(pl.End)}
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

func msDuration(sec float64) time.Duration {
	return time.Duration(math.Round(sec*1000)) * time.Millisecond
}
