package align

import "sort"

// JoinGap is the longest silence, in seconds, inside a run of speech: the
// closure of a stop or a breath between syllables of one phrase is
// shorter; the pause between one line and the next is longer.
const JoinGap = 0.3

// MinClaim is the least run of speech, in seconds, a caption claims: a
// breath taken before a line, or the lead-in of its first sound, is
// shorter (and is not the line's words); the words the search leaves
// out as pause run to a second or more.
const MinClaim = 0.5

// QuietPauses: when the detector hears sound in less than this share of
// the time between the captions, the pauses are quiet (steady noise, a
// room) and speech it hears next to a caption is taken for the caption's
// own (see claimOnset). Under a music bed it hears the bed in most of
// the pauses, and its spans there are music as often as speech.
const QuietPauses = 0.5

// claimOnset is where a caption placed from start on should start when
// the detector hears speech just before it: a run of speech (spans
// JoinGap or less apart) that carries on to start, and that began after
// a pause following prevEnd, the end of the caption before. Nothing
// else can be saying those words, so they are the caption's own: the
// search left them out as pause because the speaker's voice matches the
// synthesizer's poorly there (a child, a far voice), not because they
// are silent. Otherwise start is returned as it is.
func claimOnset(start, prevEnd float64, spans []Span) float64 {
	// k: the last span starting before start.
	k := sort.Search(len(spans), func(i int) bool { return spans[i].Start >= start }) - 1
	if k < 0 || start-spans[k].End > JoinGap {
		return start
	}
	for k > 0 && spans[k].Start-spans[k-1].End <= JoinGap {
		k--
	}
	if spans[k].Start-prevEnd <= JoinGap {
		return start // the run goes on from the caption before
	}
	if start-spans[k].Start < MinClaim {
		return start // a breath, or the lead-in of the first sound
	}
	return spans[k].Start
}

// heardInPauses is the share of the time between the fits (and before
// the first) in which the detector hears sound.
func heardInPauses(fits []Fit, spans []Span) float64 {
	var total, heard float64
	prev := 0.0
	for _, ft := range fits {
		if ft.Start > prev {
			total += ft.Start - prev
			heard += covered(prev, ft.Start, spans)
		}
		prev = max(prev, ft.End)
	}
	if total == 0 {
		return 0
	}
	return heard / total
}

// covered is how many seconds of [a, b) the spans cover.
func covered(a, b float64, spans []Span) float64 {
	var s float64
	i := sort.Search(len(spans), func(i int) bool { return spans[i].End > a })
	for ; i < len(spans) && spans[i].Start < b; i++ {
		s += min(b, spans[i].End) - max(a, spans[i].Start)
	}
	return s
}
