package segment

import (
	"unicode"
	"unicode/utf8"

	"github.com/subkit-dev/subkit/zhtext"
)

// maxHanRun is the most runes of one Han run segmented at a time; real
// text has a punctuation mark or a space long before this.
const maxHanRun = 1024

// Segmenter splits text into tokens: words, runs of spaces, punctuation
// marks. Concatenating the tokens gives back the text exactly (same bytes,
// same case). See the package documentation for the rules.
//
// A Segmenter is safe for concurrent use. Its word data is read in place
// from the program's data, so making one costs nothing.
type Segmenter struct{}

// New returns a Segmenter.
func New() *Segmenter {
	return new(Segmenter)
}

// Segment returns the tokens of text, in order. Concatenating them gives
// back text exactly, even where text is not valid UTF-8. It returns nil
// for the empty string.
func (s *Segmenter) Segment(text string) []string {
	if text == "" {
		return nil
	}
	toks := make([]string, 0, len(text)/4+1)
	trad := -1 // whether text is Traditional Chinese; -1 until a Han run asks
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		j := i + n
		switch {
		case r == utf8.RuneError && n == 1:
			// An invalid byte is a token of its own.
			toks = append(toks, text[i:j])
			i = j
			continue
		case unicode.IsSpace(r):
			for j < len(text) {
				r, n := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsSpace(r) {
					break
				}
				j += n
			}
			toks = append(toks, text[i:j])
			i = j
			continue
		case isHan(r):
			for j < len(text) {
				r, n := utf8.DecodeRuneInString(text[j:])
				if !isHan(r) {
					break
				}
				j += n
			}
			if trad < 0 {
				trad = 0
				if isTraditional(text) {
					trad = 1
				}
			}
			toks = appendHan(toks, text[i:j], trad == 1)
			// A mark after the run belongs to its last word.
			if k := extend(text, j); k > j {
				last := toks[len(toks)-1]
				toks[len(toks)-1] = text[j-len(last) : k]
				j = k
			}
			i = j
			continue
		case unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r):
			j = scanKana(text, j, unicode.Is(unicode.Hiragana, r))
		case isRegionalIndicator(r):
			// Two regional indicators make a flag.
			if r2, n2 := utf8.DecodeRuneInString(text[j:]); isRegionalIndicator(r2) {
				j += n2
			}
		case isWord(r):
			j = scanWord(text, j, r)
		}
		// Anything else (punctuation, symbols, emoji, controls) is a
		// token of one character, with its marks and joined emoji.
		j = extend(text, j)
		toks = append(toks, text[i:j])
		i = j
	}
	return toks
}

// isHan reports whether r is a Han character, segmented with the Chinese
// dictionary.
func isHan(r rune) bool {
	return r >= 0x2e80 && unicode.Is(unicode.Han, r)
}

// isWord reports whether r is part of a word like a Latin one: a letter or
// number that is not Han or kana, and not a kana length or voicing mark.
func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return (unicode.IsLetter(r) || unicode.IsNumber(r)) &&
		!isHan(r) && !unicode.Is(unicode.Hiragana, r) && !unicode.Is(unicode.Katakana, r) && !isKanaMark(r)
}

// isKanaMark reports whether r is a kana length or voicing mark, which
// belongs to the kana run before it.
func isKanaMark(r rune) bool {
	switch r {
	case 0x30fc, 0xff70, // prolonged sound marks ー ｰ
		0x309b, 0x309c, 0xff9e, 0xff9f: // voicing marks ゛ ゜ ﾞ ﾟ
		return true
	}
	return false
}

// isExtend reports whether r continues the token before it: a combining
// mark (accents, variation selectors, keycaps), a zero-width joiner or
// non-joiner, an emoji skin-tone modifier or an emoji tag.
func isExtend(r rune) bool {
	if r < 0x300 {
		return false
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) ||
		r == 0x200c || r == 0x200d ||
		0x1f3fb <= r && r <= 0x1f3ff ||
		0xe0020 <= r && r <= 0xe007f
}

func isRegionalIndicator(r rune) bool {
	return 0x1f1e6 <= r && r <= 0x1f1ff
}

// extend returns the end of the token that ends at j once the runes that
// continue it (see isExtend) are added. A zero-width joiner also takes the
// character after it, as in emoji sequences like 👩‍💻.
func extend(text string, j int) int {
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		if !isExtend(r) {
			break
		}
		j += n
		if r == 0x200d && j < len(text) {
			if r2, n2 := utf8.DecodeRuneInString(text[j:]); !(r2 == utf8.RuneError && n2 == 1) && !unicode.IsSpace(r2) {
				j += n2
			}
		}
	}
	return j
}

// scanWord returns the end of the word that starts with first and goes on
// at j. A word takes word characters (see isWord) and the runes that extend
// them, an apostrophe or hyphen between two word characters ("don't",
// "state-of-the-art", "GPT-4"), and a point, comma or colon between two
// digits ("3.5", "1,000", "10:30").
func scanWord(text string, j int, first rune) int {
	prev := first
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		switch {
		case isWord(r):
			prev = r
			j += n
		case isExtend(r):
			j = extend(text, j)
		case isWordJoiner(r):
			next, m := utf8.DecodeRuneInString(text[j+n:])
			if !isWord(next) {
				return j
			}
			prev = next
			j += n + m
		case isDigitJoiner(r) && unicode.IsDigit(prev):
			next, m := utf8.DecodeRuneInString(text[j+n:])
			if !unicode.IsDigit(next) {
				return j
			}
			prev = next
			j += n + m
		default:
			return j
		}
	}
	return j
}

func isWordJoiner(r rune) bool {
	switch r {
	case '\'', '\u2019', // apostrophe, right single quotation mark
		'-', '\u2010', '\u2011': // hyphen-minus, hyphen, non-breaking hyphen
		return true
	}
	return false
}

func isDigitJoiner(r rune) bool {
	return r == '.' || r == ',' || r == ':'
}

// scanKana returns the end of the kana run going on at j: hiragana if hira,
// else katakana, with length and voicing marks and combining marks.
func scanKana(text string, j int, hira bool) int {
	script := unicode.Katakana
	if hira {
		script = unicode.Hiragana
	}
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		switch {
		case unicode.Is(script, r) || isKanaMark(r):
			j += n
		case isExtend(r):
			j = extend(text, j)
		default:
			return j
		}
	}
	return j
}

// appendHan appends the words of run, a run of Han characters, to toks.
// Traditional text is segmented in its Simplified form, character for
// character, so that the words of the larger Simplified dictionary apply
// (a Traditional word is then still one token: the characters map one to
// one).
func appendHan(toks []string, run string, trad bool) []string {
	rs := []rune(run)
	if trad {
		m := t2s()
		for k, r := range rs {
			if s, ok := m[r]; ok {
				rs[k] = s
			}
		}
	}
	var lens []int
	for len(rs) > 0 {
		chunk := rs[:min(len(rs), maxHanRun)]
		rs = rs[len(chunk):]
		lens = cutHan(lens, chunk)
	}
	for _, n := range lens {
		end := 0
		for range n {
			_, size := utf8.DecodeRuneInString(run[end:])
			end += size
		}
		toks = append(toks, run[:end])
		run = run[end:]
	}
	return toks
}

// isTraditional reports whether text has a character that only
// Traditional Chinese uses.
func isTraditional(text string) bool {
	t := tchars()
	for _, r := range text {
		if r >= 0x2e80 && t[r] {
			return true
		}
	}
	return false
}

// Simplify returns token in Simplified Chinese characters, character for
// character (OpenCC's table, as Traditional text is segmented): the same
// number of characters, other characters unchanged. Line breaking looks
// words up in this form (see timing.Simplifier).
func (s *Segmenter) Simplify(token string) string {
	return zhtext.MapRunes(token, t2s())
}
