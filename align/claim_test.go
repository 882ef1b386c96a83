package align

import (
	"math"
	"testing"
)

// syllables are spans of 0.25 s every 0.3 s from a to b: a run of speech.
func syllables(a, b float64) []Span {
	var s []Span
	for t := a; t+0.25 <= b+1e-9; t += 0.3 {
		s = append(s, Span{Start: t, End: t + 0.25})
	}
	return s
}

func TestClaimOnset(t *testing.T) {
	// The caption before ends at 2.0; its line's speech ends at 2.0.
	// Then 0.8 s of silence, and the next line's speech from 2.8 to 6.
	spans := append(syllables(0.5, 2.0), syllables(2.8, 6.0)...)
	prevEnd := spans[4].End // the last span of the first run
	cases := []struct {
		name       string
		start, end float64
		want       float64
	}{
		// Placed 1.2 s into its own speech: the run before it, after the
		// silence, is its own.
		{"late start", 4.0, prevEnd, 2.8},
		// Already at the run's onset: stays.
		{"at the onset", 2.8, prevEnd, 2.8},
		// In silence well after any speech: nothing to claim.
		{"in silence", 7.0, prevEnd, 7.0},
		// The run goes on from the caption before (it ends inside it): the
		// speech may be that caption's tail, so the start stays.
		{"run from the caption before", 4.0, 2.7, 4.0},
		// The first caption claims speech from the start of the recording.
		{"first caption", 1.1, 0, 0.5},
	}
	for _, c := range cases {
		if got := claimOnset(c.start, c.end, spans); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("%s: claimOnset(%.2f, %.2f) = %.3f, want %.3f", c.name, c.start, c.end, got, c.want)
		}
	}
	// A breath 0.3 s before the line, running into its first sound, is
	// under MinClaim: the start stays.
	breath := []Span{{Start: 0.5, End: 1.0}, {Start: 3.0, End: 3.5}, {Start: 3.6, End: 4.2}}
	if got := claimOnset(3.3, 1.0, breath); got != 3.3 {
		t.Errorf("breath: claimOnset = %.3f, want the start, 3.3", got)
	}
	if got := claimOnset(1.0, 0, nil); got != 1.0 {
		t.Errorf("no spans: claimOnset = %.3f, want the start, 1", got)
	}
	// A pause longer than JoinGap inside the speech before the start ends
	// the run there.
	first := syllables(2.8, 3.9)
	second := syllables(first[len(first)-1].End+JoinGap+0.05, 6)
	if got := claimOnset(5.0, 2.0, append(first, second...)); math.Abs(got-second[0].Start) > 1e-9 {
		t.Errorf("run broken by a pause: claimOnset = %.3f, want %.3f", got, second[0].Start)
	}
}

func TestHeardInPauses(t *testing.T) {
	fits := []Fit{{Start: 1, End: 3}, {Start: 5, End: 8}}
	// Pauses: [0,1) and [3,5), 3 s; spans cover 0.5 s of the first and
	// 1 s of the second, and 2 s inside the captions (not counted).
	spans := []Span{{Start: 0.5, End: 1.5}, {Start: 2, End: 2.5}, {Start: 3.5, End: 4.5}, {Start: 6, End: 7}}
	if got := heardInPauses(fits, spans); math.Abs(got-1.5/3) > 1e-9 {
		t.Errorf("heardInPauses = %.4f, want %.4f", got, 1.5/3)
	}
	if got := heardInPauses(fits, nil); got != 0 {
		t.Errorf("no spans: heardInPauses = %.4f, want 0", got)
	}
	if got := heardInPauses([]Fit{{Start: 0, End: 2}}, spans); got != 0 {
		t.Errorf("no pauses: heardInPauses = %.4f, want 0", got)
	}
}
