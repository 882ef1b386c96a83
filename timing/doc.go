// Package timing gives captions their times: the estimator that times a
// plain transcript, and the rules it keeps. Everything here is a pure
// function of times and text; there is no I/O.
//
// # Speech rate and reading speed
//
// Two rates must not be confused. The speech rate is how fast people
// talk: human-timed Chinese narration runs at about 4.4 characters a
// second, English at about 15. It places captions. The reading speed is a
// style guide's ceiling on how fast viewers can read (Netflix: 9 for
// Simplified Chinese, 20 for English). It is a limit to check against:
// timing a transcript at the reading ceiling makes captions run ahead of
// the voice by minutes.
//
// # The estimator
//
// Each transcript line weighs its spoken length in syllables (WeightIn: a
// Han character 1; a number the syllables it is read in, 2026年 five and
// 100% four in Chinese; in Chinese speech a Latin word its syllables and an
// abbreviation its letters, an English syllable 0.7 of a Han one, in other
// speech a word its letters / 3; punctuation nothing). Between captions go
// pauses: PauseLine between lines, longer after a sentence end and at a
// paragraph break. With the video's length known, one speaking rate is
// fitted so that the captions and pauses fill it exactly; without, the
// span is the transcript's length at the language's speech rate. Lines too
// wide for a caption, or too long to show within the maximum duration, are
// split at natural breaks (Split), and every caption is wrapped into
// balanced lines (Wrap). Breaks fall only between the tokens a Segmenter
// gives, so with a dictionary segmenter no Chinese word is cut.
package timing
