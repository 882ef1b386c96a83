// Package srt reads and writes SubRip (SRT) and registers the format with
// package subtitle as "srt" (alias "subrip", extension .srt). Import it
// for its side effect:
//
//	import _ "github.com/subkit-dev/subkit/subtitle/srt"
//
// SRT has no specification; the reader keeps what real files hold and
// says what it cannot keep (see readSRT for the rules). The writer writes
// <b>, <i>, <u>, <font color> and a leading {\anN} for a cue placed away
// from the bottom center.
//
// It also registers subtitle.StreamSRT's converter, SRT to SRT or WebVTT a
// quarter megabyte at a time, the fast path of batch conversion; for
// WebVTT it writes through package webvtt, which it imports (so importing
// srt registers WebVTT too).
package srt
