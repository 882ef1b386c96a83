package uglycorpus_test

// Robustness of the readers: every file of the ugly corpus and of the
// public conformance suites in ../shared/conformance goes through
// subtitle.Decode. Nothing may panic; every error must be a
// *subtitle.ParseError naming the file; what reads must hold the expected
// cues and encode to SRT, WebVTT and TTML.
//
// A case whose expectation today's readers miss is marked KnownFailure
// (in corpus.go for the corpus, in conformanceKnown below for the suites)
// and skipped with its reason; once a reader meets the expectation the
// test fails until the mark is deleted, so marks cannot go stale.
//
// The 1,000,000-cue file (about 72 MB) is written and read only in the
// long run (see internal/longtest):
//
//	SUBKIT_LONG=1 go test -run TestCorpus/srt-1m ./internal/uglycorpus
//
// It is slow: about a minute on 2 cores when it was measured, more
// under -race.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/internal/longtest"
	"github.com/subkit-dev/subkit/internal/uglycorpus"
	"github.com/subkit-dev/subkit/subtitle"
)

var sentinels = map[string]error{
	"empty":    subtitle.ErrEmpty,
	"binary":   subtitle.ErrBinary,
	"encoding": subtitle.ErrEncoding,
	"syntax":   subtitle.ErrSyntax,
}

func TestCorpus(t *testing.T) {
	huge := longtest.On() && !testing.Short()
	files, err := uglycorpus.Write(t.TempDir(), uglycorpus.Options{Huge: huge})
	if err != nil {
		t.Fatal(err)
	}
	if !huge {
		t.Log("the 1,000,000-cue file is read only with SUBKIT_LONG=1")
	}
	names := map[string]bool{}
	for _, f := range files {
		if names[f.Name] {
			t.Fatalf("two corpus files named %s", f.Name)
		}
		names[f.Name] = true
		t.Run(f.Name, func(t *testing.T) {
			b, err := os.ReadFile(f.Path)
			if err != nil {
				t.Fatal(err)
			}
			doc, info, err := decode(t, f.Path, b, subtitle.ReadOptions{})
			checkError(t, f.Path, err)
			report(t, f.Note, f.KnownFailure, expectations(f, doc, info, err))
		})
	}
}

// expectations lists how the result of reading f misses what f expects.
func expectations(f uglycorpus.File, doc *subtitle.Document, info *subtitle.ReadInfo, err error) []string {
	var miss []string
	if f.Expect == uglycorpus.Error {
		switch {
		case err == nil:
			miss = append(miss, fmt.Sprintf("read with no error (%d cues); want an error", len(doc.Cues)))
		case f.Err != "" && !errors.Is(err, sentinels[f.Err]):
			miss = append(miss, fmt.Sprintf("error %q does not wrap the %s error (subtitle.%v)", short(err.Error()), f.Err, sentinels[f.Err]))
		}
		return miss
	}
	if err != nil {
		return append(miss, fmt.Sprintf("error: %s", short(err.Error())))
	}
	if doc == nil {
		return append(miss, "no error and no document")
	}
	switch {
	case f.Expect == uglycorpus.OK && len(info.Warnings) > 0:
		miss = append(miss, fmt.Sprintf("%d warnings, want none; first: %s", len(info.Warnings), short(info.Warnings[0].String())))
	case f.Expect == uglycorpus.Warn && len(info.Warnings) == 0:
		miss = append(miss, "no warning, want at least one")
	}
	if len(doc.Cues) != f.Cues {
		miss = append(miss, fmt.Sprintf("%d cues, want %d", len(doc.Cues), f.Cues))
	}
	if f.Encoding != "" && info.Encoding != f.Encoding {
		miss = append(miss, fmt.Sprintf("encoding %q, want %q", info.Encoding, f.Encoding))
	}
	var texts []string
	if len(f.Texts) > 0 {
		for _, c := range doc.Cues {
			texts = append(texts, strings.Join(c.PlainLines(), "\n"))
		}
	}
	for _, want := range f.Texts {
		if !slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, want) }) {
			miss = append(miss, fmt.Sprintf("no cue has the text %q", short(want)))
		}
	}
	if f.Times != nil {
		var got, want []string
		for _, c := range doc.Cues {
			got = append(got, fmt.Sprintf("%v-%v", c.Start, c.End))
		}
		for _, tm := range f.Times {
			want = append(want, fmt.Sprintf("%v-%v", tm.Start, tm.End))
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			miss = append(miss, fmt.Sprintf("cue times %s, want %s", short(strings.Join(got, " ")), short(strings.Join(want, " "))))
		}
	}
	return append(miss, encodeAll(doc)...)
}

// report fails the test with what was missed, or skips a known failure.
func report(t *testing.T, note, known string, miss []string) {
	t.Helper()
	switch {
	case known != "" && len(miss) > 0:
		t.Skipf("known failure: %s (%s)", known, strings.Join(miss, "; "))
	case known != "":
		t.Errorf("marked as a known failure (%s) but now meets every expectation: delete the mark", known)
	case len(miss) > 0:
		t.Errorf("%s:\n\t%s", note, strings.Join(miss, "\n\t"))
	}
}

// decode calls subtitle.Decode, turning a panic into a test failure.
func decode(t *testing.T, name string, b []byte, o subtitle.ReadOptions) (doc *subtitle.Document, info *subtitle.ReadInfo, err error) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("subtitle.Decode panicked: %v\n%s", r, debug.Stack())
		}
	}()
	return subtitle.Decode(name, b, o)
}

// checkError fails unless err is nil or a *subtitle.ParseError naming name.
func checkError(t *testing.T, name string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var pe *subtitle.ParseError
	switch {
	case !errors.As(err, &pe):
		t.Errorf("error is a %T, not a *subtitle.ParseError: %s", err, short(err.Error()))
	case pe.File != name:
		t.Errorf("ParseError names %q, want %q: %s", pe.File, name, short(err.Error()))
	}
}

// encodeAll writes doc in every text format, returning what failed.
func encodeAll(doc *subtitle.Document) (miss []string) {
	for _, f := range subtitle.TextFormats() {
		func() {
			defer func() {
				if r := recover(); r != nil {
					miss = append(miss, fmt.Sprintf("Encode %v panicked: %v", f, r))
				}
			}()
			if err := subtitle.Encode(io.Discard, doc, f, subtitle.EncodeOptions{}); err != nil {
				miss = append(miss, fmt.Sprintf("Encode %v: %s", f, short(err.Error())))
			}
		}()
	}
	return miss
}

// short cuts long texts (the corpus has a 70 KB line) for messages.
func short(s string) string {
	if len(s) > 200 {
		return strconv.Quote(s[:120]) + fmt.Sprintf("... (%d bytes)", len(s))
	}
	return s
}

// conformanceKnown marks the conformance files, by path below
// ../shared/conformance, whose expected cue count today's readers
// miss.
var conformanceKnown = map[string]string{}

// conformanceCase is one input from the public suites.
type conformanceCase struct {
	rel  string // below the conformance folder
	path string
	data []byte
	cues int // expected cue count; -1 unknown; 0 means none or an error
}

func TestConformance(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "conformance")
	extcheck.KeyOn(t, root)
	if _, err := os.Stat(root); err != nil {
		extcheck.Missing(t, root, "../shared must sit beside the project: "+err.Error())
	}
	cases, err := conformanceCases(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 50 {
		t.Fatalf("found only %d conformance inputs under %s", len(cases), root)
	}
	for _, c := range cases {
		t.Run(c.rel, func(t *testing.T) {
			var o subtitle.ReadOptions
			if strings.Contains(c.rel, "webvtt") {
				o.Format = subtitle.WebVTT
			}
			doc, _, err := decode(t, c.path, c.data, o)
			checkError(t, c.path, err)
			var miss []string
			switch {
			case err != nil && c.cues > 0:
				miss = append(miss, fmt.Sprintf("error %s; want %d cues", short(err.Error()), c.cues))
			case err != nil:
			case c.cues >= 0 && len(doc.Cues) != c.cues:
				miss = append(miss, fmt.Sprintf("%d cues, want %d", len(doc.Cues), c.cues))
			}
			if err == nil {
				miss = append(miss, encodeAll(doc)...)
			}
			report(t, c.rel, conformanceKnown[c.rel], miss)
		})
	}
}

var cueCountRE = regexp.MustCompile(`assert_equals\(cues\.length, (\d+)`)

// conformanceCases reads the WebVTT inputs (.vtt files, and the part of
// each .test file after its "===" line) and any TTML inputs under root,
// with their expected cue counts where the suite states them: the
// assert_equals(cues.length, N) of a .test file, the number of entries in
// the .json beside a cue-parsing .vtt file.
func conformanceCases(root string) ([]conformanceCase, error) {
	var cases []conformanceCase
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ext := filepath.Ext(path)
		switch ext {
		case ".vtt", ".test", ".ttml", ".dfxp":
		case ".xml":
			if strings.Contains(path, "ttml") {
				break
			}
			return nil
		default:
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		c := conformanceCase{rel: filepath.ToSlash(rel), path: path, data: b, cues: -1}
		switch ext {
		case ".test":
			head, input, ok := bytes.Cut(b, []byte("\n===\n"))
			if !ok {
				return fmt.Errorf("%s: no === line", path)
			}
			if c.data, err = unescapeTest(input); err != nil {
				return fmt.Errorf("%s: %v", path, err)
			}
			if m := cueCountRE.FindSubmatch(head); m != nil {
				c.cues, _ = strconv.Atoi(string(m[1]))
			}
		case ".vtt":
			if j, err := os.ReadFile(strings.TrimSuffix(path, ext) + ".json"); err == nil {
				var cues []json.RawMessage
				if err := json.Unmarshal(j, &cues); err != nil {
					return fmt.Errorf("%s.json: %v", strings.TrimSuffix(path, ext), err)
				}
				c.cues = len(cues)
			}
		}
		cases = append(cases, c)
		return nil
	})
	return cases, err
}

// unescapeTest undoes the escapes of the web-platform-tests WebVTT .test
// format, which are Python's: \xNN and \uNNNN stand for that code point
// (written in UTF-8, so \x00 is a NUL byte), and \r, \n, \t, \f, \v and \\
// for themselves.
func unescapeTest(b []byte) ([]byte, error) {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' || i+1 == len(b) {
			out = append(out, b[i])
			continue
		}
		i++
		switch c := b[i]; c {
		case 'x', 'u':
			n := 2
			if c == 'u' {
				n = 4
			}
			if i+n >= len(b) {
				return nil, fmt.Errorf("short \\%c escape at byte %d", c, i)
			}
			v, err := strconv.ParseUint(string(b[i+1:i+1+n]), 16, 32)
			if err != nil {
				return nil, fmt.Errorf("bad \\%c escape at byte %d", c, i)
			}
			out = append(out, string(rune(v))...)
			i += n
		case 'r':
			out = append(out, '\r')
		case 'n':
			out = append(out, '\n')
		case 't':
			out = append(out, '\t')
		case 'f':
			out = append(out, '\f')
		case 'v':
			out = append(out, '\v')
		case '\\':
			out = append(out, '\\')
		default:
			out = append(out, '\\', c)
		}
	}
	return out, nil
}

func TestUnescapeTest(t *testing.T) {
	got, err := unescapeTest([]byte(`a\x00b\r\n\uFFFD\x20\\x\q`))
	if err != nil {
		t.Fatal(err)
	}
	if want := "a\x00b\r\n\uFFFD \\x\\q"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestWriteDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	fa, err := uglycorpus.Write(a, uglycorpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := uglycorpus.Write(b, uglycorpus.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, f := range fa {
		x, _ := os.ReadFile(f.Path)
		y, _ := os.ReadFile(filepath.Join(b, f.Name))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two writes", f.Name)
		}
	}
}
