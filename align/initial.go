package align

import (
	"math"
	"slices"
	"strings"

	"github.com/subkit-dev/subkit/audio"
)

// Soft initials. Many Mandarin syllables open with a fricative or an
// affricate (s, sh, x, c, ch, z, zh, f, h): noise above about 3 kHz,
// quiet, with little under 1 kHz. Under a music bed, which fills the low
// bands, the cepstra of the whole spectrum see such an initial as bed,
// and Content starts the line on the vowel, 100 ms late. The initial still
// stands out in the top bands. So a line's start is moved back over the
// frames just before it whose top bands (or whose speech band, for the
// first frames of the vowel) stand initialRise dB or more over the bed's
// loud moments (the initialRank percentile of the initialBase seconds
// before that), at most initialReach seconds back, the run unbroken up to
// the start. Measured over the bed's quiet moments (its 20th percentile)
// instead, the busy hi-hats of a drum-and-bass bed stood 20 dB over it
// and moved starts 120–220 ms early.
//
// A Chinese syllable ends in a vowel or a nasal (in Cantonese also an
// unreleased stop), never in a fricative, so a run of noise before a line
// is its own initial, not the end of the line before. A cymbal or a
// hi-hat decays within a frame or two and breaks the run unless it falls
// on the very start. Where the line before runs into this one, the "bed"
// measured is speech, and nothing stands that far over it.
const (
	initialHz    = 3000.0
	initialRise  = 20.0 // dB
	initialReach = 0.15 // seconds
	initialBase  = 0.4  // seconds
	initialRank  = 0.8
)

// openSyllables tells whether the language's syllables never end in a
// fricative, so a run of fricative noise before a line is its own
// initial: Chinese (Mandarin, Cantonese).
func openSyllables(lang string) bool {
	l := strings.ToLower(lang)
	for _, p := range []string{"zh", "cmn", "yue"} {
		if l == p || strings.HasPrefix(l, p+"-") || strings.HasPrefix(l, p+"_") {
			return true
		}
	}
	return false
}

// topBands is, for each frame, the power in dB of the mel bands above
// initialHz.
func topBands(f *audio.Features) []float32 {
	const B = audio.MelBands
	first := audio.MelBandAbove(initialHz)
	T := f.Frames()
	out := make([]float32, T)
	for t := range out {
		var p float64
		for _, v := range f.Mel[t*B+first : (t+1)*B] {
			p += math.Exp(float64(v))
		}
		out[t] = float32(10 * math.Log10(p+1e-12))
	}
	return out
}

// softInitial is start (seconds) moved back to where a soft initial
// before it begins (see Soft initials), or start when there is none. The
// run back from start may pass over frames of the vowel too (the search
// may have started the line a frame or two into it): a frame is in the
// run when its top bands, or the speech band's level, stand initialRise
// over the bed's.
func softInitial(top, level []float32, step, start float64) float64 {
	a := int(math.Round(start / step))
	reach := int(math.Round(initialReach / step))
	base := int(math.Round(initialBase / step))
	if a <= 0 || a > len(top) || a-reach-base < 0 {
		return start
	}
	floor := func(v []float32) float64 {
		bed := slices.Clone(v[a-reach-base : a-reach])
		slices.Sort(bed)
		return float64(bed[int(initialRank*float64(len(bed)))]) + initialRise
	}
	ft, fl := floor(top), floor(level)
	t := a
	for t > a-reach && (float64(top[t-1]) >= ft || float64(level[t-1]) >= fl) {
		t--
	}
	if t == a {
		return start
	}
	return math.Min(start, float64(t)*step)
}
