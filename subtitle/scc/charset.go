package scc

// The CEA-608 character set.

// basic maps the bytes 0x20-0x7F to their characters: ASCII but for ten.
var basic = func() [128]rune {
	var t [128]rune
	for i := 0x20; i < 0x80; i++ {
		t[i] = rune(i)
	}
	t[0x2A], t[0x5C], t[0x5E], t[0x5F], t[0x60] = 'á', 'é', 'í', 'ó', 'ú'
	t[0x7B], t[0x7C], t[0x7D], t[0x7E], t[0x7F] = 'ç', '÷', 'Ñ', 'ñ', '█'
	return t
}()

// special are the characters of 0x11 0x30-0x3F (0x39 is a transparent space).
var special = []rune("®°½¿™¢£♪à\u00a0èâêîôû")

// extended are the characters of 0x12 0x20-0x3F and 0x13 0x20-0x3F; a
// decoder replaces the character before them (a fallback) with them.
var extended = [2][]rune{
	[]rune("ÁÉÓÚÜü‘¡*’—©℠•“”ÀÂÇÈÊËëÎÏïÔÙùÛ«»"),
	[]rune("ÃãÍÌìÒòÕõ{}\\^_|~ÄäÖöß¥¤¦ÅåØø┌┐└┘"),
}

// code is how the writer sends a character: a basic byte, or a two-byte
// code (special or extended) after a fallback basic byte (0 for none).
type code struct {
	basic    byte
	b1, b2   byte
	fallback byte
}

// encoding maps each character 608 has to its code.
var encoding = func() map[rune]code {
	m := map[rune]code{}
	for b := 0x20; b < 0x80; b++ {
		m[basic[b]] = code{basic: byte(b)}
	}
	for i, r := range special {
		if i == 9 {
			continue // the transparent space; a space is sent as a space
		}
		m[r] = code{b1: 0x11, b2: byte(0x30 + i)}
	}
	for k, set := range extended {
		for i, r := range set {
			if _, ok := m[r]; ok {
				continue
			}
			m[r] = code{b1: byte(0x12 + k), b2: byte(0x20 + i), fallback: fallbackFor(r)}
		}
	}
	return m
}()

// fallbackFor is the basic character a decoder without extended
// characters shows instead of r.
func fallbackFor(r rune) byte {
	switch r {
	case 'Á', 'À', 'Â', 'Ã', 'Ä', 'Å':
		return 'A'
	case 'É', 'È', 'Ê', 'Ë':
		return 'E'
	case 'Í', 'Ì', 'Î', 'Ï':
		return 'I'
	case 'Ó', 'Ò', 'Ô', 'Õ', 'Ö', 'Ø':
		return 'O'
	case 'Ú', 'Ù', 'Û', 'Ü':
		return 'U'
	case 'ã', 'ä', 'å':
		return 'a'
	case 'ë':
		return 'e'
	case 'ì', 'ï':
		return 'i'
	case 'ò', 'õ', 'ö', 'ø':
		return 'o'
	case 'ù', 'ü':
		return 'u'
	case 'Ç':
		return 'C'
	case 'ß':
		return 's'
	case '‘', '’':
		return '\''
	case '“', '”':
		return '"'
	case '«':
		return '<'
	case '»':
		return '>'
	case '—':
		return '-'
	}
	return ' '
}

// parity sets bit 7 of b so that it has an odd number of bits set.
func parity(b byte) byte {
	b &= 0x7F
	n := 0
	for x := b; x != 0; x &= x - 1 {
		n++
	}
	if n%2 == 0 {
		b |= 0x80
	}
	return b
}

// oddParity reports whether b has an odd number of bits set.
func oddParity(b byte) bool {
	n := 0
	for x := b; x != 0; x &= x - 1 {
		n++
	}
	return n%2 == 1
}
