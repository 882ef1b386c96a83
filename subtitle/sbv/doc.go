// Package sbv reads and writes SBV, the plain caption format YouTube's
// editor downloads (captions.sbv): blocks of a "H:MM:SS.mmm,H:MM:SS.mmm"
// timing line and the caption's lines, separated by blank lines.
//
// SBV has no styles, positions or identifiers: the reader keeps times and
// text, the writer writes times and plain text, and Losses names the rest.
// Importing the package registers the format with package subtitle.
package sbv
