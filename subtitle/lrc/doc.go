// Package lrc reads and writes LRC lyrics: lines of text, each after the
// time it starts at ("[01:02.50]"), with ID tags ("[ti:Title]",
// "[ar:Artist]", "[offset:+200]") and, in enhanced LRC, word times inside
// the line ("<01:03.10>").
//
// Lyrics have no end times: the reader ends each caption where the next
// line starts, at an empty timed line if there is one, and the last at
// [length:] or 5 seconds after it starts. Lines at the same time are one
// caption's lines; a line with several times ("[00:12.00][00:45.00]") is a
// caption at each. Word times become inline timestamps (Span.Timed);
// [offset:] is applied; [ti:] is the document's Title; the other ID tags
// are kept as notes ("ar: Artist").
//
// The writer writes each caption's lines at its start, word times as
// "<mm:ss.xx>", and an empty timed line at its end when the next caption
// does not start there. Times are written to the centisecond when they
// are whole centiseconds, to the millisecond otherwise. Importing the
// package registers the format with package subtitle.
package lrc
