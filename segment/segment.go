package segment

import (
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
	"github.com/go-ego/gse/hmm"
)

//go:generate go run ./internal/gendict

// The Chinese dictionaries, made by internal/gendict from gse's own
// dictionaries (see there). They are embedded here, rather than loaded with
// gse's LoadDictEmbed, because referring to LoadDictEmbed links all of
// gse's embedded dictionaries, its 23 MB Japanese one included, into every
// program that imports this package.
var (
	//go:embed dict/zh_s.txt.gz
	zhSimplified string
	//go:embed dict/zh_t.txt.gz
	zhTraditional string
)

// Keys of the two pseudo-words that adjust the dictionary's total
// frequency (see loadSimplified). They are private-use characters, never
// part of a Han run, so gse never looks them up.
const (
	padSimplified  = "\ue000"
	padTraditional = "\ue001"
)

// maxHanRun is the most runes of one Han run handed to gse at a time.
// gse's HMM step copies its whole path at every character, which is
// quadratic on long runs of unknown characters; real text has a
// punctuation mark or a space long before this.
const maxHanRun = 1024

// hmmOnce guards gse's HMM model, a package-level variable of gse/hmm that
// gse's loaders rewrite without a lock.
var hmmOnce sync.Once

// Segmenter splits text into tokens: words, runs of spaces, punctuation
// marks. Concatenating the tokens gives back the text exactly (same bytes,
// same case). See the package documentation for the rules.
//
// A Segmenter is safe for concurrent use. It must not be copied after
// first use.
type Segmenter struct {
	simpOnce sync.Once
	tradOnce sync.Once

	// mu is held for writing while the Traditional words are added to
	// zh, and for reading while zh segments.
	mu sync.RWMutex
	zh gse.Segmenter

	// tchars holds the Han characters that appear in Traditional words
	// only; a run with one of them loads the Traditional words. It is
	// set by loadSimplified and read-only after.
	tchars map[rune]struct{}
}

// New returns a Segmenter. It loads its Chinese dictionary lazily, on the
// first text that contains Han characters, once, so callers that never see
// Chinese pay nothing. It loads the Traditional Chinese words, a further
// part of the dictionary, likewise on the first text with a character
// that only Traditional Chinese uses.
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
			toks = s.appendHan(toks, text[i:j])
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
func (s *Segmenter) appendHan(toks []string, run string) []string {
	s.simpOnce.Do(s.loadSimplified)
	if s.hasTraditional(run) {
		s.tradOnce.Do(s.loadTraditional)
	}
	for run != "" {
		chunk := run
		if utf8.RuneCountInString(run) > maxHanRun {
			end := 0
			for k := 0; k < maxHanRun; k++ {
				_, n := utf8.DecodeRuneInString(run[end:])
				end += n
			}
			chunk = run[:end]
		}
		run = run[len(chunk):]
		s.mu.RLock()
		words := s.zh.CutDAG(chunk)
		s.mu.RUnlock()
		toks = appendAligned(toks, chunk, words)
	}
	return toks
}

// appendAligned appends to toks the pieces of text that words, gse's
// segmentation of text, stand for. gse's words are not used as they are:
// each one is mapped back onto text by its length in runes, and the token
// is that stretch of text. If words do not line up with text (a word that
// is empty or reads differently, or a different rune count in all), it
// appends one token per character of text instead.
func appendAligned(toks []string, text string, words []string) []string {
	n0 := len(toks)
	rest := text
	for _, w := range words {
		runes := utf8.RuneCountInString(w)
		end := 0
		for k := 0; k < runes && end < len(rest); k++ {
			_, n := utf8.DecodeRuneInString(rest[end:])
			end += n
		}
		if runes == 0 || utf8.RuneCountInString(rest[:end]) != runes || !strings.EqualFold(rest[:end], w) {
			return appendRunes(toks[:n0], text)
		}
		toks = append(toks, rest[:end])
		rest = rest[end:]
	}
	if rest != "" {
		return appendRunes(toks[:n0], text)
	}
	return toks
}

// appendRunes appends one token per character of text.
func appendRunes(toks []string, text string) []string {
	for i := 0; i < len(text); {
		_, n := utf8.DecodeRuneInString(text[i:])
		toks = append(toks, text[i:i+n])
		i += n
	}
	return toks
}

func (s *Segmenter) hasTraditional(run string) bool {
	for _, r := range run {
		if _, ok := s.tchars[r]; ok {
			return true
		}
	}
	return false
}

// loadSimplified builds the gse dictionary from the simplified words.
//
// gse scores a word by its frequency divided by the total frequency of the
// dictionary. To give words the same score whether or not the Traditional
// words have been loaded yet (and the same as gse's own "zh" dictionary),
// it adds a pseudo-word carrying the frequency of everything not loaded,
// so the total is that of the whole dictionary from the start.
func (s *Segmenter) loadSimplified() {
	hmmOnce.Do(func() { hmm.LoadModel() })
	s.zh.SkipLog = true
	s.zh.NotLoadHMM = true
	s.zh.Dict = gse.NewDict()
	s.tchars = make(map[rune]struct{})
	total := -1.0
	sum := s.addWords(zhSimplified, func(key, value string) {
		switch key {
		case "total":
			f, err := strconv.ParseFloat(value, 64)
			if err != nil {
				panic(fmt.Sprintf("segment: corrupt embedded dictionary: #total %q", value))
			}
			total = f
		case "tchars":
			for _, r := range value {
				s.tchars[r] = struct{}{}
			}
		}
	})
	if total < sum {
		panic("segment: corrupt embedded dictionary: no #total")
	}
	s.zh.Dict.AddToken(s.zh.ToToken(padSimplified, total-sum))
}

// loadTraditional adds the Traditional words, and takes their frequency
// back out of the total with a pseudo-word of negative frequency, since
// loadSimplified counted it already.
func (s *Segmenter) loadTraditional() {
	s.mu.Lock()
	defer s.mu.Unlock()
	sum := s.addWords(zhTraditional, nil)
	s.zh.Dict.AddToken(s.zh.ToToken(padTraditional, -sum))
}

// addWords adds the words of a gzipped dictionary made by gendict to
// s.zh and returns the sum of their frequencies. Header lines, "#key
// value", go to header.
func (s *Segmenter) addWords(gz string, header func(key, value string)) (sum float64) {
	zr, err := gzip.NewReader(strings.NewReader(gz))
	if err != nil {
		panic("segment: corrupt embedded dictionary: " + err.Error())
	}
	var b strings.Builder
	b.Grow(5 << 20)
	if _, err := io.Copy(&b, zr); err != nil {
		panic("segment: corrupt embedded dictionary: " + err.Error())
	}
	data := b.String()
	for data != "" {
		line, rest, _ := strings.Cut(data, "\n")
		data = rest
		if h, ok := strings.CutPrefix(line, "#"); ok {
			if header != nil {
				key, value, _ := strings.Cut(h, " ")
				header(key, value)
			}
			continue
		}
		word, f, _ := strings.Cut(line, " ")
		freq, err := strconv.ParseFloat(f, 64)
		if err != nil || word == "" {
			panic(fmt.Sprintf("segment: corrupt embedded dictionary: line %q", line))
		}
		s.zh.Dict.AddToken(s.zh.ToToken(word, freq))
		sum += freq
	}
	return sum
}
