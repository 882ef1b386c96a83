package guide

import (
	"time"

	"github.com/subkit-dev/subkit/timing"
)

// defaultShotRate counts shot changes when neither the video, the list of
// cuts nor the profile gives a frame rate.
var defaultShotRate = timing.Rate{Num: 24, Den: 1}

// ShotRate is the frame rate shot changes are counted at: known when it
// is valid (the video's, --fps, a list's "fps" line), else the profile's
// FPS, else 24.
func (p Profile) ShotRate(known timing.Rate) timing.Rate {
	if known.Valid() {
		return known
	}
	if p.FPS > 0 {
		return timing.RateOf(p.FPS)
	}
	return defaultShotRate
}

// Shots are the cuts at times, on frames at p.ShotRate(known).
func (p Profile) Shots(times []time.Duration, known timing.Rate) timing.Shots {
	return timing.ShotsAt(times, p.ShotRate(known))
}

// ShotRules are the profile's rules for captions near a shot change, in
// frames at rate r: the window ShotFrames makes at r, and ShotEndFrames.
func (p Profile) ShotRules(r timing.Rate) timing.ShotRules {
	return timing.ShotRules{Window: p.ShotWindow(r.FPS()), EndBefore: p.ShotEndFrames}
}

// FixRules are the profile's repair rules (timing.Fix): its reading speed
// and durations, its gaps in frames at fps, else at the shots' rate (a
// video's: 2 frames at 25 fps are 80 ms, not 24 fps's 83), else at the
// profile's own; and the shots with its shot rules at their rate.
func (p Profile) FixRules(fps float64, s timing.Shots) timing.FixRules {
	if fps == 0 && s.Rate.Valid() {
		fps = s.Rate.FPS()
	}
	r := timing.FixRules{CPS: p.CPS, Min: p.Min, Max: p.Max, Gap: p.Gap(fps), CloseGap: p.CloseGap(fps)}
	if s.Rate.Valid() {
		r.Shots, r.ShotRules = s, p.ShotRules(s.Rate)
	}
	return r
}
