package extcheck

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// pythonCodecs maps encoding names as subtitle spells them to the names of
// Python's codecs.
var pythonCodecs = map[string]string{
	"UTF-8": "utf-8", "UTF-8 BOM": "utf-8-sig", "UTF-16": "utf-16",
	"UTF-16LE": "utf-16-le", "UTF-16BE": "utf-16-be", "UTF-32LE": "utf-32-le", "UTF-32BE": "utf-32-be",
	"GBK": "gbk", "GB18030": "gb18030", "Big5": "big5", "Shift_JIS": "shift_jis", "EUC-KR": "euc_kr",
}

// PythonCodec is the name of Python's codec for an encoding as subtitle
// names it ("Windows-1251" is cp1251), or "" when there is none.
func PythonCodec(enc string) string {
	if n, ok := pythonCodecs[enc]; ok {
		return n
	}
	if n, ok := strings.CutPrefix(enc, "Windows-"); ok {
		return "cp" + n
	}
	return ""
}

// Encoded is text in an encoding, as subtitle names it, for DecodeTexts.
type Encoded struct {
	Bytes    []byte
	Encoding string
}

// DecodeTexts decodes each text with Python's codecs, strictly: a byte
// the codec does not define fails the test. It is the independent reader
// for text subkit writes in other encodings than UTF-8, one python3 run
// for them all. Without python3 the test is skipped (fails in CI). A BOM
// is kept as U+FEFF except for "UTF-8 BOM" and "UTF-16", whose codecs
// remove it.
func DecodeTexts(t testing.TB, texts []Encoded) []string {
	t.Helper()
	py := RequireTool(t, "python3")
	if py == "" {
		return nil
	}
	dir := t.TempDir()
	var list strings.Builder
	for i, x := range texts {
		codec := PythonCodec(x.Encoding)
		if codec == "" {
			t.Fatalf("extcheck: no Python codec for %q", x.Encoding)
		}
		in := filepath.Join(dir, fmt.Sprintf("in%d", i))
		if err := os.WriteFile(in, x.Bytes, 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&list, "%s\t%s\t%s.out\n", codec, in, in)
	}
	listFile := filepath.Join(dir, "list")
	if err := os.WriteFile(listFile, []byte(list.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	const script = `import sys
for line in open(sys.argv[1], encoding='utf-8'):
    codec, src, dst = line.rstrip('\n').split('\t')
    try:
        text = open(src, 'rb').read().decode(codec, 'strict')
    except UnicodeError as e:
        sys.exit('%s as %s: %s' % (src, codec, e))
    open(dst, 'wb').write(text.encode('utf-8'))`
	_, stderr, status := run(t, 2*time.Minute, dir, py, "-c", script, listFile)
	if status != 0 {
		t.Fatalf("python3 cannot decode a text: %s", tail(stderr))
	}
	out := make([]string, len(texts))
	for i := range texts {
		b, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("in%d.out", i)))
		if err != nil {
			t.Fatal(err)
		}
		out[i] = string(b)
	}
	return out
}
