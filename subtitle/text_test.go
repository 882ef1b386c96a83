package subtitle

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// sample reads testdata/text/name.txt: UTF-8 text, LF line ends. zh-hans
// is the start of the project's interview transcript; the others were
// written for these tests.
func textSample(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "text", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func toCRLF(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

// encoders turn UTF-8 test text into each encoding's bytes.
var textEncoders = map[string]func(string) ([]byte, error){
	"UTF-8":          func(s string) ([]byte, error) { return []byte(s), nil },
	"UTF-8 BOM":      func(s string) ([]byte, error) { return append([]byte{0xEF, 0xBB, 0xBF}, s...), nil },
	"UTF-16LE BOM":   xTextEncoder(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)),
	"UTF-16BE BOM":   xTextEncoder(unicode.UTF16(unicode.BigEndian, unicode.UseBOM)),
	"UTF-16LE":       xTextEncoder(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)),
	"UTF-16BE":       xTextEncoder(unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)),
	"GB18030":        xTextEncoder(simplifiedchinese.GB18030),
	"GBK":            xTextEncoder(simplifiedchinese.GBK),
	"Big5":           xTextEncoder(traditionalchinese.Big5),
	"Shift_JIS":      xTextEncoder(japanese.ShiftJIS),
	"EUC-KR":         xTextEncoder(korean.EUCKR),
	"Windows-1250":   xTextEncoder(charmap.Windows1250),
	"Windows-1251":   xTextEncoder(charmap.Windows1251),
	"Windows-1252":   xTextEncoder(charmap.Windows1252),
	"Latin-1 proper": xTextEncoder(charmap.ISO8859_1),
}

func xTextEncoder(e encoding.Encoding) func(string) ([]byte, error) {
	return func(s string) ([]byte, error) { return e.NewEncoder().Bytes([]byte(s)) }
}

func encodeText(t testing.TB, enc, s string) []byte {
	t.Helper()
	b, err := textEncoders[enc](s)
	if err != nil {
		t.Fatalf("encoding test text as %s: %v", enc, err)
	}
	return b
}

// checkParseError fails t unless err is a *ParseError for file that wraps
// want, at line:col (col 0: not checked), with the position in its text.
func checkTextError(t *testing.T, err error, file string, want error, line, col int) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("error = %v, want one wrapping %q", err, want)
	}
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T) is not a *ParseError", err, err)
	}
	if pe.File != file {
		t.Errorf("File = %q, want %q", pe.File, file)
	}
	if pe.Line != line || col != 0 && pe.Col != col {
		t.Errorf("position = %d:%d, want %d:%d (%v)", pe.Line, pe.Col, line, col, err)
	}
	if line > 0 && col > 0 {
		if prefix := fmt.Sprintf("%s:%d:%d: ", file, line, col); !strings.HasPrefix(err.Error(), prefix) {
			t.Errorf("message %q does not start with %q", err, prefix)
		}
	}
}

func TestDecodeTextDetectsEncoding(t *testing.T) {
	tests := []struct {
		sample string
		crlf   bool
		as     string // key of textEncoders
		want   string // encoding DecodeText reports
	}{
		{"zh-hans", false, "UTF-8", "UTF-8"},
		{"zh-hans", true, "UTF-8", "UTF-8"},
		{"zh-hans", false, "UTF-8 BOM", "UTF-8 BOM"},
		{"zh-hans", true, "UTF-8 BOM", "UTF-8 BOM"},
		{"zh-hans", false, "UTF-16LE BOM", "UTF-16LE"},
		{"zh-hans", false, "UTF-16BE BOM", "UTF-16BE"},
		{"zh-hans", false, "UTF-16LE", "UTF-16LE"},
		{"zh-hans", true, "UTF-16LE", "UTF-16LE"},
		{"zh-hans", false, "UTF-16BE", "UTF-16BE"},
		{"zh-hans", false, "GB18030", "GB18030"},
		{"zh-hans", true, "GB18030", "GB18030"},
		{"zh-hans", false, "GBK", "GB18030"},
		{"zh-en-srt", true, "GB18030", "GB18030"},
		{"zh-en-srt", true, "UTF-16LE", "UTF-16LE"},
		{"zh-hant", false, "Big5", "Big5"},
		{"zh-hant", true, "Big5", "Big5"},
		{"zh-hant", false, "GB18030", "GB18030"},
		{"zh-hant", false, "UTF-16BE", "UTF-16BE"},
		{"ja", false, "Shift_JIS", "Shift_JIS"},
		{"ja", true, "Shift_JIS", "Shift_JIS"},
		{"ja", false, "UTF-8", "UTF-8"},
		{"ko", false, "EUC-KR", "EUC-KR"},
		{"ko", true, "EUC-KR", "EUC-KR"},
		{"ko", false, "UTF-16LE BOM", "UTF-16LE"},
		{"ru", false, "Windows-1251", "Windows-1251"},
		{"ru", true, "Windows-1251", "Windows-1251"},
		{"ru", false, "UTF-8", "UTF-8"},
		{"cs", false, "Windows-1250", "Windows-1250"},
		{"cs", true, "Windows-1250", "Windows-1250"},
		{"pl", false, "Windows-1250", "Windows-1250"},
		{"fr", false, "Windows-1252", "Windows-1252"},
		{"fr", true, "Windows-1252", "Windows-1252"},
		{"de", false, "Windows-1252", "Windows-1252"},
		{"latin1", false, "Latin-1 proper", "Windows-1252"},
		{"en", false, "Windows-1252", "Windows-1252"},
		{"en", false, "UTF-8", "UTF-8"},
	}
	for _, tt := range tests {
		name := fmt.Sprintf("%s/%s", tt.sample, tt.as)
		if tt.crlf {
			name += "/CRLF"
		}
		t.Run(name, func(t *testing.T) {
			want := textSample(t, tt.sample)
			if tt.crlf {
				want = toCRLF(want)
			}
			in := encodeText(t, tt.as, want)
			text, enc, err := DecodeText("in.srt", in)
			if err != nil {
				t.Fatal(err)
			}
			if enc != tt.want {
				t.Errorf("encoding = %q, want %q", enc, tt.want)
			}
			if text != want {
				t.Errorf("text differs:\n got %.80q\nwant %.80q", text, want)
			}
			// Forcing the encoding DecodeText reported gives the same text.
			forced, err := DecodeTextAs("in.srt", in, enc)
			if err != nil || forced != want {
				t.Errorf("DecodeTextAs(%q) = %.40q, %v; want the same text", enc, forced, err)
			}
		})
	}
}

// Short inputs carry little evidence; every single line of the Chinese
// samples must still come out right.
func TestDecodeTextEachChineseLine(t *testing.T) {
	for _, tt := range []struct{ sample, as string }{
		{"zh-hans", "GB18030"},
		{"zh-hant", "Big5"},
		{"zh-hant", "GB18030"},
	} {
		for i, line := range strings.Split(strings.TrimSpace(textSample(t, tt.sample)), "\n") {
			text, enc, err := DecodeText("line", encodeText(t, tt.as, line))
			if err != nil || enc != tt.as || text != line {
				t.Errorf("%s line %d %q as %s: got %q, %q, %v", tt.sample, i+1, line, tt.as, text, enc, err)
			}
		}
	}
}

// Single lines in legacy encodings, including the English contractions
// whose curly apostrophe reads as a kanji in Shift_JIS.
func TestDecodeTextShortInputs(t *testing.T) {
	for _, tt := range []struct{ text, enc string }{
		{"I don’t know, it’s fine.", "Windows-1252"},
		{"You’re right. We’ll see.", "Windows-1252"},
		{"“Wait,” she said.", "Windows-1252"},
		{"Café au lait, s’il vous plaît.", "Windows-1252"},
		{"Straße", "Windows-1252"},
		{"Привет", "Windows-1251"},
		{"Да", "Windows-1251"},
		{"Žluťoučký kůň", "Windows-1250"},
		{"Zażółć gęślą jaźń", "Windows-1250"},
		{"你好", "GB18030"},
		{"好", "GB18030"},
		{"是的", "GB18030"},
		{"在OpenAI时期", "GB18030"},
		{"謝謝", "Big5"},
		{"你好嗎", "Big5"},
		{"ありがとう", "Shift_JIS"},
		{"はい", "Shift_JIS"},
		{"감사합니다", "EUC-KR"},
		{"네", "EUC-KR"},
	} {
		text, enc, err := DecodeText("short.txt", encodeText(t, tt.enc, tt.text))
		if err != nil || enc != tt.enc || text != tt.text {
			t.Errorf("%q in %s: got %q, %q, %v", tt.text, tt.enc, text, enc, err)
		}
	}
}

// A file larger than the 64 KiB that the guess looks at is still decoded
// whole, and an invalid byte past that prefix is found and placed.
func TestDecodeTextLargeLegacyFile(t *testing.T) {
	unit := toCRLF(textSample(t, "zh-hans"))
	want := strings.Repeat(unit, 100)
	in := encodeText(t, "GB18030", want)
	if len(in) < 3*guessPrefixSize {
		t.Fatalf("test input is only %d bytes", len(in))
	}
	text, enc, err := DecodeText("big.txt", in)
	if err != nil || enc != "GB18030" || text != want {
		t.Fatalf("got %d bytes, %q, %v; want %d bytes of GB18030", len(text), enc, err, len(want))
	}

	// Break the second character of the last line.
	lines := strings.Count(want, "\n")
	lastLine := bytes.LastIndexByte(in[:len(in)-2], '\n') + 1
	bad := append([]byte(nil), in...)
	bad[lastLine+2] = 0xFF
	_, _, err = DecodeText("big.txt", bad)
	checkTextError(t, err, "big.txt", ErrEncoding, lines, 3)
	if !strings.Contains(err.Error(), "0xFF") || !strings.Contains(err.Error(), "GB18030") {
		t.Errorf("message %q should name the byte and the encoding", err)
	}
}

func TestDecodeTextEmpty(t *testing.T) {
	for _, in := range []string{
		"",
		" ",
		"\r\n\r\n",
		" \t\n\v\f\r ",
		"\x1A",
		"\xEF\xBB\xBF",
		"\xEF\xBB\xBF \r\n",
		"\xFF\xFE",
		"\xFF\xFE \x00\n\x00",
		"\xFE\xFF\x00 \x30\x00",    // UTF-16BE: space, ideographic space
		"\xA1\xA1\r\n\xA1\xA1\r\n", // GB18030 ideographic spaces
	} {
		text, enc, err := DecodeText("blank.srt", []byte(in))
		if text != "" || enc != "" {
			t.Errorf("DecodeText(%q) = %q, %q; want nothing with the error", in, text, enc)
		}
		checkTextError(t, err, "blank.srt", ErrEmpty, 0, 0)
	}
}

// firstControl is a plain restatement of where DecodeText must report a
// control byte in an ASCII-compatible input, to check random inputs.
func refFirstControl(b []byte) (line, col int) {
	line, start := 1, 0
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '\n' || c == '\r' && (i+1 == len(b) || b[i+1] != '\n'):
			line, start = line+1, i+1
		case c == '\r' || c == '\t' || c == '\v' || c == '\f':
		case c < 0x20 || c == 0x7F:
			return line, i - start + 1
		}
	}
	return 0, 0
}

func TestDecodeTextBinary(t *testing.T) {
	rng := rand.New(rand.NewSource(42))
	random := make([]byte, 4096)
	rng.Read(random)
	for i := 100; i < len(random); i += 97 {
		random[i] = 0
	}
	rl, rc := refFirstControl(random)

	tests := []struct {
		name      string
		in        string
		line, col int
	}{
		{"png", "\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", 2, 1},
		{"nul", "hello\x00world", 1, 6},
		{"bell in srt", "1\r\n00:00:01,000 --> 00:00:02,000\r\nHi\x07\r\n", 3, 3},
		{"escape after lone CR", "a\rb\x1Bc", 2, 2},
		{"elf", "\x7FELF\x02\x01\x01\x00\x00", 1, 1},
		{"Ctrl-Z before the end", "abc\x1Adef", 1, 4},
		{"GB18030 text then NUL", "\xB4\xF3\xBC\xD2\xBA\xC3\n\xB0\xA1\x00", 2, 3},
		{"UTF-8 BOM then NUL", "\xEF\xBB\xBFok\n\x00", 2, 1},
		{"UTF-16LE BOM then NUL", "\xFF\xFEh\x00i\x00\n\x00\x00\x00", 2, 1},
		{"UTF-16LE then control", "a\x00\r\x00\n\x00b\x00\x01\x00", 2, 3},
		{"UTF-16BE then NUL", "\x00a\x00\r\x00b\x00\x00", 2, 3},
		{"random bytes with NULs", string(random), rl, rc},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, enc, err := DecodeText("data.bin", []byte(tt.in))
			if text != "" || enc != "" {
				t.Errorf("got %q, %q with the error", text, enc)
			}
			checkTextError(t, err, "data.bin", ErrBinary, tt.line, tt.col)
		})
	}
}

func TestDecodeTextInvalid(t *testing.T) {
	// A UTF-8 file with one stray byte: reported, not read as GB18030.
	zh := strings.Split(textSample(t, "zh-hans"), "\n")
	zh[2] = zh[2][:6] + "\xFF" + zh[2][6:]
	strayByte := strings.Join(zh, "\n")

	tests := []struct {
		name, in  string
		line, col int
		msg       string
	}{
		{"UTF-8 BOM, bad byte", "\xEF\xBB\xBFok\r\n\xFFno", 2, 1, "not valid UTF-8"},
		{"UTF-8 with a stray byte", strayByte, 3, 7, "byte 0xFF is not valid UTF-8"},
		{"UTF-8 BOM, cut sequence", "\xEF\xBB\xBF\xE4\xB8\xAD\xE4\xB8", 1, 7, "not valid UTF-8"},
		{"UTF-16LE odd length", "\xFF\xFEa\x00b", 1, 5, "odd number of bytes"},
		{"UTF-16BE lone low surrogate", "\xFE\xFF\x00a\x00\n\xDC\x00", 2, 1, "unpaired surrogate 0xDC00"},
		{"UTF-16LE high surrogate at end", "\xFF\xFEa\x00\x00\xD8", 1, 5, "unpaired surrogate 0xD800"},
		{"UTF-16LE high surrogate then letter", "a\x00\n\x00\x00\xD8b\x00", 2, 1, "unpaired surrogate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := DecodeText("bad.txt", []byte(tt.in))
			checkTextError(t, err, "bad.txt", ErrEncoding, tt.line, tt.col)
			if err != nil && !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("message %q does not say %q", err, tt.msg)
			}
		})
	}
}

func TestDecodeTextKeepsValidUTF8(t *testing.T) {
	for _, in := range []string{
		"plain ASCII",
		"tab\tvertical tab\vform feed\fend",
		"中文\r\n字幕\r\n",
		"old Mac\rline ends\r",
		"mid-text \uFEFF BOM stays",
		"C1 \u0085 and noncharacter \uFFFF are valid UTF-8",
		"emoji 😀 and U+10FFFF \U0010FFFF",
		"  leading and trailing space  \n",
	} {
		text, enc, err := DecodeText("ok.txt", []byte(in))
		if err != nil || enc != "UTF-8" || text != in {
			t.Errorf("DecodeText(%q) = %q, %q, %v; want it unchanged, UTF-8", in, text, enc, err)
		}
	}
}

func TestDecodeTextDropsEOFMark(t *testing.T) {
	tests := []struct{ in, want, enc string }{
		{"hello\r\n\x1A", "hello\r\n", "UTF-8"},
		{"\xEF\xBB\xBFhello\x1A", "hello", "UTF-8 BOM"},
		{"\xC4\xE3\xBA\xC3\xCA\xC0\xBD\xE7\r\n\x1A", "你好世界\r\n", "GB18030"},
		{"h\x00i\x00\n\x00\x1A\x00", "hi\n", "UTF-16LE"},
	}
	for _, tt := range tests {
		text, enc, err := DecodeText("eof.txt", []byte(tt.in))
		if err != nil || text != tt.want || enc != tt.enc {
			t.Errorf("DecodeText(%q) = %q, %q, %v; want %q, %q", tt.in, text, enc, err, tt.want, tt.enc)
		}
	}
}

func TestDecodeTextAs(t *testing.T) {
	zhHans, zhHant := textSample(t, "zh-hans"), textSample(t, "zh-hant")
	ja, ko, fr := textSample(t, "ja"), textSample(t, "ko"), textSample(t, "fr")
	tests := []struct {
		encoding string
		in       []byte
		want     string
	}{
		{"GB18030", encodeText(t, "GB18030", zhHans), zhHans},
		{"gbk", encodeText(t, "GBK", zhHans), zhHans},
		{" GB2312 ", encodeText(t, "GB18030", zhHans), zhHans},
		{"cp936", encodeText(t, "GB18030", zhHant), zhHant},
		{"big5", encodeText(t, "Big5", zhHant), zhHant},
		{"CP950", encodeText(t, "Big5", zhHant), zhHant},
		{"shift_jis", encodeText(t, "Shift_JIS", ja), ja},
		{"Shift-JIS", encodeText(t, "Shift_JIS", ja), ja},
		{"sjis", encodeText(t, "Shift_JIS", ja), ja},
		{"cp932", encodeText(t, "Shift_JIS", ja), ja},
		{"euc-kr", encodeText(t, "EUC-KR", ko), ko},
		{"CP949", encodeText(t, "EUC-KR", ko), ko},
		{"cp1250", encodeText(t, "Windows-1250", textSample(t, "cs")), textSample(t, "cs")},
		{"windows-1251", encodeText(t, "Windows-1251", textSample(t, "ru")), textSample(t, "ru")},
		{"cp1252", encodeText(t, "Windows-1252", fr), fr},
		{"latin1", encodeText(t, "Windows-1252", fr), fr},
		{"ISO-8859-1", encodeText(t, "Latin-1 proper", textSample(t, "latin1")), textSample(t, "latin1")},
		{"latin1", []byte("undefined \x81 and \x80"), "undefined \u0081 and €"},
		// Forcing a legacy encoding reads bytes the guess would not pick:
		// Windows-1251 text as Windows-1252.
		{"cp1252", encodeText(t, "Windows-1251", "Привет"), "Ïðèâåò"},
		{"utf8", []byte(zhHans), zhHans},
		{"UTF-8", encodeText(t, "UTF-8 BOM", zhHans), zhHans},
		{"utf-16", encodeText(t, "UTF-16LE", zhHans), zhHans},
		{"utf-16", encodeText(t, "UTF-16BE", zhHans), zhHans},
		{"UTF-16", encodeText(t, "UTF-16BE BOM", ja), ja},
		{"utf-16le", encodeText(t, "UTF-16LE BOM", ko), ko},
		{"utf-16be", encodeText(t, "UTF-16BE", ko), ko},
		{"utf-16", []byte("h\x00i\x00"), "hi"},
	}
	for _, tt := range tests {
		text, err := DecodeTextAs("in.srt", tt.in, tt.encoding)
		if err != nil || text != tt.want {
			t.Errorf("DecodeTextAs(%q) = %.40q, %v; want %.40q", tt.encoding, text, err, tt.want)
		}
	}
}

func TestDecodeTextAsErrors(t *testing.T) {
	tests := []struct {
		encoding, in string
		want         error
		line, col    int
	}{
		{"sjis", "abc\n\xFF", ErrEncoding, 2, 1},
		{"gbk", "ok\r\nok\r\n\x81 x", ErrEncoding, 3, 1},
		{"big5", "\xA4", ErrEncoding, 1, 1},
		{"euc-kr", "x\n\xB0\xA1\xB0", ErrEncoding, 2, 3},
		{"utf-8", "\xEF\xBB\xBFok\n\xC0\x80", ErrEncoding, 2, 1},
		{"utf-16le", "a\x00\xD8", ErrEncoding, 1, 3},
		{"gb18030", "", ErrEmpty, 0, 0},
		{"utf-16", "\xFF\xFE", ErrEmpty, 0, 0},
		{"cp1252", "  \r\n", ErrEmpty, 0, 0},
		{"gbk", "a\x00b", ErrBinary, 1, 2},
		{"utf-8", "\xEF\xBB\xBF\x01", ErrBinary, 1, 4},
		{"utf-16be", "\x00a\x00\x00", ErrBinary, 1, 3},
	}
	for _, tt := range tests {
		t.Run(tt.encoding+" "+fmt.Sprintf("%q", tt.in), func(t *testing.T) {
			text, err := DecodeTextAs("in.srt", []byte(tt.in), tt.encoding)
			if text != "" {
				t.Errorf("text = %q with an error", text)
			}
			checkTextError(t, err, "in.srt", tt.want, tt.line, tt.col)
			if tt.want == ErrEncoding && !strings.Contains(err.Error(), "valid") {
				t.Errorf("message %q does not say what is invalid", err)
			}
		})
	}
}

func TestDecodeTextAsUnknownEncoding(t *testing.T) {
	for _, name := range []string{"klingon", "", "utf-7", "ebcdic"} {
		_, err := DecodeTextAs("in.srt", []byte("hello"), name)
		if !errors.Is(err, ErrEncoding) {
			t.Fatalf("DecodeTextAs(%q): error %v does not wrap ErrEncoding", name, err)
		}
		var pe *ParseError
		if errors.As(err, &pe) {
			t.Errorf("DecodeTextAs(%q): a bad encoding name is not a position in the file: %v", name, err)
		}
		for _, accepted := range Encodings() {
			if !strings.Contains(err.Error(), accepted) {
				t.Errorf("message %q does not list %s", err, accepted)
			}
		}
	}
}

func TestEncodingsAreAccepted(t *testing.T) {
	names := Encodings()
	if len(names) < 11 {
		t.Fatalf("Encodings() = %v", names)
	}
	// Every canonical name, in any case, and every name DecodeText reports.
	for _, name := range append(names, "UTF-8 BOM", "utf-8 bom") {
		for _, n := range []string{name, strings.ToLower(name), strings.ToUpper(name)} {
			in := []byte("hi")
			switch strings.ToUpper(name) {
			case "UTF-32LE":
				in = []byte{'h', 0, 0, 0}
			case "UTF-32BE":
				in = []byte{0, 0, 0, 'h'}
			}
			if _, err := DecodeTextAs("in.txt", in, n); err != nil {
				t.Errorf("DecodeTextAs(%q): %v", n, err)
			}
		}
	}
}

// BenchmarkDecodeText decodes 15 MB inputs: the Chinese sample in UTF-8,
// GB18030 (guessed, so the legacy path with scoring) and UTF-16LE
// (guessed from the NUL bytes), the Traditional Chinese one in Big5 and
// the Russian one in Windows-1251.
func BenchmarkDecodeText(b *testing.B) {
	const size = 15 << 20
	for _, tt := range []struct{ sample, enc string }{
		{"zh-hans", "UTF-8"},
		{"zh-hans", "GB18030"},
		{"zh-hans", "UTF-16LE"},
		{"zh-hant", "Big5"},
		{"ru", "Windows-1251"},
	} {
		unit := toCRLF(textSample(b, tt.sample))
		n := size/len(encodeText(b, tt.enc, unit)) + 1
		src := strings.Repeat(unit, n)
		in := encodeText(b, tt.enc, src)
		b.Run(fmt.Sprintf("%s-%dMB", tt.enc, len(in)>>20), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				out, got, err := DecodeText("big.srt", in)
				if err != nil || got != tt.enc || len(out) != len(src) {
					b.Fatalf("got %d bytes, %q, %v", len(out), got, err)
				}
			}
		})
	}
}

// GB18030 can spell U+FFFD itself (84 31 A4 37); that is text, not an
// invalid byte, but must not hide a real invalid byte next to it.
func TestDecodeTextGB18030SpelledReplacement(t *testing.T) {
	zh := encodeText(t, "GB18030", "你好，世界\r\n")
	in := append(append([]byte{}, zh...), "\x84\x31\xA4\x37"...)
	text, err := DecodeTextAs("r.txt", in, "gb18030")
	if err != nil || text != "你好，世界\r\n\uFFFD" {
		t.Errorf("got %q, %v", text, err)
	}
	// 0x81 0x84 is a character; then "1", and A4 37 is invalid.
	in = append(append([]byte{}, zh...), "\x81\x84\x31\xA4\x37"...)
	_, err = DecodeTextAs("r.txt", in, "gb18030")
	checkTextError(t, err, "r.txt", ErrEncoding, 2, 4)
}

// UTF-32 is read with a BOM and without one, in both byte orders; bad
// units are errors with their line.
func TestDecodeUTF32(t *testing.T) {
	text := "1\r\n00:00:01,000 --> 00:00:02,000\r\n你好, world 🙂\r\n"
	enc := func(s string, bigEndian bool) []byte {
		var b []byte
		for _, r := range s {
			u := uint32(r)
			if bigEndian {
				b = append(b, byte(u>>24), byte(u>>16), byte(u>>8), byte(u))
			} else {
				b = append(b, byte(u), byte(u>>8), byte(u>>16), byte(u>>24))
			}
		}
		return b
	}
	for _, c := range []struct {
		in   []byte
		name string
	}{
		{enc("\ufeff"+text, false), "UTF-32LE"},
		{enc("\ufeff"+text, true), "UTF-32BE"},
		{enc(text, false), "UTF-32LE"},
		{enc(text, true), "UTF-32BE"},
	} {
		got, name, err := DecodeText("in.srt", c.in)
		if err != nil || got != text || name != c.name {
			t.Errorf("%s: %q %s %v", c.name, got, name, err)
		}
	}
	bad := append(enc("ab\ncd", false), 0, 0, 0x11, 0)
	_, err := DecodeTextAs("bad.srt", bad, "utf-32le")
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 2 || pe.Col != 9 || !errors.Is(err, ErrEncoding) {
		t.Errorf("bad unit: %v", err)
	}
	// UTF-16 text is not taken for UTF-32.
	if _, name, _ := DecodeText("in.srt", []byte("h\x00i\x00!\x00?\x00")); name != "UTF-16LE" {
		t.Errorf("UTF-16LE read as %s", name)
	}
}

// TestDecodeTextNoEvidence: a few bytes that are not UTF-8 in an otherwise
// ASCII file are not read as a legacy code page they happen to fit
// ("hello яюГ(" in Windows-1251): the error names the line and the byte.
func TestDecodeTextNoEvidence(t *testing.T) {
	b := []byte("1\n00:00:01,000 --> 00:00:02,000\nhello \xff\xfe\xc3(\n")
	text, enc, err := DecodeText("x.srt", b)
	if err == nil {
		t.Fatalf("decoded as %s: %q; want an error", enc, text)
	}
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 3 || pe.Col != 7 || !errors.Is(err, ErrEncoding) {
		t.Fatalf("error %v, want x.srt:3:7 wrapping ErrEncoding", err)
	}
}
