// Package ass reads and writes Advanced SubStation Alpha (ASS, v4.00+)
// and SubStation Alpha (SSA, v4.00) scripts and registers both formats
// with package subtitle as "ass" and "ssa". Import it for its side effect:
//
//	import _ "github.com/subkit-dev/subkit/subtitle/ass"
//
// The reader is subkit's own and reads a script as libass does: sections,
// styles and events by their Format lines, any non-zero Bold or Italic as
// on, an override block up to the first "}". It applies each event's style
// and override tags: italic, bold, underline and colour per span, the
// alignment per cue, the style's name per cue, the speaker (Name) as
// voice, and a warning for what no other format holds (positions, moves,
// fades, karaoke, drawings, font changes). A Dialogue line it cannot read
// is skipped with a warning naming its line.
//
// The writer writes what libass, VSFilter and Aegisub read: a v4.00+
// script for ASS and a v4.00 one for SSA, each with a Default style and
// the document's styles, lines joined with \N, and italic, bold,
// underline, colour and placement as override tags.
package ass
