// Package guide holds the published caption style guides subkit checks
// and repairs against, as data: one table of profiles, each with its
// source. Rules a guide does not state are zero, and zero means "not
// checked".
package guide

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// Profile is one style guide's numbers.
type Profile struct {
	Name string
	Lang string // BCP 47 tag the guide is for ("" any)
	// Line limits, counted as Netflix counts: in CJK text a half-width
	// character is 0.5.
	MaxChars int
	MaxLines int
	// Reading speed ceilings in characters a second (spaces and
	// punctuation count; tags do not), for adult and children's programs.
	CPS, CPSChildren float64
	// WPM is a ceiling in words a minute, for guides that count words
	// (BBC); 0 when the guide counts characters.
	WPM      float64
	Min, Max time.Duration // caption duration
	// GapFrames is the least gap between captions; CloseGapFrames the
	// largest gap that must be closed up to GapFrames (Netflix: gaps of 12
	// frames or less).
	GapFrames, CloseGapFrames int
	// FPS is the frame rate frames are counted at unless --fps says.
	FPS float64
	// ShotFrames: a caption start or end this many frames (at FPS) or
	// fewer from a shot change belongs on it; at another frame rate the
	// same time in that rate's frames (Netflix: 12 at 24 fps, 15 at 30).
	// 0: shot changes are not checked.
	ShotFrames int
	// ShotEndFrames: an end near a shot change goes this many frames
	// before it, at any frame rate (Netflix: 2, its gap, so the next
	// caption can start on the cut; 0 ends on the shot's last frame).
	ShotEndFrames int
	// CJK: half-width characters count 0.5 in line length and reading speed.
	CJK    bool
	Source string
}

// Gap is the least gap as a duration at the profile's frame rate, or fps
// when it is not zero.
func (p Profile) Gap(fps float64) time.Duration { return p.frames(p.GapFrames, fps) }

// CloseGap is the largest gap that is closed up to Gap.
func (p Profile) CloseGap(fps float64) time.Duration { return p.frames(p.CloseGapFrames, fps) }

// ShotWindow is ShotFrames in frames at fps: the same time at that rate,
// to the nearest frame.
func (p Profile) ShotWindow(fps float64) int {
	if p.ShotFrames == 0 || p.FPS == 0 || !(fps > 0) {
		return p.ShotFrames
	}
	return int(math.Round(float64(p.ShotFrames) * fps / p.FPS))
}

func (p Profile) frames(n int, fps float64) time.Duration {
	if fps == 0 {
		fps = p.FPS
	}
	if n == 0 || fps == 0 {
		return 0
	}
	return time.Duration(float64(n) / fps * float64(time.Second)).Round(time.Millisecond)
}

// netflixMin is five sixths of a second, rounded up to whole milliseconds.
const netflixMin = 834 * time.Millisecond

const (
	srcNetflixGeneral = "Netflix Timed Text Style Guide: General Requirements (5/6 s to 7 s, 2-frame gap) and Subtitle Timing Guidelines (close gaps of 12 frames or less; a start within 12 frames of a shot change goes on it, an end 2 frames before it; 12 frames is half a second, 15 at 30 fps); partnerhelp.netflixstudios.com"
)

// profiles is the table. Sources are the guides as published on the
// guides' own sites; see Source of each.
var profiles = []Profile{
	{Name: "netflix-en", Lang: "en", MaxChars: 42, MaxLines: 2, CPS: 20, CPSChildren: 17,
		Min: netflixMin, Max: 7 * time.Second, GapFrames: 2, CloseGapFrames: 12, FPS: 24, ShotFrames: 12, ShotEndFrames: 2,
		Source: "Netflix English (USA) Timed Text Style Guide: 42 characters a line, 20 cps adult, 17 children; " + srcNetflixGeneral},
	{Name: "netflix-zh-hans", Lang: "zh-Hans", MaxChars: 16, MaxLines: 2, CPS: 9, CPSChildren: 7,
		Min: netflixMin, Max: 7 * time.Second, GapFrames: 2, CloseGapFrames: 12, FPS: 24, ShotFrames: 12, ShotEndFrames: 2, CJK: true,
		Source: "Netflix Chinese (Simplified) Timed Text Style Guide: 16 characters a line, 9 cps adult, 7 children; " + srcNetflixGeneral},
	{Name: "netflix-zh-hant", Lang: "zh-Hant", MaxChars: 16, MaxLines: 2, CPS: 9, CPSChildren: 7,
		Min: netflixMin, Max: 7 * time.Second, GapFrames: 2, CloseGapFrames: 12, FPS: 24, ShotFrames: 12, ShotEndFrames: 2, CJK: true,
		Source: "Netflix Chinese (Traditional) Timed Text Style Guide: 16 characters a line, 9 cps adult, 7 children; " + srcNetflixGeneral},
	{Name: "netflix-ja", Lang: "ja", MaxChars: 13, MaxLines: 2, CPS: 4, CPSChildren: 4,
		Min: netflixMin, Max: 7 * time.Second, GapFrames: 2, CloseGapFrames: 12, FPS: 24, ShotFrames: 12, ShotEndFrames: 2, CJK: true,
		Source: "Netflix Japanese Timed Text Style Guide (partnerhelp.netflixstudios.com/hc/en-us/articles/215767517): 13 full-width characters a horizontal line (11 vertical), half-width counts 0.5, 2 lines, 4 characters a second; " + srcNetflixGeneral},
	{Name: "netflix-other", MaxChars: 42, MaxLines: 2, CPS: 17, CPSChildren: 13,
		Min: netflixMin, Max: 7 * time.Second, GapFrames: 2, CloseGapFrames: 12, FPS: 24, ShotFrames: 12, ShotEndFrames: 2,
		Source: "Netflix language Timed Text Style Guides, most languages: 42 characters a line, 17 cps adult, 13 children; " + srcNetflixGeneral},
	{Name: "bbc", Lang: "en-GB", MaxChars: 37, MaxLines: 2, WPM: 180, FPS: 25, ShotFrames: 12, ShotEndFrames: 0,
		Source: "BBC Subtitle Guidelines: 37 characters a line for broadcast, 2 lines, 160-180 words a minute (180 is the ceiling here); 6.1 Match subtitles to shot: start on the first frame of the shot, end on the last (the guide gives no window: half a second, 12 frames at 25 fps, is used as Netflix's)"},
	{Name: "dcmp", Lang: "en-US", MaxChars: 32, MaxLines: 2, FPS: 29.97,
		Source: "DCMP Captioning Key: 32 characters a line, 2 lines"},
}

// Lookup returns the named profile.
func Lookup(name string) (Profile, error) {
	for _, p := range profiles {
		if strings.EqualFold(p.Name, name) {
			return p, nil
		}
	}
	return Profile{}, fmt.Errorf("unknown profile %q (known: %s)", name, strings.Join(Names(), ", "))
}

// Names lists the profiles.
func Names() []string {
	var out []string
	for _, p := range profiles {
		out = append(out, p.Name)
	}
	sort.Strings(out)
	return out
}

// ForLang returns the profile a language is checked against by default:
// Netflix's for the language, netflix-other for the rest.
func ForLang(tag string) Profile {
	t := strings.ToLower(tag)
	switch {
	case strings.HasPrefix(t, "zh") && (strings.Contains(t, "hant") || strings.Contains(t, "tw") || strings.Contains(t, "hk")):
		p, _ := Lookup("netflix-zh-hant")
		return p
	case strings.HasPrefix(t, "zh"):
		p, _ := Lookup("netflix-zh-hans")
		return p
	case strings.HasPrefix(t, "ja"):
		p, _ := Lookup("netflix-ja")
		return p
	case strings.HasPrefix(t, "en"):
		p, _ := Lookup("netflix-en")
		return p
	}
	p, _ := Lookup("netflix-other")
	return p
}
