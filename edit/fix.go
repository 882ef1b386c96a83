package edit

import (
	"fmt"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/timing"
)

// Fix repairs d's cue times by timing.Fix and returns the changes and
// what could not be repaired, each naming the caption and, in brackets,
// what would repair it. cjk counts
// half-width characters as 0.5 in reading speed.
func Fix(d *subtitle.Document, r timing.FixRules, cjk bool) (changes, problems []string) {
	items := make([]timing.FixItem, len(d.Cues))
	for i, c := range d.Cues {
		items[i] = timing.FixItem{Start: c.Start, End: c.End, Chars: timing.CaptionChars(c.PlainLines(), cjk)}
	}
	fixed, chs, probs := timing.Fix(items, r)
	for i := range d.Cues {
		d.Cues[i].Start, d.Cues[i].End = fixed[i].Start, fixed[i].End
	}
	for _, ch := range chs {
		changes = append(changes, fmt.Sprintf("caption %d: %s: %s-%s -> %s-%s", ch.Caption, ch.What,
			timing.FormatDuration(ch.OldStart), timing.FormatDuration(ch.OldEnd), timing.FormatDuration(ch.NewStart), timing.FormatDuration(ch.NewEnd)))
	}
	for _, p := range probs {
		msg := fmt.Sprintf("caption %d (%s-%s): %s", p.Caption, timing.FormatDuration(p.Start), timing.FormatDuration(p.End), p.Message)
		if p.Hint != "" {
			msg += " (" + p.Hint + ")"
		}
		problems = append(problems, msg)
	}
	return changes, problems
}
