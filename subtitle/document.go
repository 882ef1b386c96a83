package subtitle

import "time"

// Document is a caption track: an ordered list of cues and the metadata
// every format needs to write it.
type Document struct {
	// Lang is the track's BCP 47 language tag ("zh-Hans", "en").
	// Writers put it where their format carries a language:
	// TTML's xml:lang, a "NOTE Language:" block in WebVTT.
	Lang string
	// Title is optional; TTML writes it as ttm:title.
	Title string
	Cues  []Cue
}

// Cue is one caption: a time span and the lines shown during it.
type Cue struct {
	// ID is the cue identifier where the format has one (WebVTT, TTML xml:id).
	// SRT writes its own running number and ignores it.
	ID    string
	Start time.Duration
	End   time.Duration
	// Lines are the caption's lines as shown, plain text without markup.
	Lines []string
}
