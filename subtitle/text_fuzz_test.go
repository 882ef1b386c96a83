package subtitle

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecodeText checks, for any input:
//   - DecodeText and DecodeTextAs never panic;
//   - on success the text is valid UTF-8, not blank, and the encoding is
//     one DecodeText documents; forcing that encoding gives the same text;
//   - on failure the error is a *ParseError for the file, wrapping
//     ErrEmpty, ErrBinary or ErrEncoding, with a sane position;
//   - valid UTF-8 without a BOM, NULs or other control characters comes
//     back unchanged as "UTF-8" (unless it is blank).
func FuzzDecodeText(f *testing.F) {
	for _, name := range []string{"zh-hans", "zh-hant", "ja", "ko", "ru", "cs", "fr"} {
		s := textSample(f, name)
		if len(s) > 600 {
			s = s[:strings.LastIndexByte(s[:600], '\n')+1]
		}
		for _, enc := range []string{"UTF-8", "UTF-8 BOM", "UTF-16LE", "UTF-16BE BOM",
			"GB18030", "Big5", "Shift_JIS", "EUC-KR", "Windows-1250", "Windows-1251", "Windows-1252"} {
			if b, err := textEncoders[enc](s); err == nil {
				f.Add(b, uint8(len(b)))
			}
		}
	}
	for _, s := range []string{
		"", " \r\n", "\xEF\xBB\xBF", "\xFF\xFE", "\xFE\xFF\x00", "a\x1A", "\x1A\x1A",
		"\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR", "a\x00b\x00\xD8", "\x00\xD8\x00\xDC",
		"\x84\x31\xA4\x37\n\x81", "\xA4\x40\xA4", "\x81\x30\x81", "ok\r\n\xE4\xB8",
	} {
		f.Add([]byte(s), uint8(len(s)))
	}

	known := map[string]bool{}
	for _, e := range []string{"UTF-8", "UTF-8 BOM", "UTF-16LE", "UTF-16BE", "GB18030", "Big5",
		"Shift_JIS", "EUC-KR", "Windows-1250", "Windows-1251", "Windows-1252"} {
		known[e] = true
	}
	forcible := Encodings()

	f.Fuzz(func(t *testing.T, b []byte, pick uint8) {
		in := append([]byte(nil), b...)
		text, enc, err := DecodeText("fuzz.txt", b)
		if !bytes.Equal(in, b) {
			t.Fatal("DecodeText modified its input")
		}
		if err != nil {
			checkFuzzError(t, err)
			if text != "" || enc != "" {
				t.Fatalf("got %q, %q along with error %v", text, enc, err)
			}
		} else {
			if !utf8.ValidString(text) {
				t.Fatalf("invalid UTF-8 output %q (encoding %s)", text, enc)
			}
			if strings.TrimSpace(text) == "" {
				t.Fatalf("blank output %q without ErrEmpty", text)
			}
			if !known[enc] {
				t.Fatalf("undocumented encoding name %q", enc)
			}
			forced, err := DecodeTextAs("fuzz.txt", b, enc)
			if err != nil || forced != text {
				t.Fatalf("DecodeTextAs(%q) = %q, %v; DecodeText gave %q", enc, forced, err, text)
			}
		}

		if plainUTF8(b) {
			if err != nil {
				if !errors.Is(err, ErrEmpty) {
					t.Fatalf("valid UTF-8 %q: %v", b, err)
				}
			} else if text != string(b) || enc != "UTF-8" {
				t.Fatalf("valid UTF-8 %q came back as %q, %q", b, text, enc)
			}
		}

		// The lenient reading agrees where DecodeText succeeds, and
		// otherwise reads what DecodeText refuses as invalid bytes.
		ltext, lenc, ws, lerr := DecodeTextLenient("fuzz.txt", b)
		switch {
		case err == nil && (lerr != nil || ltext != text || lenc != enc || len(ws) != 0):
			t.Fatalf("DecodeTextLenient = %q, %q, %v, %v; DecodeText gave %q, %q", ltext, lenc, ws, lerr, text, enc)
		case lerr != nil:
			checkFuzzError(t, lerr)
		case !utf8.ValidString(ltext):
			t.Fatalf("DecodeTextLenient: invalid UTF-8 output %q", ltext)
		case err != nil && (len(ws) != 1 || ws[0].Line < 1 || !strings.Contains(ltext, "\uFFFD")):
			t.Fatalf("DecodeTextLenient read %q (DecodeText: %v) with warnings %v", ltext, err, ws)
		}

		// Any forced encoding: no panic, valid output or a proper error.
		forcedEnc := forcible[int(pick)%len(forcible)]
		forced, err := DecodeTextAs("fuzz.txt", b, forcedEnc)
		if err != nil {
			checkFuzzError(t, err)
		} else if !utf8.ValidString(forced) {
			t.Fatalf("DecodeTextAs(%q): invalid UTF-8 output %q", forcedEnc, forced)
		}
	})
}

// plainUTF8 reports whether b is valid UTF-8 with no BOM and no control
// character other than tab, LF, VT, FF and CR.
func plainUTF8(b []byte) bool {
	if !utf8.Valid(b) || bytes.HasPrefix(b, []byte("\uFEFF")) {
		return false
	}
	for _, c := range b {
		if c < 0x20 && !strings.ContainsRune("\t\n\v\f\r", rune(c)) || c == 0x7F {
			return false
		}
	}
	return true
}

func checkFuzzError(t *testing.T, err error) {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T) is not a *ParseError", err, err)
	}
	if pe.File != "fuzz.txt" {
		t.Fatalf("File = %q", pe.File)
	}
	n := 0
	for _, s := range []error{ErrEmpty, ErrBinary, ErrEncoding} {
		if errors.Is(err, s) {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("error %v wraps %d of ErrEmpty, ErrBinary, ErrEncoding", err, n)
	}
	if errors.Is(err, ErrEmpty) != (pe.Line == 0) || pe.Line < 0 || (pe.Line > 0) != (pe.Col > 0) {
		t.Fatalf("bad position %d:%d in %v", pe.Line, pe.Col, err)
	}
}
