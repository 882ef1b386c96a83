// Package check measures a caption track against a style guide: the rules
// a distributor checks before captions ship (reading speed, duration, gaps,
// overlaps, order, line count and length, empty captions, tags) and the
// statistics and timeline a person looks at to see where a track is
// crowded. It is pure logic over a subtitle.Document; reading files and
// printing are the caller's.
//
// # Counting
//
// Reading speed counts characters as Netflix does (timing.CaptionChars):
// spaces and punctuation count; in CJK text half-width characters count
// 0.5; tags and formatting codes do not count, as the Document holds none.
// A line break counts as the space it stands for in text written with
// spaces and as nothing between CJK characters. Line length is
// timing.Width. Guides that count words (BBC) are checked in words a
// minute: a word is a run of non-space characters with a letter or digit.
//
// # Rules
//
// Each Finding names its Rule by a stable id (RuleReadingSpeed is
// "reading-speed", and so on), the caption by number from 1, its times,
// the value measured and the limit it broke. Limits come from a
// guide.Profile (For) and may be changed one by one; a zero limit is not
// checked.
//
// Three rules need the file as written, given as a Raw. The Document
// closes tags a cue leaves open and drops lines of nothing but markup, so
// unbalanced tags and text that is only tags are read from the cues'
// subtitle.Sources (SRT and WebVTT; without them, a cue with no text is
// reported as empty). And what the reader could not keep — a block it
// dropped, a cue without a number — is in its warnings, each reported as
// RuleFormat at its line, so that nothing a reader dropped passes
// unnoticed.
package check
