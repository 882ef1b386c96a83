package subtitle

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzEncodeWriter checks, for any valid UTF-8 text written in two
// pieces cut anywhere (inside a character too), in GB18030, UTF-16 and
// Shift_JIS with CR line ends:
//   - the pieces give the bytes the whole text gives;
//   - UTF-16 holds every character, GB18030 every one but a few
//     private-use ones it would read back as others: the bytes decode
//     back to the text (line ends aside);
//   - otherwise the writer fails with an *EncodeError naming a
//     character of the text (Shift_JIS: any it has not).
func FuzzEncodeWriter(f *testing.F) {
	for _, s := range []string{"", "a\nb", "你好\n世界", "😀x", "Привет\r\nмир", "é", "\u3000\n"} {
		f.Add(s, uint(1))
	}
	f.Fuzz(func(t *testing.T, s string, cut uint) {
		if !utf8.ValidString(s) {
			return
		}
		s = strings.ReplaceAll(s, "\r", "")
		k := int(cut % uint(len(s)+1))
		for _, name := range []string{"GB18030", "UTF-16", "Shift_JIS"} {
			c, err := lookupOutputEncoding(name)
			if err != nil {
				t.Fatal(err)
			}
			st := &outputSetup{codec: c, lineCR: true}
			var whole, pieces bytes.Buffer
			ew := newEncodeWriter(&whole, st)
			_, err1 := ew.Write([]byte(s))
			if err1 == nil {
				err1 = ew.Close()
			}
			ew = newEncodeWriter(&pieces, st)
			_, err2 := ew.Write([]byte(s[:k]))
			if err2 == nil {
				_, err2 = ew.Write([]byte(s[k:]))
			}
			if err2 == nil {
				err2 = ew.Close()
			}
			if (err1 == nil) != (err2 == nil) {
				t.Fatalf("%s: whole %v, in pieces %v", name, err1, err2)
			}
			if err1 != nil {
				var ee *EncodeError
				if !errors.As(err1, &ee) || !strings.ContainsRune(s, ee.Char) ||
					name == "UTF-16" || name == "GB18030" && !unicode.Is(unicode.Co, ee.Char) {
					t.Fatalf("%s: %q: %v", name, s, err1)
				}
				continue
			}
			if !bytes.Equal(whole.Bytes(), pieces.Bytes()) {
				t.Fatalf("%s: %q cut at %d: pieces give other bytes", name, s, k)
			}
			if name == "Shift_JIS" {
				continue
			}
			dec, err := lookupEncodingDecode(name, whole.Bytes())
			if err != nil {
				t.Fatalf("%s: %q: %v", name, s, err)
			}
			if want := strings.ReplaceAll(s, "\n", "\r"); dec != want {
				t.Fatalf("%s: %q reads back %q", name, s, dec)
			}
		}
	})
}

// lookupEncodingDecode decodes b in the encoding named, without the
// checks for control characters and blank text DecodeTextAs makes.
func lookupEncodingDecode(name string, b []byte) (string, error) {
	if name == "UTF-16" {
		b = bytes.TrimPrefix(b, textBOMUTF16LE)
		var sb strings.Builder
		for i := 0; i+1 < len(b); i += 2 {
			u := rune(b[i]) | rune(b[i+1])<<8
			if 0xD800 <= u && u < 0xDC00 && i+3 < len(b) {
				lo := rune(b[i+2]) | rune(b[i+3])<<8
				sb.WriteRune(0x10000 + (u-0xD800)<<10 + (lo - 0xDC00))
				i += 2
				continue
			}
			sb.WriteRune(u)
		}
		return sb.String(), nil
	}
	c, _ := lookupEncoding(name)
	return string(c.decode(b)), nil
}
