package timing

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// LatinLettersPerUnit is how many letters of an alphabetic script are
// spoken in the time of one Han character: about one syllable a unit, and
// about three letters a syllable in English words and in the brand names
// and terms that Chinese narration carries.
const LatinLettersPerUnit = 3.0

// Weight returns the spoken length of text in units of one Han character
// (about one syllable): Han, kana and Hangul count 1; a number the
// syllables it is read in; a word of an alphabet its letters /
// LatinLettersPerUnit, at least 1, but inside Chinese speech a Latin word
// its syllables and an abbreviation its letters, each EnglishSyllable (see
// WeightIn); spaces, punctuation and other symbols count nothing (they are
// pauses, which the estimator adds separately). Text with Han, kana or
// Hangul is taken for CJK speech. The floor is 0.5, so a caption of only
// punctuation still gets a moment on screen.
func Weight(text string) float64 {
	cjk := strings.IndexFunc(text, isWideScript) >= 0
	return WeightIn(text, cjk)
}

// WeightIn is Weight in CJK speech (cjk: numbers as Chinese numerals and
// years digit by digit, Latin words by syllables) or in speech of another
// language (numbers read as in English, words by letters): 2026年 is five
// syllables (二零二六年), 1234 seven (一千二百三十四), 3.14 four (三点一四),
// 100% four (百分之百), GPT-4 three English syllables and one Chinese
// (G P T 四); in English 1984 is five (nineteen eighty-four) and 50% four
// (fifty percent).
func WeightIn(text string, cjk bool) float64 {
	return max(weigh(text, cjk), 0.5)
}

// isLetterOfAlphabet reports letters of scripts written with an alphabet
// (Latin, Cyrillic, Greek...), not Han, kana or Hangul.
func isLetterOfAlphabet(r rune) bool {
	if r < 0x80 {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r) && !isWideScript(r)
}

// isWideScript reports whether r is a Han, kana or Hangul character: the
// scripts written one syllable a character.
func isWideScript(r rune) bool {
	if r < 0x1100 {
		return false
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// SpeechChars counts text's characters the way SpeechCPS is measured:
// letters and digits, and in languages written with spaces (not CJK) also
// one space between words. Punctuation does not count.
func SpeechChars(text string, cjk bool) int {
	n := 0
	for _, f := range strings.Fields(text) {
		if n > 0 && !cjk {
			n++
		}
		for _, r := range f {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				n++
			}
		}
	}
	return n
}

// ReadingChars counts text as Netflix counts reading speed: every
// character, spaces and punctuation included, runs of white space and line
// breaks as one space; in CJK text a half-width character counts 0.5.
func ReadingChars(text string, cjk bool) float64 {
	n := 0.0
	for i, f := range strings.Fields(text) {
		if i > 0 {
			n += charWidth(' ', cjk)
		}
		for _, r := range f {
			n += charWidth(r, cjk)
		}
	}
	return n
}

// CaptionText is a caption's lines as one text, the way a viewer reads
// them: a line break stands for the space it replaces in text written with
// spaces, and for nothing in CJK text, except between two letters or digits
// of an alphabet, where it stands for a space there too.
func CaptionText(lines []string, cjk bool) string {
	if cjk {
		return joinCJK(lines)
	}
	return strings.Join(lines, " ")
}

// CaptionChars is the reading-speed count of a caption's lines:
// ReadingChars of CaptionText. Reading speed is CaptionChars over the
// caption's duration.
func CaptionChars(lines []string, cjk bool) float64 {
	return ReadingChars(CaptionText(lines, cjk), cjk)
}

// Width is a line's length as line limits count it: in CJK text, full-width
// characters count 1 and half-width ones 0.5; elsewhere every character
// counts 1. Combining marks and other zero-width characters count nothing.
func Width(text string, cjk bool) float64 {
	n := 0.0
	for _, r := range text {
		n += charWidth(r, cjk)
	}
	return n
}

func charWidth(r rune, cjk bool) float64 {
	if r >= 0x300 && (unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Cf, r)) {
		return 0
	}
	if !cjk {
		return 1
	}
	if r < 0x80 {
		return 0.5
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 1
	case width.EastAsianAmbiguous:
		// Ambiguous punctuation (·, “, …) is drawn full-width in CJK
		// fonts; ambiguous letters (é, ß) are Latin and half-width.
		if !unicode.IsLetter(r) {
			return 1
		}
	}
	return 0.5
}
