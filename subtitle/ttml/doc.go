// Package ttml reads and writes TTML and registers the format with
// package subtitle as "ttml" (aliases "dfxp" and "xml", extension .ttml;
// a file named .xml is detected by its content). Import it for its side
// effect:
//
//	import _ "github.com/subkit-dev/subkit/subtitle/ttml"
//
// The reader takes TTML1, the TTML2 subset of IMSC1's text profile, and
// DFXP in the 2006 namespaces (or in none): par timing on body, div, p and
// span, clock and offset times with frames and ticks, styles resolved as
// TTML specifies them, white space as imscJS handles it; what a Document
// cannot hold is a warning naming its line. readTTML's comment has the
// details.
//
// The writer writes TTML1 with one <p> a cue, in a bottom, middle or top
// region after the cue's placement, and nothing inside a <p> but the text,
// <span>s and <br/>, so that renderers add no spaces to CJK text.
package ttml
