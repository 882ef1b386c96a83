package timing

import (
	"strings"
	"unicode"
)

// How numbers and Latin words are spoken, counted in syllables (the unit of
// Weight: a Han character is one).
//
// Numbers are read the way the text's language reads them. In Chinese (and
// the other CJK languages, whose Sino numerals are built the same way) a
// year before 年 and a number with a leading zero or more than eight digits
// are read digit by digit (2026年: 二零二六年, five); other whole numbers as
// numerals (1234: 一千二百三十四, seven; 15: 十五, two); a decimal point is
// 点 and the digits after it one each; a percentage is 百分之 and the
// number (50%: 百分之五十, five; 100%: 百分之百, four). In English, four
// digits from 1100 to 2099 are read as a year, in pairs (1984: nineteen
// eighty-four), other numbers as cardinals (3456: three thousand four
// hundred fifty-six), a percentage adds "percent".
//
// In Chinese speech a Latin word counts its vowel groups (a silent final e
// left out), at least one, each EnglishSyllable: Mandarin speakers give an
// English word's syllables much the even beat of their own. A word in
// capitals of up to three letters, or with no vowel, is an abbreviation
// read letter by letter (GPT: three; W is three syllables); a longer one
// with vowels is read as a word (NASA, UNESCO). Words written together in
// camel case are counted part by part (ChatGPT: Chat and G P T). In English
// speech, where syllables are as long as their sounds, and in other
// alphabets, a word counts LatinLettersPerUnit letters a unit, at least
// one: the letters follow the sounds more closely than the syllables do.

// EnglishSyllable is the time of an English syllable, or a letter's name,
// in units of a Mandarin syllable, inside Chinese speech. Speakers of the
// two languages say about 6.2 and 5.2 syllables a second (Pellegrino,
// Coupé and Marsico, "A cross-language perspective on speech information
// rate", Language 87(3), 2011), which gives 0.84; espeak-ng's Mandarin
// voice, which speaks the timing benchmark, says English words in about
// half the time of as many Han syllables. 0.7 lies between and keeps that
// benchmark where it was; it should be measured on people's narration.
const EnglishSyllable = 0.7

// numberSyllables is how long the number in s (digits, with commas between
// groups of three and one decimal point) takes to say, with pct when a
// percent sign follows and year when 年 does.
func numberSyllables(s string, cjk, pct, year bool) float64 {
	intPart, frac, hasFrac := strings.Cut(s, ".")
	grouped := strings.Contains(intPart, ",")
	intPart = strings.ReplaceAll(intPart, ",", "")
	var n float64
	switch {
	case !hasFrac && !grouped && (year && cjk && len(intPart) <= 4 ||
		len(intPart) > 1 && intPart[0] == '0' || len(intPart) > 8):
		n = float64(len(intPart)) * digitSyllables(cjk)
	case cjk:
		n = float64(zhCardinal(intPart))
	case !hasFrac && !grouped && len(intPart) == 4 && intPart >= "1100" && intPart < "2100" && !(intPart >= "2000" && intPart < "2010"):
		n = float64(enPair(intPart[:2]) + enPair(intPart[2:])) // nineteen eighty-four; two thousand five is a cardinal
	default:
		n = float64(enCardinal(intPart))
	}
	if hasFrac {
		n += 1 + float64(len(frac))*digitSyllables(cjk) // 点 / point, then digit by digit
	}
	if pct {
		if cjk {
			n += 3 // 百分之
			if s == "100" {
				n = 4 // 百分之百
			}
		} else {
			n += 2 // percent
		}
	}
	return n
}

// digitSyllables is a digit read alone: one syllable in Chinese; in English
// "zero" and "seven" have two, the rest one.
func digitSyllables(cjk bool) float64 {
	if cjk {
		return 1
	}
	return 1.2
}

// zhCardinal counts the syllables of a whole number read as Chinese
// numerals: each nonzero digit and its place (千, 百, 十), one 零 for a run
// of zeros inside a group or before a smaller group, 万 and 亿 for their
// groups, and 十 alone for a leading 1 in the tens (十五, not 一十五).
func zhCardinal(d string) int {
	d = strings.TrimLeft(d, "0")
	if d == "" {
		return 1 // 零
	}
	// Groups of four digits from the right: 亿 (1e8), 万 (1e4), ones.
	var groups []string
	for len(d) > 4 {
		groups = append([]string{d[len(d)-4:]}, groups...)
		d = d[:len(d)-4]
	}
	groups = append([]string{d}, groups...)
	n := 0
	zero := false // a 零 is owed before the next nonzero digit
	for gi, g := range groups {
		g = strings.Repeat("0", 4-len(g)) + g
		if g == "0000" {
			zero = n > 0
			continue
		}
		for i := 0; i < 4; i++ {
			if g[i] == '0' {
				zero = zero || n > 0
				continue
			}
			if zero {
				n++ // 零
				zero = false
			}
			place := 3 - i
			switch {
			case place == 0:
				n++ // the digit
			case place == 1 && g[i] == '1' && n == 0:
				n++ // 十, leading
			default:
				n += 2 // digit and 千/百/十
			}
		}
		if gi < len(groups)-1 {
			n++ // 万 or 亿
			zero = false
			if g[3] == '0' {
				zero = true
			}
		}
	}
	return n
}

var enOnes = [...]int{0, 1, 1, 1, 1, 1, 1, 2, 1, 1}  // one..nine; seven has two
var enTeens = [...]int{1, 3, 1, 2, 2, 2, 2, 3, 2, 2} // ten..nineteen
var enTens = [...]int{0, 0, 2, 2, 2, 2, 2, 3, 2, 2}  // twenty..ninety
var enScales = [...]int{0, 2, 2, 2, 3}               // thousand, million, billion, trillion
func enUnder100(v int) int {
	switch {
	case v == 0:
		return 0
	case v < 10:
		return enOnes[v]
	case v < 20:
		return enTeens[v-10]
	default:
		return enTens[v/10] + enOnes[v%10]
	}
}

// enPair reads two digits of a year: "oh five" for 05, "hundred" for 00.
func enPair(p string) int {
	v := int(p[0]-'0')*10 + int(p[1]-'0')
	switch {
	case v == 0:
		return 2 // hundred
	case v < 10:
		return 1 + enOnes[v] // oh five
	}
	return enUnder100(v)
}

// enCardinal counts the syllables of a whole number read in English.
func enCardinal(d string) int {
	d = strings.TrimLeft(d, "0")
	if d == "" {
		return 2 // zero
	}
	n := 0
	for scale := 0; len(d) > 0; scale++ {
		g := d
		if len(g) > 3 {
			g = d[len(d)-3:]
		}
		d = d[:len(d)-len(g)]
		v := 0
		for _, c := range g {
			v = v*10 + int(c-'0')
		}
		if v == 0 {
			continue
		}
		k := enUnder100(v % 100)
		if v >= 100 {
			k += enOnes[v/100] + 2 // five hundred
		}
		if scale > 0 {
			k += enScales[min(scale, len(enScales)-1)]
		}
		n += k
	}
	return n
}

// latinSyllables counts a word of Latin letters, camel-case parts apart.
func latinSyllables(w []rune) float64 {
	var n float64
	for _, p := range camelParts(w) {
		n += partSyllables(p)
	}
	return n
}

// camelParts splits iPhone into i, Phone and ChatGPT into Chat, GPT: a
// part begins at a capital after a small letter, and a run of capitals ends
// before the capital that begins a small-letter part (XMLParser: XML,
// Parser).
func camelParts(w []rune) [][]rune {
	var parts [][]rune
	start := 0
	for i := 1; i < len(w); i++ {
		up, prevUp := unicode.IsUpper(w[i]), unicode.IsUpper(w[i-1])
		nextLow := i+1 < len(w) && unicode.IsLower(w[i+1])
		if up && (!prevUp || nextLow) {
			parts = append(parts, w[start:i])
			start = i
		}
	}
	return append(parts, w[start:])
}

func partSyllables(w []rune) float64 {
	caps, vowels := true, 0
	for i, r := range w {
		if !unicode.IsUpper(r) {
			caps = false
		}
		if isVowel(r) || i > 0 && unicode.ToLower(r) == 'y' {
			vowels++
		}
	}
	// An abbreviation, a word with no vowel, or a single capital (as in
	// "A 轮" or "X 光"), is read letter by letter.
	if len(w) > 1 && (vowels == 0 || caps && len(w) <= 3) || len(w) == 1 && caps {
		return spelled(w)
	}
	// Vowel groups; y is a vowel after a consonant.
	n := 0
	prev := false
	for i, r := range w {
		v := isVowel(r) || (unicode.ToLower(r) == 'y' && i > 0 && !isVowel(w[i-1]))
		if v && !prev {
			n++
		}
		prev = v
	}
	// A silent final e: "make", "phone", but not "the", "be" or "apple".
	if l := len(w); n > 1 && l > 2 && unicode.ToLower(w[l-1]) == 'e' && !isVowel(w[l-2]) &&
		!(unicode.ToLower(w[l-2]) == 'l' && !isVowel(w[l-3])) {
		n--
	}
	return float64(max(n, 1))
}

// spelled is a word read letter by letter: one syllable a letter, W three.
func spelled(w []rune) float64 {
	n := 0.0
	for _, r := range w {
		if unicode.ToLower(r) == 'w' {
			n += 3
		} else {
			n++
		}
	}
	return n
}

func isVowel(r rune) bool {
	switch unicode.ToLower(r) {
	case 'a', 'e', 'i', 'o', 'u',
		'à', 'á', 'â', 'ã', 'ä', 'å', 'æ', 'è', 'é', 'ê', 'ë', 'ì', 'í', 'î', 'ï',
		'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'œ', 'ù', 'ú', 'û', 'ü', 'ý', 'ÿ':
		return true
	}
	return false
}

// weigh is Weight with the language's way of reading numbers.
func weigh(text string, cjk bool) float64 {
	rs := []rune(text)
	w := 0.0
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case isLetterOfAlphabet(r):
			j := i
			var word []rune
			latin := true
			for j < len(rs) && (isLetterOfAlphabet(rs[j]) || unicode.Is(unicode.Mn, rs[j])) {
				if !unicode.Is(unicode.Mn, rs[j]) {
					word = append(word, rs[j])
					latin = latin && unicode.Is(unicode.Latin, rs[j])
				}
				j++
			}
			if latin && cjk {
				w += latinSyllables(word) * EnglishSyllable
			} else {
				w += max(1, float64(len(word))/LatinLettersPerUnit)
			}
			i = j
		case asciiDigit(r) >= 0:
			num, j := scanNumber(rs, i)
			pct := j < len(rs) && (rs[j] == '%' || rs[j] == '％')
			year := j < len(rs) && rs[j] == '年'
			w += numberSyllables(num, cjk, pct, year)
			i = j
		default:
			if isWideScript(r) || unicode.IsDigit(r) {
				w++
			}
			i++
		}
	}
	return w
}

// asciiDigit is r's value as a digit 0-9 (ASCII or full-width), or -1.
func asciiDigit(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '０' && r <= '９':
		return int(r - '０')
	}
	return -1
}

// scanNumber reads the number at rs[i]: digits, commas between groups of
// three, one decimal point with digits after it. It returns the number in
// ASCII and where it ends.
func scanNumber(rs []rune, i int) (string, int) {
	var b strings.Builder
	digits := func(j int) int {
		for j < len(rs) && asciiDigit(rs[j]) >= 0 {
			b.WriteByte(byte('0' + asciiDigit(rs[j])))
			j++
		}
		return j
	}
	run := func(j int) int { // digits at rs[j:] without writing them
		k := j
		for k < len(rs) && asciiDigit(rs[k]) >= 0 {
			k++
		}
		return k - j
	}
	i = digits(i)
	for i+1 < len(rs) && (rs[i] == ',' || rs[i] == '，') && run(i+1) == 3 {
		b.WriteByte(',')
		i = digits(i + 1)
	}
	if i+1 < len(rs) && (rs[i] == '.' || rs[i] == '．') && run(i+1) > 0 {
		b.WriteByte('.')
		i = digits(i + 1)
	}
	return b.String(), i
}
