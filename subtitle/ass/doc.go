// Package ass reads and writes Advanced SubStation Alpha (ASS, v4.00+)
// and SubStation Alpha (SSA, v4.00) scripts and registers both formats
// with package subtitle as "ass" and "ssa". Import it for its side effect:
//
//	import _ "github.com/subkit-dev/subkit/subtitle/ass"
//
// Scripts are parsed and written through go-astisub (pinned at v0.45.0);
// its types stay in this package. go-astisub hands over override blocks
// ({\i1}, {\an8}, {\c&H0000FF&}) raw and leaves styles unapplied, so the
// reader applies them itself: italic, bold, underline and colour per span,
// the alignment per cue, the speaker (Name) as voice, and a warning for
// what no other format holds (positions, moves, fades, karaoke, drawings,
// font changes). The writer writes go-astisub's v4.00+ script for both
// formats, with italic, bold and underline as override tags.
package ass
