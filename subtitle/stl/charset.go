package stl

import (
	"unicode/utf8"

	"github.com/subkit-dev/subkit/subtitle"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// EBU STL's text fields are in one of five character code tables, named
// by the GSI block's CCT: "00" Latin (ISO 6937, accents written as a
// diacritic byte before the letter), "01" Cyrillic (ISO 8859-5), "02"
// Arabic (8859-6), "03" Greek (8859-7), "04" Hebrew (8859-8). None holds
// Chinese, Japanese or Korean.

// iso6937 maps the single bytes 0xA0-0xFF of table 00 to their characters;
// 0xD0 is the dash broadcasters write, read as an em dash. 0xA4 and 0xA6
// are "$" and "#" again (ISO 6937 has them twice); real files write
// "$10" with 0xA4.
var iso6937 = map[byte]rune{
	0xA0: '\u00a0', 0xA1: '¡', 0xA2: '¢', 0xA3: '£', 0xA4: '$', 0xA5: '¥', 0xA6: '#', 0xA7: '§', 0xA8: '¤',
	0xA9: '‘', 0xAA: '“', 0xAB: '«', 0xAC: '←', 0xAD: '↑', 0xAE: '→', 0xAF: '↓',
	0xB0: '°', 0xB1: '±', 0xB2: '²', 0xB3: '³', 0xB4: '×', 0xB5: 'µ', 0xB6: '¶', 0xB7: '·',
	0xB8: '÷', 0xB9: '’', 0xBA: '”', 0xBB: '»', 0xBC: '¼', 0xBD: '½', 0xBE: '¾', 0xBF: '¿',
	0xD0: '—', 0xD1: '¹', 0xD2: '®', 0xD3: '©', 0xD4: '™', 0xD5: '♪', 0xD6: '¬', 0xD7: '¦',
	0xDC: '⅛', 0xDD: '⅜', 0xDE: '⅝', 0xDF: '⅞',
	0xE0: 'Ω', 0xE1: 'Æ', 0xE2: 'Đ', 0xE3: 'ª', 0xE4: 'Ħ', 0xE6: 'Ĳ', 0xE7: 'Ŀ', 0xE8: 'Ł',
	0xE9: 'Ø', 0xEA: 'Œ', 0xEB: 'º', 0xEC: 'Þ', 0xED: 'Ŧ', 0xEE: 'Ŋ', 0xEF: 'ŉ',
	0xF0: 'ĸ', 0xF1: 'æ', 0xF2: 'đ', 0xF3: 'ð', 0xF4: 'ħ', 0xF5: 'ı', 0xF6: 'ĳ', 0xF7: 'ŀ',
	0xF8: 'ł', 0xF9: 'ø', 0xFA: 'œ', 0xFB: 'ß', 0xFC: 'þ', 0xFD: 'ŧ', 0xFE: 'ŋ', 0xFF: '\u00ad',
}

// diacritics maps table 00's diacritic bytes to Unicode combining marks.
var diacritics = map[byte]rune{
	0xC1: '\u0300', 0xC2: '\u0301', 0xC3: '\u0302', 0xC4: '\u0303', 0xC5: '\u0304', 0xC6: '\u0306',
	0xC7: '\u0307', 0xC8: '\u0308', 0xCA: '\u030a', 0xCB: '\u0327', 0xCD: '\u030b', 0xCE: '\u0328',
	0xCF: '\u030c',
}

var (
	fromISO6937 = map[rune]byte{}
	fromMark    = map[rune]byte{}
)

func init() {
	for b, r := range iso6937 {
		fromISO6937[r] = b
	}
	fromMark = map[rune]byte{}
	for b, r := range diacritics {
		fromMark[r] = b
	}
	// "$" and "#" are written as their ASCII bytes.
	delete(fromISO6937, '$')
	delete(fromISO6937, '#')
	// Characters table 00 has under another name.
	fromISO6937['―'] = 0xD0 // horizontal bar
	fromISO6937['Ð'] = 0xE2 // capital eth looks as capital d with stroke
}

// spacingAccents are the accents Latin-1 has on their own, written as
// ISO 6937 writes them: the diacritic byte before a space.
var spacingAccents = map[rune]byte{'´': 0xC2, '¨': 0xC8, '¸': 0xCB, '¯': 0xC5, '˘': 0xC6, '˙': 0xC7, '˚': 0xCA, '˝': 0xCD, '˛': 0xCE, 'ˇ': 0xCF, '`': 0xC1, '^': 0xC3, '~': 0xC4}

// nearest are characters no table holds that text often has, and what the
// writer writes for them (and says so, see replaced).
var nearest = map[rune]string{
	'…': "...", '–': "-", '‐': "-", '‑': "-", '‒': "-", '−': "-", '„': "\"", '‚': ",", '‹': "<", '›': ">",
	'′': "'", '″': "\"", '€': "EUR", '\u202f': " ", '\u2009': " ", '\u2007': " ", '\u200a': " ",
}

// replaced says what of a span's text the writer writes otherwise, for
// Losses; "" when nothing.
func replaced(s subtitle.Span) string {
	for _, r := range s.Text {
		if _, ok := nearest[r]; ok {
			return "characters EBU STL lacks written as their nearest (… as ..., – as -, narrow spaces as spaces)"
		}
	}
	return ""
}

// tables are the character code tables other than 00, by CCT.
var tables = map[string]*charmap.Charmap{
	"01": charmap.ISO8859_5, "02": charmap.ISO8859_6, "03": charmap.ISO8859_7, "04": charmap.ISO8859_8,
}

// decodeChar reads one character of table cct at b[0] (b holds character
// codes only, no control codes); it returns the text and the bytes used.
// A byte the table has no character for is U+FFFD.
func decodeChar(cct string, b []byte) (string, int) {
	c := b[0]
	if c >= 0x20 && c <= 0x7E {
		return string(rune(c)), 1
	}
	if t := tables[cct]; t != nil {
		r := t.DecodeByte(c)
		if r == utf8.RuneError {
			return "\ufffd", 1
		}
		return string(r), 1
	}
	if mark, ok := diacritics[c]; ok {
		if len(b) > 1 && b[1] == ' ' {
			for r, d := range spacingAccents {
				if d == c && r > 0x7E {
					return string(r), 2
				}
			}
		}
		if len(b) > 1 && b[1] >= 0x20 && b[1] <= 0x7E {
			return norm.NFC.String(string(rune(b[1])) + string(mark)), 2
		}
		return "\ufffd", 1
	}
	if r, ok := iso6937[c]; ok {
		return string(r), 1
	}
	return "\ufffd", 1
}

// encodeRune appends r in table cct, or reports that the table has no
// place for it.
func encodeRune(b []byte, cct string, r rune) ([]byte, bool) {
	if r >= 0x20 && r <= 0x7E {
		return append(b, byte(r)), true
	}
	if t := tables[cct]; t != nil {
		if n, ok := nearest[r]; ok {
			return append(b, n...), true
		}
		c, ok := t.EncodeRune(r)
		if !ok || c < 0xA0 {
			return b, false
		}
		return append(b, c), true
	}
	if c, ok := fromISO6937[r]; ok {
		return append(b, c), true
	}
	if n, ok := nearest[r]; ok {
		return append(b, n...), true
	}
	// A spacing accent: the diacritic byte, then a space.
	if c, ok := spacingAccents[r]; ok {
		return append(b, c, ' '), true
	}
	// A letter with one accent: the diacritic byte, then the letter.
	d := []rune(norm.NFD.String(string(r)))
	if len(d) == 2 && d[0] >= 0x20 && d[0] <= 0x7E {
		if c, ok := fromMark[d[1]]; ok {
			return append(b, c, byte(d[0])), true
		}
	}
	return b, false
}
