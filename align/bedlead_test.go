package align

import "testing"

// Under a bed a long lead-in before a line the search placed surely is
// taken back; a consonant's worth, an unsure line's, and any lead-in
// before quiet pauses are kept.
func TestBedLead(t *testing.T) {
	for _, c := range []struct {
		name  string
		ft    Fit
		quiet bool
		want  float64
	}{
		{"sure line under a bed", Fit{Start: 10, Lead: 0.8, Confidence: 1}, false, 0.8},
		{"at the keeping confidence", Fit{Start: 10, Lead: 0.3, Confidence: KeepConfidence}, false, 0.3},
		{"a consonant under a bed", Fit{Start: 10, Lead: initialReach, Confidence: 1}, false, 0},
		{"unsure line under a bed", Fit{Start: 10, Lead: 0.8, Confidence: KeepConfidence / 2}, false, 0},
		{"quiet pauses", Fit{Start: 10, Lead: 0.8, Confidence: 1}, true, 0},
		{"no lead-in", Fit{Start: 10, Confidence: 1}, false, 0},
	} {
		if got := bedLead(c.ft, c.quiet); got != c.want {
			t.Errorf("%s: bedLead = %.3f, want %.3f", c.name, got, c.want)
		}
		if got := bedLead(c.ft, c.quiet); got < 0 || got > c.ft.Lead {
			t.Errorf("%s: bedLead = %.3f, outside 0..%.3f", c.name, got, c.ft.Lead)
		}
	}
}
