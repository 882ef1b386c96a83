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
// Two rules need the file as written, since the Document closes tags a
// cue leaves open and drops lines of nothing but markup: unbalanced tags
// and text that is only tags. They are checked when a Raw (the cues'
// subtitle.Sources) is given, for SRT and WebVTT; without one, a cue with
// no text is reported as empty.
package check
