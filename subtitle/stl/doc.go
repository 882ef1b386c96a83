// Package stl reads and writes EBU STL (EBU Tech 3264), the binary
// subtitle format of European broadcasters, and registers it with package
// subtitle as "stl" (alias "ebu-stl", extension .stl). Import it for its
// side effect:
//
//	import _ "github.com/subkit-dev/subkit/subtitle/stl"
//
// The reader and writer are subkit's own. The reader gets the file's bytes
// as they are (Spec.Binary). It reads the text of teletext and open
// subtitles alike, with or without start-box codes; joins a subtitle's
// extension blocks; skips user data and comment blocks; reads every row;
// takes each control code as the screen cell it is (a space between two
// words); shows the subtitles of a cumulative set each added to the ones
// before it, a cue for each stretch of time in which the same subtitles
// show; and keeps italics, underline, the eight teletext colours and the
// placement (vertical position and justification). Times count from the
// programme start (TCP) when the GSI gives one.
//
// The writer writes open subtitles at 25 frames a second in the first
// character code table that holds all the text (Latin ISO 6937, then
// Cyrillic, Arabic, Greek, Hebrew), with italics, underline, colours and
// placement as STL codes. Punctuation no table holds ("…", "–", narrow
// spaces) is written as its nearest ("...", "-", a space), which Losses
// reports. Other text no table holds (Chinese, Japanese, Korean, emoji) is
// an error (ErrCharset) naming each cue, and no file. A span colour, in
// any form CSS gives it ("red", "#f00", "rgb(255,0,0)"), is written as the
// teletext colour it is, else as the nearest (csscolor.Palette.Nearest),
// which Losses reports; a transparent colour, or one that is none, is
// written white and reported as dropped.
package stl
