package guide

import (
	"slices"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/timing"
)

// Cuts are counted at the video's rate when it is known, else at the
// profile's, else at 24 fps; the window is the profile's half second in
// frames at that rate.
func TestShots(t *testing.T) {
	netflix, _ := Lookup("netflix-en")
	bbc, _ := Lookup("bbc")
	dcmp, _ := Lookup("dcmp")
	ntsc := timing.Rate{Num: 30000, Den: 1001}
	times := []time.Duration{1600 * time.Millisecond, 3 * time.Second}
	for _, c := range []struct {
		name   string
		p      Profile
		known  timing.Rate
		rate   timing.Rate
		cuts   []int64
		window int
		before int
	}{
		{"the video's rate", netflix, timing.Rate{Num: 25, Den: 1}, timing.Rate{Num: 25, Den: 1}, []int64{40, 75}, 13, 2},
		{"netflix's 24", netflix, timing.Rate{}, timing.Rate{Num: 24, Den: 1}, []int64{38, 72}, 12, 2},
		{"bbc's 25", bbc, timing.Rate{}, timing.Rate{Num: 25, Den: 1}, []int64{40, 75}, 12, 0},
		{"29.97 is 30000/1001", dcmp, timing.Rate{}, ntsc, []int64{48, 90}, 0, 0},
		{"netflix at 29.97", netflix, ntsc, ntsc, []int64{48, 90}, 15, 2},
		{"no rate anywhere", Profile{ShotFrames: 12}, timing.Rate{}, timing.Rate{Num: 24, Den: 1}, []int64{38, 72}, 12, 0},
	} {
		s := c.p.Shots(times, c.known)
		r := c.p.ShotRules(s.Rate)
		if s.Rate != c.rate || !slices.Equal(s.Cuts, c.cuts) || r.Window != c.window || r.EndBefore != c.before {
			t.Errorf("%s: cuts %v at %v, window %d, end %d before; want %v at %v, %d, %d",
				c.name, s.Cuts, s.Rate, r.Window, r.EndBefore, c.cuts, c.rate, c.window, c.before)
		}
	}
}

// Gaps are frames at --fps, else at the video's rate, else at the
// profile's; the shots come with the rules at their rate.
func TestFixRules(t *testing.T) {
	p, _ := Lookup("netflix-zh-hans") // 2 frames' gap, 12 closed, at 24 fps
	at25 := p.Shots([]time.Duration{time.Second}, timing.Rate{Num: 25, Den: 1})
	for _, c := range []struct {
		name          string
		fps           float64
		s             timing.Shots
		gap, closeGap time.Duration
		window        int
	}{
		{"the profile's 24", 0, timing.Shots{}, 83 * time.Millisecond, 500 * time.Millisecond, 0},
		{"the video's 25", 0, at25, 80 * time.Millisecond, 480 * time.Millisecond, 13},
		{"--fps over the video's", 30, at25, 67 * time.Millisecond, 400 * time.Millisecond, 13},
	} {
		r := p.FixRules(c.fps, c.s)
		if r.CPS != 9 || r.Min != p.Min || r.Max != p.Max || r.Gap != c.gap || r.CloseGap != c.closeGap ||
			r.ShotRules.Window != c.window || !slices.Equal(r.Shots.Cuts, c.s.Cuts) {
			t.Errorf("%s: %+v; want gap %v, closed under %v, window %d", c.name, r, c.gap, c.closeGap, c.window)
		}
	}
}
