package subtitle

// Reading a text file's bytes as UTF-8: encoding detection, forced
// encodings, and the checks that turn binary or empty input into
// positioned errors. Everything downstream (the format parsers) sees only
// the valid UTF-8 string these functions return.

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/transform"

	"github.com/subkit-dev/subkit/subtitle/internal/textpos"
)

// Encoding names, as DecodeText reports them and Encodings lists them.
const (
	encNameUTF8     = "UTF-8"
	encNameUTF8BOM  = "UTF-8 BOM" // reported only; forcing "UTF-8" also drops a BOM
	encNameUTF16    = "UTF-16"    // forced only: byte order from the BOM or the NUL bytes
	encNameUTF16LE  = "UTF-16LE"
	encNameUTF16BE  = "UTF-16BE"
	encNameUTF32LE  = "UTF-32LE"
	encNameUTF32BE  = "UTF-32BE"
	encNameGB18030  = "GB18030"
	encNameBig5     = "Big5"
	encNameShiftJIS = "Shift_JIS"
	encNameEUCKR    = "EUC-KR"
	encNameWin1250  = "Windows-1250"
	encNameWin1251  = "Windows-1251"
	encNameWin1252  = "Windows-1252"
	encNameWin1253  = "Windows-1253"
	encNameWin1254  = "Windows-1254"
	encNameWin1255  = "Windows-1255"
	encNameWin1256  = "Windows-1256"
	encNameWin1257  = "Windows-1257"
	encNameWin1258  = "Windows-1258"
)

// guessPrefixSize is how much of a file the legacy-encoding guess looks at.
// Only the winner decodes the whole file.
const guessPrefixSize = 64 << 10

var (
	textBOMUTF8        = []byte{0xEF, 0xBB, 0xBF}
	textBOMUTF16LE     = []byte{0xFF, 0xFE}
	textBOMUTF32LE     = []byte{0xFF, 0xFE, 0x00, 0x00}
	textBOMUTF32BE     = []byte{0x00, 0x00, 0xFE, 0xFF}
	textBOMUTF16BE     = []byte{0xFE, 0xFF}
	utf8Replacement    = []byte("\uFFFD")
	gb18030Replacement = []byte{0x84, 0x31, 0xA4, 0x37} // U+FFFD written in GB18030
)

// DecodeText turns the raw bytes of a text file into UTF-8 text and names
// the encoding it found: "UTF-8", "UTF-8 BOM", "UTF-16LE", "UTF-16BE",
// "UTF-32LE", "UTF-32BE",
// "GB18030", "Big5", "Shift_JIS", "EUC-KR", "Windows-1250", "Windows-1251"
// or "Windows-1252". It removes a leading byte-order mark and a final DOS
// end-of-file byte (Ctrl-Z, 0x1A), and leaves line ends as they are.
//
// Detection, in order:
//  1. A UTF-8, UTF-32LE, UTF-32BE, UTF-16LE or UTF-16BE byte-order mark
//     decides.
//  2. UTF-32 without a BOM: see guessUTF32.
//  3. NUL bytes mostly at odd offsets (or mostly at even ones) in the first
//     64 KiB mean UTF-16LE (or UTF-16BE) without a BOM; see guessUTF16.
//  4. Valid UTF-8 is UTF-8, returned unchanged.
//  5. Otherwise each legacy candidate decodes the first 64 KiB and is
//     scored by how plausible the result is (common Chinese characters,
//     kana, common Hangul, letters of the script; penalties for invalid
//     bytes, private-use characters, control codes and mojibake patterns).
//     The best score wins; a tie goes to GB18030. Only the winner decodes
//     the whole file.
//
// Errors are *ParseError values with File = name. Line and Col point into
// the input, counting lines as ended by LF, CRLF or CR, and Col in bytes
// from the start of the line (also in UTF-16, where a character is two or
// four bytes). The error wraps:
//   - ErrEmpty: no bytes, or nothing but whitespace and a BOM (no position);
//   - ErrBinary: a NUL or another control character that text files don't
//     have (anything below U+0020 except tab, LF, VT, FF and CR, and DEL),
//     at the first such character;
//   - ErrEncoding: bytes invalid in the encoding found, at the first one.
//     This includes a file that is mostly valid UTF-8 with a few bad bytes:
//     that is reported, not decoded as a legacy encoding.
//
// On error, text and encoding are empty; the message names the encoding
// where it matters. Decoding is strict: nothing is replaced with U+FFFD.
// DecodeTextAs forces an encoding when the guess is wrong.
func DecodeText(name string, b []byte) (text string, encoding string, err error) {
	text, encoding, _, err = detectAndDecode(name, b, false)
	if err != nil {
		return "", "", err
	}
	return text, encoding, nil
}

// DecodeTextLenient is DecodeText that reads on where DecodeText stops at
// bytes that are not valid UTF-8 in a file without a byte-order mark, when
// no legacy encoding reads them with evidence (a few stray bytes in ASCII
// text, or a UTF-8 file with a few damaged bytes): each such byte becomes
// U+FFFD, the encoding is "UTF-8", and a warning names the lines and says
// to give the encoding (--encoding NAME) if the file has one. Prepare
// decodes this way.
func DecodeTextLenient(name string, b []byte) (text, encoding string, warnings []Warning, err error) {
	text, encoding, warnings, err = detectAndDecode(name, b, true)
	if err != nil {
		return "", "", nil, err
	}
	return text, encoding, warnings, nil
}

func detectAndDecode(name string, b []byte, lenient bool) (string, string, []Warning, error) {
	text, enc, err := detectAndDecodeStrict(name, b, lenient)
	var ws []Warning
	if rb, ok := err.(replaceBytes); ok {
		text, ws = rb.read()
		text, err = finishText(name, text)
		enc = encNameUTF8
	}
	return text, enc, ws, err
}

// replaceBytes is detectAndDecodeStrict's answer, when lenient, for bytes
// that are not UTF-8 and read as no legacy encoding: read them as U+FFFD.
type replaceBytes struct {
	b       []byte
	damaged bool       // mostly valid UTF-8
	c       *textCodec // the closest legacy encoding
}

func (replaceBytes) Error() string { return "invalid bytes" }

// read returns the text with each invalid byte replaced by U+FFFD, and a
// warning naming the lines they are on.
func (rb replaceBytes) read() (string, []Warning) {
	var sb strings.Builder
	sb.Grow(len(rb.b) + 16)
	var lines []int
	n, line := 0, 1
	for i := 0; i < len(rb.b); {
		c := rb.b[i]
		if c == '\n' || c == '\r' && (i+1 == len(rb.b) || rb.b[i+1] != '\n') {
			line++
		}
		r, size := utf8.DecodeRune(rb.b[i:])
		if r == utf8.RuneError && size <= 1 {
			n++
			if len(lines) == 0 || lines[len(lines)-1] != line {
				lines = append(lines, line)
			}
			sb.WriteString("\uFFFD")
			i++
			continue
		}
		sb.Write(rb.b[i : i+size])
		i += size
	}
	bytesWord := "bytes"
	if n == 1 {
		bytesWord = "byte"
	}
	msg := fmt.Sprintf("%d %s not valid UTF-8 read as U+FFFD (\uFFFD)", n, bytesWord)
	if len(lines) > 1 {
		more := make([]string, 0, 6)
		for i, l := range lines[1:] {
			if i == 5 {
				more = append(more, fmt.Sprintf("%d more", len(lines)-6))
				break
			}
			more = append(more, fmt.Sprint(l))
		}
		msg += fmt.Sprintf(", here and on line %s", strings.Join(more, ", "))
	}
	msg += "; "
	if rb.damaged {
		msg += "the rest is UTF-8, so the file looks damaged there; if it is in another encoding, give it with --encoding NAME"
	} else {
		msg += "too little text reads as any legacy encoding to guess one; if the file has one, give it with --encoding NAME"
		if rb.c != nil {
			first := textLine(rb.b, lines[0])
			msg += fmt.Sprintf(" (as --encoding %s, line %d reads %q)", rb.c.name, lines[0], strings.TrimSpace(string(rb.c.decode(first))))
		}
	}
	return sb.String(), []Warning{{Line: lines[0], Message: msg}}
}

// textLine returns line n (from 1) of b, lines ended by LF, CR LF or CR.
func textLine(b []byte, n int) []byte {
	for line := 1; ; line++ {
		end := bytes.IndexAny(b, "\r\n")
		if end < 0 {
			return b
		}
		if line == n {
			return b[:end]
		}
		if b[end] == '\r' && end+1 < len(b) && b[end+1] == '\n' {
			end++
		}
		b = b[end+1:]
	}
}

func detectAndDecodeStrict(name string, b []byte, lenient bool) (string, string, error) {
	if len(b) == 0 {
		return "", "", &ParseError{File: name, Err: ErrEmpty}
	}
	switch {
	case bytes.HasPrefix(b, textBOMUTF8):
		text, err := decodeTextUTF8(name, b, len(textBOMUTF8))
		return text, encNameUTF8BOM, err
	case bytes.HasPrefix(b, textBOMUTF32LE) && len(b)%4 == 0:
		text, err := decodeTextUTF32(name, b, 4, false)
		return text, encNameUTF32LE, err
	case bytes.HasPrefix(b, textBOMUTF32BE):
		text, err := decodeTextUTF32(name, b, 4, true)
		return text, encNameUTF32BE, err
	case bytes.HasPrefix(b, textBOMUTF16LE):
		text, err := decodeTextUTF16(name, b, len(textBOMUTF16LE), false)
		return text, encNameUTF16LE, err
	case bytes.HasPrefix(b, textBOMUTF16BE):
		text, err := decodeTextUTF16(name, b, len(textBOMUTF16BE), true)
		return text, encNameUTF16BE, err
	}
	if bigEndian, ok := guessUTF32(b); ok {
		text, err := decodeTextUTF32(name, b, 0, bigEndian)
		if bigEndian {
			return text, encNameUTF32BE, err
		}
		return text, encNameUTF32LE, err
	}
	if bigEndian, ok := guessUTF16(b); ok {
		text, err := decodeTextUTF16(name, b, 0, bigEndian)
		if bigEndian {
			return text, encNameUTF16BE, err
		}
		return text, encNameUTF16LE, err
	}
	b = trimCtrlZ(b)
	if err := checkBinaryBytes(name, b); err != nil {
		return "", "", err
	}
	if utf8.Valid(b) {
		text, err := finishText(name, string(b))
		return text, encNameUTF8, err
	}
	if off := mostlyUTF8(b); off >= 0 {
		if lenient {
			return "", "", replaceBytes{b: b, damaged: true}
		}
		return "", "", invalidUTF8Error(name, b, off)
	}
	c, score := guessLegacy(b)
	if !legacyEvident(b, score) && !blankLegacy(b, c) {
		if lenient {
			return "", "", replaceBytes{b: b, c: c}
		}
		// Too few non-ASCII bytes, or none reading as plausible text in
		// any legacy encoding: guessing would turn them into nonsense
		// characters silently. Name the first bad byte instead.
		off := firstNonUTF8(b)
		line, col := textpos.Of(b, off)
		return "", "", &ParseError{File: name, Line: line, Col: col,
			Err: fmt.Errorf("%w: byte 0x%02X is not valid UTF-8, and too little text reads as any legacy encoding to guess one (give the encoding, e.g. --encoding GBK)", ErrEncoding, b[off])}
	}
	text, err := decodeLegacy(name, b, c, true)
	return text, c.name, err
}

// legacyEvidence is the score (see scoreText) the best legacy encoding
// must reach before a file that is not UTF-8 is decoded with it: some
// characters plausible in its script (a curly quote, an accented letter in
// a word, a common Chinese character). Stray bytes such as "\xff\xfe\xc3"
// in "hello" score nothing in every candidate.
const legacyEvidence = 0.5

// legacyEvident reports whether a legacy guess scoring score on b rests
// on evidence: a score of legacyEvidence, or no evidence against it over
// at least four non-ASCII bytes (two CJK characters at the ends of Latin
// words, as in "在OpenAI时期", score nothing either way).
func legacyEvident(b []byte, score float64) bool {
	if score >= legacyEvidence {
		return true
	}
	n := 0
	for _, x := range b {
		if x >= utf8.RuneSelf {
			n++
		}
	}
	return score >= 0 && n >= 4
}

// blankLegacy reports whether b decodes in c to nothing but whitespace
// (e.g. GBK ideographic spaces), which decoding reports as empty.
func blankLegacy(b []byte, c *textCodec) bool {
	if len(b) > 4096 {
		return false
	}
	out := c.decode(b)
	return len(bytes.TrimSpace(bytes.ReplaceAll(out, []byte("\u3000"), nil))) == 0
}

// firstNonUTF8 returns the offset of the first byte of b that does not
// begin a valid UTF-8 sequence, or 0.
func firstNonUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return 0
}

// DecodeTextAs decodes b with the encoding the user named, instead of
// guessing. Names are case-insensitive and may be any name in Encodings or
// a common alias: utf8, utf-16 (byte order from the BOM, else from the NUL
// bytes, else little-endian), utf-16le, utf-16be, gb18030, gbk, gb2312,
// cp936, big5, cp950, shift_jis, sjis, cp932, euc-kr, cp949,
// cp1250/windows-1250, cp1251/windows-1251, cp1252/windows-1252, and
// latin1/iso-8859-1, which mean Windows-1252 as in browsers. A BOM of the
// named encoding is removed. The single-byte code pages decode every byte:
// one a code page leaves undefined becomes the C1 control with the same
// number, as in browsers.
//
// An unknown name gives a plain error (not a *ParseError) wrapping
// ErrEncoding that lists the accepted names. Otherwise errors are as for
// DecodeText: ErrEmpty, ErrBinary, or ErrEncoding at the first byte that
// is invalid in the named encoding.
func DecodeTextAs(name string, b []byte, encoding string) (text string, err error) {
	c, ok := lookupEncoding(encoding)
	if !ok {
		return "", fmt.Errorf("%w: %q; accepted: %s (and aliases such as utf8, gbk, sjis, cp1252, latin1)",
			ErrEncoding, encoding, strings.Join(Encodings(), ", "))
	}
	if len(b) == 0 {
		return "", &ParseError{File: name, Err: ErrEmpty}
	}
	switch c.name {
	case encNameUTF8:
		start := 0
		if bytes.HasPrefix(b, textBOMUTF8) {
			start = len(textBOMUTF8)
		}
		return decodeTextUTF8(name, b, start)
	case encNameUTF16:
		switch {
		case bytes.HasPrefix(b, textBOMUTF16LE):
			return decodeTextUTF16(name, b, 2, false)
		case bytes.HasPrefix(b, textBOMUTF16BE):
			return decodeTextUTF16(name, b, 2, true)
		}
		bigEndian, _ := guessUTF16(b)
		return decodeTextUTF16(name, b, 0, bigEndian)
	case encNameUTF32LE, encNameUTF32BE:
		be := c.name == encNameUTF32BE
		start := 0
		if bom := map[bool][]byte{false: textBOMUTF32LE, true: textBOMUTF32BE}[be]; bytes.HasPrefix(b, bom) {
			start = 4
		}
		return decodeTextUTF32(name, b, start, be)
	case encNameUTF16LE:
		start := 0
		if bytes.HasPrefix(b, textBOMUTF16LE) {
			start = 2
		}
		return decodeTextUTF16(name, b, start, false)
	case encNameUTF16BE:
		start := 0
		if bytes.HasPrefix(b, textBOMUTF16BE) {
			start = 2
		}
		return decodeTextUTF16(name, b, start, true)
	}
	b = trimCtrlZ(b)
	if err := checkBinaryBytes(name, b); err != nil {
		return "", err
	}
	return decodeLegacy(name, b, c, false)
}

// Encodings lists the canonical names DecodeTextAs accepts, for help texts.
func Encodings() []string {
	return []string{encNameUTF8, encNameUTF16, encNameUTF16LE, encNameUTF16BE, encNameUTF32LE, encNameUTF32BE, encNameGB18030, encNameBig5,
		encNameShiftJIS, encNameEUCKR, encNameWin1250, encNameWin1251, encNameWin1252,
		encNameWin1253, encNameWin1254, encNameWin1255, encNameWin1256, encNameWin1257, encNameWin1258}
}

// textCodec is one encoding DecodeTextAs accepts. Legacy ones have enc (for
// multi-byte encodings) or table (for single-byte ones) set.
type textCodec struct {
	name  string
	enc   encoding.Encoding
	table *[256]rune       // single-byte: the character of each byte
	utf8  *[256][4]byte    // single-byte: the same in UTF-8, length in [3]
	cm    *charmap.Charmap // single-byte: the code page, for writing
	kind  scriptKind
}

func newSingleByteCodec(name string, cm *charmap.Charmap, kind scriptKind) *textCodec {
	c := &textCodec{name: name, table: singleByteTable(cm), utf8: new([256][4]byte), cm: cm, kind: kind}
	for i, r := range c.table {
		c.utf8[i][3] = byte(utf8.EncodeRune(c.utf8[i][:3], r))
	}
	return c
}

var (
	codecGB18030 = &textCodec{name: encNameGB18030, enc: simplifiedchinese.GB18030, kind: scriptChinese}
	codecBig5    = &textCodec{name: encNameBig5, enc: traditionalchinese.Big5, kind: scriptChinese}
	codecSJIS    = &textCodec{name: encNameShiftJIS, enc: japanese.ShiftJIS, kind: scriptJapanese}
	codecEUCKR   = &textCodec{name: encNameEUCKR, enc: korean.EUCKR, kind: scriptKorean}
	codecWin1250 = newSingleByteCodec(encNameWin1250, charmap.Windows1250, scriptLatin)
	codecWin1251 = newSingleByteCodec(encNameWin1251, charmap.Windows1251, scriptCyrillic)
	codecWin1252 = newSingleByteCodec(encNameWin1252, charmap.Windows1252, scriptLatin)
	// Not guessed: read and written when named.
	codecWin1253 = newSingleByteCodec(encNameWin1253, charmap.Windows1253, scriptLatin)
	codecWin1254 = newSingleByteCodec(encNameWin1254, charmap.Windows1254, scriptLatin)
	codecWin1255 = newSingleByteCodec(encNameWin1255, charmap.Windows1255, scriptLatin)
	codecWin1256 = newSingleByteCodec(encNameWin1256, charmap.Windows1256, scriptLatin)
	codecWin1257 = newSingleByteCodec(encNameWin1257, charmap.Windows1257, scriptLatin)
	codecWin1258 = newSingleByteCodec(encNameWin1258, charmap.Windows1258, scriptLatin)

	// legacyCandidates are the encodings DecodeText guesses among, in the
	// order that breaks ties.
	legacyCandidates = []*textCodec{codecGB18030, codecBig5, codecSJIS, codecEUCKR,
		codecWin1252, codecWin1251, codecWin1250}
)

// encodingAliases maps a folded name (see foldEncodingName) to its codec.
var encodingAliases = func() map[string]*textCodec {
	m := make(map[string]*textCodec)
	for _, a := range []struct {
		c     *textCodec
		names string
	}{
		{&textCodec{name: encNameUTF8}, "utf8 utf8bom utf8sig"},
		{&textCodec{name: encNameUTF16}, "utf16 ucs2"},
		{&textCodec{name: encNameUTF16LE}, "utf16le ucs2le"},
		{&textCodec{name: encNameUTF16BE}, "utf16be ucs2be"},
		{&textCodec{name: encNameUTF32LE}, "utf32 utf32le ucs4 ucs4le"},
		{&textCodec{name: encNameUTF32BE}, "utf32be ucs4be"},
		{codecGB18030, "gb18030 gbk gb2312 euccn cp936 windows936"},
		{codecBig5, "big5 big5hkscs cp950 windows950"},
		{codecSJIS, "shiftjis sjis cp932 windows31j windows932 mskanji"},
		{codecEUCKR, "euckr cp949 windows949 uhc ksc5601"},
		{codecWin1250, "windows1250 cp1250"},
		{codecWin1251, "windows1251 cp1251"},
		{codecWin1252, "windows1252 cp1252 latin1 iso88591"},
		{codecWin1253, "windows1253 cp1253"},
		{codecWin1254, "windows1254 cp1254"},
		{codecWin1255, "windows1255 cp1255"},
		{codecWin1256, "windows1256 cp1256"},
		{codecWin1257, "windows1257 cp1257"},
		{codecWin1258, "windows1258 cp1258"},
	} {
		for _, n := range strings.Fields(a.names) {
			m[n] = a.c
		}
	}
	return m
}()

// foldEncodingName lowercases s and drops '-', '_', '.' and spaces, so that
// "Shift_JIS", "shift-jis" and "SHIFTJIS" look up the same.
func foldEncodingName(s string) string {
	var sb strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch r {
		case '-', '_', '.', ' ':
			continue
		}
		sb.WriteRune(unicode.ToLower(r))
	}
	return sb.String()
}

func lookupEncoding(name string) (*textCodec, bool) {
	c, ok := encodingAliases[foldEncodingName(name)]
	return c, ok
}

// singleByteTable is cm's decoding table. Bytes cm leaves undefined map to the
// C1 control with the same number, as browsers (the WHATWG Encoding
// Standard) do, so single-byte decoding never fails; the guess penalizes
// C1 controls instead.
func singleByteTable(cm *charmap.Charmap) *[256]rune {
	var t [256]rune
	for i := range t {
		r := cm.DecodeByte(byte(i))
		if r == utf8.RuneError {
			r = rune(i)
		}
		t[i] = r
	}
	return &t
}

// finishText applies the checks every successful decoding ends with.
func finishText(name, text string) (string, error) {
	if strings.TrimFunc(text, unicode.IsSpace) == "" {
		return "", &ParseError{File: name, Err: ErrEmpty}
	}
	return text, nil
}

// trimCtrlZ drops a final DOS end-of-file byte (Ctrl-Z) that old editors wrote.
func trimCtrlZ(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == 0x1A {
		return b[:n-1]
	}
	return b
}

// isBinaryControl reports whether c is a control character no text file has.
func isBinaryControl(c rune) bool {
	switch c {
	case '\t', '\n', '\v', '\f', '\r':
		return false
	}
	return c < 0x20 || c == 0x7F
}

var binaryControlByte = func() (t [256]bool) {
	for i := range 0x80 {
		t[i] = isBinaryControl(rune(i))
	}
	return t
}()

// checkBinaryBytes finds the first control byte in b. In UTF-8 and in every
// legacy candidate, bytes below 0x20 and 0x7F are never part of a
// multi-byte character, so this holds whatever b's encoding is.
func checkBinaryBytes(name string, b []byte) error {
	for i, c := range b {
		if binaryControlByte[c] {
			line, col := textpos.Of(b, i)
			return &ParseError{File: name, Line: line, Col: col,
				Err: fmt.Errorf("%w (byte 0x%02X)", ErrBinary, c)}
		}
	}
	return nil
}

// decodeTextUTF8 returns b[start:] if it is valid UTF-8 text.
func decodeTextUTF8(name string, b []byte, start int) (string, error) {
	b = trimCtrlZ(b)
	if err := checkBinaryBytes(name, b); err != nil {
		return "", err
	}
	body := b[start:]
	if !utf8.Valid(body) {
		off := start
		for off < len(b) {
			r, size := utf8.DecodeRune(b[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		return "", invalidUTF8Error(name, b, off)
	}
	return finishText(name, string(body))
}

func invalidUTF8Error(name string, b []byte, off int) error {
	line, col := textpos.Of(b, off)
	return &ParseError{File: name, Line: line, Col: col,
		Err: fmt.Errorf("%w: byte 0x%02X is not valid UTF-8", ErrEncoding, b[off])}
}

// mostlyUTF8 tells UTF-8 with a few bad bytes from a legacy encoding: if
// b has at least 8 valid multi-byte UTF-8 sequences and at most one
// invalid byte per 8 of them, it returns the offset of the first invalid
// byte; otherwise -1. Legacy encodings form valid UTF-8 sequences only by
// chance, far less often than that.
func mostlyUTF8(b []byte) int {
	valid, invalid, first := 0, 0, -1
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			if first < 0 {
				first = i
			}
			invalid++
			i++
			// Each multi-byte sequence left takes at least two bytes.
			if invalid*8 > valid+(len(b)-i)/2 {
				return -1
			}
			continue
		}
		valid++
		i += size
	}
	if first >= 0 && valid >= 8 && invalid*8 <= valid {
		return first
	}
	return -1
}

// guessUTF16 looks at the NUL bytes in the first 64 KiB: text in UTF-16
// has a zero high byte for every ASCII character, so NULs sit at odd
// offsets in UTF-16LE and at even ones in UTF-16BE. It needs at least two
// such NULs, at least one per 64 code units, and twice as many on that
// side as on the other (Chinese text has zero low bytes too: 一 is
// U+4E00). A wrong guess on binary data still ends in ErrBinary, as the
// decoded text then has control characters.
func guessUTF16(b []byte) (bigEndian, ok bool) {
	p := b[:min(len(b), guessPrefixSize)]
	if bytes.IndexByte(p, 0) < 0 {
		return false, false
	}
	even, odd := 0, 0
	for i := 0; i+1 < len(p); i += 2 {
		if p[i] == 0 {
			even++
		}
		if p[i+1] == 0 {
			odd++
		}
	}
	need := max(2, len(p)/2/64)
	switch {
	case odd >= need && even*2 < odd:
		return false, true
	case even >= need && odd*2 < even:
		return true, true
	}
	return false, false
}

func utf16EncName(bigEndian bool) string {
	if bigEndian {
		return encNameUTF16BE
	}
	return encNameUTF16LE
}

// decodeTextUTF16 decodes b[start:] as UTF-16, checking for control
// characters and unpaired surrogates.
func decodeTextUTF16(name string, b []byte, start int, bigEndian bool) (string, error) {
	unit := func(i int) rune {
		if bigEndian {
			return rune(b[i])<<8 | rune(b[i+1])
		}
		return rune(b[i+1])<<8 | rune(b[i])
	}
	fail := func(off int, err error) error {
		// The BOM belongs to line 1.
		line, col := unitPosition(b, start, off, 2, 0, func(i int) uint32 { return uint32(unit(i)) })
		return &ParseError{File: name, Line: line, Col: col, Err: err}
	}
	out := make([]byte, 0, (len(b)-start)/2*3)
	for i := start; i < len(b); i += 2 {
		if i+1 >= len(b) {
			return "", fail(i, fmt.Errorf("%w: odd number of bytes in %s", ErrEncoding, utf16EncName(bigEndian)))
		}
		u := unit(i)
		switch {
		case u == 0x1A && i+2 == len(b):
			// DOS end-of-file mark: drop it.
		case isBinaryControl(u):
			return "", fail(i, fmt.Errorf("%w (character U+%04X)", ErrBinary, u))
		case 0xD800 <= u && u < 0xDC00:
			if i+3 < len(b) {
				if lo := unit(i + 2); 0xDC00 <= lo && lo < 0xE000 {
					out = utf8.AppendRune(out, utf16.DecodeRune(u, lo))
					i += 2
					continue
				}
			}
			fallthrough
		case 0xDC00 <= u && u < 0xE000:
			return "", fail(i, fmt.Errorf("%w: unpaired surrogate 0x%04X in %s", ErrEncoding, u, utf16EncName(bigEndian)))
		default:
			out = utf8.AppendRune(out, u)
		}
	}
	return finishText(name, string(out))
}

// guessUTF32 knows UTF-32 without a BOM: a length that is a multiple of
// four, and in the first 64 KiB every four-byte unit a code point (top
// byte zero, the next at most 0x10) in one byte order and not the other,
// with at least two units. UTF-16 text fails it: an ASCII pair is
// "c 0 c 0", whose third byte is above 0x10.
func guessUTF32(b []byte) (bigEndian, ok bool) {
	if len(b) < 8 || len(b)%4 != 0 {
		return false, false
	}
	p := b[:min(len(b), guessPrefixSize&^3)]
	le, be := true, true
	for i := 0; i+3 < len(p) && (le || be); i += 4 {
		le = le && p[i+3] == 0 && p[i+2] <= 0x10
		be = be && p[i] == 0 && p[i+1] <= 0x10
	}
	switch {
	case le && !be:
		return false, true
	case be && !le:
		return true, true
	}
	return false, false
}

// decodeTextUTF32 decodes b[start:] as UTF-32, checking for control
// characters, surrogates and values past U+10FFFF. Positions in errors
// count lines and, within a line, bytes.
func decodeTextUTF32(name string, b []byte, start int, bigEndian bool) (string, error) {
	enc := encNameUTF32LE
	if bigEndian {
		enc = encNameUTF32BE
	}
	fail := func(off int, err error) error {
		line, col := unitPosition(b, start, off, 4, start, func(i int) uint32 { return unit32(b, i, bigEndian) })
		return &ParseError{File: name, Line: line, Col: col, Err: err}
	}
	if (len(b)-start)%4 != 0 {
		return "", fail(len(b)-(len(b)-start)%4, fmt.Errorf("%w: %s with %d bytes, not a multiple of four", ErrEncoding, enc, len(b)-start))
	}
	out := make([]byte, 0, len(b)-start)
	for i := start; i < len(b); i += 4 {
		u := unit32(b, i, bigEndian)
		switch {
		case u == 0x1A && i+4 == len(b):
			// DOS end-of-file mark: drop it.
		case u > 0x10FFFF || 0xD800 <= u && u < 0xE000:
			return "", fail(i, fmt.Errorf("%w: 0x%08X is no character in %s", ErrEncoding, uint32(u), enc))
		case isBinaryControl(rune(u)):
			return "", fail(i, fmt.Errorf("%w (character U+%04X)", ErrBinary, u))
		default:
			out = utf8.AppendRune(out, rune(u))
		}
	}
	return finishText(name, string(out))
}

func unit32(b []byte, i int, bigEndian bool) uint32 {
	if bigEndian {
		return uint32(b[i])<<24 | uint32(b[i+1])<<16 | uint32(b[i+2])<<8 | uint32(b[i+3])
	}
	return uint32(b[i+3])<<24 | uint32(b[i+2])<<16 | uint32(b[i+1])<<8 | uint32(b[i])
}

// unitPosition is textpos.Of for UTF-16 or UTF-32: code units of size
// bytes from b[start:], unit(i) the one at byte i. The column still counts
// bytes, from lineStart on line 1 and from the start of the line after.
func unitPosition(b []byte, start, off, size, lineStart int, unit func(i int) uint32) (line, col int) {
	line = 1
	for i := start; i+size-1 < len(b) && i < off; i += size {
		switch unit(i) {
		case '\n':
			line, lineStart = line+1, i+size
		case '\r':
			if i+2*size-1 < len(b) && unit(i+size) == '\n' {
				continue
			}
			line, lineStart = line+1, i+size
		}
	}
	return line, off - lineStart + 1
}

// decodeLegacy decodes all of b (already checked for control bytes) with
// c, failing at the first invalid byte. guessed says whether DecodeText
// chose c, for the error message.
func decodeLegacy(name string, b []byte, c *textCodec, guessed bool) (string, error) {
	out := c.decode(b)
	bad := -1
	if c.table == nil && bytes.Contains(out, utf8Replacement) {
		bad = firstInvalidByte(c, b, out)
	}
	if bad >= 0 {
		line, col := textpos.Of(b, bad)
		msg := "%w: byte 0x%02X is not valid %s"
		if guessed {
			msg += ", the closest match"
		}
		return "", &ParseError{File: name, Line: line, Col: col,
			Err: fmt.Errorf(msg, ErrEncoding, b[bad], c.name)}
	}
	return finishText(name, string(out))
}

// decode decodes all of b with c, writing U+FFFD for invalid bytes.
func (c *textCodec) decode(b []byte) []byte {
	if c.table != nil {
		return decodeSingleByte(c, b)
	}
	return decodeAllWith(c.enc.NewDecoder(), b)
}

// decodeSingleByte decodes b with a single-byte code page, which cannot
// fail: it sizes the output exactly, then fills it.
func decodeSingleByte(c *textCodec, b []byte) []byte {
	n := 0
	for _, x := range b {
		n += int(c.utf8[x][3])
	}
	out := make([]byte, n+3) // room to write 3 bytes at the last character
	j := 0
	for _, x := range b {
		e := &c.utf8[x]
		out[j], out[j+1], out[j+2] = e[0], e[1], e[2]
		j += int(e[3])
	}
	return out[:n]
}

// decodeAllWith runs t over all of src, growing the output as needed.
// The decoders here never fail; they write U+FFFD for invalid bytes.
func decodeAllWith(t transform.Transformer, src []byte) []byte {
	dst := make([]byte, len(src)*3/2+16)
	nDst := 0
	for {
		n, nSrc, err := t.Transform(dst[nDst:], src, true)
		nDst += n
		src = src[nSrc:]
		if err != transform.ErrShortDst {
			return dst[:nDst]
		}
		bigger := make([]byte, len(dst)*2+16)
		copy(bigger, dst[:nDst])
		dst = bigger
	}
}

// firstInvalidByte returns the offset in b of the first byte c cannot decode,
// or -1, given out, c's decoding of all of b (which has U+FFFD where bytes
// were invalid, or where GB18030 spelled U+FFFD itself). LF is never part
// of a multi-byte character in these encodings, so lines of out and b
// correspond; only lines whose output has a U+FFFD are stepped through.
func firstInvalidByte(c *textCodec, b, out []byte) int {
	t := c.enc.NewDecoder()
	lineB := 0 // start of the current line in b
	for {
		k := bytes.Index(out, utf8Replacement)
		if k < 0 {
			return -1
		}
		// Skip the lines of out before the U+FFFD, and as many in b.
		skip := bytes.Count(out[:k], []byte{'\n'})
		for ; skip > 0; skip-- {
			lineB += bytes.IndexByte(b[lineB:], '\n') + 1
		}
		if nl := bytes.LastIndexByte(out[:k], '\n'); nl >= 0 {
			out = out[nl+1:]
		}
		end := len(b)
		if nl := bytes.IndexByte(b[lineB:], '\n'); nl >= 0 {
			end = lineB + nl
		}
		for i := lineB; i < end; {
			if b[i] < utf8.RuneSelf {
				i++
				continue
			}
			if c == codecGB18030 && bytes.HasPrefix(b[i:end], gb18030Replacement) {
				i += len(gb18030Replacement)
				continue
			}
			r, size := decodeFirstRune(t, b[i:end])
			if r == utf8.RuneError {
				return i
			}
			i += size
		}
		// Only spelled-out U+FFFDs on this line: go on after it.
		if end == len(b) {
			return -1
		}
		lineB = end + 1
		nl := bytes.IndexByte(out, '\n')
		if nl < 0 {
			return -1
		}
		out = out[nl+1:]
	}
}

// decodeFirstRune decodes the first character of src with t and returns it and
// its length in bytes, or U+FFFD and 1 if the first byte is invalid. It
// feeds t one more byte at a time until a character comes out, so the
// length is exact.
func decodeFirstRune(t transform.Transformer, src []byte) (rune, int) {
	var dst [16]byte
	for k := 1; k <= min(4, len(src)); k++ {
		t.Reset()
		nDst, nSrc, _ := t.Transform(dst[:], src[:k], k == len(src))
		if nSrc > 0 {
			r, _ := utf8.DecodeRune(dst[:nDst])
			if r == utf8.RuneError {
				return r, 1
			}
			return r, nSrc
		}
	}
	return utf8.RuneError, 1
}

// guessLegacy picks the legacy encoding whose decoding of b's first
// 64 KiB scores best, and returns its score.
func guessLegacy(b []byte) (*textCodec, float64) {
	p := b
	atEOF := true
	if len(p) > guessPrefixSize {
		p, atEOF = p[:guessPrefixSize], false
		// End at a line end, so no character is cut in two.
		if nl := bytes.LastIndexByte(p, '\n'); nl >= guessPrefixSize/2 {
			p, atEOF = p[:nl+1], true
		}
	}
	loadScoreTables()
	runes := make([]rune, 0, len(p))
	dst := make([]byte, 3*len(p)+16)
	var best *textCodec
	bestScore := 0.0
	for _, c := range legacyCandidates {
		runes = runes[:0]
		if c.table != nil {
			for _, x := range p {
				runes = append(runes, c.table[x])
			}
		} else {
			// dst holds the worst case (3 output bytes per input byte), and
			// with atEOF false the decoder stops before a cut character.
			nDst, _, _ := c.enc.NewDecoder().Transform(dst, p, atEOF)
			for out := dst[:nDst]; len(out) > 0; {
				r, size := utf8.DecodeRune(out)
				runes = append(runes, r)
				out = out[size:]
			}
		}
		s := scoreText(runes, c)
		if best == nil || s > bestScore {
			best, bestScore = c, s
		}
	}
	return best, bestScore
}

// scriptKind says which script a candidate's text should be in.
type scriptKind uint8

const (
	scriptChinese scriptKind = iota
	scriptJapanese
	scriptKorean
	scriptLatin
	scriptCyrillic
)

// scoreText rates how much rs looks like real text in c's languages. Each
// non-ASCII character adds roughly the log-odds that it came from real
// text rather than from bytes of another encoding: frequent characters of
// the script score high, rare ones low, and invalid bytes, private-use
// characters, control codes and patterns typical of mojibake (a lone CJK
// character inside a Latin word, case changing in the middle of a word,
// runs of accented letters) score below zero. ASCII scores nothing: it
// reads the same in every candidate.
func scoreText(rs []rune, c *textCodec) float64 {
	total := 0.0
	cjk := c.kind == scriptChinese || c.kind == scriptJapanese || c.kind == scriptKorean
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r < utf8.RuneSelf {
			continue
		}
		switch {
		case r == utf8.RuneError:
			total -= 10
			continue
		case r < 0xA0, 0xE000 <= r && r < 0xF900, r >= 0xF0000, r == 0xFFFE, r == 0xFFFF:
			// C1 controls and private use.
			total -= 8
			continue
		}
		if !cjk {
			total += scoreAlphabeticRune(rs, i, c)
			continue
		}
		if !isIdeographic(r) {
			total += scoreCJKRune(r, c.kind)
			continue
		}
		// A run of one or two ideographs (or kana, or Hangul) next to a
		// Latin letter is how Western text reads in a CJK encoding: an
		// accented letter or a curly quote takes the next ASCII byte as its
		// second byte ("don’t" → "don" + one kanji, "“We" → kanji + "e").
		// Inside a Latin word that is mojibake; at either end of one it is
		// no evidence either way (real text has "在OpenAI时期" too).
		j := i + 1
		for j < len(rs) && isIdeographic(rs[j]) {
			j++
		}
		letterBefore := i > 0 && asciiLetter(rs[i-1])
		letterAfter := j < len(rs) && asciiLetter(rs[j])
		switch {
		case j-i > 2:
			for _, r := range rs[i:j] {
				total += scoreCJKRune(r, c.kind)
			}
		case letterBefore && letterAfter:
			total -= 4 * float64(j-i)
		case letterBefore && (j == len(rs) || rs[j] < utf8.RuneSelf), letterAfter:
		default:
			for _, r := range rs[i:j] {
				total += scoreCJKRune(r, c.kind)
			}
		}
		i = j - 1
	}
	return total
}

// isIdeographic reports whether r is a CJK ideograph, kana or a Hangul
// syllable: the letters of CJK text.
func isIdeographic(r rune) bool {
	return 0x4E00 <= r && r <= 0x9FFF || 0x3041 <= r && r <= 0x30FF || 0xAC00 <= r && r <= 0xD7A3
}

func asciiLetter(r rune) bool { return 'a' <= r|0x20 && r|0x20 <= 'z' }

func scoreCJKRune(r rune, kind scriptKind) float64 {
	switch {
	case 0x4E00 <= r && r <= 0x9FFF:
		switch kind {
		case scriptChinese:
			switch {
			case hanFrequent.has(r - 0x4E00):
				return 5
			case hanCommon.has(r - 0x4E00):
				return 1.5
			}
			return 0
		case scriptJapanese:
			if hanFrequent.has(r-0x4E00) || kanjiCommon.has(r-0x4E00) {
				return 2
			}
			return 0
		}
		return -1 // Hanja are rare in modern Korean text.
	case 0x3041 <= r && r <= 0x30FF: // kana
		if kind == scriptJapanese {
			return 3
		}
		return -1
	case 0xAC00 <= r && r <= 0xD7A3:
		if kind == scriptKorean {
			switch {
			case hangulFrequent.has(r - 0xAC00):
				return 4 // below Chinese: most users read Chinese
			case hangulCommon.has(r - 0xAC00):
				return 1.5
			}
		}
		return -1
	case 0x3000 <= r && r <= 0x303F, 0xFF01 <= r && r <= 0xFF5E,
		0x2010 <= r && r <= 0x2027, r == 0xB7:
		return 1 // CJK and general punctuation, fullwidth forms
	case 0xFF61 <= r && r <= 0xFF9F:
		return -3 // halfwidth katakana: rare in text, common in mojibake
	}
	return -1
}

// Letters frequent in the languages of each single-byte code page; other
// letters of the script score lower. cyrillicRare are letters of
// Macedonian, Serbian and Belarusian only, which mojibake of CJK text
// produces far more often than Russian or Ukrainian text does.
const (
	latin1252Frequent = "éáíóúñçàèüöäßãõêìòùâîôûëïÉÁÍÓÚÑÇÀÈÜÖÄÊ"
	latin1250Frequent = "áéíóúýčřšžěůąęłśżćńöüäťďňźőűôçßÁÉÍÓÚÝČŘŠŽĚŮĄĘŁŚŻĆŃÖÜÄŤĎŇŹŐŰ"
	cyrillicFrequent  = "оеаинтсрвлкмдпуяыьгзбчйхжшюэщфцъёіїєґ"
	cyrillicRare      = "ѓђљњќћџўѕјЃЂЉЊЌЋЏЎЅЈ"
	typographicPunct  = "\u00A0‘’‚“”„–—…•«»¡¿°§©®€™·"
	// cyrillicEastern are letters of Russian, Ukrainian or Belarusian that
	// Serbian and Macedonian do not have.
	cyrillicEastern = "яюыэёщъЯЮЫЭЁЩЪ"
)

// wordHas reports whether the word (run of letters) around rs[i] has a
// character of set.
func wordHas(rs []rune, i int, set string) bool {
	for j := i - 1; j >= 0 && unicode.IsLetter(rs[j]); j-- {
		if strings.ContainsRune(set, rs[j]) {
			return true
		}
	}
	for j := i + 1; j < len(rs) && unicode.IsLetter(rs[j]); j++ {
		if strings.ContainsRune(set, rs[j]) {
			return true
		}
	}
	return false
}

var latin1252Set, latin1250Set, cyrillicSet, cyrillicRareSet, typographicSet bitRuneSet

// scoreAlphabeticRune scores rs[i], a non-ASCII character decoded by a
// single-byte code page. Besides the letters themselves it looks at word
// shape: real words are lower case or Capitalized (ALL CAPS is allowed but
// earns nothing), and Latin text has few accented letters in a row, while
// CJK text read as a code page gives long runs of accented or Cyrillic
// letters in random case.
func scoreAlphabeticRune(rs []rune, i int, c *textCodec) float64 {
	r := rs[i]
	var prev, prev2, next rune
	if i > 0 {
		prev = rs[i-1]
	}
	if i > 1 {
		prev2 = rs[i-2]
	}
	if i+1 < len(rs) {
		next = rs[i+1]
	}
	if !unicode.IsLetter(r) {
		switch {
		case r == '’' && unicode.IsLetter(prev) && unicode.IsLetter(next):
			return 1.5 // an apostrophe, as in "it’s"
		case typographicSet.has(r):
			return 0.5
		}
		return -1
	}
	s := 1.0
	lower := unicode.ToLower(r)
	if c.kind == scriptCyrillic {
		switch {
		case !unicode.Is(unicode.Cyrillic, r):
			return -1
		case cyrillicSet.has(lower):
			s = 2
		case cyrillicRareSet.has(r):
			s = 0.5
			if r != 'ў' && r != 'Ў' && wordHas(rs, i, cyrillicEastern) {
				// Letters of Serbian or Macedonian only beside letters
				// those languages lack (я, ю, ы...): one word cannot be
				// in both alphabets, as "яюѓ" (bytes FF FE 83) is.
				return -6
			}
		}
		if asciiLetter(prev) || asciiLetter(next) {
			s -= 3 // Latin and Cyrillic letters in one word
		}
	} else {
		set := latin1252Set
		if c == codecWin1250 {
			set = latin1250Set
		}
		switch {
		case !unicode.Is(unicode.Latin, r):
			return -1
		case c == codecWin1252 && (lower == 'ì' || lower == 'ò' || lower == 'ù') && unicode.IsLetter(next):
			// Italian and French put these at the end of a word; inside
			// one they are more likely Czech ě, ň, ů read as Windows-1252.
			s = 1
		case set.has(r):
			s = 2.5
		}
		if prev >= utf8.RuneSelf && unicode.IsLetter(prev) {
			s -= 2 // accented letters rarely follow each other
		}
	}
	switch {
	case unicode.IsUpper(r) && unicode.IsLower(prev):
		return -4 // "aB": case change inside a word
	case unicode.IsUpper(r) && (unicode.IsUpper(prev) || unicode.IsUpper(next)):
		// ALL CAPS: possible, but rare in running text, while CJK bytes
		// read as a code page are half capital letters.
		s = min(s, 0)
	case unicode.IsLower(r) && unicode.IsUpper(prev) && unicode.IsUpper(prev2):
		return -4 // "ABc"
	case unicode.IsLower(r) && next < utf8.RuneSelf && unicode.IsUpper(next):
		return -4 // "aB" with an ASCII B, which is not scored itself
	}
	return s
}

// bitRuneSet is a bitset over a range of code points (offsets from its base).
type bitRuneSet []uint64

func newBitRuneSet(n int) bitRuneSet { return make(bitRuneSet, (n+63)/64) }

func (s bitRuneSet) has(i rune) bool {
	return i >= 0 && int(i>>6) < len(s) && s[i>>6]&(1<<(i&63)) != 0
}

// bitSetOf is the set of the characters of s below U+2200.
func bitSetOf(s string) bitRuneSet {
	set := newBitRuneSet(0x2200)
	for _, r := range s {
		set.add(r)
	}
	return set
}

func (s bitRuneSet) add(i rune) {
	if i >= 0 && int(i>>6) < len(s) {
		s[i>>6] |= 1 << (i & 63)
	}
}

// Character sets for scoring, built once on first use:
//   - hanFrequent: the 1,000 or so most frequent Chinese characters, in
//     simplified and traditional form (about 1,500 in all);
//   - hanCommon: GB2312 level 1 and Big5 level 1 (the common characters
//     of each standard);
//   - kanjiCommon: JIS X 0208 level 1;
//   - hangulFrequent: about 200 most frequent Hangul syllables;
//   - hangulCommon: the 2,350 syllables of KS X 1001.
var (
	scoreTablesOnce                     sync.Once
	hanFrequent, hanCommon, kanjiCommon bitRuneSet
	hangulFrequent, hangulCommon        bitRuneSet
)

func loadScoreTables() {
	scoreTablesOnce.Do(func() {
		hanFrequent = newBitRuneSet(0xA000 - 0x4E00)
		hanCommon = newBitRuneSet(0xA000 - 0x4E00)
		kanjiCommon = newBitRuneSet(0xA000 - 0x4E00)
		hangulFrequent = newBitRuneSet(0xD7A4 - 0xAC00)
		hangulCommon = newBitRuneSet(0xD7A4 - 0xAC00)
		for _, r := range hanFrequentChars {
			hanFrequent.add(r - 0x4E00)
		}
		for _, r := range hangulFrequentChars {
			hangulFrequent.add(r - 0xAC00)
		}
		latin1252Set = bitSetOf(latin1252Frequent)
		latin1250Set = bitSetOf(latin1250Frequent)
		cyrillicSet = bitSetOf(cyrillicFrequent)
		cyrillicRareSet = bitSetOf(cyrillicRare)
		typographicSet = bitSetOf(typographicPunct)
		trail := func(lo, hi byte) []byte {
			var t []byte
			for x := int(lo); x <= int(hi); x++ {
				t = append(t, byte(x))
			}
			return t
		}
		gbTrail := trail(0xA1, 0xFE)
		big5Trail := append(trail(0x40, 0x7E), gbTrail...)
		sjisTrail := append(trail(0x40, 0x7E), trail(0x80, 0xFC)...)
		each := func(enc encoding.Encoding, lead0, lead1 byte, trails []byte, last [2]byte, set bitRuneSet, base rune) {
			t := enc.NewDecoder()
			for lead := int(lead0); lead <= int(lead1); lead++ {
				for _, tr := range trails {
					code := [2]byte{byte(lead), tr}
					if code[0] > last[0] || code[0] == last[0] && code[1] > last[1] {
						return
					}
					if r, size := decodeFirstRune(t, code[:]); size == 2 {
						set.add(r - base)
					}
				}
			}
		}
		each(simplifiedchinese.GBK, 0xB0, 0xD7, gbTrail, [2]byte{0xD7, 0xF9}, hanCommon, 0x4E00)
		each(traditionalchinese.Big5, 0xA4, 0xC6, big5Trail, [2]byte{0xC6, 0x7E}, hanCommon, 0x4E00)
		each(japanese.ShiftJIS, 0x88, 0x98, sjisTrail, [2]byte{0x98, 0x72}, kanjiCommon, 0x4E00)
		each(korean.EUCKR, 0xB0, 0xC8, gbTrail, [2]byte{0xC8, 0xFE}, hangulCommon, 0xAC00)
	})
}

// hanFrequentChars are the most frequent Chinese characters in running
// text, roughly in order, simplified forms then traditional ones.
const hanFrequentChars = "" +
	"的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵尾赞" +
	"這個們來為國說時會對發後裡裏過經麼學現當沒動還進樣實軍無長機與關點業將兩間問產種開從應戰頭體見價黨華級離況亞請際約復線斷滿視須稱嗎廣顯標談圖歷醫專費號盡較語僅隨選紅響雖勢參眾構節維劃敵陳態護興驗責營夠嚴紀採舉殺蘇訴細願錢網熱屬職樂剛狀獨彈創錯蘭試腦誰陽繼驚傷藥適衛險陸習勞財環納歡獲雲遊龍樹層衝範漢簡擔靜積餘檢靈協揮勝階審堅媽劉讀壓銀買養懷執亂幫歲優鐵稅藝陣腳惡塊頓島戶評寶釋顧貨歐換聞壞討麗監臨雜誤灣減編測敗夢溫劍漸貴槍樓縣遺祕謝魯慮銷鐘詩趕劇損舊錄葉鄉禮婦歸飯額順輸搖脫補謂療澤滅筆鮮詞聖擇尋廠煙諾倫奧賣載陰園謀榮孫頂鎮練爺館礎寧紙諸訓莊絲戲隱訪軟薩夥盤擴蓋穩億擁楊齊賽虛購揚綠貿畢輪庫跡競棄偉緩潛閃燈絡頁傑築鄭貝吳殘誠寬擺毀趙贊東兒員氣兩車條題結書聽邊覺術傳師觀讓識帶導爭運飛聯組濟親辦議證轉準遠單羅愛擊備連調團質們嗎頭麼著說話這樣為個與會來對時後過還現經"

// hangulFrequentChars are about 200 of the most frequent Hangul syllables
// in running Korean text.
const hangulFrequentChars = "이의다는에을하고가은지를기한사로리자서대나도어수정인시해아있들게구일전상부제내만주보라요것장그여적원동성국비소관마면우세였경조문방과신연등생실치까니화오미와학공물위안결개발중선무했않습네데말더없알같좀왜뭐너저많잘건걸거음때년분되된될함히러럼야죠던든씨님께잖았었겠좋싶모두래런냥진짜금각간늘처막봐줘줄쪽겨져났녀번입할울살운영회노남불단현터작합명식계교체통표업차활강호점쟁감왔갔곳속손눈밖집날밤돈길몰받드려며쓰써바심친엄빠떻뭘렇괜찮맙랑행복르게데요"
