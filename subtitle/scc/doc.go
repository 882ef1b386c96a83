// Package scc reads and writes Scenarist SCC, the text form of CEA-608
// line-21 captions that broadcast and web video still take: lines of a
// 29.97 fps drop-frame timecode and the hex byte pairs the decoder gets,
// one pair a frame from that time on.
//
// The reader runs a CEA-608 decoder on channel 1 (CC1): pop-on captions
// (shown at End Of Caption, erased at Erase Displayed Memory), roll-up
// and paint-on captions (a caption each time the screen changes, for
// roll-up at each carriage return), the 608 character set with its special
// and extended characters, italics, underline and the seven colors, and a
// caption's rows and columns as Cue.Align. Parity is checked and reported;
// the second of a doubled control code is skipped, as decoders do. Codes
// for the other channels are reported and ignored.
//
// The writer writes pop-on captions for channel 1 with odd parity: each
// caption loaded into the hidden memory ahead of its start, then shown by
// End Of Caption at its start and erased by Erase Displayed Memory at its
// end, each of those two on a timecode line of its own (the way ffmpeg and
// ttconv agree on the times). Rows follow Cue.Align: bottom rows 15 up,
// top rows 1 down, middle around row 8; columns are centred, or at the
// left or right edge. A caption 608 cannot carry — more than 4 rows, a row
// over 32 columns, a character outside the 608 set (CJK) — is refused with
// an error naming it, never written cut. A span color, in any form CSS
// gives it ("red", "#f00", "rgb(255,0,0)"), is written as the 608 color
// it is, else as the nearest (csscolor.Palette.Nearest), which Losses
// reports; a transparent color, or one that is none, is written white and
// reported as dropped. Importing the package registers the format with
// package subtitle.
package scc
