// Package webvtt reads and writes WebVTT (https://w3c.github.io/webvtt/)
// and registers the format with package subtitle as "vtt" (alias
// "webvtt", extension .vtt). Import it for its side effect:
//
//	import _ "github.com/subkit-dev/subkit/subtitle/webvtt"
//
// The reader is the W3C WebVTT parser algorithm: the same cues, ids,
// times, settings and cue text a browser reads, with what a browser drops
// reported as warnings. A file that starts with the signature is UTF-8 by
// definition; bad bytes and NULs read as U+FFFD.
//
// The writer writes what strict clients (the W3C parser, browsers'
// TextTrack) accept without warnings. A color that is one of WebVTT's
// default color classes, in any form CSS gives it ("#f00",
// "rgb(255,0,0)", "aqua"), is written as the class (<c.red>). Other
// colors, and other formats' styles and regions, are not written;
// subtitle.Losses reports them. Encoder writes a file a piece at a time,
// for subtitle.StreamSRT.
package webvtt
