// Package subtitle holds the caption document and reads and writes it in
// the caption formats subkit supports: SRT, WebVTT and TTML.
//
// The writers are subkit's own: they are the hot path of every conversion
// and must produce files that strict clients (browsers, the W3C WebVTT
// parser, TTML validators) accept without warnings. Formats subkit does not
// read itself yet are read through go-astisub, whose types never leave this
// package.
package subtitle
